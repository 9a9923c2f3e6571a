import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from core.private_documents import serve_document
from editorial import sitemap as editorial_sitemap
from editorial import views as editorial_views
from search import views as search_views

handler404 = "editorial.views.page_not_found"
handler500 = "editorial.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    # Wagtail's document view, its answers about private documents marked private (no shared cache).
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", editorial_views.healthz, name="healthz"),
    path("favicon.ico", editorial_views.favicon, name="favicon"),
    # Open data of the label, the same file in every language.
    path("", include("label.urls")),
    # Open data of the Atlaas catalogue.
    path("", include("actions.urls")),
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"pages": editorial_sitemap.TranslatedPagesSitemap}},
        name="sitemap",
    ),
    path("robots.txt", editorial_sitemap.robots_txt, name="robots_txt"),
]


def serve_media(request, path: str):
    """Development only: one uploaded file from MEDIA_ROOT."""
    from django.views.static import serve

    return serve(request, path, document_root=settings.MEDIA_ROOT)


def media_urlpatterns() -> list:
    """Development only: the uploaded files under MEDIA_URL, except `documents/` (Wagtail's
    documents, some private, are served by the document view above, never as plain files; the
    production proxy follows the same rule, docs/operations.md)."""
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?!documents/)(?P<path>.*)$", serve_media)]


if settings.DEBUG:
    urlpatterns += media_urlpatterns()

# Paths in the language of the page (/compte/, /en/account/): the catalogue translates them.
urlpatterns += i18n_patterns(
    path(_("recherche/"), search_views.search, name="search"),
    path(_("compte/"), include("members.account_urls")),
    path(_("espace-membre/fiches-actions/"), include("actions.portal_urls")),
    path(_("espace-membre/"), include("members.urls")),
    # One path in both languages (/cotisations/, /en/cotisations/): the join page links to it.
    path("cotisations/", include("dues.urls")),
    path(_("webinaires/"), include("webinars.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
