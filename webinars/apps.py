from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "webinars"
    verbose_name = _("Webinaires « C'est pour vous »")

    def ready(self) -> None:
        from . import signals  # noqa: F401
