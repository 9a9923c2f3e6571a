from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from editorial import sitemap as editorial_sitemap
from editorial import views as editorial_views
from search import views as search_views

handler404 = "editorial.views.page_not_found"
handler500 = "editorial.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", editorial_views.healthz, name="healthz"),
    path("favicon.ico", editorial_views.favicon, name="favicon"),
    # Open data of the label, the same file in every language.
    path("", include("label.urls")),
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"pages": editorial_sitemap.TranslatedPagesSitemap}},
        name="sitemap",
    ),
    path("robots.txt", editorial_sitemap.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("recherche/", search_views.search, name="search"),
    path("compte/", include("members.account_urls")),
    path("espace-membre/", include("members.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
