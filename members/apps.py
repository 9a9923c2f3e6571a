from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Adhérents")

    def ready(self) -> None:
        from core import fragment_cache

        from . import signals  # noqa: F401
        from .models import MembershipSettings

        fragment_cache.watch(MembershipSettings)
