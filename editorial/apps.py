from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Éditorial")

    def ready(self) -> None:
        from . import press_signals

        press_signals.connect()
