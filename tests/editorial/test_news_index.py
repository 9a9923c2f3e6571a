"""The news index: pagination, filters by category, tag and year, empty states, query count."""

import datetime

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial.models import NewsCategory, NewsIndexPage
from home import demo as home_demo
from home.models import HomePage
from tests.datasets import dataset
from tests.editorial.htmlparse import parse
from tests.editorial.news_helpers import make_article, make_category, make_index

pytestmark = pytest.mark.django_db


def make_news_index(home: HomePage) -> NewsIndexPage:
    return make_index(home, introduction="Les nouvelles de l'association.")


def demo_news_index() -> NewsIndexPage:
    """A news index under the demo home (data-set loaders)."""
    home_demo.load(lambda message: None)
    return make_news_index(HomePage.objects.get(locale__language_code="fr", depth=2))


@pytest.fixture
def index(demo_site) -> NewsIndexPage:
    return make_news_index(demo_site)


@dataset("filtered", contains={"demo_site"})
def load_filtered() -> None:
    """Five articles over two years, two categories and two tags."""
    index = demo_news_index()
    locale = index.locale
    label = make_category(locale, "Label", "label")
    congres = make_category(locale, "Congrès", "congres")
    day = datetime.date
    make_article(index, title="Palmarès 2026", date=day(2026, 1, 30), categories=[label], tags=["Palmarès"])
    make_article(index, title="Congrès d'Agen", date=day(2026, 1, 29), categories=[congres], tags=["Agen"])
    make_article(index, title="Palmarès 2025", date=day(2025, 2, 7), categories=[label], tags=["Palmarès"])
    make_article(index, title="Saint-Raphaël", date=day(2025, 2, 6), categories=[congres, label])
    make_article(index, title="Brouillon", date=day(2026, 3, 1), categories=[label], live=False)


@pytest.fixture
def filtered(shared_data, demo_site) -> NewsIndexPage:
    """The demo site, its news index and five articles (shared)."""
    shared_data.use("filtered")
    return NewsIndexPage.objects.get(locale__language_code="fr")


def titles(response) -> list[str]:
    doc = parse(response.content)
    return [h3.text for h3 in doc.find_all("h3", class_="card__title")]


def current_links(response) -> list[str]:
    nav = parse(response.content).find("nav", class_="news-filters")
    return [a.text for a in nav.find_all("a") if a.get("aria-current") == "true"]


def test_index_lists_live_articles_newest_first(filtered, client):
    response = client.get("/actualites/")

    assert response.status_code == 200
    assert titles(response) == ["Palmarès 2026", "Congrès d'Agen", "Palmarès 2025", "Saint-Raphaël"]
    doc = parse(response.content)
    assert [h1.text for h1 in doc.find_all("h1")] == ["Actualités"]
    first = doc.find("li", class_="article-card")
    assert first.find("time").get("datetime") == "2026-01-30"
    assert [a.get("href") for a in first.find_all("a", class_="tag")] == ["/actualites/?categorie=label"]
    assert current_links(response) == []
    assert doc.find("div", class_="news-active-filters") is None


def test_filter_links_offer_what_exists(filtered, client):
    nav = parse(client.get("/actualites/").content).find("nav", class_="news-filters")
    hrefs = [a.get("href") for a in nav.find_all("a")]

    assert "?categorie=congres" in hrefs and "?categorie=label" in hrefs
    assert "?annee=2026" in hrefs and "?annee=2025" in hrefs
    assert "?tag=palmares" in hrefs and "?tag=agen" in hrefs


def test_filter_by_category(filtered, client):
    response = client.get("/actualites/?categorie=congres")

    assert titles(response) == ["Congrès d'Agen", "Saint-Raphaël"]
    assert current_links(response) == ["Congrès"]
    active = parse(response.content).find("div", class_="news-active-filters")
    assert "« Congrès »" in active.text
    assert "/actualites/" in [a.get("href") for a in active.find_all("a")]
    assert b'<meta name="robots" content="noindex, follow">' in response.content


def test_filter_by_tag(filtered, client):
    response = client.get("/actualites/?tag=palmares")

    assert titles(response) == ["Palmarès 2026", "Palmarès 2025"]
    assert current_links(response) == ["Palmarès"]


def test_filter_by_year(filtered, client):
    response = client.get("/actualites/?annee=2025")

    assert titles(response) == ["Palmarès 2025", "Saint-Raphaël"]
    assert current_links(response) == ["2025"]


def test_filters_combine_and_links_keep_the_other_filters(filtered, client):
    response = client.get("/actualites/?categorie=label&annee=2025")

    assert titles(response) == ["Palmarès 2025", "Saint-Raphaël"]
    assert sorted(current_links(response)) == ["2025", "Label"]
    doc = parse(response.content)
    hrefs = [a.get("href") for a in doc.find("nav", class_="news-filters").find_all("a")]
    assert "?categorie=label&annee=2026" in hrefs  # changing the year keeps the category
    remove = [a.get("href") for a in doc.find("div", class_="news-active-filters").find_all("a")]
    assert "?annee=2025" in remove  # removing the category keeps the year
    assert "?categorie=label" in remove


@pytest.mark.parametrize(
    "query",
    ["categorie=inconnue", "tag=nexiste-pas", "annee=deux-mille", "annee=99999", "categorie=label&tag=zzz"],
)
def test_unknown_filter_value_shows_an_empty_state(filtered, client, query):
    response = client.get(f"/actualites/?{query}")

    assert response.status_code == 200
    assert titles(response) == []
    doc = parse(response.content)
    assert "Aucune actualité ne correspond à ce filtre." in doc.find("p", class_="empty-state").text
    assert "/actualites/" in [a.get("href") for a in doc.find("p", class_="empty-state").find_all("a")]


def test_known_filter_with_no_article_shows_the_empty_state(filtered, client):
    response = client.get("/actualites/?annee=2019")

    assert titles(response) == []
    assert "Aucune actualité ne correspond à ce filtre." in response.content.decode()


def test_category_of_the_other_language_is_unknown_here(filtered, client, locales):
    make_category(locales["en"], "Congress", "congress")

    response = client.get("/actualites/?categorie=congress")

    assert titles(response) == []


def test_index_without_articles(index, client):
    response = client.get("/actualites/")

    assert response.status_code == 200
    assert "Aucune actualité publiée pour le moment." in response.content.decode()


@dataset("many", contains={"demo_site"})
def load_many() -> None:
    index = demo_news_index()
    for number in range(23):
        make_article(
            index, title=f"Nouvelle {number:02d}", date=datetime.date(2025, 1, 1) + datetime.timedelta(number)
        )


@pytest.fixture
def many(shared_data, demo_site) -> NewsIndexPage:
    """The demo site, its news index and 23 articles (shared)."""
    shared_data.use("many")
    return NewsIndexPage.objects.get(locale__language_code="fr")


def test_pagination_ten_per_page(many, client):
    first = client.get("/actualites/")
    third = client.get("/actualites/?page=3")

    assert titles(first) == [f"Nouvelle {n:02d}" for n in range(22, 12, -1)]
    assert titles(third) == ["Nouvelle 02", "Nouvelle 01", "Nouvelle 00"]
    nav = parse(third.content).find("nav", class_="pagination")
    assert nav.find("span", **{"aria-current": "page"}).text == "3"
    assert [a.get("href") for a in nav.find_all("a")] == ["?page=2", "?page=1", "?page=2"]


@pytest.mark.parametrize(("page", "shown"), [("abc", "1"), ("", "1"), ("-1", "3"), ("99", "3"), ("0", "3")])
def test_bad_page_numbers_never_fail(many, client, page, shown):
    """Not a number: the first page. Out of range: the last page."""
    response = client.get(f"/actualites/?page={page}")

    assert response.status_code == 200
    nav = parse(response.content).find("nav", class_="pagination")
    assert nav.find("span", **{"aria-current": "page"}).text == shown


def test_pagination_keeps_the_filters(many, client):
    label = make_category(many.locale, "Label", "label")
    for number in range(12):
        make_article(many, title=f"Label {number}", categories=[label])

    response = client.get("/actualites/?categorie=label&page=2")

    assert len(titles(response)) == 2
    hrefs = [a.get("href") for a in parse(response.content).find("nav", class_="pagination").find_all("a")]
    assert "?categorie=label&page=1" in hrefs


def _add_articles(index: NewsIndexPage, count: int) -> None:
    locale = index.locale
    categories = [
        NewsCategory.objects.get_or_create(
            locale=locale, slug=f"cat-{n}", defaults={"name": f"Catégorie {n}"}
        )[0]
        for n in range(3)
    ]
    existing = index.get_children().count()
    for number in range(existing, existing + count):
        make_article(
            index,
            title=f"Article {number}",
            date=datetime.date(2024, 1, 1) + datetime.timedelta(number),
            categories=categories[: 1 + number % 3],
            tags=[f"mot-{number % 4}", "commun"],
            image=wagtail_factories.ImageFactory() if number % 2 else None,
            image_alt="Une image de démonstration" if number % 2 else "",
        )


def _queries(client, url: str) -> int:
    client.get(url)  # warm up: renditions are created on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_articles(index, client, django_assert_max_num_queries):
    _add_articles(index, 5)
    with_five = _queries(client, "/actualites/")
    _add_articles(index, 25)
    with_thirty = _queries(client, "/actualites/")
    filtered = _queries(client, "/actualites/?categorie=cat-0&annee=2024&tag=commun")

    assert with_thirty == with_five, (with_five, with_thirty)
    assert with_five <= 12  # with a warm process (issue 13)
    assert filtered <= with_five + 3
    client.get("/actualites/?page=2")  # warm up its renditions
    with django_assert_max_num_queries(with_five):
        assert client.get("/actualites/?page=2").status_code == 200
    print(f"news index queries: 5 articles {with_five}, 30 articles {with_thirty}, filtered {filtered}")


def test_home_has_one_index_per_language_only(index):
    assert not NewsIndexPage.can_create_at(HomePage.objects.get(pk=index.get_parent().pk))


def test_spaces_around_a_filter_value_are_ignored(filtered, client):
    response = client.get("/actualites/", {"categorie": " congres ", "annee": " 2025"})

    assert titles(response) == ["Saint-Raphaël"]
    assert sorted(current_links(response)) == ["2025", "Congrès"]
