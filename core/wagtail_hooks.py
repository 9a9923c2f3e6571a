"""Wagtail hooks of core: which served pages the page cache may store (core.page_cache), and
Wagtail's own menu labels, shortened where the French ones do not fit the sidebar (200 px:
about 18 characters, see tests/config/test_admin_menu_labels.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import page_cache
from .models import BasePage


@hooks.register("before_serve_page")
def tag_page_for_the_cache(page, request, serve_args, serve_kwargs):
    """A public page (and its routable sub-pages) may be stored, tagged with its id; a
    members-only one never is. Returns nothing: the page is served as usual."""
    if isinstance(page, BasePage) and page.is_members_only():
        page_cache.mark_private(request)
    else:
        page_cache.mark_cacheable(request, page_cache.page_tag(page.pk))


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
