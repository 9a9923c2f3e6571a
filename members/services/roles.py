"""A person's role in a collectivity: change it, or remove the person. A collectivity always
keeps at least one référent.

Both lock the collectivity's row first (:func:`.memberships.lock_collectivities`), then read the
person's role again: two référents changing each other's roles at the same moment run one after
the other, and the second is told that the first change won, never a database error."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import MemberRole, Profile, Role, display_name
from . import audit
from .memberships import lock_collectivities, require_manager, require_manager_still, void_invitations_of


def refuse_without_referent(member_role: MemberRole, message: str) -> None:
    """Raise ValidationError(``message``) when ``member_role`` is its collectivity's only référent.

    Call it inside a transaction: it locks the collectivity's référents until the end of it, so
    that two référents cannot step down at the same time.
    """
    referents = list(
        MemberRole.objects.referents()
        .select_for_update()
        .filter(collectivity_id=member_role.collectivity_id)
        .values_list("pk", flat=True)
    )
    if referents == [member_role.pk]:
        raise ValidationError(message, code="last_referent")


def _lock(actor, member_role: MemberRole) -> MemberRole:
    """``member_role`` read again under the collectivity's lock, once ``actor`` may manage it."""
    collectivity = member_role.collectivity
    require_manager(actor, collectivity)
    lock_collectivities(collectivity.pk)
    require_manager_still(actor, collectivity)
    current = (
        MemberRole.objects.select_for_update()
        .select_related("collectivity", "user")
        .filter(pk=member_role.pk)
        .first()
    )
    if current is None:
        raise ValidationError(
            _(
                "Cette personne ne fait plus partie de %(collectivity)s : un autre référent l'a "
                "retirée entre-temps."
            )
            % {"collectivity": collectivity.name},
            code="gone",
        )
    return current


def _keep_a_referent(member_role: MemberRole, message: str) -> None:
    """Refuse to take away its collectivity's only référent; ``message`` names them with
    ``%(name)s`` and the collectivity with ``%(collectivity)s``."""
    if member_role.role == Role.REFERENT:
        refuse_without_referent(
            member_role,
            message % {"name": display_name(member_role.user), "collectivity": member_role.collectivity.name},
        )


@transaction.atomic
def change_role(*, actor, member_role: MemberRole, role: str) -> MemberRole:
    """Give ``member_role``'s person the role ``role``; a collectivity keeps at least one référent."""
    member_role = _lock(actor, member_role)
    if role not in Role.values:
        raise ValidationError(_("Choisissez un rôle : référent, élu ou agent."), code="invalid_role")
    if member_role.role == role:
        return member_role
    _keep_a_referent(
        member_role,
        _(
            "%(name)s est le seul référent de %(collectivity)s : nommez d'abord un autre "
            "référent, puis changez ce rôle."
        ),
    )
    previous = member_role.role
    member_role.role = role
    member_role.save(update_fields=["role"])
    # An invitation sent before the change must not give the person another role later.
    void_invitations_of(member_role.user, member_role.collectivity)
    audit.record(
        member_role.collectivity,
        audit.ACTION_CHANGE_ROLE,
        actor,
        {"person_id": member_role.user_id, "email": member_role.user.email, "from": previous, "to": role},
    )
    return member_role


@transaction.atomic
def remove_person(*, actor, member_role: MemberRole) -> None:
    """Unlink a person from the collectivity; a collectivity keeps at least one référent."""
    member_role = _lock(actor, member_role)
    _keep_a_referent(
        member_role,
        _(
            "%(name)s est le seul référent de %(collectivity)s : nommez d'abord un autre "
            "référent, puis retirez cette personne."
        ),
    )
    collectivity = member_role.collectivity
    data = {"person_id": member_role.user_id, "email": member_role.user.email, "role": member_role.role}
    member_role.delete()
    # An invitation sent before the removal must not bring the person back.
    void_invitations_of(member_role.user, collectivity)
    Profile.objects.filter(user_id=data["person_id"], current_collectivity=collectivity).update(
        current_collectivity=None
    )
    audit.record(collectivity, audit.ACTION_REMOVE, actor, data)
