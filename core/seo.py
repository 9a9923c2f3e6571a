"""Search engines and sharing: JSON-LD (schema.org) builders and their safe serialisation.

Every page type answers ``json_ld(request) -> dict | None`` (see ``BasePage.json_ld``); the
head of ``base.html`` renders the result as ``<script type="application/ld+json">``. That
script is a data block: browsers never execute it, so the Content-Security-Policy
(``script-src 'self'``) does not block it, and no ``'unsafe-inline'`` is needed.

Hook for news articles and press releases: their page types override ``json_ld`` with::

    def json_ld(self, request):
        return news_article_json_ld(self, request)

``news_article_json_ld`` reads, when present, ``date`` (or ``first_published_at``),
``teaser``/``introduction`` and ``get_og_image()``.
"""

from __future__ import annotations

import datetime
import json

from django.conf import settings
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, Site

# The characters that could end the <script> element or open an HTML comment, escaped the
# way django.utils.html.json_script does it.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def dumps_for_script(data: dict) -> SafeString:
    """JSON safe to place inside <script type="application/ld+json">…</script>."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 (the three characters that matter in HTML are escaped)


def _site_settings(request: HttpRequest):
    from core.models import SiteSettings

    if Site.find_for_request(request) is None:
        return None
    return SiteSettings.for_request(request)  # cached on the request, shared with the templates


def absolute_url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def organization_json_ld(request: HttpRequest, home: Page | None = None) -> dict:
    """The association as a schema.org Organization: name, url, logo, sameAs (social links)."""
    from django.templatetags.static import static

    site_settings = _site_settings(request)
    if home is None:
        site = Site.find_for_request(request)
        home = site.root_page.localized if site else None
    name = (site_settings.organisation_name if site_settings else "") or settings.WAGTAIL_SITE_NAME
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": name,
        "url": home.get_full_url(request) if home is not None else absolute_url(request, "/"),
        "logo": absolute_url(request, static("img/logo.svg")),
    }
    if site_settings is not None:
        same_as = [block.value["url"] for block in site_settings.social_links if block.value.get("url")]
        if same_as:
            data["sameAs"] = same_as
        if site_settings.email:
            data["email"] = site_settings.email
    return data


def _organizer(request: HttpRequest) -> dict:
    data = organization_json_ld(request)
    return {"@type": "Organization", "name": data["name"], "url": data["url"]}


def _date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def news_article_json_ld(page: Page, request: HttpRequest) -> dict:
    """schema.org NewsArticle for an article or a press release.

    Reads ``date`` (else ``first_published_at``), ``teaser`` (else the meta description)
    and ``get_og_image()`` when the page has them.
    """
    published = getattr(page, "date", None) or page.first_published_at
    description = getattr(page, "teaser", "") or getattr(page, "meta_description", "") or ""
    organisation = _organizer(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": (page.seo_title or page.title)[:110],
        "url": page.get_full_url(request),
        "mainEntityOfPage": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
        "author": organisation,
        "publisher": {**organisation, "logo": organization_json_ld(request)["logo"]},
    }
    if published:
        data["datePublished"] = _date(published)
    if page.last_published_at:
        data["dateModified"] = _date(page.last_published_at)
    if description:
        data["description"] = description
    image = page.get_og_image() if hasattr(page, "get_og_image") else None
    if image is not None:
        data["image"] = og_image_url(image, request)
    return data


def congress_event_json_ld(page, request: HttpRequest) -> dict:
    """schema.org Event for a congress edition (CongressPage)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": page.get_full_url(request),
        "startDate": _date(page.start_date),
        "endDate": _date(page.end_date),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "inLanguage": page.locale.language_code,
        "location": {
            "@type": "Place",
            "name": page.city,
            "address": {"@type": "PostalAddress", "addressLocality": page.city, "addressCountry": "FR"},
        },
        "organizer": _organizer(request),
    }
    if page.meta_description:
        data["description"] = page.meta_description
    return data


def og_image_url(image, request: HttpRequest) -> str:
    """Absolute URL of a 1200×630 rendition of a Wagtail image, for og:image."""
    rendition = image.get_rendition("fill-1200x630")
    return request.build_absolute_uri(rendition.url)
