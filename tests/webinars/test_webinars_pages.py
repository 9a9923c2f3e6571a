"""The demo season, its cycle and session pages, in French and English, and their query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from core.models import SiteSettings
from webinars.models import CyclePage, Registration, SeasonPage, SessionPage, Status

from .conftest import future_session


def test_demo_has_one_season_four_cycles_twelve_sessions_past_and_future(webinars_demo):
    fr = {"locale__language_code": "fr"}
    assert SeasonPage.objects.filter(**fr).count() == 1
    assert CyclePage.objects.filter(**fr).count() == 4
    sessions = SessionPage.objects.filter(**fr)
    assert sessions.count() == 12
    assert sessions.filter(starts_at__lt=timezone.now()).exists()
    assert sessions.filter(starts_at__gt=timezone.now()).exists()
    assert SessionPage.objects.filter(locale__language_code="en").count() == 12


def test_season_page_says_the_sessions_are_illustrative_and_is_in_the_navigation(client, webinars_demo):
    response = client.get(webinars_demo.url)
    assert response.status_code == 200
    assert "sont fictifs" in response.text
    assert response.text.count("<h1") == 1
    english = webinars_demo.get_translation(Locale.objects.get(language_code="en"))
    english_response = client.get(english.url)
    assert "are fictional" in english_response.text
    navigation = SiteSettings.for_site(webinars_demo.get_site()).main_navigation
    assert any(block.value and block.value.pk == webinars_demo.pk for block in navigation)


def test_session_page_shows_facts_and_the_form_but_not_the_visio_link(client, webinars_demo):
    session = SessionPage.objects.filter(locale__language_code="fr", starts_at__gt=timezone.now()).first()
    response = client.get(session.url)
    assert response.status_code == 200
    assert "heure de Paris" in response.text
    assert 'name="email"' in response.text
    assert session.visio_url not in response.text


def _register_many(session, count):
    Registration.objects.bulk_create(
        Registration(
            session=session,
            name=f"P {i}",
            email=f"p{i}@example.test",
            email_normalised=f"p{i}@example.test",
            role="agent",
            status=Status.CONFIRMED,
            holds_seat=True,
        )
        for i in range(count)
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# 12 queries or fewer per page with a warm process (issue 13; the shell cost about 23 before),
# and the count does not grow with the number of sessions and registrations.
MAX_QUERIES = 12


@pytest.mark.parametrize("language", ["fr", "en"])
def test_query_counts_are_pinned_and_flat(client, webinars_demo, language):
    session = SessionPage.objects.filter(locale__language_code="fr", starts_at__gt=timezone.now()).first()
    cycle = session.get_parent().specific
    pages = [webinars_demo, cycle, session]
    standard = "/association/" if language == "fr" else "/en/association/"
    if language == "en":
        pages = [page.get_translation(Locale.objects.get(language_code="en")) for page in pages]
    _count(client, standard)  # warm the caches
    base = _count(client, standard)
    for url in [page.url for page in pages]:
        _count(client, url)  # warm
    before = [_count(client, page.url) for page in pages]
    assert all(count <= MAX_QUERIES for count in before), (base, before)
    for _ in range(5):
        future_session(webinars_demo)
    _register_many(session, 40)
    for url in [page.url for page in pages]:
        _count(client, url)  # publishing the new sessions renewed the header's cache
    after = [_count(client, page.url) for page in pages]
    assert after == before
