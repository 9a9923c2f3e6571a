"""Error pages, the health check and the standard page's query count."""

import json

import pytest
from django.test import RequestFactory
from django.utils import translation

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
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


# Measured with the demo data: 23 queries for /association/, 25 for /en/association/
# (SQLite, anonymous visitor, second request). Pinned at the larger one plus a small margin.
STANDARD_PAGE_MAX_QUERIES = 28


@pytest.mark.parametrize("url", ["/association/", "/en/association/", "/label/", "/en/join/"])
def test_standard_page_query_count_is_pinned(demo_site, client, django_assert_max_num_queries, url):
    client.get(url)
    with django_assert_max_num_queries(STANDARD_PAGE_MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
