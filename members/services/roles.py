"""A person's role in a collectivity: change it, or remove the person. A collectivity always
keeps at least one référent, checked under a lock on its référents' rows."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import MemberRole, Profile, Role, display_name
from . import audit
from .memberships import require_manager


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
    """``member_role`` read again under a lock, once ``actor`` may manage its collectivity."""
    require_manager(actor, member_role.collectivity)
    return (
        MemberRole.objects.select_for_update().select_related("collectivity", "user").get(pk=member_role.pk)
    )


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
    Profile.objects.filter(user_id=data["person_id"], current_collectivity=collectivity).update(
        current_collectivity=None
    )
    audit.record(collectivity, audit.ACTION_REMOVE, actor, data)
