"""Who belongs to which collectivity, who may manage its people, and its membership status."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from territories.models import Collectivity

from ..models import MemberRole, Membership


def is_staff_manager(user) -> bool:
    """Staff who may manage any collectivity's people (from the Wagtail admin): staff accounts,
    superusers, and the groups given the permission to change members' roles."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.has_perm("members.change_memberrole")


def is_referent(user, collectivity: Collectivity) -> bool:
    return MemberRole.objects.referents().filter(user=user, collectivity=collectivity).exists()


def require_manager(actor, collectivity: Collectivity) -> None:
    """Raise PermissionDenied unless ``actor`` is staff or a référent of ``collectivity``."""
    if not (is_staff_manager(actor) or is_referent(actor, collectivity)):
        raise PermissionDenied(_("Seul un référent de la collectivité peut gérer ses personnes."))


def collectivities_of(user):
    """The collectivities a person belongs to."""
    if not user.is_authenticated:
        return Collectivity.objects.none()
    return Collectivity.objects.filter(member_roles__user=user).order_by("name")


def membership_status(collectivity: Collectivity, today: datetime.date | None = None) -> str | None:
    """The membership status of ``collectivity`` (None when it has never been a member)."""
    membership = Membership.objects.filter(collectivity=collectivity).first()
    return membership.get_status(today) if membership else None
