from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabelConfig(AppConfig):
    name = "label"
    verbose_name = _("Label")

    def ready(self) -> None:
        from core import fragment_cache

        from . import signals  # noqa: F401
        from .models import LabelEdition

        fragment_cache.watch(LabelEdition)  # label.blocks.editions_by_pk
