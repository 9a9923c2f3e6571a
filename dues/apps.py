from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dues"
    verbose_name = _("Cotisations")

    def ready(self):
        from core import documents

        from .models import PaymentReceipt
        from .receipts import receipt_pdf

        documents.register(PaymentReceipt, receipt_pdf)
