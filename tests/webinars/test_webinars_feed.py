"""The public iCalendar feed of the sessions to come, linked from the season page."""

from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from webinars.models import SessionPage

from .conftest import future_session


def test_feed_lists_the_sessions_to_come_without_the_visio_link(client, webinars_demo):
    session = future_session(webinars_demo)
    season = client.get(webinars_demo.url)
    assert "Ajouter à mon agenda (iCalendar)" in season.text
    assert 'href="/webinaires/calendrier.ics"' in season.text
    response = client.get("/webinaires/calendrier.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert session.visio_url.encode() not in response.content
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    now = timezone.now()
    french = SessionPage.objects.filter(locale__language_code="fr")
    upcoming = french.filter(starts_at__gt=now).count()
    assert french.filter(starts_at__lte=now).exists()  # the demo has past sessions: left out
    assert len(events) == upcoming >= 1
    assert all(event.decoded("DTSTART") > now for event in events)
    assert f"session-{session.pk}@villes-internet.net" in {str(e["UID"]) for e in events}
    assert not any("visio" in str(e.get("LOCATION", "")) for e in events)


def _english_feed_url() -> str:
    with translation.override("en"):
        return reverse("webinars:calendar_feed")


def _uids(response) -> list[str]:
    return [str(event["UID"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]


def test_english_feed_has_the_same_sessions(client, webinars_demo):
    french = client.get("/webinaires/calendrier.ics")
    english = client.get(_english_feed_url())
    assert english.status_code == 200
    assert _uids(english) == _uids(french)


def test_feed_query_count_does_not_grow_with_sessions(client, webinars_demo, django_assert_num_queries):
    client.get(_english_feed_url())  # warm the site's root paths
    connection.queries_log.clear()  # a full log would capture nothing
    with django_assert_num_queries(2) as captured:  # 4 before issue 13 (locale, restrictions)
        first = client.get(_english_feed_url())
    expected = len(captured)
    for days in (20, 21, 22):
        future_session(webinars_demo, days=days)
    client.get(_english_feed_url())  # publishing renewed the cached restricted paths
    connection.queries_log.clear()
    with django_assert_num_queries(expected):
        second = client.get(_english_feed_url())
    assert len(_uids(second)) == len(_uids(first)) + 3
