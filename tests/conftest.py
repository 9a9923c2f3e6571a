"""Fixtures shared by the whole suite: the demo site, the two locales, a superuser client."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.signals import setting_changed
from wagtail.models import Locale


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Compile the project's catalogues so that English UI strings are served in English.

    The templates' msgids are French; without a compiled English catalogue the English
    side would show French text.
    """
    call_command("compile_translations", stdout=io.StringIO())
    # Forget any catalogue Django may already have loaded without the fresh .mo files.
    setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


def activate_totp(user) -> None:
    """Give a staff user the TOTP authenticator that the admins require (members.middleware)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())


@pytest.fixture(autouse=True)
def wagtail_test_users_have_totp(monkeypatch):
    """The staff users Wagtail's test helpers create (``self.login()``) have TOTP, as real
    staff must, so that the admin tests reach the admin."""
    from wagtail.test.utils import WagtailTestUtils

    original = WagtailTestUtils.create_test_user

    def create_test_user():
        user = original()
        activate_totp(user)
        return user

    monkeypatch.setattr(WagtailTestUtils, "create_test_user", staticmethod(create_test_user))


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    french, _ = Locale.objects.get_or_create(language_code="fr")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return {"fr": french, "en": english}


@pytest.fixture
def demo_site(db):
    """The demo page tree (home.demo.load) in the test database; returns the French home."""
    from home import demo
    from home.models import HomePage

    demo.load(lambda message: None)
    return HomePage.objects.get(locale__language_code="fr", depth=2)


@pytest.fixture
def admin_user(db, django_user_model):
    """A superuser whose username differs from the demo's "admin" account.

    pytest-django's own fixture is called "admin", which would stop the demo loader from
    creating its staff account with the documented password.
    """
    user = django_user_model.objects.create_superuser(
        username="test-superuser", email="superuser@example.test", password="not-the-demo-password"
    )
    # Staff open the admin only with an activated TOTP authenticator (members.middleware).
    activate_totp(user)
    return user


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
