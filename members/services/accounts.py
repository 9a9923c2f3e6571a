"""A person's own account: their profile (collectivity shown, language), their data, closing it."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from territories.models import Collectivity

from ..models import Invitation, InvitationStatus, MemberRole, Profile
from . import audit
from .memberships import collectivities_of, lock_collectivities, verified_emails
from .roles import refuse_without_referent


def _language(language: str | None) -> str:
    language = (language or "")[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def profile_for(user, language: str | None = None) -> Profile:
    """The person's profile, created on first use with ``language`` (the site's by default).

    An existing profile keeps the language the person chose: logging in on the other side of
    the site does not change it.
    """
    profile, _created = Profile.objects.get_or_create(user=user, defaults={"language": _language(language)})
    return profile


@transaction.atomic
def update_profile(*, user, first_name: str, last_name: str, language: str) -> Profile:
    """Save the person's name and the language of the messages sent to them."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    profile = profile_for(user)
    profile.language = _language(language)
    profile.save(update_fields=["language"])
    return profile


def current_collectivity(user) -> Collectivity | None:
    """The collectivity the portal shows: the person's choice if still theirs, else the first."""
    profile = Profile.objects.filter(user=user).select_related("current_collectivity").first()
    chosen = profile.current_collectivity if profile else None
    if chosen and MemberRole.objects.filter(user=user, collectivity=chosen).exists():
        return chosen
    return collectivities_of(user).first()


def current_role(user) -> MemberRole | None:
    """The person's role in the collectivity the portal shows (as :func:`current_collectivity`),
    with the collectivity and its membership, in one query."""
    if not user.is_authenticated:
        return None
    chosen = Profile.objects.filter(user=user, current_collectivity=OuterRef("collectivity_id"))
    return (
        MemberRole.objects.filter(user=user)
        .select_related("collectivity__membership")
        .alias(chosen=Exists(chosen))
        .order_by("-chosen", "collectivity__name", "collectivity_id")
        .first()
    )


@transaction.atomic
def choose_collectivity(*, user, collectivity: Collectivity) -> None:
    """Show ``collectivity`` in the portal; it must be one of the person's."""
    if not MemberRole.objects.filter(user=user, collectivity=collectivity).exists():
        raise PermissionDenied(_("Vous ne faites pas partie de cette collectivité."))
    profile = profile_for(user)
    profile.current_collectivity = collectivity
    profile.save(update_fields=["current_collectivity"])


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
    lock_collectivities(*MemberRole.objects.filter(user=user).values_list("collectivity_id", flat=True))
    for member_role in MemberRole.objects.referents().filter(user=user).select_related("collectivity"):
        refuse_without_referent(
            member_role,
            _(
                "Vous êtes le seul référent de %(collectivity)s : nommez d'abord un autre référent, "
                "puis fermez votre compte."
            )
            % {"collectivity": member_role.collectivity.name},
        )
    emails = {user.email.lower(), *verified_emails(user)} - {""}
    collectivity_ids = list(MemberRole.objects.filter(user=user).values_list("collectivity_id", flat=True))
    MemberRole.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    user.authenticator_set.all().delete()
    for entry in ModelLogEntry.objects.filter(data__person_id=user.pk):
        entry.data = {**entry.data, "email": audit.ANONYMISED}
        entry.save(update_fields=["data"])
    for entry in ModelLogEntry.objects.filter(action=audit.ACTION_INVITE, data__email__in=sorted(emails)):
        entry.data = {**entry.data, "email": audit.ANONYMISED}
        entry.save(update_fields=["data"])
    Invitation.objects.open().filter(email__in=emails).update(status=InvitationStatus.VOIDED)
    Invitation.objects.filter(email__in=emails).update(email=f"supprime-{user.pk}@invalid")
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.username = f"compte-ferme-{user.pk}"
    user.is_active = False
    user.set_unusable_password()
    user.save()
    for collectivity in Collectivity.objects.filter(pk__in=collectivity_ids):
        audit.record(
            collectivity, audit.ACTION_CLOSE_ACCOUNT, None, {"person_id": user.pk, "email": audit.ANONYMISED}
        )
