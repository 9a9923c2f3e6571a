from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search across the apps (pages and collectivities): the top layer below config."""

    name = "search"
    verbose_name = _("recherche")
