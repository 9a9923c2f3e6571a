"""The home page lists the next webinar sessions of its language, not the past or cancelled."""

from django.utils import timezone

from home.models import HomePage
from webinars import services
from webinars.models import SessionPage

from .conftest import future_session


def test_home_lists_upcoming_sessions(client, webinars_demo):
    cancelled = future_session(webinars_demo, days=0.5)
    services.cancel_session(cancelled)
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    upcoming = home.upcoming_sessions()
    assert upcoming and all(s.starts_at > timezone.now() for s in upcoming)
    assert cancelled not in upcoming
    next_one = SessionPage.objects.filter(locale__language_code="fr").upcoming().first()
    response = client.get("/")
    assert "Prochains webinaires" in response.text
    assert next_one.title in response.text
    assert cancelled.title not in response.text
    english = client.get("/en/")
    en_next = SessionPage.objects.filter(locale__language_code="en").upcoming().first()
    assert en_next.title in english.text
