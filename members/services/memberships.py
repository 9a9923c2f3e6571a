"""Who belongs to which collectivity, who may manage its people, and its membership status."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from territories.models import Collectivity

from ..models import Invitation, InvitationStatus, MemberRole, Membership


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


def lock_collectivities(*collectivity_ids: int) -> None:
    """Lock the collectivities' rows until the end of the transaction, in the order of their ids.

    Every service that changes who belongs to a collectivity (roles, removals, invitations,
    closing an account) takes this lock first: two such changes of the same collectivity run
    one after the other, and locks are always taken in the same order (no deadlock).
    """
    list(
        Collectivity.objects.select_for_update()
        .filter(pk__in=sorted(set(collectivity_ids)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def require_manager_still(actor, collectivity: Collectivity) -> None:
    """Once the collectivity is locked: ``actor`` may still manage it, or a ValidationError
    says that their role changed in the meantime (another référent's change came first)."""
    if is_staff_manager(actor) or is_referent(actor, collectivity):
        return
    raise ValidationError(
        _(
            "Votre rôle a changé entre-temps : vous n'êtes plus référent de %(collectivity)s. "
            "Rechargez la page pour voir la situation actuelle."
        )
        % {"collectivity": collectivity.name},
        code="role_changed",
    )


def collectivities_of(user):
    """The collectivities a person belongs to."""
    if not user.is_authenticated:
        return Collectivity.objects.none()
    return Collectivity.objects.filter(member_roles__user=user).order_by("name")


def membership_status(collectivity: Collectivity, today: datetime.date | None = None) -> str | None:
    """The membership status of ``collectivity`` (None when it has never been a member)."""
    membership = Membership.objects.filter(collectivity=collectivity).first()
    return membership.get_status(today) if membership else None


def create_pending_membership(collectivity: Collectivity, started_on: datetime.date) -> Membership:
    """A new membership of ``collectivity``, pending until its first payment (no ``paid_until``).

    Call it inside the caller's transaction (the dues app's acceptance of an application).
    Refused when the collectivity already has a membership.
    """
    if Membership.objects.select_for_update().filter(collectivity=collectivity).exists():
        raise ValidationError(
            _("%(collectivity)s a déjà une adhésion : modifiez-la plutôt que d'en créer une autre.")
            % {"collectivity": collectivity.name},
            code="already_member",
        )
    return Membership.objects.create(collectivity=collectivity, started_on=started_on, paid_until=None)


def record_paid_through(collectivity: Collectivity, paid_until: datetime.date) -> Membership | None:
    """The membership of ``collectivity`` is paid through ``paid_until`` (never moved back).

    Only the dues payment service calls it, inside its transaction, once an invoice is fully
    paid: the row is locked, so two payments at the same time run one after the other. A pending
    membership thereby becomes active. None when the collectivity has no membership.
    """
    membership = Membership.objects.select_for_update().filter(collectivity=collectivity).first()
    if membership is None:
        return None
    if membership.paid_until is None or membership.paid_until < paid_until:
        membership.paid_until = max(paid_until, membership.started_on)
        membership.save(update_fields=["paid_until", "updated_at"])
    return membership


def record_unpaid_invoice(
    collectivity: Collectivity, due_on: datetime.date | None, number: str = ""
) -> Membership | None:
    """The first unpaid call of ``collectivity`` for a period not paid yet is ``number``, due on
    ``due_on`` (None: there is none). The status counts its grace period from that due date.

    Only the dues services call it, inside their transaction, whenever a call is issued, paid
    or cancelled: the row is locked like in :func:`record_paid_through`. None when the
    collectivity has no membership.
    """
    membership = Membership.objects.select_for_update().filter(collectivity=collectivity).first()
    if membership is None:
        return None
    number = number if due_on is not None else ""
    if (membership.unpaid_due_on, membership.unpaid_invoice_number) != (due_on, number):
        membership.unpaid_due_on, membership.unpaid_invoice_number = due_on, number
        membership.save(update_fields=["unpaid_due_on", "unpaid_invoice_number", "updated_at"])
    return membership


def verified_emails(user) -> set[str]:
    """The addresses ``user`` has verified, in lower case."""
    return {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }


def void_invitations_of(user, collectivity: Collectivity, keep: Invitation | None = None) -> int:
    """Void the invitations still open for ``user``'s addresses to ``collectivity`` (but ``keep``).

    Called when the person joins, is removed or changes role: an older link must never bring
    them back or give them another role. Returns how many were voided.
    """
    emails = {address for address in {(user.email or "").lower(), *verified_emails(user)} if address}
    if not emails:
        return 0
    query = Q()
    for email in emails:
        query |= Q(email__iexact=email)
    invitations = Invitation.objects.open().filter(query, collectivity=collectivity)
    if keep is not None:
        invitations = invitations.exclude(pk=keep.pk)
    return invitations.update(status=InvitationStatus.VOIDED)
