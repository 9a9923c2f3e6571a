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
from django.utils import timezone
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
    if site is None:
        return DEFAULT_GRACE_DAYS
    return MembershipSettings.for_site(site).grace_days


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("En attente du premier paiement")
    ACTIVE = "active", _("À jour")
    GRACE = "grace", _("En délai de grâce")
    LAPSED = "lapsed", _("Échue")
    RESIGNED = "resigned", _("Démissionnaire")


#: Statuses that open members-only content and the portal's member features.
VALID_STATUSES = frozenset({MembershipStatus.ACTIVE, MembershipStatus.GRACE})


def status_for(
    paid_until: datetime.date | None, resigned: bool, today: datetime.date, grace_days: int
) -> str:
    """The status of a membership paid until ``paid_until`` (None: nothing paid yet, pending);
    keep in step with ``with_status``."""
    if resigned:
        return MembershipStatus.RESIGNED
    if paid_until is None:
        return MembershipStatus.PENDING
    if today <= paid_until:
        return MembershipStatus.ACTIVE
    if today <= paid_until + datetime.timedelta(days=grace_days):
        return MembershipStatus.GRACE
    return MembershipStatus.LAPSED


class MembershipQuerySet(models.QuerySet):
    def with_status(self, today: datetime.date | None = None, grace_days: int | None = None):
        """Annotate ``status_value`` (a :class:`MembershipStatus` value), filterable in SQL."""
        today = today or timezone.localdate()
        grace_days = current_grace_days() if grace_days is None else grace_days
        grace_start = today - datetime.timedelta(days=grace_days)
        return self.annotate(
            status_value=Case(
                When(resigned=True, then=Value(MembershipStatus.RESIGNED.value)),
                When(paid_until__isnull=True, then=Value(MembershipStatus.PENDING.value)),
                When(paid_until__gte=today, then=Value(MembershipStatus.ACTIVE.value)),
                When(paid_until__gte=grace_start, then=Value(MembershipStatus.GRACE.value)),
                default=Value(MembershipStatus.LAPSED.value),
                output_field=models.CharField(max_length=10),
            )
        )

    def valid(self, today: datetime.date | None = None):
        """Memberships that are active or in their grace period."""
        return self.with_status(today).filter(status_value__in=[s.value for s in VALID_STATUSES])


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
            )
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
        )

    def get_status_display(self) -> str:
        return MembershipStatus(self.get_status()).label

    get_status_display.short_description = _("statut")

    def people(self) -> str:
        """The collectivity's people and their roles, for the admin's inspect view."""
        roles = MemberRole.objects.filter(collectivity_id=self.collectivity_id).select_related("user")
        return "; ".join(f"{display_name(r.user)} ({r.get_role_display()})" for r in roles) or "—"

    people.short_description = _("personnes")

    @property
    def is_valid(self) -> bool:
        return self.get_status() in VALID_STATUSES


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
