from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: base page, blocks, site settings, SEO, CSV import, generated
    documents, demo-loading helpers and the project-wide commands."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("socle commun")

    def ready(self) -> None:
        from . import checks, fragment_cache, page_access, request_memo, signals  # noqa: F401
        from .csv_export import use_for_wagtail_exports

        use_for_wagtail_exports()
        request_memo.install()
        fragment_cache.connect()
        page_access.install()
