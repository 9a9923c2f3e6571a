"""iCalendar (RFC 5545 / 5546) files for the webinars: a registrant's invitation, its
cancellation, and the public feed of upcoming sessions.

Pure functions on plain frozen dataclasses: the caller (services, views, email tasks) builds a
``SessionInfo`` and a ``RegistrationInfo`` from its models and attaches the returned bytes
(``text/calendar; method=REQUEST`` or ``method=CANCEL``) to an email, or serves the feed.

Rules the calendar clients rely on:

- one registration = one event UID (``registration_uid``), the same in the first invitation,
  every update and the cancellation, so that clients update or remove the event they hold;
- ``SEQUENCE`` grows with each change: the caller increments ``SessionInfo.sequence`` whenever
  the session's date, duration, title, description or link changes, then sends a new
  invitation; a cancellation is sent one above (``sequence + 1``) unless the caller gives one;
- no ``ORGANIZER``: the association's mailbox does not process iTIP replies, and with no
  organizer clients do not offer to answer (accept / decline) an address that never reads them;
- times are written in Europe/Paris with its ``VTIMEZONE``, whatever time zone the caller's
  aware datetime is in.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress

PARIS = ZoneInfo("Europe/Paris")
# The right-hand side of every UID: the association's domain keeps them globally unique.
UID_DOMAIN = "villes-internet.net"
PRODID = "-//Villes Internet//Webinaires C'est pour vous//FR"
# Content types of the attachments (the method parameter lets mail clients show the invitation)
# and of the feed; the attachment's file name: "invitation.ics".
INVITATION_CONTENT_TYPE = "text/calendar; charset=utf-8; method=REQUEST"
CANCELLATION_CONTENT_TYPE = "text/calendar; charset=utf-8; method=CANCEL"
FEED_CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class SessionInfo:
    """What a calendar needs to know about a webinar session.

    ``uid``: the session's stable identifier (its primary key or a UUID), never reused;
    ``start``: an aware datetime (any time zone; written in Europe/Paris);
    ``url``: the public page of the session;
    ``join_url``: the private visio link; only in a registrant's invitation, never in the
    public feed nor in JSON-LD;
    ``sequence``: 0 at creation, incremented by the caller at each change of the session;
    ``cancelled``: the session is cancelled (the feed marks it ``STATUS:CANCELLED``).
    """

    uid: str
    title: str
    description: str
    start: datetime.datetime
    duration: datetime.timedelta
    url: str
    join_url: str | None = None
    sequence: int = 0
    cancelled: bool = False

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise ValueError("SessionInfo.start must be an aware datetime")
        if self.duration <= datetime.timedelta(0):
            raise ValueError("SessionInfo.duration must be positive")
        if self.sequence < 0:
            raise ValueError("SessionInfo.sequence must not be negative")

    @property
    def paris_start(self) -> datetime.datetime:
        return self.start.astimezone(PARIS)

    @property
    def paris_end(self) -> datetime.datetime:
        # Wall-clock arithmetic would be wrong across a DST change: add in UTC.
        return (self.start.astimezone(datetime.UTC) + self.duration).astimezone(PARIS)


@dataclass(frozen=True)
class RegistrationInfo:
    """One person's registration to a session.

    ``uid``: the registration's stable identifier (a UUID or its primary key), never reused:
    the event UID derives from it; ``cancel_url``: the link that cancels without logging in.
    """

    uid: str
    name: str
    email: str
    cancel_url: str | None = None


def registration_uid(registration: RegistrationInfo) -> str:
    """The event UID of a registration's invitation, stable across updates and cancellation."""
    return f"registration-{registration.uid}@{UID_DOMAIN}"


def session_uid(session: SessionInfo) -> str:
    """The event UID of a session in the public feed."""
    return f"session-{session.uid}@{UID_DOMAIN}"


def invitation(
    session: SessionInfo, registration: RegistrationInfo, *, stamp: datetime.datetime | None = None
) -> bytes:
    """METHOD:REQUEST calendar with the registrant's event (first sending or update).

    ValueError for a cancelled session: send ``cancellation`` instead.
    """
    if session.cancelled:
        raise ValueError("the session is cancelled: send a cancellation, not an invitation")
    event = _event(session, uid=registration_uid(registration), stamp=stamp)
    event.add("sequence", session.sequence)
    event.add("status", "CONFIRMED")
    event.add("description", _registrant_description(session, registration))
    if session.join_url:
        event.add("location", session.join_url)
    event.add("attendee", _attendee(registration))
    return _calendar("REQUEST", [event], [session])


def cancellation(
    session: SessionInfo,
    registration: RegistrationInfo,
    *,
    sequence: int | None = None,
    stamp: datetime.datetime | None = None,
) -> bytes:
    """METHOD:CANCEL calendar removing the registrant's event (same UID as the invitation).

    Used both when the session is cancelled and when the person cancels their registration.
    ``sequence`` defaults to ``session.sequence + 1``, above every invitation sent so far.
    """
    event = _event(session, uid=registration_uid(registration), stamp=stamp)
    event.add("sequence", session.sequence + 1 if sequence is None else sequence)
    event.add("status", "CANCELLED")
    event.add("description", session.description)
    event.add("attendee", _attendee(registration))
    return _calendar("CANCEL", [event], [session])


def feed(
    sessions: Iterable[SessionInfo],
    *,
    name: str | None = None,
    stamp: datetime.datetime | None = None,
) -> bytes:
    """METHOD:PUBLISH calendar of the sessions given (the caller passes the upcoming ones).

    Public: no visio link, no attendee. A cancelled session stays in the feed with
    ``STATUS:CANCELLED`` so that subscribed calendars drop it.
    """
    sessions = list(sessions)
    events = []
    for session in sessions:
        event = _event(session, uid=session_uid(session), stamp=stamp)
        event.add("sequence", session.sequence)
        event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
        event.add("description", _public_description(session))
        events.append(event)
    calendar_name = name if name is not None else gettext("Webinaires « C'est pour vous »")
    return _calendar("PUBLISH", events, sessions, name=calendar_name)


def _event(session: SessionInfo, *, uid: str, stamp: datetime.datetime | None) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", (stamp or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC))
    event.add("dtstart", session.paris_start)
    event.add("dtend", session.paris_end)
    event.add("summary", session.title)
    event.add("url", session.url)
    return event


def _attendee(registration: RegistrationInfo) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["CN"] = registration.name
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    attendee.params["PARTSTAT"] = "ACCEPTED"
    attendee.params["RSVP"] = "FALSE"
    return attendee


def _public_description(session: SessionInfo) -> str:
    return "\n\n".join(
        part
        for part in (
            session.description,
            gettext("Informations et inscription : %(url)s") % {"url": session.url},
        )
        if part
    )


def _registrant_description(session: SessionInfo, registration: RegistrationInfo) -> str:
    parts = [session.description]
    if session.join_url:
        parts.append(gettext("Lien de connexion : %(url)s") % {"url": session.join_url})
    parts.append(gettext("Page de la session : %(url)s") % {"url": session.url})
    if registration.cancel_url:
        parts.append(gettext("Annuler votre inscription : %(url)s") % {"url": registration.cancel_url})
    return "\n\n".join(part for part in parts if part)


def _calendar(
    method: str, events: list[Event], sessions: list[SessionInfo], name: str | None = None
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Paris")
    for event in events:
        calendar.add_component(event)
    if sessions:
        # The VTIMEZONE covers the years of the sessions (not 1970–2038: smaller files).
        first = min(s.paris_start for s in sessions).date().replace(month=1, day=1)
        last = max(s.paris_end for s in sessions).date().replace(month=1, day=1)
        calendar.add_missing_timezones(first, last.replace(year=last.year + 1))
    return calendar.to_ical()
