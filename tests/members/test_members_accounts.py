"""Accounts (django-allauth) at French URLs in the site's layout: login, signup with mandatory
verification, no enumeration, rate limits, and TOTP for staff."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.editorial.htmlparse import html_lang, parse

from .conftest import PASSWORD, make_person

pytestmark = pytest.mark.django_db

ACCOUNT_PAGES = [
    "/compte/connexion/",
    "/compte/inscription/",
    "/compte/mot-de-passe/oublie/",
    "/compte/connexion/code/",
    "/en/account/login/",
    "/en/account/signup/",
]
LOGGED_IN_PAGES = [
    "/compte/adresse/",
    "/compte/mot-de-passe/",
    "/compte/securite/",
    "/compte/reauthentification/",
    "/espace-membre/",
    "/espace-membre/profil/",
    "/espace-membre/fermer-mon-compte/",
]


def assert_site_page(response, lang: str = "fr") -> None:
    """One h1, the language, a working skip link, no inline script or style."""
    assert response.status_code == 200, response
    doc = parse(response.content)
    headings = [h1.text for h1 in doc.find_all("h1")]
    assert len(headings) == 1 and headings[0], headings
    assert html_lang(doc) == lang
    first_link = doc.find_all("a")[0]
    assert first_link.get("href") == "#contenu"
    assert doc.find("main").get("id") == "contenu"
    assert not list(doc.find_all("script")), "no script on account pages"
    assert "style=" not in response.content.decode()


@pytest.mark.parametrize("url", ACCOUNT_PAGES)
def test_account_pages_use_the_site_layout(client, url):
    assert_site_page(client.get(url), "en" if url.startswith("/en/") else "fr")


@pytest.mark.parametrize("url", LOGGED_IN_PAGES)
def test_logged_in_pages_use_the_site_layout(client, ours, url):
    client.force_login(ours.referent)
    assert_site_page(client.get(url))


def test_french_urls_keep_allauth_names():
    assert reverse("account_login") == "/compte/connexion/"
    assert reverse("account_signup") == "/compte/inscription/"
    assert reverse("account_reset_password") == "/compte/mot-de-passe/oublie/"
    assert reverse("mfa_activate_totp") == "/compte/securite/application/activer/"


def test_login_page_reads_in_french(client):
    response = client.get("/compte/connexion/")
    assert "Connexion" in response.content.decode()


def test_login_by_email_and_password(client, ours):
    response = client.post("/compte/connexion/", {"login": ours.agent.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/espace-membre/"
    assert client.get("/espace-membre/").context["user"] == ours.agent


def test_signup_needs_the_address_verified_before_login(client):
    response = client.post(
        "/compte/inscription/",
        {
            "first_name": "Camille",
            "last_name": "Martin",
            "email": "nouveau@mairie.test",
            "password1": "Un-mot-de-passe-2026",
            "password2": "Un-mot-de-passe-2026",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/compte/confirmer-adresse/"
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "/compte/confirmer-adresse/" in body
    assert not EmailAddress.objects.get(email="nouveau@mairie.test").verified
    # Not logged in until the address is confirmed.
    assert client.get("/espace-membre/").status_code == 302


def test_login_refuses_an_unverified_address(client):
    make_person("pas-verifie@mairie.test", verified=False)

    response = client.post("/compte/connexion/", {"login": "pas-verifie@mairie.test", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/compte/confirmer-adresse/"
    assert client.get("/espace-membre/").status_code == 302


def test_password_reset_does_not_reveal_whether_an_account_exists(client, ours):
    known = client.post("/compte/mot-de-passe/oublie/", {"email": ours.agent.email})
    unknown = client.post("/compte/mot-de-passe/oublie/", {"email": "inconnu@mairie.test"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # Both addresses receive an email: the unknown one is told no account exists.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ours.agent.email, "inconnu@mairie.test"])


def test_signup_with_a_taken_address_does_not_reveal_it(client, ours):
    response = client.post(
        "/compte/inscription/",
        {
            "first_name": "Camille",
            "last_name": "Martin",
            "email": ours.agent.email,
            "password1": "Un-mot-de-passe-2026",
            "password2": "Un-mot-de-passe-2026",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/compte/confirmer-adresse/"
    assert get_user_model().objects.filter(email__iexact=ours.agent.email).count() == 1


def test_login_is_throttled_after_repeated_failures(client, ours):
    for _attempt in range(5):
        response = client.post("/compte/connexion/", {"login": ours.agent.email, "password": "mauvais"})
        assert response.status_code == 200

    response = client.post("/compte/connexion/", {"login": ours.agent.email, "password": PASSWORD})

    # Even the right password is refused until the limit expires.
    assert response.status_code == 200
    assert "trop" in response.content.decode().lower()
    assert client.get("/espace-membre/").status_code == 302


def test_staff_without_totp_are_sent_to_activate_it(client):
    staff = make_person("equipe@villes-internet.test")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client.force_login(staff)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[0] == ("/compte/securite/application/activer/", 302)
    assert "double authentification" in response.content.decode()
    assert client.get("/django-admin/")["Location"] == "/compte/securite/application/activer/"


def test_staff_with_totp_reach_the_admin(admin_client):
    assert admin_client.get("/admin/").status_code == 200


def test_members_never_reach_the_admin(client, ours):
    """A member who opens the admin is told it is for staff (403), not sent round the login."""
    client.force_login(ours.referent)

    response = client.get("/admin/")

    assert response.status_code == 403
    assert response["Cache-Control"] == "private, no-store"
    doc = parse(response.content)
    assert doc.find("h1").text == "Accès réservé à l'équipe"
    assert doc.find("a", href="/espace-membre/") is not None
    for url in ("/admin/pages/", "/admin/login/?next=/admin/", "/django-admin/"):
        assert client.get(url).status_code == 403, url


def test_visitors_opening_the_admin_are_sent_to_the_login(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/compte/connexion/")
    assert response.status_code == 200


def test_totp_activation_page_shows_the_qr_code_without_script(client):
    make_person("equipe@villes-internet.test")
    client.post("/compte/connexion/", {"login": "equipe@villes-internet.test", "password": PASSWORD})
    # allauth asks for the password again before adding an authenticator.
    assert client.get("/compte/securite/application/activer/")["Location"].startswith(
        "/compte/reauthentification/"
    )
    client.post("/compte/reauthentification/", {"password": PASSWORD})

    response = client.get("/compte/securite/application/activer/")

    assert_site_page(response)
    doc = parse(response.content)
    image = doc.find("img", class_="mfa-qr")
    assert image.get("src").startswith("data:image/svg+xml")
    assert re.search(r"[A-Z2-7]{16,}", response.content.decode())


def test_email_change_needs_the_new_address_verified(client, ours):
    client.post("/compte/connexion/", {"login": ours.agent.email, "password": PASSWORD})
    mail.outbox.clear()

    response = client.post("/compte/adresse/", {"action_add": "", "email": "nouvelle@mairie.test"})

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["nouvelle@mairie.test"]]
    assert "/compte/confirmer-adresse/" in mail.outbox[0].body
    ours.agent.refresh_from_db()
    assert ours.agent.email == "agent.a@villes-internet.test"
    assert not EmailAddress.objects.get(email="nouvelle@mairie.test").verified


def test_login_by_emailed_code(client, ours):
    response = client.post("/compte/connexion/code/", {"email": ours.agent.email})

    assert response["Location"] == "/compte/connexion/code/confirmer/"
    code = re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", mail.outbox[0].body, re.MULTILINE).group(1)
    response = client.post("/compte/connexion/code/confirmer/", {"code": code})
    assert response["Location"] == "/espace-membre/"


def test_account_emails_follow_the_person_language(client, ours):
    from members.models import Profile

    Profile.objects.update_or_create(user=ours.agent, defaults={"language": "en"})

    client.post("/compte/mot-de-passe/oublie/", {"email": ours.agent.email})

    # allauth's own English catalogue: the reset email reads in English, with a text part.
    assert "password reset" in mail.outbox[0].body.lower()
    client.post("/compte/mot-de-passe/oublie/", {"email": ours.elu.email})
    assert "mot de passe" in mail.outbox[1].body.lower()


def test_logging_in_keeps_the_language_the_person_chose(client, ours):
    from members.models import Profile

    client.force_login(ours.agent)
    client.post(
        "/espace-membre/profil/",
        {"first_name": "Céleste", "last_name": "Agente a", "language": "en"},
    )
    assert Profile.objects.get(user=ours.agent).language == "en"
    client.logout()

    # Logging in again on the French side of the site changes nothing.
    response = client.post("/compte/connexion/", {"login": ours.agent.email, "password": PASSWORD})

    assert response["Location"] == "/espace-membre/"
    assert Profile.objects.get(user=ours.agent).language == "en"


def test_a_first_login_gives_the_profile_the_language_of_the_site_side(client, ours):
    from members.models import Profile

    client.post("/en/account/login/", {"login": ours.elu.email, "password": PASSWORD})
    client.logout()
    client.post("/compte/connexion/", {"login": ours.elu.email, "password": PASSWORD})

    assert Profile.objects.get(user=ours.elu).language == "en"
