from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dues"
    verbose_name = _("Cotisations")

    def ready(self) -> None:
        from core import documents

        from . import signals  # noqa: F401
        from .models import InvoicePdf, PaymentReceipt
        from .receipts import receipt_pdf
        from .services.invoice_documents import invoice_pdf

        # Built in a task at issue and when the engagement number changes (dues.services.invoices).
        documents.register(InvoicePdf, invoice_pdf)
        documents.register(PaymentReceipt, receipt_pdf)
