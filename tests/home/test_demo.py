"""The demo loader: idempotent, bilingual, with a working staff account, refused in production."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from wagtail.models import Locale, Page, Revision, Site

from core.models import SiteSettings
from home import demo
from home.models import HomePage
from members import demo as members_demo

pytestmark = pytest.mark.django_db

COUNTED_MODELS = [Page, Revision, Locale, Site, SiteSettings, get_user_model()]


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


def test_second_run_changes_no_row_count(demo_site):
    after_first_run = row_counts()
    messages = []

    demo.load(messages.append)

    assert row_counts() == after_first_run
    assert messages == []


def test_first_run_builds_the_site(demo_site):
    site = Site.objects.get(is_default_site=True)

    assert site.root_page_id == demo_site.pk
    assert Site.objects.count() == 1
    # Wagtail's "Welcome to your new Wagtail site!" page is gone.
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"fr", "en"}
    assert demo_site.get_children().live().count() == 9


def test_every_french_page_has_a_live_english_translation(demo_site, locales):
    english = locales["en"]
    french_pages = Page.objects.live().filter(depth__gte=2, locale__language_code="fr")

    assert french_pages.count() == 11
    for page in french_pages:
        translation = page.get_translation_or_none(english)
        assert translation is not None, f"{page.url_path} has no English translation"
        assert translation.live, f"{translation.url_path} is not live"
        assert translation.get_parent().translation_key == page.get_parent().translation_key
    assert Page.objects.live().filter(depth__gte=2, locale=english).count() == french_pages.count()


def test_english_home_is_a_translation_of_the_french_home(demo_site):
    english_home = HomePage.objects.get(locale__language_code="en")

    assert english_home.translation_key == demo_site.translation_key
    assert english_home.depth == 2


def test_demo_staff_account_logs_into_the_admin(demo_site, client):
    user = get_user_model().objects.get(username=demo.DEMO_ADMIN_USERNAME)
    assert user.is_superuser and user.is_staff and user.is_active

    assert client.login(username=demo.DEMO_ADMIN_USERNAME, password=demo.DEMO_ADMIN_PASSWORD)
    # The admin asks for TOTP first; the members demo gives the account its documented secret.
    assert client.get("/admin/")["Location"] == "/compte/securite/application/activer/"
    members_demo.ensure_admin_two_factor(lambda message: None)
    response = client.get("/admin/")

    assert response.status_code == 200
    assert response.wsgi_request.user == user


def test_second_run_keeps_the_staff_account_password(demo_site, client):
    user = get_user_model().objects.get(username=demo.DEMO_ADMIN_USERNAME)
    user.set_password("changed-by-staff-2026")
    user.save()

    demo.load(lambda message: None)

    assert client.login(username=demo.DEMO_ADMIN_USERNAME, password="changed-by-staff-2026")


def test_second_run_keeps_staff_edits(demo_site):
    page = Page.objects.get(locale__language_code="fr", slug="association").specific
    page.title = "Notre association"
    page.save_revision().publish()

    demo.load(lambda message: None)

    page.refresh_from_db()
    assert page.title == "Notre association"


def test_load_demo_data_command_twice(full_demo, client):
    # full_demo is the first run, on an empty database; it returns what the command printed.
    counts = row_counts()
    call_command("load_demo_data", stdout=io.StringIO())

    assert "Données de démonstration chargées." in full_demo
    assert row_counts() == counts
    assert client.get("/").status_code == 200
    assert client.get("/en/").status_code == 200


@override_settings(DEMO_DATA_ALLOWED=False)
def test_load_demo_data_refuses_when_not_allowed():
    counts = row_counts()

    with pytest.raises(CommandError, match="DEMO_DATA_ALLOWED"):
        call_command("load_demo_data", stdout=io.StringIO())

    assert row_counts() == counts
    assert not get_user_model().objects.filter(username=demo.DEMO_ADMIN_USERNAME).exists()
    assert not HomePage.objects.exists()


def test_the_sender_is_a_setting_on_an_example_domain(monkeypatch):
    """DEFAULT_FROM_EMAIL comes from the environment; without it, development and the demo send
    from a reserved example domain (RFC 2606), never from a real one."""
    import importlib

    from django.conf import settings

    import config.settings.base as base

    assert settings.DEFAULT_FROM_EMAIL == "Villes Internet <ne-pas-repondre@example.org>"
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "Villes Internet <ne-pas-repondre@villes-internet.net>")
    try:
        assert (
            importlib.reload(base).DEFAULT_FROM_EMAIL
            == "Villes Internet <ne-pas-repondre@villes-internet.net>"
        )
    finally:
        monkeypatch.delenv("DEFAULT_FROM_EMAIL")
        importlib.reload(base)


def test_invitation_emails_leave_from_the_setting(db):
    """No hard-coded sender: the members' invitation uses DEFAULT_FROM_EMAIL."""
    from django.core import mail

    from members.emails import invitation_message
    from members.factories import PersonFactory
    from members.models import Invitation, Role
    from territories.factories import CollectivityFactory

    invitation = Invitation.objects.create(
        collectivity=CollectivityFactory(),
        email="invitee@example.org",
        role=Role.AGENT,
        invited_by=PersonFactory(),
    )
    with override_settings(DEFAULT_FROM_EMAIL="Expéditeur <envoi@example.net>"):
        invitation_message(invitation).send()
    assert mail.outbox[-1].from_email == "Expéditeur <envoi@example.net>"
