"""Header, footer and language tags shared by every public template."""

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()


def _current_page(context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _site_root(request: HttpRequest) -> Page | None:
    site = Site.find_for_request(request)
    return site.root_page if site else None


def live_translations(page: Page) -> list[Page]:
    """``page`` and its live translations, with their locales, ordered by locale.

    The language switcher, the hreflang alternates and the Open Graph tags all need them:
    the list is kept on the page object so that a request asks the database once.
    """
    if not page.pk:
        return []
    cached = getattr(page, "_live_translations", None)
    if cached is None:
        cached = list(
            page.get_translations(inclusive=True).live().select_related("locale").order_by("locale_id")
        )
        page._live_translations = cached
    return cached


def localized_live_pages(pages: list[Page], locale: Locale) -> list[Page]:
    """The live translations of `pages` in `locale`, in the same order, in one query.

    Pages with no live translation in that locale are left out, so that the English side
    never links to a French page.
    """
    keys = [page.translation_key for page in pages if page is not None]
    if not keys:
        return []
    found = {
        page.translation_key: page
        for page in Page.objects.live().public().filter(translation_key__in=keys, locale=locale).specific()
    }
    return [found[key] for key in keys if key in found]


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per language: the translation of the current page, else that language's home."""
    request = context["request"]
    current = translation.get_language()
    page = _current_page(context)
    translations = {}
    if page is not None:
        translations = {p.locale.language_code: p for p in live_translations(page)}
    homes = {}
    if len(translations) < len(settings.LANGUAGES) and (root := _site_root(request)) is not None:
        homes = {p.locale.language_code: p for p in live_translations(root)}
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        url = target.get_url(request) if target else "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context) -> list[dict]:
    """hreflang alternates of the current page: every live translation, plus x-default (French)."""
    page = _current_page(context)
    if page is None:
        return []
    request = context["request"]
    links = [
        {"hreflang": p.locale.language_code, "url": p.get_full_url(request)} for p in live_translations(page)
    ]
    default = next((link for link in links if link["hreflang"] == settings.LANGUAGE_CODE), None)
    if default and len(links) > 1:
        links.append({"hreflang": "x-default", "url": default["url"]})
    return links


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    root = _site_root(context["request"])
    if root is None:
        return "/"
    home = root.localized
    return home.get_url(context["request"]) or "/"


@register.simple_tag
def localized_stream_pages(stream) -> list[Page]:
    """The pages chosen in a settings StreamField of page choosers, in the active language."""
    pages = [block.value for block in stream if block.value is not None]
    return localized_live_pages(pages, Locale.get_active())
