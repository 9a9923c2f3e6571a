"""What every page shares, read from the caches of a warm process (core.fragment_cache,
core.page_access, core.request_memo, BasePage.route): what staff change shows on the next
request, restrictions hold at once, and routing finds the same pages as Wagtail's."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction

from core.models import SiteSettings
from editorial.models import StandardPage
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db


def navigation(client, url: str) -> list[tuple[str, str]]:
    nav = parse(client.get(url).content).find("nav", class_="main-nav")
    return [(a.get("href"), a.text) for a in nav.find_all("a")]


def legal_links(client, url: str) -> list[str]:
    footer = parse(client.get(url).content).find("footer", class_="site-footer")
    return [a.text for a in footer.find("nav", **{"aria-labelledby": "footer-legal"}).find_all("a")]


def test_a_renamed_page_is_renamed_in_the_navigation_at_once(demo_site, client):
    assert ("/association/", "L'association") in navigation(client, "/label/")  # now in the cache
    page = StandardPage.objects.get(slug="association", locale__language_code="fr")
    page.title = "Qui sommes-nous"
    page.save_revision().publish()

    assert ("/association/", "Qui sommes-nous") in navigation(client, "/label/")


def test_an_unpublished_page_leaves_the_navigation_at_once(demo_site, client):
    assert ("/atlaas/", "L'Atlaas") in navigation(client, "/")
    StandardPage.objects.get(slug="atlaas", locale__language_code="fr").unpublish()

    assert "/atlaas/" not in [href for href, _text in navigation(client, "/")]


def test_a_moved_page_is_linked_at_its_new_address(demo_site, client):
    assert ("/atlaas/", "L'Atlaas") in navigation(client, "/")
    atlaas = StandardPage.objects.get(slug="atlaas", locale__language_code="fr")
    label = StandardPage.objects.get(slug="label", locale__language_code="fr")
    atlaas.move(label, pos="last-child")

    links = navigation(client, "/")
    assert ("/label/atlaas/", "L'Atlaas") in links
    assert client.get("/label/atlaas/").status_code == 200
    assert client.get("/atlaas/").status_code in (301, 404)  # Wagtail may leave a redirect


def test_site_settings_show_on_the_next_request(demo_site, client):
    assert "Villes Internet (association)" not in client.get("/").content.decode()  # now cached
    site_settings = SiteSettings.objects.get()
    site_settings.organisation_name = "Villes Internet (association)"
    site_settings.legal_pages = [("page", Page.objects.get(slug="mentions-legales"))]
    site_settings.save()

    assert "Villes Internet (association)" in client.get("/").content.decode()
    assert legal_links(client, "/") == ["Mentions légales"]

    site_settings.legal_pages = []
    site_settings.save()
    assert parse(client.get("/").content).find("nav", **{"aria-labelledby": "footer-legal"}) is None


def test_english_navigation_has_its_own_cache(demo_site, client):
    french = navigation(client, "/")
    english = navigation(client, "/en/")

    assert french != english
    assert all(href.startswith("/en/") for href, _text in english)


def test_a_view_restriction_holds_at_once_and_hides_the_page(demo_site, client):
    assert client.get("/association/").status_code == 200
    assert ("/association/", "L'association") in navigation(client, "/")
    page = Page.objects.get(slug="association", locale__language_code="fr")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Bureau"))

    response = client.get("/association/")
    assert response.status_code in (302, 403)
    assert "/association/" not in [href for href, _text in navigation(client, "/")]
    assert Page.objects.live().public().filter(pk=page.pk).count() == 0

    restriction.delete()
    assert client.get("/association/").status_code == 200
    assert Page.objects.live().public().filter(pk=page.pk).count() == 1


def test_routing_finds_nested_pages_and_refuses_unknown_or_draft_ones(demo_site, client):
    label = StandardPage.objects.get(slug="label", locale__language_code="fr")
    draft = label.add_child(instance=StandardPage(title="Brouillon", slug="brouillon", live=False))
    draft.add_child(instance=StandardPage(title="Sous-page publiée", slug="sous-page"))

    assert client.get("/label/").status_code == 200
    assert client.get("/label/inconnue/").status_code == 404
    assert client.get("/label/brouillon/").status_code == 404
    # As with Wagtail's own routing, a live page under a draft one is served.
    assert client.get("/label/brouillon/sous-page/").status_code == 200
    assert client.get("/label/brouillon/sous-page/plus-loin/").status_code == 404


def test_breadcrumbs_list_every_ancestor_below_the_root(demo_site, client):
    label = StandardPage.objects.get(slug="label", locale__language_code="fr")
    child = label.add_child(instance=StandardPage(title="Les critères", slug="criteres"))
    child.add_child(instance=StandardPage(title="La grille", slug="grille"))

    doc = parse(client.get("/label/criteres/grille/").content)
    crumbs = [a.get("href") for a in doc.find("nav", class_="breadcrumbs").find_all("a")]
    assert crumbs == ["/", "/label/", "/label/criteres/"]


def locale_queries(client, url: str) -> list[str]:
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if 'FROM "wagtailcore_locale"' in q["sql"]]


def test_a_warm_process_finds_the_locale_without_a_query_until_a_locale_changes(demo_site, client):
    assert len(locale_queries(client, "/en/association/")) == 1  # a cold process asks once
    assert locale_queries(client, "/en/association/") == []

    Locale.objects.get(language_code="en").save()
    assert len(locale_queries(client, "/en/association/")) == 1


def alternates(client, url: str) -> dict[str, str]:
    head = parse(client.get(url).content).find("head")
    return {link.get("hreflang"): link.get("href") for link in head.find_all("link", rel="alternate")}


def test_a_translation_unpublished_or_published_shows_in_the_alternates_at_once(demo_site, client):
    english = StandardPage.objects.get(slug="association", locale__language_code="en")
    assert alternates(client, "/association/").get("en", "").endswith("/en/association/")  # cached

    english.unpublish()
    assert "en" not in alternates(client, "/association/")

    english.save_revision().publish()
    assert alternates(client, "/association/").get("en", "").endswith("/en/association/")


def test_outside_a_request_nothing_is_remembered(demo_site):
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        Locale.objects.get_for_language("en")
        Locale.objects.get_for_language("en")
    assert len(queries.captured_queries) == 2
