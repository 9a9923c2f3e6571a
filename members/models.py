"""Memberships of collectivities, the people linked to them and their invitations.

A member of Villes Internet is a collectivity. Its people log in with their own account
(Django's default User, see docs/decisions.md) and are linked to it by a :class:`MemberRole`.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_GRACE_DAYS = 90
INVITATION_VALIDITY = datetime.timedelta(days=14)


@register_setting(icon="group")
class MembershipSettings(BaseSiteSetting):
    grace_days = models.PositiveIntegerField(
        _("délai de grâce (jours)"),
        default=DEFAULT_GRACE_DAYS,
        help_text=_(
            "Nombre de jours après la fin de la période payée pendant lesquels une adhésion reste valable."
        ),
    )

    class Meta:
        verbose_name = _("adhésions")


def current_grace_days() -> int:
    """The grace period of the default site (the setting staff edit), or the default; kept in
    the cache until the settings or a site change (core.fragment_cache, members.apps)."""
    from core.fragment_cache import cached_value

    return cached_value("members:grace-days", _current_grace_days)


def _current_grace_days() -> int:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return DEFAULT_GRACE_DAYS if site is None else MembershipSettings.for_site(site).grace_days


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("En attente du premier paiement")
    ACTIVE = "active", _("À jour")
    GRACE = "grace", _("En délai de grâce")
    LAPSED = "lapsed", _("Échue")
    RESIGNED = "resigned", _("Démissionnaire")


#: Statuses that open members-only content and the portal's member features.
VALID_STATUSES = frozenset({MembershipStatus.ACTIVE, MembershipStatus.GRACE})


def resigned_by(resigned: bool, resigned_on: datetime.date | None, today: datetime.date) -> bool:
    """Whether a resignation (effective on ``resigned_on``, at once when no date) applies ``today``."""
    return resigned and (resigned_on is None or resigned_on <= today)


def arrears_deadline(paid_until: datetime.date, unpaid_due_on: datetime.date | None) -> datetime.date:
    """The day after which a membership whose paid period ended is in arrears: the due date of
    its first unpaid call for a period not paid yet, or, when no such call was issued, the end
    of the paid period."""
    return unpaid_due_on if unpaid_due_on is not None else paid_until


def status_for(
    paid_until: datetime.date | None,
    resigned: bool,
    today: datetime.date,
    grace_days: int,
    *,
    resigned_on: datetime.date | None = None,
    unpaid_due_on: datetime.date | None = None,
) -> str:
    """The status of a membership (keep in step with ``MembershipQuerySet.with_status``):

    - resigned, from its date → resigned;
    - nothing paid yet (``paid_until`` None) → pending;
    - paid through ``today``, or the call of the next period not due yet → active;
    - unpaid after the due date (or after the paid period, when no call was issued) → grace for
      ``grace_days`` days, then lapsed.
    """
    if resigned_by(resigned, resigned_on, today):
        return MembershipStatus.RESIGNED
    if paid_until is None:
        return MembershipStatus.PENDING
    deadline = arrears_deadline(paid_until, unpaid_due_on)
    if today <= paid_until or today <= deadline:
        return MembershipStatus.ACTIVE
    if today <= deadline + datetime.timedelta(days=grace_days):
        return MembershipStatus.GRACE
    return MembershipStatus.LAPSED


class MembershipQuerySet(models.QuerySet):
    def with_status(self, today: datetime.date | None = None, grace_days: int | None = None):
        """Annotate ``status_value`` (a :class:`MembershipStatus` value), filterable in SQL."""
        today = today or timezone.localdate()
        grace_days = current_grace_days() if grace_days is None else grace_days
        grace_start = today - datetime.timedelta(days=grace_days)
        return self.alias(
            arrears_deadline=Coalesce(F("unpaid_due_on"), F("paid_until")),
        ).annotate(
            status_value=Case(
                When(
                    Q(resigned=True) & (Q(resigned_on__isnull=True) | Q(resigned_on__lte=today)),
                    then=Value(MembershipStatus.RESIGNED.value),
                ),
                When(paid_until__isnull=True, then=Value(MembershipStatus.PENDING.value)),
                When(paid_until__gte=today, then=Value(MembershipStatus.ACTIVE.value)),
                When(arrears_deadline__gte=today, then=Value(MembershipStatus.ACTIVE.value)),
                When(arrears_deadline__gte=grace_start, then=Value(MembershipStatus.GRACE.value)),
                default=Value(MembershipStatus.LAPSED.value),
                output_field=models.CharField(max_length=10),
            )
        )

    def valid(self, today: datetime.date | None = None):
        """Memberships that are active or in their grace period."""
        return self.with_status(today).filter(status_value__in=[s.value for s in VALID_STATUSES])

    def status_counts(self, today: datetime.date | None = None) -> dict[str, int]:
        """How many memberships have each status (every :class:`MembershipStatus` value, zero
        included), in one query over ``with_status``."""
        rows = self.with_status(today).order_by().values("status_value").annotate(n=models.Count("pk"))
        counts = dict.fromkeys(MembershipStatus.values, 0)
        counts.update({row["status_value"]: row["n"] for row in rows})
        return counts


class Membership(models.Model):
    """A collectivity's membership of the association: one per collectivity."""

    collectivity = models.OneToOneField(
        "territories.Collectivity",
        verbose_name=_("collectivité"),
        on_delete=models.PROTECT,
        related_name="membership",
    )
    started_on = models.DateField(_("adhérente depuis le"))
    paid_until = models.DateField(
        _("période payée jusqu'au"),
        null=True,
        blank=True,
        help_text=_("Vide tant que le premier appel de cotisation n'est pas payé (adhésion en attente)."),
    )
    resigned = models.BooleanField(_("démissionnaire"), default=False)
    resigned_on = models.DateField(
        _("démission effective le"),
        null=True,
        blank=True,
        help_text=_(
            "Avec « démissionnaire » coché : l'adhésion reste dans son statut jusqu'à cette date. "
            "Vide : la démission est effective dès maintenant."
        ),
    )
    unpaid_due_on = models.DateField(
        _("échéance du premier appel impayé"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Tenue à jour par les cotisations : appels émis, payés ou annulés."),
    )
    unpaid_invoice_number = models.CharField(
        _("premier appel impayé"), max_length=20, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["collectivity__name"]
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        constraints = [
            models.CheckConstraint(
                condition=Q(paid_until__gte=F("started_on")), name="membership_paid_after_start"
            ),
            models.CheckConstraint(
                condition=Q(resigned_on__isnull=True) | Q(resigned=True),
                name="membership_resignation_date_when_resigned",
                violation_error_message=_(
                    "Une date de démission n'a de sens que si « démissionnaire » est coché."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.collectivity)

    def get_status(self, today: datetime.date | None = None, grace_days: int | None = None) -> str:
        annotated = getattr(self, "status_value", None)
        if annotated is not None and today is None and grace_days is None:
            return annotated
        return status_for(
            self.paid_until,
            self.resigned,
            today or timezone.localdate(),
            current_grace_days() if grace_days is None else grace_days,
            resigned_on=self.resigned_on,
            unpaid_due_on=self.unpaid_due_on,
        )

    def get_status_display(self) -> str:
        return MembershipStatus(self.get_status()).label

    get_status_display.short_description = _("statut")

    def people(self) -> str:
        """The collectivity's people and their roles, for the admin's inspect view."""
        roles = MemberRole.objects.filter(collectivity_id=self.collectivity_id).select_related("user")
        return "; ".join(f"{display_name(r.user)} ({r.get_role_display()})" for r in roles) or "—"

    people.short_description = _("personnes")

    def status_reason(self, today: datetime.date | None = None, grace_days: int | None = None) -> str:
        """Why the membership has its status, in a sentence for staff (admin's inspect view)."""
        return status_reason(self, today or timezone.localdate(), grace_days)

    status_reason.short_description = _("pourquoi ce statut")

    @property
    def is_valid(self) -> bool:
        return self.get_status() in VALID_STATUSES


def _day(date: datetime.date) -> str:
    return formats.date_format(date, "SHORT_DATE_FORMAT")


def status_reason(membership: Membership, today: datetime.date, grace_days: int | None = None) -> str:
    """The sentence that explains ``membership``'s status on ``today`` (see :func:`status_for`),
    e.g. "En période de grâce : facture 2026-00012 échue le 31/03/2026, non réglée ; suspension
    le 30/06/2026."."""
    grace_days = current_grace_days() if grace_days is None else grace_days
    status = membership.get_status(today=today, grace_days=grace_days)
    number, due_on, paid_until = (
        membership.unpaid_invoice_number,
        membership.unpaid_due_on,
        membership.paid_until,
    )
    if status == MembershipStatus.RESIGNED:
        if membership.resigned_on is None:
            return gettext("Démissionnaire.")
        return gettext("Démissionnaire depuis le %(date)s.") % {"date": _day(membership.resigned_on)}
    if status == MembershipStatus.PENDING:
        if number and due_on:
            reason = gettext(
                "En attente du premier paiement : facture %(number)s, échéance le %(due)s, non réglée."
            ) % {"number": number, "due": _day(due_on)}
        else:
            reason = gettext("En attente du premier paiement : aucune facture impayée enregistrée.")
    elif status == MembershipStatus.ACTIVE:
        reason = gettext("À jour : période payée jusqu'au %(date)s.") % {"date": _day(paid_until)}
        if number and due_on:
            reason += " " + gettext("Facture %(number)s à régler avant le %(due)s.") % {
                "number": number,
                "due": _day(due_on),
            }
    else:
        deadline = arrears_deadline(paid_until, due_on)
        suspension = deadline + datetime.timedelta(days=grace_days + 1)
        values = {"number": number, "due": _day(deadline), "suspension": _day(suspension)}
        if status == MembershipStatus.GRACE:
            if number and due_on:
                reason = (
                    gettext(
                        "En période de grâce : facture %(number)s échue le %(due)s, non réglée ; "
                        "suspension le %(suspension)s."
                    )
                    % values
                )
            else:
                reason = (
                    gettext(
                        "En période de grâce : période payée terminée le %(due)s, aucune facture de la "
                        "période suivante émise ; suspension le %(suspension)s."
                    )
                    % values
                )
        elif number and due_on:
            reason = (
                gettext(
                    "Échue : facture %(number)s échue le %(due)s, non réglée ; suspendue depuis le "
                    "%(suspension)s."
                )
                % values
            )
        else:
            reason = (
                gettext(
                    "Échue : période payée terminée le %(due)s, aucune facture de la période suivante "
                    "émise ; suspendue depuis le %(suspension)s."
                )
                % values
            )
    if membership.resigned and membership.resigned_on is not None:
        reason += " " + gettext("Démission effective le %(date)s.") % {"date": _day(membership.resigned_on)}
    return reason


class Role(models.TextChoices):
    REFERENT = "referent", _("Référent")
    ELU = "elu", _("Élu")
    AGENT = "agent", _("Agent")


class MemberRoleQuerySet(models.QuerySet):
    def referents(self):
        """The référents among these roles: the one way to look référents up."""
        return self.filter(role=Role.REFERENT)


class MemberRole(models.Model):
    """A person's link to a collectivity, with their role in it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="member_roles",
    )
    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivité"),
        on_delete=models.CASCADE,
        related_name="member_roles",
    )
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    objects = MemberRoleQuerySet.as_manager()

    class Meta:
        ordering = ["collectivity__name", "user__last_name", "user__first_name", "user__email"]
        verbose_name = _("rôle")
        verbose_name_plural = _("rôles")
        constraints = [
            models.UniqueConstraint(fields=["user", "collectivity"], name="member_role_unique_per_person")
        ]

    def __str__(self) -> str:
        return f"{display_name(self.user)} · {self.collectivity} · {self.get_role_display()}"


def display_name(user) -> str:
    full = user.get_full_name().strip()
    return full or user.email


class Profile(models.Model):
    """What the portal remembers about a person: the collectivity shown and their language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile"
    )
    current_collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivité affichée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("langue"), max_length=10, choices=settings.LANGUAGES, default="fr")

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profils")

    def __str__(self) -> str:
        return str(self.user)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def default_expiry() -> datetime.datetime:
    return timezone.now() + INVITATION_VALIDITY


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    ACCEPTED = "accepted", _("Acceptée")
    CANCELLED = "cancelled", _("Annulée")
    REPLACED = "replaced", _("Remplacée")
    VOIDED = "voided", _("Sans objet")


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Invitations not yet accepted, cancelled, replaced or voided (expired or not)."""
        return self.filter(status=InvitationStatus.PENDING)

    def pending(self):
        """Invitations whose link still works."""
        return self.open().filter(expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An invitation, sent by email, to join a collectivity with a role. Works once."""

    email = models.EmailField(_("adresse électronique"))
    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivité"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
        editable=False,
        db_index=True,
    )
    language = models.CharField(_("langue"), max_length=10, choices=settings.LANGUAGES, default="fr")
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expire le"), default=default_expiry)
    used_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acceptée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invitée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["collectivity", "created_at"], name="invitation_collectivity_date")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} · {self.collectivity}"

    @property
    def is_used(self) -> bool:
        return self.used_at is not None or self.status == InvitationStatus.ACCEPTED

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
