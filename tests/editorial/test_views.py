"""Error pages, the health check and the standard page's query count."""

import datetime
import json

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.tasks import build_generated_document
from editorial.views import server_error
from tests.editorial.htmlparse import html_lang, parse
from tests.editorial.i18n_catalogue import english

pytestmark = pytest.mark.django_db


def test_french_404(demo_site, client):
    response = client.get("/nexiste-pas/")

    assert response.status_code == 404
    doc = parse(response.content)
    assert html_lang(doc) == "fr"
    assert [h1.text for h1 in doc.find_all("h1")] == ["Page introuvable"]
    assert doc.find("meta", name="robots").get("content") == "noindex"
    assert doc.find("main").find("a", class_="button").get("href") == "/"


def test_english_404(demo_site, client):
    response = client.get("/en/does-not-exist/")

    assert response.status_code == 404
    doc = parse(response.content)
    assert html_lang(doc) == "en"
    assert doc.find("main").find("a", class_="button").get("href") == "/en/"
    assert [h1.text for h1 in doc.find_all("h1")] == [english("Page introuvable")]


def test_404_without_any_site_still_renders(db, client):
    """Before the page tree exists (fresh install) the 404 page must not crash."""
    from wagtail.models import Site

    Site.objects.all().delete()
    response = client.get("/nexiste-pas/")

    assert response.status_code == 404
    assert [h1.text for h1 in parse(response.content).find_all("h1")] == ["Page introuvable"]


def test_500_page_renders_without_database(db, django_assert_num_queries):
    request = RequestFactory().get("/association/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    doc = parse(response.content)
    assert html_lang(doc) == "fr"
    assert [h1.text for h1 in doc.find_all("h1")] == ["Une erreur est survenue"]
    skip_link = doc.find("a", class_="skip-link")
    assert skip_link.get("href")[1:] in doc.ids()


def test_500_page_in_english(db, django_assert_num_queries):
    request = RequestFactory().get("/en/association/")

    with translation.override("en"), django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    doc = parse(response.content)
    assert html_lang(doc) == "en"
    assert doc.find("main").find("a", class_="button").get("href") == "/en/"
    assert [h1.text for h1 in doc.find_all("h1")] == [english("Une erreur est survenue")]


def test_healthz(db, client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "oldest_pending_task_age_seconds": None}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_the_age_of_the_oldest_task_waiting_for_the_worker(
    db, client, settings, django_assert_num_queries
):
    """A stopped worker shows as a growing age; tasks done, failed or not yet due do not count."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = timezone.now()
    waiting = build_generated_document.enqueue("editorial.pressreleasepdf", 1)
    newer = build_generated_document.enqueue("editorial.pressreleasepdf", 2)
    later = build_generated_document.using(run_after=now + datetime.timedelta(hours=1)).enqueue(
        "editorial.pressreleasepdf", 3
    )
    done = build_generated_document.enqueue("editorial.pressreleasepdf", 4)
    DBTaskResult.objects.filter(pk=waiting.id).update(enqueued_at=now - datetime.timedelta(seconds=600))
    DBTaskResult.objects.filter(pk=newer.id).update(enqueued_at=now - datetime.timedelta(seconds=30))
    DBTaskResult.objects.filter(pk=later.id).update(enqueued_at=now - datetime.timedelta(days=1))
    DBTaskResult.objects.filter(pk=done.id).update(
        enqueued_at=now - datetime.timedelta(days=2), status=TaskResultStatus.SUCCESSFUL
    )

    with django_assert_num_queries(1):
        response = client.get("/healthz/")

    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert 600 <= body["oldest_pending_task_age_seconds"] < 660

    # A task whose run_after has passed counts from then, not from when it was enqueued.
    DBTaskResult.objects.filter(pk__in=[waiting.id, newer.id]).delete()
    DBTaskResult.objects.filter(pk=later.id).update(run_after=now - datetime.timedelta(seconds=120))
    assert 120 <= json.loads(client.get("/healthz/").content)["oldest_pending_task_age_seconds"] < 180


# With a warm process (issue 13): 5 queries for /association/, 6 for /en/association/ (the
# English home is a translation to look up), one more on a page with subpages (SQLite,
# anonymous visitor, second request); 23 and 25 before.
STANDARD_PAGE_MAX_QUERIES = 7


@pytest.mark.parametrize("url", ["/association/", "/en/association/", "/label/", "/en/join/"])
def test_standard_page_query_count_is_pinned(demo_site, client, django_assert_max_num_queries, url):
    client.get(url)
    with django_assert_max_num_queries(STANDARD_PAGE_MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
