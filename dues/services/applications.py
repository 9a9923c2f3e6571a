"""Membership applications: a collectivity that is not a member applies; staff accept it (a
membership pending until its first payment, and its first invoice) or refuse it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Membership
from members.services import create_pending_membership
from territories.models import Collectivity

from ..models import ApplicationStatus, MembershipApplication
from .invoices import issue_invoice


def refuse_if_member_or_pending(collectivity: Collectivity) -> None:
    if Membership.objects.filter(collectivity=collectivity).exists():
        raise ValidationError(
            _("%(name)s est déjà adhérente : son référent retrouve tout dans l'espace membre.")
            % {"name": collectivity.name},
            code="already_member",
        )
    if MembershipApplication.objects.filter(
        collectivity=collectivity, status=ApplicationStatus.PENDING
    ).exists():
        raise ValidationError(
            _("Une demande d'adhésion de %(name)s est déjà en cours d'examen : nous vous répondrons bientôt.")
            % {"name": collectivity.name},
            code="already_applied",
        )


@transaction.atomic
def submit_application(
    *,
    collectivity: Collectivity,
    contact_name: str,
    contact_email: str,
    deliberation,
    siret: str,
    contact_function: str = "",
    contact_phone: str = "",
    chorus_service_code: str = "",
) -> MembershipApplication:
    """Store an application (the deliberation goes to the private storage)."""
    Collectivity.objects.select_for_update().filter(pk=collectivity.pk).first()
    refuse_if_member_or_pending(collectivity)
    return MembershipApplication.objects.create(
        collectivity=collectivity,
        contact_name=contact_name.strip(),
        contact_function=contact_function.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
        deliberation=deliberation,
        siret=siret,
        chorus_service_code=chorus_service_code.strip(),
    )


def _lock_pending(application: MembershipApplication) -> MembershipApplication:
    locked = (
        MembershipApplication.objects.select_for_update()
        .select_related("collectivity")
        .get(pk=application.pk)
    )
    if locked.status != ApplicationStatus.PENDING:
        raise ValidationError(
            _("Cette demande a déjà été %(decision)s.") % {"decision": locked.get_status_display().lower()},
            code="already_decided",
        )
    return locked


@transaction.atomic
def accept_application(*, actor, application: MembershipApplication, today=None) -> MembershipApplication:
    """Accept: the membership (pending until its first payment) and the first invoice, all or
    nothing. Refused, with nothing written, when no dues tier applies to the collectivity."""
    today = today or timezone.localdate()
    application = _lock_pending(application)
    collectivity = application.collectivity
    create_pending_membership(collectivity, started_on=today)
    invoice = issue_invoice(
        collectivity=collectivity,
        period_year=today.year,
        actor=actor,
        siret=application.siret,
        chorus_service_code=application.chorus_service_code,
        today=today,
    )
    application.status = ApplicationStatus.ACCEPTED
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.invoice = invoice
    application.save(update_fields=["status", "decided_at", "decided_by", "invoice"])
    return application


@transaction.atomic
def refuse_application(*, actor, application: MembershipApplication, reason: str) -> MembershipApplication:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("Indiquez le motif du refus : il est communiqué à la collectivité."), code="reason"
        )
    application = _lock_pending(application)
    application.status = ApplicationStatus.REFUSED
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.refusal_reason = reason
    application.save(update_fields=["status", "decided_at", "decided_by", "refusal_reason"])
    return application
