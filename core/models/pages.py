"""The base of every public page type: introduction, meta description, sharing image,
structured data, and the members-only flag (which also covers the page's descendants)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search import index

from core.page_access import alias_paths, restricted_pages

MEMBERS_ONLY_CACHE_KEY = "core:members-only-paths"
# Saving a page forgets the paths in the cache of the process that saved it; processes that do
# not share a cache (local memory, no REDIS_URL) see the change within this delay at worst.
MEMBERS_ONLY_CACHE_SECONDS = 60


class BasePage(Page):
    """Fields every public page shares: a short introduction used as the meta description,
    and the members-only flag."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=300,
        help_text=_("Deux phrases au plus ; reprises dans les résultats de recherche et le partage."),
    )
    members_only = models.BooleanField(
        _("réservée aux adhérents"),
        default=False,
        help_text=_(
            "Seules les personnes d'une collectivité adhérente (à jour ou en délai de grâce) "
            "peuvent lire la page et ses sous-pages ; les autres voient comment adhérer. Elles "
            "sortent alors du plan du site, des flux et de la recherche des visiteurs."
        ),
    )

    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    # The field the meta description falls back on (search results show it too).
    summary_field = "introduction"
    settings_panels = [*Page.settings_panels, FieldPanel("members_only")]

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description or self.introduction

    def get_og_image(self):
        """The image shared on social networks (og:image), or None. Page types with an image
        override it."""
        return None

    def json_ld(self, request) -> dict | None:
        """Structured data (schema.org) for this page, rendered as JSON-LD in the head, or None."""
        return None

    def is_members_only(self) -> bool:
        """True if this page or one of its ancestors is flagged members-only."""
        if getattr(self, "members_only", False):
            return True
        return bool(self.path) and any(self.path.startswith(path) for path in members_only_paths())

    def get_sitemap_urls(self, request=None):
        if self.is_members_only():
            return []
        return super().get_sitemap_urls(request)

    def route(self, request, path_components):
        """Find the page of ``path_components`` under this one with one query for the whole
        path, instead of two queries per level (Wagtail's ``Page.route``).

        The pages of the path are found by their URL paths; the walk hands over to a page whose
        type routes on its own (a routable page's sub-routes come before its children) or to the
        last page, which checks that it is live as Wagtail does.
        """
        if not path_components:
            # The page's locale is the active one, which the router has just looked up.
            try:
                active = Locale.get_active()
            except Locale.DoesNotExist:
                active = None
            if active is not None and active.pk == self.locale_id:
                self.locale = active
            return super().route(request, path_components)
        prefixes = []
        url_path = self.url_path
        for component in path_components:
            url_path += component + "/"
            prefixes.append(url_path)
        # A routable page on the way routes again from itself: the pages found are kept.
        known = request.__dict__.setdefault("_core_route_pages", {}) if request is not None else {}
        known.setdefault(self.url_path, self)
        missing = [prefix for prefix in prefixes if prefix not in known]
        if missing:
            known.update(dict.fromkeys(missing))
            known.update(
                (page.url_path, page)
                for page in Page.objects.filter(
                    path__startswith=self.path,
                    depth__gt=self.depth,
                    depth__lte=self.depth + len(path_components),
                    url_path__in=missing,
                )
            )
        found = {prefix: known[prefix] for prefix in prefixes}
        parent = self
        for level, prefix in enumerate(prefixes, start=1):
            page = found.get(prefix)
            if page is None or page.depth != self.depth + level:
                raise Http404
            page._cached_parent_obj = parent
            remaining = path_components[level:]
            model = page.specific_class
            if not remaining or model is None or getattr(model, "route", None) is not BasePage.route:
                return page.specific.route(request, remaining)
            parent = page
        raise Http404

    def get_view_restrictions(self):
        """The view restrictions that apply to this page, without a query when there is none
        (the restricted pages are kept in the cache, core.page_access). Under an alias, Wagtail's
        own lookup (the alias's source carries the restrictions)."""
        if any(self.path.startswith(path) for path in alias_paths()):
            return super().get_view_restrictions()
        ids = [page_id for path, _depth, page_id in restricted_pages() if self.path.startswith(path)]
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=ids)


def introductions(pages) -> dict[int, str]:
    """The introduction of each page (or the field its type shows instead, ``summary_field``),
    by page id, in one query across the page types' tables: no specific page is loaded."""
    by_model: dict[type, list[int]] = {}
    for page in pages:
        model = page.specific_class
        if getattr(model, "summary_field", None):
            by_model.setdefault(model, []).append(page.pk)
    querysets = [
        model.objects.filter(pk__in=ids).order_by().values_list("pk", model.summary_field)
        for model, ids in by_model.items()
    ]
    if not querysets:
        return {}
    return dict(querysets[0].union(*querysets[1:], all=True))


def members_only_page_models() -> list[type[Page]]:
    """The concrete page types that carry the members-only flag."""
    from wagtail.models import get_page_models

    return [
        model
        for model in get_page_models()
        if issubclass(model, BasePage) and any(field.name == "members_only" for field in model._meta.fields)
    ]


def members_only_paths() -> tuple[str, ...]:
    """Tree paths of the pages flagged members-only, each covering its descendants.

    One UNION query over the page types, then kept in the cache until a page is saved,
    deleted or moved (see core.signals), for a minute at most.
    """
    paths = cache.get(MEMBERS_ONLY_CACHE_KEY)
    if paths is None:
        querysets = [
            model.objects.filter(members_only=True).order_by().values_list("path", flat=True)
            for model in members_only_page_models()
        ]
        found = querysets[0].union(*querysets[1:]) if querysets else []
        paths = tuple(sorted(found))
        cache.set(MEMBERS_ONLY_CACHE_KEY, paths, MEMBERS_ONLY_CACHE_SECONDS)
    return paths


def forget_members_only_paths() -> None:
    cache.delete(MEMBERS_ONLY_CACHE_KEY)


def members_only_condition() -> Q | None:
    """A filter matching the members-only pages and their descendants, or None if there are none."""
    paths = members_only_paths()
    if not paths:
        return None
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def exclude_members_only(queryset):
    """``queryset`` (of Page or a page model) without members-only pages and their descendants."""
    condition = members_only_condition()
    return queryset if condition is None else queryset.exclude(condition)
