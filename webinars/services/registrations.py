"""Registrations, the waiting list and its promotions."""

from __future__ import annotations

import datetime
from functools import partial

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from members.access import can_open_members_only
from members.models import display_name
from members.services import current_collectivity

from ..models import Registration, SessionPage, Status, normalise_email
from ..models.registrations import CONFIRMATION_VALIDITY, new_token

CANCEL_SALT = "webinars.registration.cancel"


def _queue(registration: Registration, kind: str) -> None:
    from ..tasks import send_registration_email

    transaction.on_commit(partial(send_registration_email.enqueue, registration.pk, kind))


def is_member(user) -> bool:
    """A logged-in person of a collectivity whose membership is valid (or staff)."""
    return can_open_members_only(user)


def _lock(session: SessionPage) -> SessionPage:
    """The session's source page, its row locked until the transaction ends."""
    source = session.source()
    return SessionPage.objects.select_for_update(of=("self",)).get(pk=source.pk)


def seats_left(session: SessionPage, now: datetime.datetime | None = None) -> int:
    taken = Registration.objects.filter(session=session).holding_seats(now).count()
    return max(session.capacity - taken, 0)


def _check_open(session: SessionPage) -> None:
    if session.is_cancelled:
        raise ValidationError(_("Cette séance est annulée : les inscriptions sont fermées."))
    if session.starts_at <= timezone.now():
        raise ValidationError(_("Cette séance a commencé : les inscriptions sont fermées."))


def _existing(session: SessionPage, email: str) -> Registration | None:
    registration = Registration.objects.filter(
        session=session, email_normalised=normalise_email(email)
    ).first()
    if registration is not None and registration.status in (Status.PENDING, Status.CONFIRMED, Status.WAITING):
        if registration.status == Status.PENDING and registration.expires_at <= timezone.now():
            return registration  # expired: registering again starts over
        raise ValidationError(_("Cette adresse est déjà inscrite à cette séance."))
    return registration


def _seat_or_wait(session: SessionPage, registration: Registration, now: datetime.datetime) -> None:
    """Confirm ``registration`` if a seat is free, else put it on the waiting list."""
    if registration.holds_seat or seats_left(session, now) > 0:
        registration.status = Status.CONFIRMED
        registration.holds_seat = True
        registration.confirmed_at = now
        registration.waiting_since = None
    else:
        registration.status = Status.WAITING
        registration.holds_seat = False
        registration.waiting_since = now


@transaction.atomic
def register_member(
    *, session: SessionPage, user, answers: dict | None = None, language: str = "fr"
) -> Registration:
    """One click: a member's registration is confirmed at once (or waits for a seat)."""
    if not is_member(user):
        raise ValidationError(_("L'inscription en un clic est réservée aux adhérents connectés."))
    session = _lock(session)
    _check_open(session)
    registration = _existing(session, user.email) or Registration(session=session)
    now = timezone.now()
    collectivity = current_collectivity(user)
    registration.user = user
    registration.name = display_name(user)
    registration.email = user.email
    registration.collectivity = collectivity
    registration.collectivity_name = collectivity.name if collectivity else ""
    registration.role = registration.role or _("Adhérent")
    registration.answers = _clean_answers(session, answers)
    registration.language = language
    registration.token = new_token()
    registration.expires_at = None
    registration.cancelled_at = None
    registration.holds_seat = False
    _seat_or_wait(session, registration, now)
    registration.save()
    _queue(registration, "confirmed" if registration.status == Status.CONFIRMED else "waiting")
    return registration


def _clean_answers(session: SessionPage, answers: dict | None) -> dict:
    """Answers keyed by the position of the question (the same on every translation of the
    page), stored under the question as staff wrote it on the French page; unknown positions
    and empty answers are dropped."""
    answers = answers or {}
    labels = list(session.questions.values_list("label", flat=True))
    cleaned = {}
    for key, value in answers.items():
        if str(key).isdigit() and int(key) < len(labels) and str(value).strip():
            cleaned[labels[int(key)]] = str(value).strip()[:2000]
    return cleaned


@transaction.atomic
def register_visitor(
    *,
    session: SessionPage,
    name: str,
    email: str,
    role: str,
    collectivity_name: str = "",
    answers: dict | None = None,
    language: str = "fr",
) -> Registration:
    """Register someone without an account: a seat is kept for them until they confirm their
    address (or the link expires); beyond capacity they will join the waiting list once they
    confirm."""
    name, email, role = name.strip(), email.strip(), role.strip()
    errors = {}
    if not name:
        errors["name"] = _("Indiquez votre nom.")
    if not role:
        errors["role"] = _("Indiquez votre fonction.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Saisissez une adresse électronique valide.")
    if errors:
        raise ValidationError(errors)
    session = _lock(session)
    _check_open(session)
    registration = _existing(session, email) or Registration(session=session)
    now = timezone.now()
    registration.user = None
    registration.collectivity = None
    registration.name = name
    registration.email = email
    registration.role = role
    registration.collectivity_name = collectivity_name.strip()
    registration.answers = _clean_answers(session, answers)
    registration.language = language
    registration.status = Status.PENDING
    registration.token = new_token()
    registration.holds_seat = seats_left(session, now) > 0
    registration.expires_at = now + CONFIRMATION_VALIDITY
    registration.confirmed_at = registration.waiting_since = registration.cancelled_at = None
    registration.save()
    _queue(registration, "confirm_address")
    return registration


@transaction.atomic
def confirm(token: str) -> Registration:
    """Confirm the address of a visitor's registration: a seat if one is kept or free, else the
    waiting list."""
    registration = Registration.objects.filter(token=token).select_related("session").first()
    if registration is None:
        raise ValidationError(_("Ce lien de confirmation n'est pas valable."))
    session = _lock(registration.session)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status in (Status.CONFIRMED, Status.WAITING):
        return registration  # the link opened twice
    if registration.status != Status.PENDING:
        raise ValidationError(_("Cette inscription a été annulée : inscrivez-vous à nouveau."))
    now = timezone.now()
    if registration.expires_at <= now:
        raise ValidationError(
            _("Ce lien de confirmation a expiré et la place n'est plus réservée : inscrivez-vous à nouveau.")
        )
    _check_open(session)
    _seat_or_wait(session, registration, now)
    registration.expires_at = None
    registration.save()
    _queue(registration, "confirmed" if registration.status == Status.CONFIRMED else "waiting")
    return registration


def cancel_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def registration_for_cancel_token(token: str) -> Registration:
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        raise ValidationError(_("Ce lien d'annulation n'est pas valable.")) from None
    registration = Registration.objects.select_related("session").filter(pk=pk).first()
    if registration is None:
        raise ValidationError(_("Cette inscription n'existe plus."))
    return registration


@transaction.atomic
def cancel(registration: Registration) -> Registration:
    """Cancel a registration (no login needed: the link is signed); its seat goes to the first
    person waiting."""
    session = _lock(registration.session)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status in (Status.CANCELLED, Status.EXPIRED):
        return registration
    if registration.status == Status.CONFIRMED:
        _queue(registration, "cancelled")  # removes the event from their calendar
    registration.status = Status.CANCELLED
    registration.holds_seat = False
    registration.cancelled_at = timezone.now()
    registration.save()
    promote_waiting(session)
    return registration


def promote_waiting(session: SessionPage) -> list[Registration]:
    """Give the free seats to the waiting list, in order; each promoted person gets an email.
    Call inside a transaction holding the session's lock."""
    now = timezone.now()
    free = seats_left(session, now)
    if free <= 0 or session.is_cancelled:
        return []
    promoted = list(Registration.objects.filter(session=session).waiting_list()[:free])
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.holds_seat = True
        registration.confirmed_at = now
        registration.save(update_fields=["status", "holds_seat", "confirmed_at"])
        _queue(registration, "promoted")
    return promoted


def expire_pending(now: datetime.datetime | None = None) -> int:
    """Mark the unconfirmed registrations past their deadline as expired and give the seats
    they kept to the waiting lists. Returns how many expired."""
    now = now or timezone.now()
    expired = 0
    session_ids = set(Registration.objects.expired_pending(now).values_list("session_id", flat=True))
    for session_id in session_ids:
        with transaction.atomic():
            session = SessionPage.objects.select_for_update(of=("self",)).get(pk=session_id)
            expired += (
                Registration.objects.filter(session=session)
                .expired_pending(now)
                .update(status=Status.EXPIRED, holds_seat=False)
            )
            promote_waiting(session)
    return expired


@transaction.atomic
def cancel_session(session: SessionPage) -> int:
    """Staff cancel a session: everyone registered or waiting is told. Returns how many."""
    session = _lock(session)
    if session.is_cancelled:
        raise ValidationError(_("Cette séance est déjà annulée."))
    now = timezone.now()
    SessionPage.objects.filter(translation_key=session.translation_key).update(cancelled_at=now)
    told = 0
    for registration in Registration.objects.filter(session=session).active():
        registration.holds_seat = False
        registration.save(update_fields=["holds_seat"])
        _queue(registration, "session_cancelled")
        told += 1
    return told


def announce_schedule(session: SessionPage) -> int:
    """After a publication: if the French page's date or duration changed since registrants were
    last told, tell them (the email carries the updated invitation). Returns how many."""
    source = session.source()
    if source.schedule == source.announced_schedule:
        return 0
    with transaction.atomic():
        source = SessionPage.objects.select_for_update(of=("self",)).get(pk=source.pk)
        previous, source.announced_schedule = source.announced_schedule, source.schedule
        if not previous or source.is_cancelled:
            SessionPage.objects.filter(pk=source.pk).update(announced_schedule=source.schedule)
            return 0
        # A new date or duration: the updated invitations carry a higher SEQUENCE.
        SessionPage.objects.filter(translation_key=source.translation_key).update(
            announced_schedule=source.schedule, sequence=F("sequence") + 1
        )
        told = 0
        for registration in Registration.objects.filter(session=source).active():
            _queue(registration, "session_changed")
            told += 1
        return told
