from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = _("Fiches actions")

    def ready(self) -> None:
        from core import documents, fragment_cache

        from .models import ReportPdf
        from .services.report_documents import report_pdf

        # Asked for from the portal's report page, built by the task worker (services.report_documents).
        documents.register(ReportPdf, report_pdf)

        from . import signals  # noqa: F401
        from .models import ActionSheet

        fragment_cache.watch(ActionSheet)  # the laureates' sheets block (actions.blocks)
