"""The webinars "C'est pour vous": season, cycle and session pages, registrations."""

from .pages import CyclePage, SeasonPage, SessionPage, SessionQuestion, SpeakerBlock
from .registrations import (
    Mailing,
    Registration,
    RegistrationQuerySet,
    Reminder,
    ReminderKind,
    Status,
    normalise_email,
)

__all__ = [
    "CyclePage",
    "Mailing",
    "Registration",
    "RegistrationQuerySet",
    "Reminder",
    "ReminderKind",
    "SeasonPage",
    "SessionPage",
    "SessionQuestion",
    "SpeakerBlock",
    "Status",
    "normalise_email",
]
