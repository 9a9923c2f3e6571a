"""Wagtail hooks of core: which served pages the page cache may store (core.page_cache)."""

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
