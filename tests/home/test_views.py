"""The home page as a visitor sees it, in French at / and in English at /en/."""

import pytest
from wagtail.models import Page

from home.demo import HOME
from tests.editorial.htmlparse import html_lang, parse

pytestmark = pytest.mark.django_db


def live_pages_by_url():
    return {
        page.get_url(): page for page in Page.objects.live().filter(depth__gte=2).select_related("locale")
    }


@pytest.mark.parametrize(("url", "lang"), [("/", "fr"), ("/en/", "en")])
def test_home_page_shows_the_hero_title_as_its_only_heading(demo_site, client, url, lang):
    response = client.get(url)

    assert response.status_code == 200
    doc = parse(response.content)
    assert html_lang(doc) == lang
    assert [h1.text for h1 in doc.find_all("h1")] == [HOME[lang]["hero"]["title"]]
    assert HOME[lang]["hero"]["title"] in doc.find("title").text


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_home_page_quotes_the_2026_figures_computed_from_the_palmares(full_demo, client, url):
    """The home page types no figure of the palmarès: its figures block computes them."""
    from label.models import LabelEdition
    from label.services.figures import edition_figures

    doc = parse(client.get(url).content)

    figures = edition_figures(LabelEdition.objects.get(year=2026))
    section = doc.find("section", class_="label-figures")
    shown = [value.text.strip() for value in section.find_all("dd", class_="key-figure__value")]
    assert shown[0] == str(figures.labelled) == "213"
    assert shown[3:] == [str(figures.ten), str(figures.mentions)] == ["10", "18"]
    assert "165" in section.find("dd", class_="key-figure__detail").text


@pytest.mark.parametrize(("url", "lang"), [("/", "fr"), ("/en/", "en")])
def test_featured_items_link_to_pages_in_the_same_language(demo_site, client, url, lang):
    doc = parse(client.get(url).content)
    pages = live_pages_by_url()

    featured = doc.find("section", class_="block-featured")
    assert featured is not None
    links = [a.get("href") for a in featured.find_all("a")]
    assert len(links) == 3
    for href in links:
        assert href in pages, f"{href} is not a live page"
        assert pages[href].locale.language_code == lang, f"{href} is not in {lang}"


@pytest.mark.parametrize(("url", "lang"), [("/", "fr"), ("/en/", "en")])
def test_hero_and_call_to_action_buttons_stay_in_the_same_language(demo_site, client, url, lang):
    doc = parse(client.get(url).content)
    pages = live_pages_by_url()

    buttons = doc.find("main").find_all("a", class_="button")
    assert [a.text for a in buttons] == [HOME[lang]["hero"]["link_text"], HOME[lang]["cta"]["link_text"]]
    for button in buttons:
        assert pages[button.get("href")].locale.language_code == lang


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_home_page_never_links_to_an_unpublished_page(demo_site, client, url):
    for slug in ("atlaas", "label"):  # a featured item and the hero button's target
        for page in Page.objects.filter(slug=slug):
            page.unpublish()
    doc = parse(client.get(url).content)

    broken = [
        a.get("href")
        for a in doc.find("main").find_all("a")
        if a.get("href", "").startswith("/") and client.get(a.get("href")).status_code != 200
    ]
    assert broken == []


def test_english_browser_gets_the_french_home_at_the_root(demo_site, client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200
    assert html_lang(parse(response.content)) == "fr"
    assert HOME["fr"]["hero"]["title"] in response.content.decode()


# With a warm process (issue 13; 31 and 33 before, SQLite, anonymous visitor, second
# request): the home reads its sections' own tables; the full demo's home is pinned in
# tests/core/test_query_pins.py.
HOME_PAGE_MAX_QUERIES = 14


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_home_page_query_count_is_pinned(demo_site, client, django_assert_max_num_queries, url):
    client.get(url)  # warm the site and settings caches as a second visitor would find them
    with django_assert_max_num_queries(HOME_PAGE_MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
