"""Wagtail's own menu labels, shortened where the French ones do not fit the sidebar (200 px:
about 18 characters, see tests/config/test_admin_menu_labels.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

#: Menu item name → shorter label.
SHORTER_LABELS = {
    "redirects": _("Redirections"),
    "page-types-usage": _("Types de page"),
    "aging-pages": _("Pages anciennes"),
}


def _shorten(menu_items) -> None:
    for item in menu_items:
        if item.name in SHORTER_LABELS:
            item.label = SHORTER_LABELS[item.name]
        elif item.name.startswith("whats-new-in-wagtail"):
            item.label = _("Nouveautés Wagtail")


@hooks.register("construct_settings_menu")
def shorten_settings_labels(request, menu_items):
    _shorten(menu_items)


@hooks.register("construct_reports_menu")
def shorten_reports_labels(request, menu_items):
    _shorten(menu_items)


@hooks.register("construct_help_menu")
def shorten_help_labels(request, menu_items):
    _shorten(menu_items)
