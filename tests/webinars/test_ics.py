"""The webinars' calendar files: invitation, update, cancellation, public feed."""

import datetime
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from webinars.ics import RegistrationInfo, SessionInfo, cancellation, feed, invitation

PARIS = ZoneInfo("Europe/Paris")
STAMP = datetime.datetime(2026, 1, 2, 8, 0, tzinfo=datetime.UTC)


def session(**changes) -> SessionInfo:
    base = SessionInfo(
        uid="42",
        title="Données ouvertes : par où commencer ?",
        description="Un premier pas vers l'open data.",
        start=datetime.datetime(2026, 1, 15, 10, 0, tzinfo=PARIS),
        duration=datetime.timedelta(minutes=90),
        url="https://www.villes-internet.net/webinaires/donnees-ouvertes/",
        join_url="https://visio.example.org/room/abc",
    )
    return replace(base, **changes)


REGISTRATION = RegistrationInfo(
    uid="6f1c2e",
    name="Camille Martin",
    email="camille.martin@example.org",
    cancel_url="https://www.villes-internet.net/webinaires/annuler/tok/",
)


def only_event(content: bytes):
    calendar = Calendar.from_ical(content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_an_invitation_is_a_request_with_the_registrant_and_no_organizer():
    calendar, event = only_event(invitation(session(), REGISTRATION, stamp=STAMP))

    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == "registration-6f1c2e@villes-internet.net"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event["SUMMARY"] == "Données ouvertes : par où commencer ?"
    assert event["URL"] == "https://www.villes-internet.net/webinaires/donnees-ouvertes/"
    assert event["LOCATION"] == "https://visio.example.org/room/abc"
    assert event.decoded("DTSTAMP") == STAMP
    assert "ORGANIZER" not in event
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:camille.martin@example.org"
    assert attendee.params["CN"] == "Camille Martin"
    description = str(event["DESCRIPTION"])
    assert "https://visio.example.org/room/abc" in description
    assert "https://www.villes-internet.net/webinaires/annuler/tok/" in description
    assert b"ORGANIZER" not in invitation(session(), REGISTRATION)


def test_the_uid_is_kept_across_an_update_and_a_cancellation():
    first = only_event(invitation(session(), REGISTRATION))[1]
    moved = session(start=datetime.datetime(2026, 1, 22, 14, 0, tzinfo=PARIS), sequence=1)
    update = only_event(invitation(moved, REGISTRATION))[1]
    calendar, cancel = only_event(cancellation(replace(moved, cancelled=True), REGISTRATION))

    assert first["UID"] == update["UID"] == cancel["UID"]
    assert (first["SEQUENCE"], update["SEQUENCE"], cancel["SEQUENCE"]) == (0, 1, 2)
    assert update.decoded("DTSTART") == datetime.datetime(2026, 1, 22, 14, 0, tzinfo=PARIS)
    assert calendar["METHOD"] == "CANCEL"
    assert cancel["STATUS"] == "CANCELLED"
    assert "ORGANIZER" not in cancel
    # Two registrations to the same session are two different events.
    other = RegistrationInfo(uid="77aa", name="Léa Petit", email="lea@example.org")
    assert only_event(invitation(session(), other))[1]["UID"] != first["UID"]


def test_a_cancellation_can_carry_the_callers_sequence():
    event = only_event(cancellation(session(sequence=3), REGISTRATION, sequence=7))[1]
    assert event["SEQUENCE"] == 7


def test_no_invitation_for_a_cancelled_session():
    with pytest.raises(ValueError, match="cancellation"):
        invitation(session(cancelled=True), REGISTRATION)


def test_bad_session_data_is_refused():
    with pytest.raises(ValueError, match="aware"):
        session(start=datetime.datetime(2026, 1, 15, 10, 0))
    with pytest.raises(ValueError, match="duration"):
        session(duration=datetime.timedelta(0))


def test_times_are_in_europe_paris_with_its_vtimezone():
    winter = invitation(session(), REGISTRATION)
    _, event = only_event(winter)
    start = event.decoded("DTSTART")
    assert start.astimezone(datetime.UTC) == datetime.datetime(2026, 1, 15, 9, 0, tzinfo=datetime.UTC)
    assert event.decoded("DTEND") - start == datetime.timedelta(minutes=90)
    assert b"DTSTART;TZID=Europe/Paris:20260115T100000\r\n" in winter
    assert b"DTEND;TZID=Europe/Paris:20260115T113000\r\n" in winter
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n" in winter

    # A UTC datetime from the database is written in Paris time; summer is UTC+2.
    summer = session(start=datetime.datetime(2026, 6, 11, 12, 0, tzinfo=datetime.UTC))
    content = invitation(summer, REGISTRATION)
    assert b"DTSTART;TZID=Europe/Paris:20260611T140000\r\n" in content
    assert only_event(content)[1].decoded("DTSTART").utcoffset() == datetime.timedelta(hours=2)


def test_a_session_across_the_dst_change_lasts_its_duration():
    # 29 March 2026, 01:30 Paris (UTC+1), two hours: ends at 04:30 summer time (UTC+2).
    night = session(
        start=datetime.datetime(2026, 3, 29, 1, 30, tzinfo=PARIS), duration=datetime.timedelta(hours=2)
    )
    assert b"DTEND;TZID=Europe/Paris:20260329T043000\r\n" in invitation(night, REGISTRATION)


def test_text_is_escaped_lines_end_in_crlf_and_long_lines_are_folded():
    title = "Cartes, données; et\nplus encore"
    long_description = "Une présentation détaillée des outils libres pour les collectivités. " * 6
    content = invitation(session(title=title, description=long_description), REGISTRATION)

    assert b"SUMMARY:Cartes\\, donn\xc3\xa9es\\; et\\nplus encore\r\n" in content
    assert only_event(content)[1]["SUMMARY"] == title
    assert only_event(content)[1]["DESCRIPTION"].startswith(long_description.strip())
    lines = content.split(b"\r\n")
    assert content.endswith(b"\r\n")
    assert b"\n" not in b"".join(lines)  # no bare LF anywhere
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # continuation lines exist


def test_the_feed_publishes_sessions_without_private_links():
    upcoming = [
        session(),
        session(
            uid="43", title="Sobriété numérique", start=datetime.datetime(2026, 2, 5, 10, 0, tzinfo=PARIS)
        ),
        session(uid="44", title="Annulée", cancelled=True, sequence=2),
    ]
    content = feed(upcoming, stamp=STAMP)
    calendar = Calendar.from_ical(content)

    assert calendar["METHOD"] == "PUBLISH"
    events = calendar.walk("VEVENT")
    assert [e["UID"] for e in events] == [
        "session-42@villes-internet.net",
        "session-43@villes-internet.net",
        "session-44@villes-internet.net",
    ]
    assert [e["STATUS"] for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert events[2]["SEQUENCE"] == 2
    assert b"visio.example.org" not in content
    assert b"ATTENDEE" not in content
    assert b"ORGANIZER" not in content
    assert str(calendar["X-WR-CALNAME"]) == "Webinaires « C'est pour vous »"
    assert len(calendar.walk("VTIMEZONE")) == 1
    # The feed of a session and a registrant's invitation are different events.
    assert only_event(invitation(session(), REGISTRATION))[1]["UID"] != events[0]["UID"]


def test_an_empty_feed_is_a_valid_calendar():
    calendar = Calendar.from_ical(feed([]))
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.walk("VEVENT") == []
