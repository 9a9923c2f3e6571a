"""Reminders the day before and one hour before, sent once (frozen time), and the replay."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from webinars import services
from webinars.models import Reminder

from .conftest import future_session


def _confirmed(session, email):
    registration = services.register_visitor(session=session, name="Ana", email=email, role="agente")
    return services.confirm(registration.token)


def test_reminders_are_sent_once_each(webinars_demo, django_capture_on_commit_callbacks):
    session = future_session(webinars_demo, days=3)
    _confirmed(session, "ana@example.test")
    mail.outbox.clear()
    start = session.starts_at

    def run_at(moment):
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            call_command("send_webinar_reminders", stdout=io.StringIO())

    run_at(start - datetime.timedelta(hours=30))
    assert mail.outbox == []
    run_at(start - datetime.timedelta(hours=23))
    run_at(start - datetime.timedelta(hours=22))  # again: nothing more
    assert [m.subject for m in mail.outbox] == [f"[Villes Internet] Demain : {session.title}"]
    run_at(start - datetime.timedelta(minutes=50))
    run_at(start - datetime.timedelta(minutes=45))
    assert len(mail.outbox) == 2
    assert "Dans une heure" in mail.outbox[1].subject
    assert set(Reminder.objects.values_list("kind", flat=True)) == {"day", "hour"}


def test_no_reminder_for_a_cancelled_session(webinars_demo, django_capture_on_commit_callbacks):
    session = future_session(webinars_demo, days=3)
    _confirmed(session, "ana@example.test")
    services.cancel_session(session)
    mail.outbox.clear()
    with time_machine.travel(session.starts_at - datetime.timedelta(minutes=30), tick=False):
        assert services.send_due_reminders() == 0


def test_replay_follow_up_once_and_only_with_a_replay(webinars_demo, django_capture_on_commit_callbacks):
    session = future_session(webinars_demo, days=3)
    _confirmed(session, "ana@example.test")
    with pytest.raises(ValidationError, match="replay"):
        services.send_replay_follow_up(session)
    session.replay_url = "https://visio.example.org/replay"
    session.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_replay_follow_up(session) == 1
        assert services.send_replay_follow_up(session) == 0
    assert len(mail.outbox) == 1 and "replay" in mail.outbox[0].subject


def test_replay_goes_out_automatically_once_the_session_ended(
    webinars_demo, django_capture_on_commit_callbacks
):
    session = future_session(webinars_demo, days=3)
    _confirmed(session, "ana@example.test")
    session.replay_url = "https://visio.example.org/replay"
    session.save()
    mail.outbox.clear()
    with time_machine.travel(session.starts_at + datetime.timedelta(minutes=30), tick=False):
        assert services.send_due_replays() == 0  # still running
    for _ in range(2):
        with (
            time_machine.travel(session.starts_at + datetime.timedelta(hours=3), tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("send_webinar_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["ana@example.test"]]
    assert "replay" in mail.outbox[0].subject
