"""Reminders of unpaid invoices to the collectivity's référents, on the schedule of
``settings.DUES_REMINDER_DAYS`` (days from the due date: before it, on it, after it).

:func:`send_due_reminders` runs from a periodic command (``manage.py send_dues_reminders``);
each reminder is recorded (one row per invoice and step, unique) before its email is queued,
so that it is never sent twice, and the task that sends it checks the invoice again: once the
invoice is paid or cancelled by a credit note, no reminder goes.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import DuesReminder, Invoice

#: A step whose day passed longer ago than this (the command did not run) is not sent late.
LATE_DAYS = 14


def reminder_steps() -> tuple[int, ...]:
    """The schedule, in days from the due date, in order."""
    return tuple(sorted(set(getattr(settings, "DUES_REMINDER_DAYS", ()))))


def step_due(invoice: Invoice, today: datetime.date, steps: tuple[int, ...]) -> int | None:
    """The step of the schedule that ``invoice`` is due for on ``today``: the latest whose day
    has come, unless it passed more than LATE_DAYS ago or falls on or before the invoice's issue
    (the invoice itself was just sent). None when no reminder is due."""
    passed = [step for step in steps if invoice.due_on + datetime.timedelta(days=step) <= today]
    if not passed:
        return None
    step = passed[-1]
    day = invoice.due_on + datetime.timedelta(days=step)
    if (today - day).days > LATE_DAYS or day <= invoice.issued_on:
        return None
    return step


def reminders_due(today: datetime.date | None = None) -> list[tuple[Invoice, int]]:
    """(invoice, step) of the reminders due on ``today`` and not recorded yet."""
    today = today or timezone.localdate()
    steps = reminder_steps()
    if not steps:
        return []
    window = (
        today - datetime.timedelta(days=steps[-1] + LATE_DAYS),
        today - datetime.timedelta(days=steps[0]),
    )
    invoices = (
        Invoice.objects.outstanding()
        .filter(due_on__range=window)
        .select_related("collectivity")
        .prefetch_related("reminders")
        .order_by("due_on", "year", "sequence")
    )
    due = []
    for invoice in invoices:
        step = step_due(invoice, today, steps)
        if step is not None and step not in {reminder.step for reminder in invoice.reminders.all()}:
            due.append((invoice, step))
    return due


def _record_and_queue(invoice: Invoice, step: int) -> bool:
    """Record the reminder of ``invoice`` for ``step`` and queue its email once committed;
    False when it was already recorded (by another run at the same time)."""
    from ..tasks import send_dues_reminder

    try:
        with transaction.atomic():
            reminder = DuesReminder.objects.create(invoice=invoice, step=step)
    except IntegrityError:
        return False
    transaction.on_commit(partial(send_dues_reminder.enqueue, reminder.pk))
    return True


def send_due_reminders(today: datetime.date | None = None) -> int:
    """Queue the reminders due on ``today``; returns how many were queued."""
    sent = 0
    for invoice, step in reminders_due(today):
        with transaction.atomic():
            sent += _record_and_queue(invoice, step)
    return sent
