"""Which parts of the page tree are restricted (Wagtail's view restrictions) and which pages are
aliases, kept in the cache.

Wagtail asks the database for every view restriction each time a queryset calls ``.public()``
and twice per page served (``check_view_restrictions``): three to six queries a page, for a
site that has few restrictions or none. The restricted pages' tree paths are now kept in the
cache, like the members-only paths (``core.models.pages.members_only_paths``), and forgotten
when a view restriction or a page is saved, deleted or moved, at once and again when the
transaction commits. With a shared cache (``REDIS_URL``, required in production) every process
sees the change at once; with a cache per process, another process sees it within
``PAGE_ACCESS_SECONDS``.

``install()`` makes ``PageQuerySet.private_q`` (hence ``.public()`` and ``.not_public()``) build
the same condition from the cache; ``BasePage.get_view_restrictions`` uses it too.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move

PAGE_ACCESS_CACHE_KEY = "core:page-access"
PAGE_ACCESS_SECONDS = 60


def _page_access() -> dict:
    access = cache.get(PAGE_ACCESS_CACHE_KEY)
    if access is None:
        from wagtail.models import Page, PageViewRestriction

        restricted = PageViewRestriction.objects.order_by("page__path").values_list(
            "page__path", "page__depth", "page_id"
        )
        aliases = Page.objects.filter(alias_of__isnull=False).order_by("path").values_list("path", flat=True)
        access = {"restricted": tuple(restricted), "aliases": tuple(aliases)}
        cache.set(PAGE_ACCESS_CACHE_KEY, access, PAGE_ACCESS_SECONDS)
    return access


def restricted_pages() -> tuple[tuple[str, int, int], ...]:
    """(tree path, depth, page id) of each page that carries a view restriction."""
    return _page_access()["restricted"]


def alias_paths() -> tuple[str, ...]:
    """Tree paths of the alias pages (their restrictions are their source's)."""
    return _page_access()["aliases"]


def forget() -> None:
    cache.delete(PAGE_ACCESS_CACHE_KEY)


def _private_q(queryset: PageQuerySet) -> Q:
    """Wagtail's ``PageQuerySet.private_q``: the restricted pages and their descendants (no
    page at all when nothing is restricted), from the cached paths."""
    condition = Q()
    for path, depth, _page_id in restricted_pages():
        condition |= Q(path__startswith=path) & Q(depth__gte=depth)
    return condition if condition else Q(pk__in=[])


def _forget(sender, instance=None, **kwargs) -> None:
    from wagtail.models import Page, PageViewRestriction

    if kwargs.get("signal") is post_page_move or isinstance(instance, Page | PageViewRestriction):
        from core.fragment_cache import forget_on_commit

        forget()
        forget_on_commit()


def install() -> None:
    """Called once from ``CoreConfig.ready``."""
    PageQuerySet.private_q = _private_q
    post_save.connect(_forget, dispatch_uid="core.page_access.saved")
    post_delete.connect(_forget, dispatch_uid="core.page_access.deleted")
    post_page_move.connect(_forget, dispatch_uid="core.page_access.moved")
