"""Invitations: a référent (or staff) invites an address to join a collectivity with a role; the
person accepts once, with that address verified, within 14 days."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from territories.models import Collectivity

from ..models import Invitation, MemberRole, Role
from ..tasks import send_invitation_email
from . import audit
from .accounts import profile_for, verified_emails
from .memberships import require_manager


@transaction.atomic
def invite(*, actor, collectivity: Collectivity, email: str, role: str, language: str = "fr") -> Invitation:
    """Invite ``email`` to join ``collectivity`` with ``role``.

    The invitation email is queued once the transaction has committed: nothing is sent when the
    invitation is refused or rolled back.
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
    if MemberRole.objects.filter(collectivity=collectivity, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Cette personne fait déjà partie de la collectivité : modifiez son rôle.")},
            code="already_member",
        )
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
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

    The person must have verified the invited address.
    """
    invitation = check_invitation(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise ValidationError(_("Cette invitation a déjà été utilisée."), code="used")
    if invitation.email.lower() not in verified_emails(user):
        raise ValidationError(
            _(
                "Cette invitation a été envoyée à %(email)s. Connectez-vous avec cette adresse, "
                "après l'avoir vérifiée, pour l'accepter."
            )
            % {"email": invitation.email},
            code="wrong_email",
        )
    member_role, created = MemberRole.objects.get_or_create(
        user=user, collectivity=invitation.collectivity, defaults={"role": invitation.role}
    )
    if not created and member_role.role != invitation.role and member_role.role != Role.REFERENT:
        member_role.role = invitation.role
        member_role.save(update_fields=["role"])
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
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
