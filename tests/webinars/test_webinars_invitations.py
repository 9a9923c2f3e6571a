"""The emails carry the calendar invitation (METHOD:REQUEST) and its cancellation
(METHOD:CANCEL), with one UID per registration and no ORGANIZER."""

import datetime

from django.core import mail
from icalendar import Calendar

from webinars import services
from webinars.models import SessionPage

from .conftest import future_session


def _calendar(message) -> tuple[str, Calendar]:
    parts = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    part = parts[0]
    assert part.get_filename() == "invitation.ics"
    return part.get_param("method"), Calendar.from_ical(part.get_payload(decode=True))


def _event(calendar: Calendar):
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def _register(session, email="ana@example.test"):
    registration = services.register_visitor(session=session, name="Ana Lopes", email=email, role="agente")
    return services.confirm(registration.token)


def test_confirmation_carries_an_invitation_and_the_cancellation_keeps_its_uid(
    webinars_demo, django_capture_on_commit_callbacks
):
    session = future_session(webinars_demo)
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register(session)
    method, calendar = _calendar(mail.outbox[-1])
    assert method == "REQUEST" and calendar["METHOD"] == "REQUEST"
    invitation = _event(calendar)
    assert "ORGANIZER" not in invitation
    assert str(invitation["LOCATION"]) == session.visio_url
    uid = str(invitation["UID"])
    # A visitor has no account: the email itself gives the visio link.
    assert session.visio_url in mail.outbox[-1].body
    assert f'href="{session.visio_url}"' in mail.outbox[-1].alternatives[0][0]

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration)
    method, calendar = _calendar(mail.outbox[-1])
    assert method == "CANCEL" and calendar["METHOD"] == "CANCEL"
    cancelled = _event(calendar)
    assert session.visio_url not in mail.outbox[-1].body
    assert str(cancelled["UID"]) == uid
    assert "ORGANIZER" not in cancelled
    assert cancelled["SEQUENCE"] > invitation["SEQUENCE"]


def test_a_moved_session_sends_an_update_then_a_cancellation_with_the_same_uid(
    webinars_demo, django_capture_on_commit_callbacks
):
    session = future_session(webinars_demo)
    with django_capture_on_commit_callbacks(execute=True):
        _register(session)
    first = _event(_calendar(mail.outbox[-1])[1])
    page = SessionPage.objects.get(pk=session.pk)
    page.starts_at += datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert SessionPage.objects.get(pk=session.pk).sequence == 1
    method, calendar = _calendar(mail.outbox[-1])
    update = _event(calendar)
    assert method == "REQUEST"
    assert str(update["UID"]) == str(first["UID"])
    assert update["SEQUENCE"] == first["SEQUENCE"] + 1
    assert update.decoded("DTSTART") == first.decoded("DTSTART") + datetime.timedelta(hours=2)

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(SessionPage.objects.get(pk=session.pk))
    method, calendar = _calendar(mail.outbox[-1])
    cancelled = _event(calendar)
    assert method == "CANCEL"
    assert str(cancelled["UID"]) == str(first["UID"])
    assert cancelled["SEQUENCE"] > update["SEQUENCE"]


def test_promoted_person_gets_an_invitation_and_waiting_one_none(
    webinars_demo, django_capture_on_commit_callbacks
):
    session = future_session(webinars_demo, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = _register(session, "first@example.test")
        _register(session, "second@example.test")
    waiting = mail.outbox[-1]
    assert not [p for p in waiting.message().walk() if p.get_content_type() == "text/calendar"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first)
    promoted = next(m for m in mail.outbox if m.to == ["second@example.test"])
    assert _calendar(promoted)[0] == "REQUEST"
