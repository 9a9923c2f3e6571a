"""Views outside the page tree: error pages, the health check and /favicon.ico."""

from django.db.models import Case, F, Min, When
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django_tasks_db.models import DBTaskResult, get_date_max


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the language of the URL (LocaleMiddleware has already activated it)."""
    return HttpResponse(loader.render_to_string("404.html", request=request), status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """500 rendered without context processors or database: it must work when they fail."""
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def oldest_pending_task_age() -> int | None:
    """Seconds since the oldest task waiting for the worker became due (enqueued, or its
    `run_after` passed), or None when none waits. One query."""
    due_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest(F("enqueued_at"), F("run_after")),
    )
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min(due_since))["oldest"]
    if oldest is None:
        return None
    return max(0, int((timezone.now() - oldest).total_seconds()))


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for the load balancer, and the age of the oldest task still
    waiting for the worker: a number that keeps growing means the worker is stopped."""
    return JsonResponse({"status": "ok", "oldest_pending_task_age_seconds": oldest_pending_task_age()})


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page says: send them to the SVG icon that
    base.html links, instead of a 404."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
