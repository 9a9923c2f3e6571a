"""Reminders the day before and one hour before a session, and the replay follow-up: each is
recorded per registration and kind, so that the worker never sends one twice."""

from __future__ import annotations

import datetime
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Registration, Reminder, ReminderKind, SessionPage, Status

#: When each reminder is due, before the start.
DUE_BEFORE = {
    ReminderKind.DAY_BEFORE: datetime.timedelta(hours=24),
    ReminderKind.HOUR_BEFORE: datetime.timedelta(hours=1),
}


def _record_and_queue(registration: Registration, kind: str) -> bool:
    """Record that ``kind`` goes to ``registration`` and queue it; False if already recorded."""
    from ..tasks import send_registration_email

    try:
        with transaction.atomic():
            Reminder.objects.create(registration=registration, kind=kind)
    except IntegrityError:
        return False
    transaction.on_commit(partial(send_registration_email.enqueue, registration.pk, kind))
    return True


def send_due_reminders(now: datetime.datetime | None = None) -> int:
    """Queue the reminders due at ``now`` for confirmed registrations of sessions that have not
    started and are not cancelled. A reminder whose window passed while the worker was stopped
    is not sent late, except the hour's which replaces the day's. Returns how many were queued."""
    now = now or timezone.now()
    sent = 0
    for kind, before in DUE_BEFORE.items():
        registrations = (
            Registration.objects.filter(
                status=Status.CONFIRMED,
                session__cancelled_at__isnull=True,
                session__starts_at__gt=now,
                session__starts_at__lte=now + before,
            )
            .exclude(reminders__kind=kind)
            .select_related("session")
        )
        for registration in registrations:
            if (
                kind == ReminderKind.DAY_BEFORE
                and registration.session.starts_at - now <= DUE_BEFORE[ReminderKind.HOUR_BEFORE]
            ):
                continue  # the hour's reminder goes instead
            with transaction.atomic():
                sent += _record_and_queue(registration, kind)
    return sent


def send_replay_follow_up(session: SessionPage) -> int:
    """Send the replay to those who were registered (confirmed) to ``session``, once each."""
    source = session.source()
    if not source.has_replay:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError(_("Ajoutez d'abord le replay à la séance (lien ou vidéo)."))
    sent = 0
    for registration in Registration.objects.filter(session=source, status=Status.CONFIRMED):
        with transaction.atomic():
            sent += _record_and_queue(registration, ReminderKind.REPLAY)
    return sent


#: The replay follow-up goes out automatically for sessions ended within this delay.
REPLAY_WINDOW = datetime.timedelta(days=30)


def send_due_replays(now: datetime.datetime | None = None) -> int:
    """Queue the replay follow-up of the sessions that ended (within REPLAY_WINDOW) and have a
    replay, to those who were registered and have not had it. Returns how many."""
    now = now or timezone.now()
    sent = 0
    sessions = SessionPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE,
        cancelled_at__isnull=True,
        starts_at__lt=now,
        starts_at__gte=now - REPLAY_WINDOW,
    ).exclude(replay_url="", replay_video__isnull=True)
    for session in sessions:
        if session.ends_at > now:
            continue
        registrations = Registration.objects.filter(session=session, status=Status.CONFIRMED).exclude(
            reminders__kind=ReminderKind.REPLAY
        )
        for registration in registrations:
            with transaction.atomic():
                sent += _record_and_queue(registration, ReminderKind.REPLAY)
    return sent
