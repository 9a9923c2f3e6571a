"""A session page describes itself as a schema.org Event in JSON-LD, without the visio link."""

import datetime
import json
import re

from django.utils import timezone

from webinars import services

from .conftest import future_session


def _json_ld(html: str) -> list[dict]:
    scripts = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return [json.loads(script) for script in scripts]


def _event(html: str) -> dict:
    events = [data for data in _json_ld(html) if data.get("@type") == "Event"]
    assert len(events) == 1
    return events[0]


def test_session_page_has_an_event_without_the_visio_link(client, webinars_demo):
    session = future_session(webinars_demo)
    response = client.get(session.url)
    event = _event(response.text)
    assert event["name"] == session.title
    assert event["url"] == f"http://testserver{session.url}"
    assert event["location"] == {"@type": "VirtualLocation", "url": event["url"]}
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert "recordedIn" not in event
    assert session.visio_url not in json.dumps(event)
    assert event["inLanguage"] == "fr"


def test_cancelled_session_is_marked_and_past_replay_is_referred_to(client, webinars_demo):
    session = future_session(webinars_demo)
    services.cancel_session(session)
    assert _event(client.get(session.url).text)["eventStatus"] == "https://schema.org/EventCancelled"

    past = future_session(webinars_demo, replay_url="https://replay.example.org/x")
    type(past).objects.filter(pk=past.pk).update(starts_at=timezone.now() - datetime.timedelta(days=3))
    event = _event(client.get(past.url).text)
    assert event["recordedIn"]["url"].endswith(f"{past.url}#replay")
    assert "replay.example.org" not in json.dumps(event)  # the replay is for members only
