"""/sitemap.xml and /robots.txt.

The sitemap lists every live public page of the site in every language, each with its live
translations as ``<xhtml:link rel="alternate" hreflang>`` (plus x-default, the French page),
rendered by Django's sitemap template, which knows the ``alternates`` of each URL.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page


class TranslatedPagesSitemap(Sitemap):
    """Wagtail's sitemap over the whole site (every language's tree), with hreflang alternates."""

    def _trees(self) -> Q:
        """The page trees of the site: its root page and the root's translations."""
        trees = Q()
        for home in self.get_wagtail_site().root_page.get_translations(inclusive=True):
            trees |= Q(path__startswith=home.path)
        return trees

    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(self._trees())
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        pages = list(self.paginator.page(page).object_list)
        by_key: dict = defaultdict(list)
        translations = (
            Page.objects.live()
            .public()
            .filter(self._trees(), translation_key__in={item.translation_key for item in pages})
            .select_related("locale")
        )
        for translation in translations:
            by_key[translation.translation_key].append(translation)
        locations = {translation.pk: translation.get_full_url(self.request) for translation in translations}
        for item in pages:
            alternates = []
            siblings = sorted(by_key[item.translation_key], key=lambda p: p.locale.language_code)
            if len(siblings) > 1:
                alternates = [
                    {"lang_code": sibling.locale.language_code, "location": locations[sibling.pk]}
                    for sibling in siblings
                    if locations[sibling.pk]
                ]
                default = next((a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None)
                if default:
                    alternates.append({"lang_code": "x-default", "location": default["location"]})
            for url_info in item.get_sitemap_urls(self.request):
                url_info = {**url_info, "alternates": alternates}
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


@require_GET
@cache_control(max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
