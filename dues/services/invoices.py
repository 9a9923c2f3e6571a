"""Invoices ("appels de cotisation") and credit notes: one series per year with no gap.

A number is taken from the year's :class:`~dues.models.InvoiceCounter` row, locked with
SELECT … FOR UPDATE until the invoice is stored in the same transaction: two issues at the same
time run one after the other, and a rolled-back issue gives its number back. An invoice is never
renumbered nor deleted: :func:`credit_invoice` cancels it with a credit note.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import documents
from territories.models import Collectivity

from ..models import Invoice, InvoiceCounter, InvoiceKind, InvoicePdf
from .status import refresh_arrears
from .tiers import amount_due


def take_number(year: int) -> tuple[int, str]:
    """The next (sequence, number) of ``year``; call inside the transaction that stores it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the transaction that stores the invoice")
    # Create the year's counter if needed without failing when another transaction does too.
    InvoiceCounter.objects.bulk_create([InvoiceCounter(year=year)], ignore_conflicts=True)
    counter = InvoiceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number, f"{year}-{counter.last_number:05d}"


def seller_identity() -> dict[str, str]:
    return {key: str(value) for key, value in settings.DUES_SELLER.items()}


def open_invoice(collectivity: Collectivity, period_year: int) -> Invoice | None:
    """The collectivity's call for ``period_year`` that no credit note cancels, if any."""
    return (
        Invoice.objects.invoices()
        .filter(collectivity=collectivity, period_year=period_year, credit_note__isnull=True)
        .first()
    )


@transaction.atomic
def issue_invoice(
    *,
    collectivity: Collectivity,
    period_year: int,
    actor=None,
    siret: str = "",
    chorus_service_code: str = "",
    amount_cents: int | None = None,
    today: datetime.date | None = None,
) -> Invoice:
    """Issue the call of ``period_year`` to ``collectivity``, its amount from the tier table
    unless given. Refused when an uncancelled call for that year exists."""
    today = today or timezone.localdate()
    Collectivity.objects.select_for_update().filter(pk=collectivity.pk).first()
    existing = open_invoice(collectivity, period_year)
    if existing is not None:
        raise ValidationError(
            _(
                "%(collectivity)s a déjà l'appel de cotisation %(number)s pour %(year)s : annulez-le "
                "par un avoir avant d'en émettre un autre."
            )
            % {"collectivity": collectivity.name, "number": existing.number, "year": period_year},
            code="already_invoiced",
        )
    if amount_cents is None:
        amount_cents = amount_due(collectivity, period_year)
    if amount_cents <= 0:
        raise ValidationError(_("Le montant d'un appel de cotisation doit être positif."), code="amount")
    previous = (
        Invoice.objects.invoices()
        .filter(collectivity=collectivity)
        .exclude(siret="")
        .order_by("-created_at")
        .first()
    )
    sequence, number = take_number(today.year)
    invoice = Invoice.objects.create(
        kind=InvoiceKind.INVOICE,
        year=today.year,
        sequence=sequence,
        number=number,
        collectivity=collectivity,
        period_year=period_year,
        amount_cents=amount_cents,
        issued_on=today,
        due_on=today + datetime.timedelta(days=settings.DUES_PAYMENT_TERM_DAYS),
        siret=siret or (previous.siret if previous else ""),
        chorus_service_code=chorus_service_code or (previous.chorus_service_code if previous else ""),
        seller=seller_identity(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    refresh_arrears(collectivity)
    _publish(invoice)
    return invoice


def _publish(invoice: Invoice) -> None:
    """Once the issue commits: build the PDF, then email it to the collectivity's référents."""
    from ..tasks import send_invoice_email

    documents.refresh(InvoicePdf, invoice.pk)
    transaction.on_commit(lambda: send_invoice_email.enqueue(invoice.pk))


@transaction.atomic
def credit_invoice(
    *, invoice: Invoice, reason: str, actor=None, today: datetime.date | None = None
) -> Invoice:
    """Cancel ``invoice`` with a credit note of the same amount, numbered in the year's series."""
    today = today or timezone.localdate()
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Indiquez le motif de l'avoir."), code="reason")
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.kind != InvoiceKind.INVOICE:
        raise ValidationError(_("Un avoir ne s'annule pas."), code="not_invoice")
    if Invoice.objects.filter(credited_invoice=invoice).exists():
        raise ValidationError(
            _("L'appel %(number)s est déjà annulé par un avoir.") % {"number": invoice.number},
            code="already_credited",
        )
    sequence, number = take_number(today.year)
    credit_note = Invoice.objects.create(
        kind=InvoiceKind.CREDIT_NOTE,
        year=today.year,
        sequence=sequence,
        number=number,
        collectivity=invoice.collectivity,
        credited_invoice=invoice,
        period_year=invoice.period_year,
        amount_cents=invoice.amount_cents,
        issued_on=today,
        due_on=today,
        siret=invoice.siret,
        chorus_service_code=invoice.chorus_service_code,
        engagement_number=invoice.engagement_number,
        seller=seller_identity(),
        reason=reason,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    refresh_arrears(invoice.collectivity)
    _publish(credit_note)
    return credit_note


ENGAGEMENT_NUMBER_MAX_LENGTH = 50


@transaction.atomic
def set_engagement_number(*, actor, invoice: Invoice, engagement_number: str) -> Invoice:
    """A référent of the collectivity (or staff) enters the engagement number its accountant
    gave; the PDF is built again with it. Refused on a credit note or a cancelled call."""
    from members.services import is_referent, is_staff_manager

    invoice = Invoice.objects.select_for_update().select_related("collectivity").get(pk=invoice.pk)
    if not (is_staff_manager(actor) or is_referent(actor, invoice.collectivity)):
        raise PermissionDenied(_("Seul un référent de la collectivité peut indiquer le numéro d'engagement."))
    value = " ".join((engagement_number or "").split())
    if len(value) > ENGAGEMENT_NUMBER_MAX_LENGTH:
        raise ValidationError(
            _("Le numéro d'engagement compte au plus %(max)d caractères.")
            % {"max": ENGAGEMENT_NUMBER_MAX_LENGTH},
            code="engagement_length",
        )
    if invoice.kind != InvoiceKind.INVOICE:
        raise ValidationError(
            _("Un avoir ne porte pas de numéro d'engagement à modifier."), code="credit_note"
        )
    if Invoice.objects.filter(credited_invoice=invoice).exists():
        raise ValidationError(
            _("L'appel %(number)s est annulé par un avoir : son numéro d'engagement ne change plus.")
            % {"number": invoice.number},
            code="engagement_locked",
        )
    if value != invoice.engagement_number:
        invoice.engagement_number = value
        invoice.save(update_fields=["engagement_number"])
        documents.refresh(InvoicePdf, invoice.pk)
    return invoice
