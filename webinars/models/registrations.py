"""Registrations to a session, the waiting list, and the emails already sent to each."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: How long a visitor has to confirm their address before the seat is released.
CONFIRMATION_VALIDITY = datetime.timedelta(hours=48)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Status(models.TextChoices):
    PENDING = "pending", _("À confirmer par courriel")
    CONFIRMED = "confirmed", _("Inscrite")
    WAITING = "waiting", _("En liste d'attente")
    CANCELLED = "cancelled", _("Annulée")
    EXPIRED = "expired", _("Expirée")


class RegistrationQuerySet(models.QuerySet):
    def holding_seats(self, now: datetime.datetime | None = None):
        """Confirmed registrations, and unconfirmed ones given a seat that have not expired."""
        now = now or timezone.now()
        return self.filter(
            Q(status=Status.CONFIRMED) | Q(status=Status.PENDING, holds_seat=True, expires_at__gt=now)
        )

    def waiting_list(self):
        """The waiting list, first come first served."""
        return self.filter(status=Status.WAITING).order_by("waiting_since", "pk")

    def active(self):
        return self.filter(status__in=[Status.PENDING, Status.CONFIRMED, Status.WAITING])

    def for_collectivity(self, collectivity):
        """Registrations made from an account of ``collectivity`` or with the address of one of
        its people, newest session first."""
        from members.models import MemberRole

        emails = MemberRole.objects.filter(collectivity=collectivity).values("user__email")
        return self.filter(Q(collectivity=collectivity) | Q(email__in=emails)).order_by(
            "-session__starts_at", "name"
        )

    def expired_pending(self, now: datetime.datetime | None = None):
        return self.filter(status=Status.PENDING, expires_at__lte=now or timezone.now())


class Registration(models.Model):
    session = models.ForeignKey(
        "webinars.SessionPage",
        verbose_name=_("séance"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="webinar_registrations",
    )
    name = models.CharField(_("nom"), max_length=150)
    email = models.EmailField(_("adresse électronique"))
    email_normalised = models.EmailField(editable=False)
    collectivity_name = models.CharField(_("collectivité"), max_length=200, blank=True)
    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivité adhérente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="webinar_registrations",
    )
    role = models.CharField(_("fonction"), max_length=150)
    answers = models.JSONField(_("réponses"), default=dict, blank=True)
    language = models.CharField(max_length=8, default="fr")
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    holds_seat = models.BooleanField(default=False, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    expires_at = models.DateTimeField(_("à confirmer avant"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("en attente depuis"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    attended = models.BooleanField(_("présente"), default=False)
    created_at = models.DateTimeField(_("inscrite le"), auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["session", "created_at", "pk"]
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email_normalised"], name="webinar_registration_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.session}"

    def save(self, *args, **kwargs):
        self.email_normalised = normalise_email(self.email)
        super().save(*args, **kwargs)


class ReminderKind(models.TextChoices):
    DAY_BEFORE = "day", _("Rappel la veille")
    HOUR_BEFORE = "hour", _("Rappel une heure avant")
    REPLAY = "replay", _("Replay")


class Reminder(models.Model):
    """An email of ``kind`` sent for a registration: recorded so that it is never sent twice."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rappel envoyé")
        verbose_name_plural = _("rappels envoyés")
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="webinar_reminder_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.registration}"


class Mailing(models.Model):
    """A message staff send to everyone registered to a session; the task records its progress."""

    session = models.ForeignKey(
        "webinars.SessionPage", verbose_name=_("séance"), on_delete=models.CASCADE, related_name="mailings"
    )
    subject = models.CharField(_("objet"), max_length=200)
    body = models.TextField(_("message"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    total = models.PositiveIntegerField(_("destinataires"), default=0)
    sent = models.PositiveIntegerField(_("envoyés"), default=0)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message aux inscrits")
        verbose_name_plural = _("messages aux inscrits")

    def __str__(self) -> str:
        return self.subject

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.sent / self.total)
