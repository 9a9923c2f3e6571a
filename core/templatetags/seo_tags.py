"""Open Graph and JSON-LD for the head of every page (templates/components/seo.html)."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from core.seo import absolute_url, dumps_for_script, share_rendition
from core.templatetags.site_tags import live_translations

register = template.Library()

# Open Graph wants a territory: language_TERRITORY.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code, language_code)


@register.inclusion_tag("components/seo.html", takes_context=True)
def seo_tags(context) -> dict:
    """og:* properties and the page's JSON-LD, for a Wagtail page in the context."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return {}
    current = translation.get_language() or settings.LANGUAGE_CODE
    other_languages = [p.locale.language_code for p in live_translations(page) if p.pk != page.pk]
    data = page.json_ld(request) if hasattr(page, "json_ld") else None
    rendition = share_rendition(page, request)
    return {
        "settings": context.get("settings"),
        "og": {
            "title": page.seo_title or page.title,
            "description": getattr(page, "meta_description", "") or "",
            "url": page.get_full_url(request),
            "type": getattr(page, "og_type", "website"),
            "locale": og_locale(current),
            "alternate_locales": sorted(og_locale(code) for code in other_languages),
        },
        "image": rendition,  # og:image, its width and height
        "image_url": absolute_url(request, rendition.url) if rendition is not None else "",
        "json_ld": dumps_for_script(data) if data else "",
    }
