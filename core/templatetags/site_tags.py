"""Header, footer and language tags shared by every public template."""

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page

from core.fragment_cache import SiteChrome, cached_value, site_chrome

register = template.Library()


def _current_page(context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


def live_translations(page: Page) -> list[Page]:
    """``page`` and its live translations, with their locales, ordered by locale.

    The language switcher, the hreflang alternates and the Open Graph tags all need them:
    the list is kept on the page object, and in the fragment cache until a page changes, so
    that a warm process does not ask the database for them.
    """
    if not page.pk:
        return []
    cached = getattr(page, "_live_translations", None)
    if cached is None:
        cached = page._live_translations = cached_value(
            f"translations:{page._meta.label}:{page.translation_key}",
            lambda: list(
                page.get_translations(inclusive=True).live().select_related("locale").order_by("locale_id")
            ),
        )
    return cached


def _sub_path(request: HttpRequest, page: Page) -> str:
    """What follows the page's own URL in the request's path: the route of a routable page
    (``collectivites/dijon/`` under the palmarès index), empty on the page itself."""
    page_url = page.get_url(request) or ""
    if page_url.startswith("/") and request.path.startswith(page_url):
        return request.path[len(page_url) :]
    return ""


def _is_page_route(request: HttpRequest) -> bool:
    """Whether the request went to Wagtail's page router (pages and unknown paths alike)."""
    match = getattr(request, "resolver_match", None)
    return match is None or match.url_name == "wagtail_serve"


def _translated_view_url(request: HttpRequest, code: str) -> str:
    """The request's URL at its path in language ``code``, the query kept; where to go next
    (``?next=``, a path of this site) translated as well."""
    url = translate_url(request.path, code)
    query = request.GET.copy()
    next_url = query.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
        query["next"] = translate_url(next_url, code)
    return f"{url}?{query.urlencode(safe='/')}" if query else url


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per language, to the same content in that language.

    On a page: its translation, with the route of a routable page kept (a collectivity's
    history). On a view of its own (search, account, member portal): the same view at its
    translated path, with the query kept (``translate_url``). Else, or with no translation:
    that language's home.
    """
    request = context["request"]
    current = translation.get_language()
    page = _current_page(context)
    translations = {}
    sub_path = ""
    if page is not None:
        translations = {p.locale.language_code: p for p in live_translations(page)}
        sub_path = _sub_path(request, page)
    homes = site_chrome(request).home_urls if len(translations) < len(settings.LANGUAGES) else {}
    own_view = page is None and not _is_page_route(request)
    links = []
    for code, name in settings.LANGUAGES:
        if own_view:
            url = _translated_view_url(request, code)
        elif target := translations.get(code):
            url = (target.get_url(request) or "/") + sub_path
        elif target := homes.get(code):
            url = target
        else:
            url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context) -> list[dict]:
    """hreflang alternates of the current page: every live translation (with the route of a
    routable page), plus x-default (French)."""
    page = _current_page(context)
    if page is None:
        return []
    request = context["request"]
    sub_path = _sub_path(request, page)
    links = [
        {"hreflang": p.locale.language_code, "url": p.get_full_url(request) + sub_path}
        for p in live_translations(page)
    ]
    default = next((link for link in links if link["hreflang"] == settings.LANGUAGE_CODE), None)
    if default and len(links) > 1:
        links.append({"hreflang": "x-default", "url": default["url"]})
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The full URL of the current page, with the route of a routable page (a collectivity's
    history is its own page, not the palmarès index); "" outside pages."""
    page = _current_page(context)
    if page is None:
        return ""
    request = context["request"]
    full_url = page.get_full_url(request)
    return full_url + _sub_path(request, page) if full_url else ""


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    """The home in the active language (the site's root when it has no live translation)."""
    request = context["request"]
    chrome = site_chrome(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    return chrome.home_urls.get(language) or chrome.root_url


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page: Page) -> list[Page]:
    """``page.get_ancestors()`` without the tree's root: taken from the pages the router found
    for this request (core.models.BasePage.route) when it walked the whole path, else asked."""
    request = context.get("request")
    known = getattr(request, "_core_route_pages", None) if request is not None else None
    if known and page.url_path:
        parts = page.url_path.strip("/").split("/")
        prefixes = ["/" + "/".join(parts[:level]) + "/" for level in range(1, len(parts))]
        ancestors = [known.get(prefix) for prefix in prefixes]
        if len(ancestors) == page.depth - 2 and all(
            ancestor is not None and ancestor.depth == level
            for level, ancestor in enumerate(ancestors, start=2)
        ):
            return ancestors
    return list(page.get_ancestors()[1:])


@register.simple_tag(takes_context=True)
def chrome(context) -> SiteChrome:
    """The header's and footer's links (main navigation, legal pages), from the fragment cache."""
    return site_chrome(context["request"])
