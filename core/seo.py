"""Search engines and sharing: JSON-LD (schema.org) builders and their safe serialisation.

Every page type answers ``json_ld(request) -> dict | None`` (see ``BasePage.json_ld``); the
head of ``base.html`` renders the result as ``<script type="application/ld+json">``. That
script is a data block: browsers never execute it, so the Content-Security-Policy
(``script-src 'self'``) does not block it, and no ``'unsafe-inline'`` is needed.

News articles and press releases share one builder: their page types override ``json_ld``
with::

    def json_ld(self, request):
        return news_article_json_ld(self, request, published=self.date)

The sharing image (og:image, and the ``image`` of a NewsArticle) is the page's own
``get_og_image()`` (each page type with an image overrides it; ``first_stream_image`` finds the
first image of a StreamField), else the site's default image (Paramètres > Paramètres du site).
"""

from __future__ import annotations

import datetime
import json
import logging

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, Site

logger = logging.getLogger(__name__)

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


def noon(day: datetime.date) -> datetime.datetime:
    """``day`` at noon, local time (Europe/Paris), as an aware datetime: the moment given for
    a dated article or release, so that the day stays the same in UTC and in most readers'
    time zones."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def news_article_json_ld(
    page: Page, request: HttpRequest, published: datetime.date | datetime.datetime | None = None
) -> dict:
    """schema.org NewsArticle for a news article or a press release (one builder for both).

    ``published`` is the date the page shows (an article's date, a release's date; a date is
    taken at noon, local time), else the first publication. The description is the page's
    meta description, the image its sharing image (``share_image``).
    """
    if published is None:
        published = page.first_published_at
    elif not isinstance(published, datetime.datetime):
        published = noon(published)
    description = getattr(page, "meta_description", "") or ""
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
    rendition = share_rendition(page, request)
    if rendition is not None:
        data["image"] = absolute_url(request, rendition.url)
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


# The size social networks show a shared link's image at.
SHARE_RENDITION = "fill-1200x630"


def first_stream_image(stream, block_types: tuple[str, ...] = ("image",)):
    """The image of the first block of ``block_types`` in a StreamField value that has one,
    or None. The blocks are StructBlocks with an ``image`` child (the figure block, the hero)."""
    for block in stream or ():
        if block.block_type in block_types and (image := block.value.get("image")) is not None:
            return image
    return None


def share_image(page: Page, request: HttpRequest):
    """The image shown when ``page`` is shared: its own (``get_og_image()``), else the site's
    default sharing image, else None."""
    image = page.get_og_image() if hasattr(page, "get_og_image") else None
    if image is None:
        site_settings = _site_settings(request)
        image = site_settings.default_share_image if site_settings is not None else None
    return image


def share_rendition(page: Page, request: HttpRequest):
    """The 1200×630 rendition of ``page``'s sharing image, or None (also when the image's file
    cannot be read: the page is shown without it); made once per request."""
    from wagtail.images.models import SourceImageIOError

    cache = request.__dict__.setdefault("_share_renditions", {})
    if page.pk not in cache:
        image = share_image(page, request)
        try:
            cache[page.pk] = image.get_rendition(SHARE_RENDITION) if image is not None else None
        except SourceImageIOError:
            logger.warning("Sharing image %s of page %s has no readable file", image.pk, page.pk)
            cache[page.pk] = None
    return cache[page.pk]
