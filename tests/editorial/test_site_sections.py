"""Every section of the demo can be reached: the press room and news from the navigation, the
congress editions from "Le Congrès", the palmarès from its release, the English kit from the
English press room, the members' resources from the portal, the press room from the search."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from core.models import SiteSettings
from editorial.models import CongressPage, MembersResourcesPage, PressKitPage, PressRoomPage, StandardPage
from tests.editorial.htmlparse import parse
from tests.members.conftest import make_side

pytestmark = pytest.mark.django_db


def main_navigation(client, url: str) -> list[str]:
    nav = parse(client.get(url).content).find("nav", class_="main-nav")
    return [a.get("href") for a in nav.find_all("a")]


@pytest.mark.parametrize(
    ("url", "press", "news"), [("/", "/presse/", "/actualites/"), ("/en/", "/en/press/", "/en/news/")]
)
def test_press_room_and_news_are_in_the_main_navigation(full_demo, client, url, press, news):
    links = main_navigation(client, url)

    assert press in links
    assert news in links


@pytest.mark.parametrize(
    ("url", "editions"),
    [
        ("/congres/", ["/congres/agen-2026/", "/congres/saint-raphael-2025/"]),
        ("/en/congress/", ["/en/congress/agen-2026/", "/en/congress/saint-raphael-2025/"]),
    ],
)
def test_congress_index_lists_its_editions_newest_first(full_demo, client, url, editions):
    doc = parse(client.get(url).content)

    section = doc.find("section", class_="subpages")
    assert section is not None
    assert [a.get("href") for a in section.find_all("a")] == editions
    assert len(doc.find_all("h1")) == 1


@pytest.mark.parametrize(
    ("url", "palmares"),
    [("/presse/palmares-2026-agen/", "/label/palmares/2026/"), ("/en/press/2026-awards-agen/", None)],
)
def test_release_links_the_palmares_it_announces(full_demo, client, url, palmares):
    from label.models import PalmaresPage

    doc = parse(client.get(url).content)
    language = "en" if url.startswith("/en/") else "fr"
    expected = PalmaresPage.objects.get(edition__year=2026, locale__language_code=language).url
    assert palmares is None or expected == palmares

    links = [a.get("href") for a in doc.find_all("a", class_="button")]
    assert expected in links


def test_english_press_room_lists_the_english_kit(full_demo, client):
    english_kit = PressKitPage.objects.get(locale__language_code="en")
    french_kit = PressKitPage.objects.get(locale__language_code="fr")
    assert english_kit.translation_key == french_kit.translation_key

    doc = parse(client.get("/en/press/").content)
    kits = doc.find("section", class_="press-kits")
    assert kits is not None
    assert [a.get("href") for a in kits.find_all("a")] == [english_kit.url]
    kit = parse(client.get(english_kit.url).content)
    assert all(not img.get("alt", "").startswith("Logo de démonstration") for img in kit.find_all("img"))


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/recherche/", "communiqué"),
        ("/recherche/", "presse"),
        ("/recherche/", "press"),
        ("/en/recherche/", "press"),
        ("/en/recherche/", "communiqué"),
        ("/en/recherche/", "presse"),
    ],
)
def test_search_finds_the_press_room(full_demo, client, url, query):
    room = PressRoomPage.objects.get(locale__language_code="en" if url.startswith("/en/") else "fr")

    doc = parse(client.get(url, {"q": query}).content)

    assert room.url in [a.get("href") for a in doc.find_all("a")], query


def test_visitors_see_how_to_join_instead_of_the_members_resources(full_demo, client):
    page = MembersResourcesPage.objects.get(locale__language_code="fr")

    response = client.get(page.url)

    assert response.status_code == 403
    assert "/adherer/" in [a.get("href") for a in parse(response.content).find_all("a")]
    assert "Communiquer sur son label" not in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "title"), [("fr", "Communiquer sur son label"), ("en", "Communicating on your label")]
)
def test_members_see_the_list_of_members_only_pages(
    full_demo, client, django_assert_max_num_queries, lang, title
):
    side = make_side("r", "Brumeval-sur-Onde", timezone.localdate() + datetime.timedelta(days=100))
    home = Page.objects.get(depth=2, locale__language_code=lang)
    # A members-only page elsewhere in the tree is listed too; public pages are not.
    other = StandardPage(title=f"Guide des adhérents ({lang})", slug=f"guide-{lang}", members_only=True)
    home.add_child(instance=other)
    other.save_revision().publish()
    page = MembersResourcesPage.objects.get(locale__language_code=lang)
    client.force_login(side.agent)
    client.get(page.url)

    # With a warm process; the English side looks up the English home's translation (issue 13).
    with django_assert_max_num_queries(12 if lang == "fr" else 13):
        response = client.get(page.url)

    assert response.status_code == 200
    titles = [a.text for a in parse(response.content).find("main").find_all("h3")]
    assert titles == sorted([title, f"Guide des adhérents ({lang})"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_member_portal_links_to_the_members_resources(full_demo, client, lang):
    side = make_side("p", "Brumeval-sur-Onde", timezone.localdate() + datetime.timedelta(days=100))
    page = MembersResourcesPage.objects.get(locale__language_code=lang)
    client.force_login(side.referent)

    portal = "/en/member-area/" if lang == "en" else "/espace-membre/"
    doc = parse(client.get(portal).content)

    assert page.url in [a.get("href") for a in doc.find_all("a")]
    assert SiteSettings.objects.get().members_resources_page.specific.locale.language_code == "fr"


def test_home_page_shows_the_latest_news_and_hides_an_empty_upcoming_section(full_demo, client):
    doc = parse(client.get("/").content)

    news = doc.find("section", class_="home-news")
    assert news is not None
    links = [a.get("href") for a in news.find_all("h3")[0].find_all("a")]
    assert links and links[0].startswith("/actualites/")
    assert len(news.find_all("h3")) == 3
    assert doc.find("section", class_="home-upcoming") is None  # every demo edition is past


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_home_page_announces_the_next_congress(full_demo, client, django_assert_max_num_queries, url):
    lang = "en" if url == "/en/" else "fr"
    agen = CongressPage.objects.get(locale__language_code="fr", slug="agen-2026")
    start = timezone.localdate() + datetime.timedelta(days=60)
    future = CongressPage(
        title="8e Congrès · Brumeval 2027",
        slug="brumeval-2027",
        edition_number=8,
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        city="Brumeval-sur-Onde",
    )
    agen.get_parent().add_child(instance=future)
    future.save_revision().publish()
    if lang == "en":
        english = PressRoomPage.objects.get(locale__language_code="en").locale
        translation = future.copy_for_translation(english)
        translation.title = "8th congress · Brumeval 2027"
        translation.save_revision().publish()
        future = translation
    client.get(url)

    # The latest news (3 cards, their images and categories), the next editions and webinar
    # sessions, the featured pages and the label's figures: 16 (17 in English) with a warm process (56 before;
    # docs/performance.md says why the home stays above 12).
    with django_assert_max_num_queries(16 if lang == "fr" else 17):
        doc = parse(client.get(url).content)

    upcoming = doc.find("section", class_="home-upcoming")
    assert upcoming is not None
    assert [a.get("href") for a in upcoming.find_all("a")] == [future.url]
    assert "Brumeval-sur-Onde" in upcoming.text
