"""The legal pages say what the law asks, in French and English, are editable pages linked from
the footer; the footer gives the contact details; the browser's /favicon.ico is no 404."""

import pytest

from core.models import SiteSettings
from editorial.models import StandardPage
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db

LEGAL = {
    "fr": {
        "/mentions-legales/": [
            "Éditeur",
            "association régie par la loi du 1er juillet 1901",
            "Directeur de la publication",
            "Mathieu Vidal",
            "Hébergeur",
        ],
        "/accessibilite/": [
            "État de conformité",
            "RGAA 4.1.2",
            "non conforme",
            "2 décembre 2026",
            "Retour d'information et contact",
            "Voies de recours",
            "Défenseur des droits",
        ],
        "/donnees-personnelles/": [
            "Responsable du traitement",
            "Durées de conservation",
            "Vos droits",
            "deux semaines",
            "CNIL",
        ],
    },
    "en": {
        "/en/legal-notice/": [
            "Publisher",
            "French law of 1 July 1901",
            "Publication director",
            "Mathieu Vidal",
            "Host",
        ],
        "/en/accessibility/": [
            "Compliance status",
            "RGAA 4.1.2",
            "not compliant",
            "2 December 2026",
            "Feedback and contact",
            "Remedies",
            "Défenseur des droits",
        ],
        "/en/personal-data/": ["Data controller", "Retention periods", "Your rights", "two weeks", "CNIL"],
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_legal_pages_give_what_the_law_asks_and_are_in_the_footer(demo_site, client, lang):
    home = "/" if lang == "fr" else "/en/"
    footer = parse(client.get(home).content).find("footer")
    footer_links = [a.get("href") for a in footer.find_all("a")]

    for url, facts in LEGAL[lang].items():
        response = client.get(url)
        assert response.status_code == 200, url
        text = parse(response.content).find("main").text
        for fact in facts:
            assert fact in text, f"{url}: {fact!r} missing"
        assert url in footer_links, url


def test_legal_pages_are_standard_pages_staff_edit(demo_site):
    pages = StandardPage.objects.filter(
        slug__in=["mentions-legales", "accessibilite", "donnees-personnelles"]
    )
    assert pages.count() == 3
    settings = SiteSettings.objects.get()
    assert {block.value.pk for block in settings.legal_pages} == {page.pk for page in pages}


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_footer_contact_column_is_filled(demo_site, client, url):
    settings = SiteSettings.objects.get()
    assert settings.email and settings.phone and settings.address

    footer = parse(client.get(url).content).find("footer")
    links = [a.get("href") for a in footer.find_all("a")]
    assert f"mailto:{settings.email}" in links
    assert "tel:" + settings.phone.replace(" ", "") in links
    assert footer.find("address") is not None


def test_demo_keeps_contact_details_staff_typed(demo_site):
    from core.demo import quiet
    from home import demo

    SiteSettings.objects.update(email="accueil@example.org", phone="", address="")
    demo.load(quiet)

    settings = SiteSettings.objects.get()
    assert settings.email == "accueil@example.org"
    assert settings.phone  # an empty field is filled


def test_favicon_is_linked_and_the_default_request_is_redirected(demo_site, client):
    link = [
        element
        for element in parse(client.get("/").content).find("head").find_all("link")
        if element.get("rel") == "icon"
    ]
    assert [element.get("type") for element in link] == ["image/svg+xml"]

    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == link[0].get("href")
