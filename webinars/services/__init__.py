"""Business rules of the webinars (see ARCHITECTURE.md, "services").

- :mod:`.registrations`: register (a member in one click, anyone else with a confirmation by
  email), confirm, cancel, expire, the waiting list and its promotions, cancel a session;
- :mod:`.reminders`: the reminders and the replay follow-up, each sent once.

Every write runs in a transaction that first locks the session's row, so the seats are counted
by one process at a time (PostgreSQL: SELECT ... FOR UPDATE; SQLite: IMMEDIATE transactions).
Emails are sent by tasks queued on commit (webinars/tasks.py).
"""

from .registrations import (
    announce_schedule,
    cancel,
    cancel_session,
    cancel_token,
    confirm,
    expire_pending,
    is_member,
    promote_waiting,
    register_member,
    register_visitor,
    registration_for_cancel_token,
    seats_left,
)
from .reminders import send_due_reminders, send_due_replays, send_replay_follow_up

__all__ = [
    "announce_schedule",
    "cancel",
    "cancel_session",
    "cancel_token",
    "confirm",
    "expire_pending",
    "is_member",
    "promote_waiting",
    "register_member",
    "register_visitor",
    "registration_for_cancel_token",
    "seats_left",
    "send_due_reminders",
    "send_due_replays",
    "send_replay_follow_up",
]
