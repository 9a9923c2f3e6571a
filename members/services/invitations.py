"""Invitations: a référent (or staff) invites an address to join a collectivity with a role; the
person accepts once, with that address verified, within 14 days.

An invitation is *pending* until it is accepted, cancelled by a référent, replaced by a newer
invitation to the same address, or voided because its person joined, was removed or changed role
(:class:`~members.models.InvitationStatus`): only a pending, unexpired invitation's link works.

Invitations are limited (settings, with these defaults): ``MEMBERS_INVITATIONS_PER_INVITER_PER_HOUR``
(10) sent by one person in the last hour, ``MEMBERS_INVITATIONS_PER_COLLECTIVITY_PER_DAY`` (30)
for one collectivity in the last 24 hours, and ``MEMBERS_MAX_PENDING_INVITATIONS`` (20) pending at
once for one collectivity. They count the stored invitations, so they hold across processes.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from territories.models import Collectivity

from ..models import VALID_STATUSES, Invitation, InvitationStatus, MemberRole, Membership, Role
from ..tasks import send_invitation_email
from . import audit
from .accounts import profile_for
from .memberships import (
    lock_collectivities,
    require_manager,
    require_manager_still,
    verified_emails,
    void_invitations_of,
)

DEFAULT_PER_INVITER_PER_HOUR = 10
DEFAULT_PER_COLLECTIVITY_PER_DAY = 30
DEFAULT_MAX_PENDING = 20


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def require_valid_membership(collectivity: Collectivity) -> None:
    """A lapsed or resigned collectivity cannot invite: it renews its membership first."""
    membership = Membership.objects.filter(collectivity=collectivity).first()
    if membership is not None and membership.get_status() not in VALID_STATUSES:
        raise ValidationError(
            _(
                "L'adhésion de %(collectivity)s n'est plus à jour : renouvelez-la pour inviter de "
                "nouvelles personnes."
            )
            % {"collectivity": collectivity.name},
            code="membership_not_valid",
        )


def _refuse_over_limits(actor, collectivity: Collectivity, email: str) -> None:
    now = timezone.now()
    per_inviter = _limit("MEMBERS_INVITATIONS_PER_INVITER_PER_HOUR", DEFAULT_PER_INVITER_PER_HOUR)
    sent_by_actor = Invitation.objects.filter(
        invited_by=actor, created_at__gte=now - datetime.timedelta(hours=1)
    ).count()
    if sent_by_actor >= per_inviter:
        raise ValidationError(
            _("Vous avez envoyé %(count)d invitations dans l'heure : c'est le maximum. Réessayez plus tard.")
            % {"count": sent_by_actor},
            code="rate_limited",
        )
    per_collectivity = _limit(
        "MEMBERS_INVITATIONS_PER_COLLECTIVITY_PER_DAY", DEFAULT_PER_COLLECTIVITY_PER_DAY
    )
    sent_for_collectivity = Invitation.objects.filter(
        collectivity=collectivity, created_at__gte=now - datetime.timedelta(days=1)
    ).count()
    if sent_for_collectivity >= per_collectivity:
        raise ValidationError(
            _(
                "%(count)d invitations ont été envoyées pour %(collectivity)s depuis hier : c'est le "
                "maximum. Réessayez demain."
            )
            % {"count": sent_for_collectivity, "collectivity": collectivity.name},
            code="rate_limited",
        )
    max_pending = _limit("MEMBERS_MAX_PENDING_INVITATIONS", DEFAULT_MAX_PENDING)
    # A new invitation to an address replaces its pending one: that one does not count.
    pending = Invitation.objects.pending().filter(collectivity=collectivity).exclude(email=email).count()
    if pending >= max_pending:
        raise ValidationError(
            _(
                "%(collectivity)s a déjà %(count)d invitations en attente : c'est le maximum. "
                "Annulez celles qui ne servent plus, ou attendez qu'elles soient acceptées."
            )
            % {"count": pending, "collectivity": collectivity.name},
            code="too_many_pending",
        )


@transaction.atomic
def invite(*, actor, collectivity: Collectivity, email: str, role: str, language: str = "fr") -> Invitation:
    """Invite ``email`` to join ``collectivity`` with ``role``.

    A pending invitation to the same address for the same collectivity is replaced: its link
    works no more. The invitation email is queued once the transaction has committed: nothing is
    sent when the invitation is refused or rolled back.
    """
    require_manager(actor, collectivity)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError(
            {"email": _("Saisissez une adresse électronique valide, par exemple nom@mairie.fr.")},
            code="invalid_email",
        ) from error
    if role not in Role.values:
        raise ValidationError(
            {"role": _("Choisissez un rôle : référent, élu ou agent.")}, code="invalid_role"
        )
    lock_collectivities(collectivity.pk)
    require_manager_still(actor, collectivity)
    require_valid_membership(collectivity)
    members = MemberRole.objects.filter(collectivity=collectivity)
    if (
        members.filter(user__email__iexact=email).exists()
        or members.filter(user__emailaddress__email__iexact=email, user__emailaddress__verified=True).exists()
    ):
        raise ValidationError(
            {"email": _("Cette personne fait déjà partie de la collectivité : modifiez son rôle.")},
            code="already_member",
        )
    _refuse_over_limits(actor, collectivity, email)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    Invitation.objects.open().filter(collectivity=collectivity, email__iexact=email).update(
        status=InvitationStatus.REPLACED
    )
    invitation = Invitation.objects.create(
        email=email, collectivity=collectivity, role=role, invited_by=actor, language=language
    )
    audit.record(
        collectivity,
        audit.ACTION_INVITE,
        actor,
        {"email": email, "role": role, "invitation_id": invitation.pk},
    )
    invitation_id = invitation.pk
    transaction.on_commit(lambda: send_invitation_email.enqueue(invitation_id))
    return invitation


@transaction.atomic
def cancel_invitation(*, actor, invitation: Invitation) -> Invitation:
    """Cancel a pending invitation: its link works no more."""
    collectivity = invitation.collectivity
    require_manager(actor, collectivity)
    lock_collectivities(collectivity.pk)
    require_manager_still(actor, collectivity)
    invitation = Invitation.objects.get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(
            _("L'invitation de %(email)s n'est plus en attente : elle ne peut plus être annulée.")
            % {"email": invitation.email},
            code="not_pending",
        )
    invitation.status = InvitationStatus.CANCELLED
    invitation.save(update_fields=["status"])
    audit.record(
        collectivity,
        audit.ACTION_CANCEL_INVITATION,
        actor,
        {"email": invitation.email, "role": invitation.role, "invitation_id": invitation.pk},
    )
    return invitation


def _refuse_closed(invitation: Invitation) -> None:
    """Say why a cancelled, replaced or voided invitation's link works no more."""
    if invitation.status == InvitationStatus.CANCELLED:
        raise ValidationError(
            _(
                "Cette invitation a été annulée par le référent de la collectivité. Demandez-lui une "
                "nouvelle invitation si besoin."
            ),
            code="cancelled",
        )
    if invitation.status == InvitationStatus.REPLACED:
        raise ValidationError(
            _(
                "Cette invitation a été remplacée par une invitation plus récente : utilisez le lien "
                "du dernier message reçu."
            ),
            code="replaced",
        )
    if invitation.status == InvitationStatus.VOIDED:
        raise ValidationError(
            _(
                "Cette invitation n'est plus valable : votre place dans la collectivité a changé "
                "depuis son envoi. Demandez une nouvelle invitation au référent de votre collectivité "
                "si besoin."
            ),
            code="voided",
        )


def check_invitation(token: str) -> Invitation:
    """Return the invitation of ``token`` if it can still be used, else raise ValidationError."""
    invitation = Invitation.objects.select_related("collectivity").filter(token=token).first()
    if invitation is None:
        raise ValidationError(
            _(
                "Ce lien d'invitation n'est pas valable. Vérifiez qu'il est complet ou demandez une "
                "nouvelle invitation."
            ),
            code="unknown",
        )
    if invitation.is_used:
        raise ValidationError(
            _(
                "Cette invitation a déjà été utilisée. Connectez-vous avec votre compte, ou demandez "
                "une nouvelle invitation au référent de votre collectivité."
            ),
            code="used",
        )
    _refuse_closed(invitation)
    if invitation.is_expired:
        raise ValidationError(
            _(
                "Cette invitation a expiré le %(date)s. Demandez une nouvelle invitation au référent "
                "de votre collectivité."
            )
            % {"date": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y")},
            code="expired",
        )
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, user) -> MemberRole:
    """Link ``user`` to the invitation's collectivity with its role; the invitation then works no more.

    The person must have verified the invited address. Someone who already belongs to the
    collectivity keeps their role. The person's other open invitations to it are voided.
    """
    invitation = check_invitation(token)
    lock_collectivities(invitation.collectivity_id)
    # Read again under the lock: it may have been accepted, cancelled or replaced meanwhile.
    invitation = check_invitation(token)
    if invitation.email.lower() not in verified_emails(user):
        raise ValidationError(
            _(
                "Cette invitation a été envoyée à %(email)s. Connectez-vous avec cette adresse, "
                "après l'avoir vérifiée, pour l'accepter."
            )
            % {"email": invitation.email},
            code="wrong_email",
        )
    member_role, _created = MemberRole.objects.get_or_create(
        user=user, collectivity=invitation.collectivity, defaults={"role": invitation.role}
    )
    invitation.status = InvitationStatus.ACCEPTED
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["status", "used_at", "used_by"])
    void_invitations_of(user, invitation.collectivity, keep=invitation)
    profile = profile_for(user)
    profile.current_collectivity = invitation.collectivity
    profile.save(update_fields=["current_collectivity"])
    audit.record(
        invitation.collectivity,
        audit.ACTION_ACCEPT,
        user,
        {"person_id": user.pk, "email": invitation.email, "role": member_role.role},
    )
    return member_role
