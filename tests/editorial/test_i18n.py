"""Language switcher, hreflang alternates, navigation and UI strings in French and English."""

from urllib.parse import urlsplit

import pytest

from core.models import SiteSettings
from editorial.models import StandardPage
from tests.editorial.htmlparse import html_lang, parse
from tests.editorial.i18n_catalogue import english

pytestmark = pytest.mark.django_db


def switcher_links(doc) -> dict[str, str]:
    """hreflang -> href of the language switcher's links (the current language is no link)."""
    nav = doc.find("nav", class_="language-switcher")
    assert nav is not None, "no language switcher"
    return {a.get("hreflang"): a.get("href") for a in nav.find_all("a")}


def alternates(doc) -> dict[str, str]:
    head = doc.find("head")
    links = [link for link in head.find_all("link") if link.get("rel") == "alternate"]
    hreflangs = [link.get("hreflang") for link in links]
    assert len(hreflangs) == len(set(hreflangs)), f"duplicate alternates: {hreflangs}"
    return {link.get("hreflang"): link.get("href") for link in links}


@pytest.fixture
def french_only_page(demo_site):
    page = demo_site.add_child(
        instance=StandardPage(
            title="Vie de l'association",
            slug="vie-association",
            introduction="Une page qui n'a pas encore de traduction.",
            locale=demo_site.locale,
        )
    )
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    ("url", "other_lang", "other_url"),
    [
        ("/association/", "en", "/en/association/"),
        ("/en/association/", "fr", "/association/"),
        ("/congres/", "en", "/en/congress/"),
        ("/en/congress/", "fr", "/congres/"),
        ("/", "en", "/en/"),
        ("/en/", "fr", "/"),
    ],
)
def test_language_switcher_links_to_the_translation_of_the_page(
    demo_site, client, url, other_lang, other_url
):
    doc = parse(client.get(url).content)

    assert switcher_links(doc) == {other_lang: other_url}
    current = doc.find("nav", class_="language-switcher").find("span", aria_current="true")
    assert current is not None and current.get("lang") == html_lang(doc)


def test_language_switcher_falls_back_to_english_home_without_translation(french_only_page, client):
    response = client.get("/vie-association/")

    assert response.status_code == 200
    assert switcher_links(parse(response.content)) == {"en": "/en/"}


def test_translated_page_has_absolute_hreflang_alternates(demo_site, client):
    doc = parse(client.get("/association/").content)
    links = alternates(doc)

    assert set(links) == {"fr", "en", "x-default"}
    for href in links.values():
        parts = urlsplit(href)
        assert parts.scheme in {"http", "https"} and parts.netloc, f"{href} is not absolute"
    assert urlsplit(links["fr"]).path == "/association/"
    assert urlsplit(links["en"]).path == "/en/association/"
    assert links["x-default"] == links["fr"]


def test_english_page_lists_the_same_alternates(demo_site, client):
    french = alternates(parse(client.get("/association/").content))
    english_side = alternates(parse(client.get("/en/association/").content))

    assert english_side == french


def test_untranslated_page_has_no_english_alternate(french_only_page, client):
    links = alternates(parse(client.get("/vie-association/").content))

    assert "en" not in links
    assert "x-default" not in links


def main_navigation(doc) -> list[tuple[str, str]]:
    nav = doc.find("nav", class_="main-nav")
    assert nav is not None, "no main navigation"
    return [(a.get("href"), a.text) for a in nav.find_all("a")]


def test_main_navigation_in_french(demo_site, client):
    doc = parse(client.get("/").content)

    assert main_navigation(doc) == [
        ("/association/", "L'association"),
        ("/label/", "Le label"),
        ("/congres/", "Le Congrès"),
        ("/atlaas/", "L'Atlaas"),
        ("/adherer/", "Adhérer"),
    ]


def test_main_navigation_in_english_links_only_to_english_pages(french_only_page, client):
    site_settings = SiteSettings.objects.get()
    site_settings.main_navigation.append(("page", french_only_page))
    site_settings.save()

    french_nav = main_navigation(parse(client.get("/").content))
    english_nav = main_navigation(parse(client.get("/en/").content))

    assert ("/vie-association/", "Vie de l'association") in french_nav
    assert english_nav == [
        ("/en/association/", "The association"),
        ("/en/label/", "The label"),
        ("/en/congress/", "The congress"),
        ("/en/atlaas/", "The Atlaas"),
        ("/en/join/", "Join"),
    ]


def test_current_page_is_marked_in_the_navigation(demo_site, client):
    nav = parse(client.get("/en/label/").content).find("nav", class_="main-nav")

    assert [a.get("href") for a in nav.find_all("a", aria_current="page")] == ["/en/label/"]


def test_french_ui_strings_on_the_french_side(demo_site, client):
    skip_link = parse(client.get("/").content).find("a", class_="skip-link")

    assert skip_link.text == "Aller au contenu"


def test_english_ui_strings_on_the_english_side(demo_site, client):
    expected = english("Aller au contenu")
    doc = parse(client.get("/en/").content)

    assert doc.find("a", class_="skip-link").text == expected
    assert doc.find("nav", class_="language-switcher").get("aria-label") == english("Choix de la langue")
    assert doc.find("nav", class_="main-nav").get("aria-label") == english("Navigation principale")


# The switcher on every kind of route: the same content in the other language.
@pytest.mark.parametrize(
    ("url", "other_lang", "other_url"),
    [
        # A Wagtail page.
        ("/presse/", "en", "/en/press/"),
        ("/en/press/", "fr", "/presse/"),
        # A route of a routable page: the collectivity's history under the palmarès index.
        ("/label/palmares/collectivites/dijon/", "en", "/en/label/palmares/collectivites/dijon/"),
        ("/en/label/palmares/collectivites/dijon/", "fr", "/label/palmares/collectivites/dijon/"),
        # The search, with its query.
        ("/recherche/?q=label+num%C3%A9rique", "en", "/en/search/?q=label%20num%C3%A9rique"),
        ("/en/search/?q=awards&page=2", "fr", "/recherche/?q=awards&page=2"),
        # Account pages (allauth); where to go after logging in is translated too.
        ("/compte/connexion/", "en", "/en/account/login/"),
        ("/en/account/signup/", "fr", "/compte/inscription/"),
        (
            "/compte/connexion/?next=/espace-membre/profil/",
            "en",
            "/en/account/login/?next=/en/member-area/profile/",
        ),
        ("/compte/mot-de-passe/oublie/", "en", "/en/account/password/reset/"),
        # A page that does not exist: the other language's home.
        ("/nexiste-pas/", "en", "/en/"),
        ("/en/does-not-exist/", "fr", "/"),
    ],
)
def test_language_switcher_on_every_route_type(full_demo, client, url, other_lang, other_url):
    response = client.get(url)

    assert response.status_code == (404 if "exist" in url else 200)
    assert switcher_links(parse(response.content)) == {other_lang: other_url}


@pytest.mark.parametrize(
    ("url", "other_lang", "other_url"),
    [
        ("/espace-membre/", "en", "/en/member-area/"),
        ("/en/member-area/profile/", "fr", "/espace-membre/profil/"),
    ],
)
def test_language_switcher_on_the_member_portal(full_demo, client, url, other_lang, other_url):
    from members.models import MemberRole

    client.force_login(MemberRole.objects.select_related("user").first().user)
    response = client.get(url)

    assert response.status_code == 200
    assert switcher_links(parse(response.content)) == {other_lang: other_url}


@pytest.mark.parametrize(
    ("name", "kwargs", "french", "english"),
    [
        ("search", {}, "/recherche/", "/en/search/"),
        ("account_login", {}, "/compte/connexion/", "/en/account/login/"),
        ("account_signup", {}, "/compte/inscription/", "/en/account/signup/"),
        ("account_reset_password", {}, "/compte/mot-de-passe/oublie/", "/en/account/password/reset/"),
        (
            "account_confirm_email",
            {"key": "abc"},
            "/compte/confirmer-adresse/abc/",
            "/en/account/confirm-email/abc/",
        ),
        ("mfa_index", {}, "/compte/securite/", "/en/account/security/"),
        ("members:portal", {}, "/espace-membre/", "/en/member-area/"),
        ("members:profile", {}, "/espace-membre/profil/", "/en/member-area/profile/"),
        (
            "members:invitation",
            {"token": "t0k"},
            "/espace-membre/invitation/t0k/",
            "/en/member-area/invitation/t0k/",
        ),
    ],
)
def test_account_portal_and_search_paths_are_translated(name, kwargs, french, english):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fr"):
        assert reverse(name, kwargs=kwargs) == french
    with translation.override("en"):
        assert reverse(name, kwargs=kwargs) == english


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/en/search/?q=label", 200),
        ("/en/account/login/", 200),
        ("/en/account/signup/", 200),
        ("/en/account/password/reset/", 200),
        # The French paths keep working in French...
        ("/recherche/?q=label", 200),
        ("/compte/connexion/", 200),
        # ...and only there.
        ("/en/compte/connexion/", 404),
        ("/account/login/", 404),
    ],
)
def test_translated_paths_answer_in_their_language(demo_site, client, url, status):
    assert client.get(url).status_code == status


def test_english_sign_up_sends_a_confirmation_link_under_the_english_path(demo_site, client, mailoutbox):
    import re

    response = client.post(
        "/en/account/signup/",
        {
            "email": "new.person@example.test",
            "first_name": "New",
            "last_name": "Person",
            "password1": "A-long-passphrase-2026",
            "password2": "A-long-passphrase-2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/account/confirm-email/"
    link = re.search(r"https?://[^/\s]+(/\S+/)", mailoutbox[-1].body).group(1)
    assert link.startswith("/en/account/confirm-email/")
    assert client.get(link).status_code == 200


def test_english_password_reset_link_is_under_the_english_path(
    demo_site, client, mailoutbox, django_user_model
):
    import re

    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user("reader", "reader@example.test", "A-long-passphrase-2026")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post("/en/account/password/reset/", {"email": "reader@example.test"})
    assert response.status_code == 302
    link = re.search(r"https?://[^/\s]+(/\S+/)", mailoutbox[-1].body).group(1)
    assert link.startswith("/en/account/password/reset/key/")
    # allauth puts the key in the session and redirects to the same path without it.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/en/account/password/reset/key/")


def test_a_collectivity_history_is_its_own_canonical_page_with_its_translations(full_demo, client):
    doc = parse(client.get("/label/palmares/collectivites/dijon/").content)

    canonical = [link.get("href") for link in doc.find_all("link") if link.get("rel") == "canonical"]
    assert [urlsplit(href).path for href in canonical] == ["/label/palmares/collectivites/dijon/"]
    assert {lang: urlsplit(href).path for lang, href in alternates(doc).items()} == {
        "fr": "/label/palmares/collectivites/dijon/",
        "en": "/en/label/palmares/collectivites/dijon/",
        "x-default": "/label/palmares/collectivites/dijon/",
    }


def test_a_page_is_its_own_canonical(demo_site, client):
    doc = parse(client.get("/association/").content)

    canonical = [link.get("href") for link in doc.find_all("link") if link.get("rel") == "canonical"]
    assert [urlsplit(href).path for href in canonical] == ["/association/"]
