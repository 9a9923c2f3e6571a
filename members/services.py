"""Business rules of the member portal (see ARCHITECTURE.md, "services").

Every function that writes runs in a transaction, records what it did in Wagtail's audit log
(staff read it in the admin: Reports > Site history, and in each membership's history) and
raises ValidationError with a French message a person can act on.
"""

from __future__ import annotations

import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from territories.models import Collectivity

from .models import Invitation, MemberRole, Membership, Profile, Role, display_name

User = get_user_model()

#: Audit log actions (registered in wagtail_hooks.py).
ACTION_INVITE = "members.invite"
ACTION_ACCEPT = "members.accept"
ACTION_CHANGE_ROLE = "members.change_role"
ACTION_REMOVE = "members.remove"
ACTION_CLOSE_ACCOUNT = "members.close_account"
ANONYMISED = "personne supprimée"


# --- helpers -------------------------------------------------------------------------------


def _audit(collectivity: Collectivity, action: str, actor, data: dict[str, Any]) -> None:
    """Log ``action`` on the collectivity's membership (or on the collectivity without one)."""
    target = Membership.objects.filter(collectivity=collectivity).first() or collectivity
    log(instance=target, action=action, user=actor, data={"collectivity_id": collectivity.pk, **data})


def is_staff_manager(user) -> bool:
    """Staff who may manage any collectivity's people (from the Wagtail admin)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def is_referent(user, collectivity: Collectivity) -> bool:
    return MemberRole.objects.filter(user=user, collectivity=collectivity, role=Role.REFERENT).exists()


def _require_manager(actor, collectivity: Collectivity) -> None:
    if not (is_staff_manager(actor) or is_referent(actor, collectivity)):
        raise PermissionDenied(_("Seul un référent de la collectivité peut gérer ses personnes."))


def profile_for(user) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def collectivities_of(user):
    """The collectivities a person belongs to."""
    if not user.is_authenticated:
        return Collectivity.objects.none()
    return Collectivity.objects.filter(member_roles__user=user).order_by("name")


def current_collectivity(user) -> Collectivity | None:
    """The collectivity the portal shows: the person's choice if still theirs, else the first."""
    profile = Profile.objects.filter(user=user).select_related("current_collectivity").first()
    chosen = profile.current_collectivity if profile else None
    if chosen and MemberRole.objects.filter(user=user, collectivity=chosen).exists():
        return chosen
    return collectivities_of(user).first()


def _verified_emails(user) -> set[str]:
    return {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }


# --- invitations ---------------------------------------------------------------------------


@transaction.atomic
def invite(*, actor, collectivity: Collectivity, email: str, role: str, language: str = "fr") -> Invitation:
    """Invite ``email`` to join ``collectivity`` with ``role`` and send the invitation email."""
    _require_manager(actor, collectivity)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError(
            {"email": _("Saisissez une adresse électronique valide, par exemple nom@mairie.fr.")}
        ) from error
    if role not in Role.values:
        raise ValidationError({"role": _("Choisissez un rôle : référent, élu ou agent.")})
    if MemberRole.objects.filter(collectivity=collectivity, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Cette personne fait déjà partie de la collectivité : modifiez son rôle.")}
        )
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    invitation = Invitation.objects.create(
        email=email, collectivity=collectivity, role=role, invited_by=actor, language=language
    )
    _audit(collectivity, ACTION_INVITE, actor, {"email": email, "role": role, "invitation_id": invitation.pk})
    # Sent inside the transaction: if the mail server refuses it, no invitation is recorded.
    send_invitation_email(invitation)
    return invitation


def invitation_url(invitation: Invitation) -> str:
    with translation.override(invitation.language):
        path = reverse("members:invitation", kwargs={"token": invitation.token})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_invitation_email(invitation: Invitation) -> None:
    """Send the invitation in its language, as plain text with an HTML alternative."""
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "url": invitation_url(invitation),
            "inviter": display_name(invitation.invited_by) if invitation.invited_by else "Villes Internet",
            "role": invitation.get_role_display(),
            "expires": date_format(timezone.localtime(invitation.expires_at), "j F Y"),
        }
        subject = _("Invitation à rejoindre l'espace membre de %(collectivity)s") % {
            "collectivity": invitation.collectivity.name
        }
        text = render_to_string("members/email/invitation.txt", context)
        html = render_to_string("members/email/invitation.html", context)
    message = EmailMultiAlternatives(subject=f"[Villes Internet] {subject}", body=text, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()


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
    if invitation.email.lower() not in _verified_emails(user):
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
    _audit(
        invitation.collectivity,
        ACTION_ACCEPT,
        user,
        {"person_id": user.pk, "email": invitation.email, "role": member_role.role},
    )
    return member_role


# --- roles ---------------------------------------------------------------------------------


def _refuse_without_referent(member_role: MemberRole, message: str) -> None:
    """Raise when ``member_role`` is its collectivity's only référent."""
    referents = list(
        MemberRole.objects.select_for_update()
        .filter(collectivity_id=member_role.collectivity_id, role=Role.REFERENT)
        .values_list("pk", flat=True)
    )
    if referents == [member_role.pk]:
        raise ValidationError(message, code="last_referent")


@transaction.atomic
def change_role(*, actor, member_role: MemberRole, role: str) -> MemberRole:
    """Give ``member_role``'s person the role ``role``; a collectivity keeps at least one référent."""
    _require_manager(actor, member_role.collectivity)
    if role not in Role.values:
        raise ValidationError(_("Choisissez un rôle : référent, élu ou agent."))
    member_role = (
        MemberRole.objects.select_for_update().select_related("collectivity", "user").get(pk=member_role.pk)
    )
    if member_role.role == role:
        return member_role
    if member_role.role == Role.REFERENT:
        _refuse_without_referent(
            member_role,
            _(
                "%(name)s est le seul référent de %(collectivity)s : nommez d'abord un autre "
                "référent, puis changez ce rôle."
            )
            % {"name": display_name(member_role.user), "collectivity": member_role.collectivity.name},
        )
    previous = member_role.role
    member_role.role = role
    member_role.save(update_fields=["role"])
    _audit(
        member_role.collectivity,
        ACTION_CHANGE_ROLE,
        actor,
        {"person_id": member_role.user_id, "email": member_role.user.email, "from": previous, "to": role},
    )
    return member_role


@transaction.atomic
def remove_person(*, actor, member_role: MemberRole) -> None:
    """Unlink a person from the collectivity; a collectivity keeps at least one référent."""
    _require_manager(actor, member_role.collectivity)
    member_role = (
        MemberRole.objects.select_for_update().select_related("collectivity", "user").get(pk=member_role.pk)
    )
    if member_role.role == Role.REFERENT:
        _refuse_without_referent(
            member_role,
            _(
                "%(name)s est le seul référent de %(collectivity)s : nommez d'abord un autre "
                "référent, puis retirez cette personne."
            )
            % {"name": display_name(member_role.user), "collectivity": member_role.collectivity.name},
        )
    collectivity = member_role.collectivity
    data = {"person_id": member_role.user_id, "email": member_role.user.email, "role": member_role.role}
    member_role.delete()
    Profile.objects.filter(user_id=data["person_id"], current_collectivity=collectivity).update(
        current_collectivity=None
    )
    _audit(collectivity, ACTION_REMOVE, actor, data)


@transaction.atomic
def choose_collectivity(*, user, collectivity: Collectivity) -> None:
    """Show ``collectivity`` in the portal; it must be one of the person's."""
    if not MemberRole.objects.filter(user=user, collectivity=collectivity).exists():
        raise PermissionDenied(_("Vous ne faites pas partie de cette collectivité."))
    profile = profile_for(user)
    profile.current_collectivity = collectivity
    profile.save(update_fields=["current_collectivity"])


def membership_status(collectivity: Collectivity, today: datetime.date | None = None) -> str | None:
    """The membership status of ``collectivity`` (None when it has never been a member)."""
    membership = Membership.objects.filter(collectivity=collectivity).first()
    return membership.get_status(today) if membership else None


# --- personal data -------------------------------------------------------------------------


def personal_data(user) -> dict[str, Any]:
    """Everything the site stores about a person, for the "download my data" button."""
    profile = Profile.objects.filter(user=user).select_related("current_collectivity").first()
    return {
        "compte": {
            "prenom": user.first_name,
            "nom": user.last_name,
            "adresse_principale": user.email,
            "inscrit_le": user.date_joined.isoformat(),
            "derniere_connexion": user.last_login.isoformat() if user.last_login else None,
            "langue": profile.language if profile else None,
            "collectivite_affichee": str(profile.current_collectivity)
            if profile and profile.current_collectivity
            else None,
        },
        "adresses": [
            {"adresse": address.email, "verifiee": address.verified, "principale": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "roles": [
            {
                "collectivite": role.collectivity.name,
                "role": role.get_role_display(),
                "depuis": role.created_at.isoformat(),
            }
            for role in MemberRole.objects.filter(user=user).select_related("collectivity")
        ],
        "invitations_recues": [
            {
                "collectivite": invitation.collectivity.name,
                "role": invitation.get_role_display(),
                "envoyee_le": invitation.created_at.isoformat(),
                "acceptee_le": invitation.used_at.isoformat() if invitation.used_at else None,
            }
            for invitation in Invitation.objects.filter(email__iexact=user.email).select_related(
                "collectivity"
            )
        ],
        "double_authentification": sorted(
            {authenticator.get_type_display() for authenticator in user.authenticator_set.all()}
        ),
    }


@transaction.atomic
def close_account(*, user) -> None:
    """Close a person's account: deactivate it, remove their name, addresses and roles.

    The collectivities keep their records (audit log, invitations sent) with the person's
    name and address replaced. Refused while the person is the only référent somewhere.
    """
    for member_role in MemberRole.objects.filter(user=user, role=Role.REFERENT).select_related(
        "collectivity"
    ):
        _refuse_without_referent(
            member_role,
            _(
                "Vous êtes le seul référent de %(collectivity)s : nommez d'abord un autre référent, "
                "puis fermez votre compte."
            )
            % {"collectivity": member_role.collectivity.name},
        )
    emails = {user.email.lower(), *_verified_emails(user)} - {""}
    collectivity_ids = list(MemberRole.objects.filter(user=user).values_list("collectivity_id", flat=True))
    MemberRole.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    user.authenticator_set.all().delete()
    for entry in ModelLogEntry.objects.filter(data__person_id=user.pk):
        entry.data = {**entry.data, "email": ANONYMISED}
        entry.save(update_fields=["data"])
    for entry in ModelLogEntry.objects.filter(action=ACTION_INVITE, data__email__in=sorted(emails)):
        entry.data = {**entry.data, "email": ANONYMISED}
        entry.save(update_fields=["data"])
    Invitation.objects.filter(email__in=emails).update(email=f"supprime-{user.pk}@invalid")
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.username = f"compte-ferme-{user.pk}"
    user.is_active = False
    user.set_unusable_password()
    user.save()
    for collectivity in Collectivity.objects.filter(pk__in=collectivity_ids):
        _audit(collectivity, ACTION_CLOSE_ACCOUNT, None, {"person_id": user.pk, "email": ANONYMISED})
