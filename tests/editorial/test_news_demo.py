"""The demo news: loaded by load_demo_data, idempotent, every page and link answering 200."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Page

from core.models import SiteSettings
from editorial import demo_news
from editorial.models import ArticlePage, ArticleTag, NewsCategory, NewsIndexPage
from tests.editorial.htmlparse import html_lang, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_news_site(demo_site):
    demo_news.load(lambda message: None)
    return demo_site


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


def test_load_demo_data_runs_the_news_step(db):
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "Actualités" in out.getvalue()
    assert ArticlePage.objects.filter(locale__language_code="fr").count() >= 12


def test_every_news_page_and_link_answers_200(demo_news_site, client):
    """Crawl the news pages of both languages and every internal link on them."""
    pages = list(
        Page.objects.live().type(NewsIndexPage, ArticlePage).select_related("locale").order_by("path")
    )
    assert len(pages) == 2 + ArticlePage.objects.live().count()
    links: dict[str, str] = {}
    for page in pages:
        url = page.get_url()
        response = client.get(url)
        assert response.status_code == 200, url
        doc = parse(response.content)
        assert html_lang(doc) == page.locale.language_code, url
        assert len(doc.find_all("h1")) == 1, url
        assert not [
            s for s in doc.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"
        ], url
        for a in doc.find_all("a"):
            href = a.get("href") or ""
            parts = urlsplit(href)
            if href.startswith(("#", "mailto:", "tel:")) or (parts.netloc and parts.hostname != "testserver"):
                continue
            path = parts.path or urlsplit(url).path
            links.setdefault(path + (f"?{parts.query}" if parts.query else ""), url)
    assert any("categorie=" in link for link in links)
    assert any("tag=" in link for link in links)
    broken = []
    for path, found_on in sorted(links.items()):
        status = client.get(path).status_code
        if status != 200:
            broken.append(f"{path} (linked from {found_on}) answers {status}")
    assert not broken, "\n".join(broken)


def test_english_side_links_no_french_article(demo_news_site, client):
    english_urls = {a.get_url() for a in ArticlePage.objects.filter(locale__language_code="en")}
    french_urls = {a.get_url() for a in ArticlePage.objects.filter(locale__language_code="fr")}
    for url in ["/en/news/", *english_urls]:
        doc = parse(client.get(url).content)
        switcher = {a.get("href") for a in doc.find("nav", class_="language-switcher").find_all("a")}
        hrefs = {a.get("href") for a in doc.find_all("a")} - switcher
        assert hrefs, url
        assert not hrefs & french_urls, url
