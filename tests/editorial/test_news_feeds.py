"""RSS 2.0 and Atom feeds of the news index, parsed with feedparser."""

import datetime

import feedparser
import pytest
from wagtail.models import Locale

from editorial.models import NewsIndexPage
from home import demo as home_demo
from home.models import HomePage
from tests.datasets import dataset
from tests.editorial.htmlparse import parse
from tests.editorial.news_helpers import make_article, make_category, make_index

pytestmark = pytest.mark.django_db


@dataset("indexes", contains={"demo_site"})
def load_indexes() -> None:
    """The demo site, a news index in each language, 22 French articles, a draft and an
    English article."""
    home_demo.load(lambda message: None)
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    french_index = make_index(home)
    english_home = home.get_translation(Locale.objects.get(language_code="en"))
    english_index = make_index(
        english_home, slug="news", title="News", translation_key=french_index.translation_key
    )
    label = make_category(home.locale, "Label", "label")
    for number in range(22):
        make_article(
            french_index,
            title=f"Actualité {number:02d}",
            slug=f"actualite-{number:02d}",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(number),
            categories=[label],
        )
    make_article(french_index, title="Brouillon", date=datetime.date(2026, 1, 1), live=False)
    make_article(english_index, title="2026 awards", slug="2026-awards", date=datetime.date(2026, 1, 30))


@pytest.fixture
def indexes(shared_data, demo_site) -> tuple[NewsIndexPage, NewsIndexPage]:
    """The French and English news indexes of the shared data set above."""
    shared_data.use("indexes")
    return tuple(NewsIndexPage.objects.get(locale__language_code=code) for code in ("fr", "en"))


@pytest.mark.parametrize(("path", "version"), [("flux/rss/", "rss20"), ("flux/atom/", "atom10")])
def test_french_feed_is_valid_and_lists_the_latest_twenty(indexes, client, path, version):
    response = client.get(f"/actualites/{path}")

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.title == "Actualités · Villes Internet"
    assert feed.feed.link == "http://testserver/actualites/"
    titles = [entry.title for entry in feed.entries]
    assert titles == [f"Actualité {n:02d}" for n in range(21, 1, -1)]  # 20 newest, no draft
    assert "2026 awards" not in titles
    first = feed.entries[0]
    assert first.link == "http://testserver/actualites/actualite-21/"
    assert tuple(first.published_parsed[:3]) == (2025, 1, 22)
    assert first.tags[0].term == "Label"


@pytest.mark.parametrize(("path", "version"), [("flux/rss/", "rss20"), ("flux/atom/", "atom10")])
def test_english_feed_lists_only_english_articles(indexes, client, path, version):
    feed = feedparser.parse(client.get(f"/en/news/{path}").content)

    assert feed.bozo == 0
    assert feed.version == version
    assert [entry.title for entry in feed.entries] == ["2026 awards"]
    assert feed.entries[0].link == "http://testserver/en/news/2026-awards/"
    assert feed.feed.get("language", "en") == "en"


def test_rss_declares_its_language_and_self_link(indexes, client):
    content = client.get("/actualites/flux/rss/").content.decode()

    assert "<language>fr</language>" in content
    assert 'href="http://testserver/actualites/flux/rss/"' in content


def test_feeds_are_announced_on_the_index_and_articles(indexes, client):
    for url in ["/actualites/", "/actualites/actualite-03/", "/en/news/", "/en/news/2026-awards/"]:
        doc = parse(client.get(url).content)
        alternates = {
            link.get("type"): link.get("href")
            for link in doc.find("head").find_all("link")
            if link.get("rel") == "alternate" and link.get("type")
        }
        prefix = "http://testserver/en/news/" if url.startswith("/en/") else "http://testserver/actualites/"
        assert alternates == {
            "application/rss+xml": prefix + "flux/rss/",
            "application/atom+xml": prefix + "flux/atom/",
        }, url
