"""Fixtures shared by the whole suite: the demo site and the full demo as shared data sets
(tests/datasets.py), the two locales, a superuser client."""

import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import setting_changed
from django.utils import translation
from wagtail.models import Locale

from tests import datasets
from tests.datasets import DatasetAccess, SharedData, dataset

NOOP = lambda message: None  # noqa: E731


def pytest_sessionstart(session):
    """Compile the project's catalogues so that English UI strings are served in English.

    The templates' msgids are French; without a compiled English catalogue the English
    side would show French text. Under pytest-xdist only the controller compiles, before the
    workers start: workers writing the same .mo files while others read them would race.
    """
    if not hasattr(session.config, "workerinput"):
        call_command("compile_translations", stdout=io.StringIO())


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Forget any catalogue Django may already have loaded without the fresh .mo files."""
    setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Group the tests by shared data set; pytest-django's own ordering (transactional tests
    last), which runs next and keeps this order within its groups, comes on top."""
    datasets.group_by_dataset(items)
    datasets.mark_xdist_groups(items)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session):
    """Before a pytest-xdist worker sends its collection to the controller (--dist loadgroup)."""
    if session.config.getoption("loadgroup", default=False):
        datasets.add_xdist_group_suffixes(session.items)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A Django TestCase opens its class-wide transaction before any fixture of its first test:
    roll the shared data set back first."""
    if datasets.ACTIVE is not None and datasets.is_django_testcase(item):
        datasets.ACTIVE.release()


@pytest.fixture(scope="session")
def shared_data_session(django_db_setup, django_db_blocker):
    datasets.ACTIVE = SharedData(django_db_blocker)
    yield datasets.ACTIVE
    datasets.ACTIVE.release()
    datasets.ACTIVE = None


@pytest.fixture
def _django_db_helper(_shared_data_prepared, _django_db_helper):
    """pytest-django's per-test transaction (its private fixture, overridden here so that every
    way of asking for the database goes through it), opened once the data set is in place."""


@pytest.fixture
def _shared_data_prepared(request, shared_data_session):
    shared_data_session.prepare(request.node)


@pytest.fixture
def shared_data(request, db, shared_data_session) -> DatasetAccess:
    """For data-set fixtures: ``shared_data.use(name)``, ``shared_data.memo(key, compute)``."""
    return DatasetAccess(shared_data_session, request.node)


@pytest.fixture(autouse=True)
def fresh_process_state():
    """Start every test as in a fresh process, whatever ran before it in this one: an empty
    cache (Wagtail caches the sites' root paths, and the database may differ from the previous
    test's) and no active language (a request to /en/ leaves English active in the thread)."""
    from core.page_cache import local_entries

    cache.clear()
    local_entries.clear()
    translation.deactivate()


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


@dataset("demo_site")
def load_demo_site():
    from home import demo

    demo.load(NOOP)


@pytest.fixture
def demo_site(shared_data):
    """The demo page tree (home.demo.load), shared; returns the French home."""
    from home.models import HomePage

    shared_data.use("demo_site")
    return HomePage.objects.get(locale__language_code="fr", depth=2)


@dataset("full_demo", contains={"demo_site"}, execute_on_commit=True, spread=False)
def load_full_demo() -> str:
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


@pytest.fixture
def full_demo(shared_data) -> str:
    """Every app's demo as ``load_demo_data`` builds it (generated files included), shared;
    returns what the command printed."""
    return shared_data.use("full_demo")


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


@pytest.fixture
def wagtail_root(transactional_db):
    """Live server tests empty the database after each test, Wagtail's root page included: put
    back what Wagtail's migrations create (root page, root collection), so that the demo site
    can be loaded."""
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="fr")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="fr")))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
