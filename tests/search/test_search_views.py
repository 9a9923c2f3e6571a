"""Site search at /recherche/: found, not found, empty, absurd queries, pagination, queries."""

import pytest
from django.db import connection
from wagtail.models import Page

from editorial.models import StandardPage
from search.views import MAX_QUERY_LENGTH, clean_query
from territories.models import Collectivity, CollectivityKind
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db


def _results(response) -> list[str]:
    doc = parse(response.content)
    ol = doc.find("ol", class_="search__results")
    return [p.text for p in ol.find_all("p", class_="search-result__title")] if ol else []


def _add_pages(home, count: int, word: str = "mirobolant", start: int = 0) -> None:
    for number in range(start, start + count):
        home = Page.objects.get(pk=home.pk)
        page = home.add_child(
            instance=StandardPage(
                title=f"Projet {word} {number:03d}",
                slug=f"projet-{word}-{number:03d}",
                introduction=f"Un projet {word} de démonstration.",
                locale=home.locale,
            )
        )
        page.save_revision().publish()


def _add_collectivities(count: int, start: int = 0) -> None:
    Collectivity.objects.bulk_create(
        Collectivity(
            name=f"Mirobolant-sur-Songe {number:03d}",
            slug=f"mirobolant-sur-songe-{number:03d}",
            kind=CollectivityKind.COMMUNE,
            population=1000 + number,
        )
        for number in range(start, start + count)
    )


def test_empty_query_shows_a_prompt_and_searches_nothing(demo_site, client, django_assert_max_num_queries):
    client.get("/recherche/")  # a warm process (16 queries before issue 13)
    with django_assert_max_num_queries(2):
        response = client.get("/recherche/")

    assert response.status_code == 200
    doc = parse(response.content)
    assert [h1.text for h1 in doc.find_all("h1")] == ["Recherche"]
    assert "Saisissez un ou plusieurs mots" in doc.find("main").text
    assert doc.find("ol", class_="search__results") is None
    assert doc.find("input", id="search-page-query").get("value") == ""


def test_found_pages_of_the_active_language_with_the_query_kept(demo_site, client):
    response = client.get("/recherche/", {"q": "Congrès"})

    assert response.status_code == 200
    doc = parse(response.content)
    assert doc.find("input", id="search-page-query").get("value") == "Congrès"
    titles = _results(response)
    assert "Le Congrès" in titles
    assert "The congress" not in titles
    link = next(a for a in doc.find("ol", class_="search__results").find_all("a") if a.text == "Le Congrès")
    assert link.get("href") == "/congres/"


def test_english_search_finds_english_pages_only(demo_site, client):
    response = client.get("/en/search/", {"q": "congress"})

    assert response.status_code == 200
    titles = _results(response)
    assert "The congress" in titles
    assert "Le Congrès" not in titles


def test_draft_pages_are_not_found(demo_site, client):
    page = demo_site.add_child(
        instance=StandardPage(
            title="Brouillon mirobolant", slug="brouillon", live=False, locale=demo_site.locale
        )
    )
    page.save_revision()

    assert _results(client.get("/recherche/", {"q": "mirobolant"})) == []


def test_collectivities_found_by_name_and_insee_code(demo_site, client):
    Collectivity.objects.create(
        name="Brumeval-sur-Onde", slug="brumeval-sur-onde", kind=CollectivityKind.COMMUNE, insee_code="47999"
    )

    assert _results(client.get("/recherche/", {"q": "brumeval"})) == ["Brumeval-sur-Onde"]
    response = client.get("/recherche/", {"q": "47999"})
    assert _results(response) == ["Brumeval-sur-Onde"]
    assert "code INSEE 47999" in parse(response.content).find("ol", class_="search__results").text


def test_no_result_gives_advice(demo_site, client):
    response = client.get("/recherche/", {"q": "zzzxqwv"})

    assert response.status_code == 200
    text = parse(response.content).find("main").text
    assert "Aucun résultat pour « zzzxqwv »." in text
    assert "Vérifiez l'orthographe" in text


@pytest.mark.parametrize("query", ["?!…---", "   ", "<<>>", "%%%", "\x00\x01"])
def test_punctuation_only_or_blank_query_is_refused_politely(demo_site, client, query):
    response = client.get("/recherche/", {"q": query})

    assert response.status_code == 200
    doc = parse(response.content)
    assert doc.find("ol", class_="search__results") is None
    if query.strip("\x00\x01 "):
        assert "ni lettre ni chiffre" in doc.find("p", class_="search__notice").text


def test_very_long_query_is_truncated_with_a_message(demo_site, client):
    query = "Congrès " + "x" * 5000

    response = client.get("/recherche/", {"q": query})

    assert response.status_code == 200
    doc = parse(response.content)
    assert len(doc.find("input", id="search-page-query").get("value")) == MAX_QUERY_LENGTH
    assert f"{MAX_QUERY_LENGTH} premiers caractères" in doc.find("p", class_="search__notice").text


def test_clean_query_rules():
    assert clean_query("  Agen\t\n 2026 ").text == "Agen 2026"
    assert clean_query("a\x00b").text == "a b"
    assert clean_query("...").text == ""
    assert clean_query("x" * 300).text == "x" * MAX_QUERY_LENGTH


def test_results_are_paginated_by_ten(demo_site, client):
    _add_pages(demo_site, 14)
    _add_collectivities(11)

    first = client.get("/recherche/", {"q": "mirobolant"})
    doc = parse(first.content)
    assert len(_results(first)) == 10
    assert "25 résultats" in doc.find("p", class_="search__count").text
    assert doc.find("a", rel="next").get("href") == "?q=mirobolant&page=2"

    second = _results(client.get("/recherche/", {"q": "mirobolant", "page": 2}))
    third = _results(client.get("/recherche/", {"q": "mirobolant", "page": 3}))
    assert len(second) == 10 and len(third) == 5
    everything = _results(first) + second + third
    assert len(set(everything)) == 25
    # Pages first, then collectivities, in name order.
    assert everything[14:] == [f"Mirobolant-sur-Songe {n:03d}" for n in range(11)]
    # Out of range or not a number: the last or the first page, never an error.
    assert _results(client.get("/recherche/", {"q": "mirobolant", "page": 99})) == third
    assert _results(client.get("/recherche/", {"q": "mirobolant", "page": "abc"})) == _results(first)


def test_query_count_does_not_grow_with_the_number_of_results(
    demo_site, client, django_assert_max_num_queries
):
    _add_pages(demo_site, 5)
    _add_collectivities(5)
    client.get("/recherche/", {"q": "mirobolant"})  # warm the site and content type caches
    connection.queries_log.clear()  # a full log would make the count below 0
    with django_assert_max_num_queries(12) as small:  # 24 before issue 13
        assert client.get("/recherche/", {"q": "mirobolant"}).status_code == 200
    small_count = len(small.captured_queries)
    assert small_count > 0

    _add_pages(demo_site, 10, start=5)
    _add_collectivities(10, start=5)
    client.get("/recherche/", {"q": "mirobolant"})  # publishing renewed the header's cache
    connection.queries_log.clear()
    with django_assert_max_num_queries(small_count):
        response = client.get("/recherche/", {"q": "mirobolant"})
    assert "30 résultats" in parse(response.content).find("p", class_="search__count").text


def test_header_has_a_labelled_get_search_form(demo_site, client):
    doc = parse(client.get("/").content)

    form = doc.find("form", class_="site-search")
    assert form.get("method") == "get" and form.get("action") == "/recherche/"
    field = form.find("input", name="q")
    assert doc.find("label", **{"for": field.get("id")}).text == "Rechercher sur le site"
    english = parse(client.get("/en/").content).find("form", class_="site-search")
    assert english.get("action") == "/en/search/"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="French stemming needs PostgreSQL's full-text search (CI runs PostgreSQL).",
)
def test_french_stemming_on_postgresql(demo_site, client):
    home = Page.objects.get(pk=demo_site.pk)
    page = home.add_child(
        instance=StandardPage(
            title="Calendrier des candidatures",
            slug="calendrier-candidatures",
            introduction="Les collectivités labellisées reçoivent leur panneau lors du Congrès.",
            locale=demo_site.locale,
        )
    )
    page.save_revision().publish()

    assert "Calendrier des candidatures" in _results(client.get("/recherche/", {"q": "labellisée"}))
    assert "Calendrier des candidatures" in _results(client.get("/recherche/", {"q": "labellisation"}))
    assert "Calendrier des candidatures" in _results(client.get("/recherche/", {"q": "panneaux"}))
