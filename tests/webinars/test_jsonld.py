"""A webinar session as a schema.org Event in JSON-LD."""

import datetime
import json
import re
from dataclasses import replace
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string

from webinars.ics import SessionInfo
from webinars.jsonld import event_jsonld, event_jsonld_script

PARIS = ZoneInfo("Europe/Paris")
PAGE = "https://www.villes-internet.net/webinaires/2026/donnees/session-1/"

SESSION = SessionInfo(
    uid="1",
    title="Données ouvertes",
    description="Un premier pas.",
    start=datetime.datetime(2026, 1, 15, 10, 0, tzinfo=PARIS),
    duration=datetime.timedelta(hours=1, minutes=30),
    url=PAGE,
    join_url="https://visio.example.org/secret-room",
)


def test_an_upcoming_session_is_a_scheduled_online_event():
    data = event_jsonld(SESSION, "Villes Internet", PAGE, None, False, speakers=["Alex Durand"])

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Données ouvertes"
    assert data["description"] == "Un premier pas."
    assert data["url"] == PAGE
    assert data["startDate"] == "2026-01-15T10:00:00+01:00"
    assert data["endDate"] == "2026-01-15T11:30:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {"@type": "VirtualLocation", "url": PAGE}
    assert data["organizer"] == {"@type": "Organization", "name": "Villes Internet"}
    assert data["inLanguage"] == "fr"
    assert data["performer"] == [{"@type": "Person", "name": "Alex Durand"}]
    assert "recordedIn" not in data
    assert "secret-room" not in json.dumps(data)  # the visio link stays private


def test_dates_carry_the_paris_offset_whatever_the_input_zone():
    summer = SessionInfo(
        uid="2",
        title="Été",
        description="",
        start=datetime.datetime(2026, 6, 11, 8, 0, tzinfo=datetime.UTC),
        duration=datetime.timedelta(hours=1),
        url=PAGE,
    )
    data = event_jsonld(summer, "Villes Internet", PAGE)
    assert data["startDate"] == "2026-06-11T10:00:00+02:00"
    assert data["endDate"] == "2026-06-11T11:00:00+02:00"
    assert "description" not in data


def test_a_cancelled_session_with_a_replay():
    data = event_jsonld(
        SESSION,
        "Villes Internet",
        PAGE,
        "https://www.villes-internet.net/replay/1/",
        True,
        organiser_url="https://www.villes-internet.net/",
    )
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["recordedIn"] == {"@type": "CreativeWork", "url": "https://www.villes-internet.net/replay/1/"}
    assert data["organizer"]["url"] == "https://www.villes-internet.net/"
    # By default the status follows the session itself.
    assert (
        event_jsonld(replace(SESSION, cancelled=True))["eventStatus"] == "https://schema.org/EventCancelled"
    )
    assert event_jsonld(SESSION)["url"] == PAGE


def test_the_include_renders_a_data_block_that_cannot_be_closed_early():
    hostile = SessionInfo(
        uid="3",
        title='</script><script>alert("x")</script> & <!-- Q&R',
        description="a < b > c",
        start=SESSION.start,
        duration=SESSION.duration,
        url=PAGE,
    )
    data = event_jsonld(hostile, "Villes Internet", PAGE)
    html = render_to_string(
        "webinars/includes/event_jsonld.html", {"event_jsonld": event_jsonld_script(data)}
    )

    assert html.count("<script") == 1
    assert html.count("</script>") == 1
    assert "<!--" not in html
    body = re.fullmatch(r'\s*<script type="application/ld\+json">(.*)</script>\s*', html, flags=re.S).group(1)
    assert "\\u003C/script\\u003E" in body
    assert json.loads(body) == data  # the escapes are valid JSON: the data round-trips


def test_the_include_renders_nothing_without_data():
    assert render_to_string("webinars/includes/event_jsonld.html", {}).strip() == ""
