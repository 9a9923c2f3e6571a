"""The demo news: loaded by load_demo_data, idempotent (tests/editorial/test_page_quality.py
crawls its pages and links)."""

import pytest
from wagtail.models import Page

from core.models import SiteSettings
from editorial import demo_news
from editorial.models import ArticlePage, ArticleTag, NewsCategory, NewsIndexPage
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "articles": ArticlePage.objects.count(),
        "categories": NewsCategory.objects.count(),
        "tags": ArticleTag.objects.count(),
        "revisions": sum(page.revisions.count() for page in ArticlePage.objects.all()),
    }


def test_demo_news_contents(demo_news_site):
    french = ArticlePage.objects.filter(locale__language_code="fr")
    english = ArticlePage.objects.filter(locale__language_code="en")
    assert french.live().count() >= 12
    assert english.live().count() == 3
    # The English articles are the translations of the three latest French ones.
    latest = list(french.order_by("-date")[:3])
    assert {a.translation_key for a in english} == {a.translation_key for a in latest}
    assert NewsIndexPage.objects.get(locale__language_code="fr").url_path.endswith("/actualites/")
    assert NewsIndexPage.objects.get(locale__language_code="en").url_path.endswith("/news/")
    palmares = french.get(slug="palmares-2026-213-collectivites-labellisees")
    assert "165 villes, 40 villages et 8 territoires" in palmares.teaser
    assert [c.slug for c in palmares.categories.all()] == ["label"]
    assert set(NewsCategory.objects.filter(locale__language_code="en").values_list("name", flat=True)) == {
        "Label",
        "Congress",
        "Association",
        "Atlaas",
    }


def test_demo_news_is_idempotent(demo_news_site):
    before = _counts()
    navigation_before = list(SiteSettings.objects.values_list("main_navigation", flat=True))

    demo_news.load(lambda message: None)

    assert _counts() == before
    assert list(SiteSettings.objects.values_list("main_navigation", flat=True)) == navigation_before


def test_news_index_is_appended_to_the_main_navigation_once(demo_news_site, client):
    index = NewsIndexPage.objects.get(locale__language_code="fr")
    settings = SiteSettings.objects.get()
    pages = [block.value.pk for block in settings.main_navigation]
    assert pages.count(index.pk) == 1
    assert len(pages) == 6, "the five pages of home.demo are kept"

    nav = parse(client.get("/en/").content).find("nav", class_="main-nav")
    assert "/en/news/" in [a.get("href") for a in nav.find_all("a")]


def test_load_demo_data_runs_the_news_step(full_demo):
    assert "Actualités" in full_demo  # what the command printed
    assert ArticlePage.objects.filter(locale__language_code="fr").count() >= 12


def test_english_side_links_no_french_article(demo_news_site, client):
    english_urls = {a.get_url() for a in ArticlePage.objects.filter(locale__language_code="en")}
    french_urls = {a.get_url() for a in ArticlePage.objects.filter(locale__language_code="fr")}
    for url in ["/en/news/", *english_urls]:
        doc = parse(client.get(url).content)
        switcher = {a.get("href") for a in doc.find("nav", class_="language-switcher").find_all("a")}
        hrefs = {a.get("href") for a in doc.find_all("a")} - switcher
        assert hrefs, url
        assert not hrefs & french_urls, url
