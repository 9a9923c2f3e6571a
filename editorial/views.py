"""Views outside the page tree: error pages, the health check and /favicon.ico."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the language of the URL (LocaleMiddleware has already activated it)."""
    return HttpResponse(loader.render_to_string("404.html", request=request), status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """500 rendered without context processors or database: it must work when they fail."""
    return HttpResponse(loader.render_to_string("500.html"), status=500)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for the load balancer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page says: send them to the SVG icon that
    base.html links, instead of a 404."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
