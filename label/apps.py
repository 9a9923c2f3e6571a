from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabelConfig(AppConfig):
    name = "label"
    verbose_name = _("Label")

    def ready(self) -> None:
        from core import fragment_cache
        from territories.models import Collectivity

        from . import signals  # noqa: F401
        from .models import Distinction, LabelEdition, Labellisation

        # label.blocks: the editions of the sections, and the figures they quote.
        fragment_cache.watch(
            LabelEdition, Labellisation, Distinction, Collectivity, Collectivity.member_communes.through
        )
