"""What the membership status needs from the dues: the first unpaid call of a period not paid
yet, whose due date starts the grace period (members.models.status_for).

:func:`refresh_arrears` runs inside the transaction of every service that issues, pays or
cancels a call, after the paid period was updated; it writes the membership through
:func:`members.services.record_unpaid_invoice`, under the membership's row lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from members.models import Membership
from members.services import record_unpaid_invoice
from territories.models import Collectivity

from ..models import Invoice, InvoiceKind


def last_year_paid(membership: Membership | None) -> int | None:
    """The last dues year the membership has paid to its end (31 December), or None. A paid
    period that stops during a year (a date typed before payments wrote it) leaves that year's
    call to pay."""
    paid_until = membership.paid_until if membership is not None else None
    if paid_until is None:
        return None
    return paid_until.year if (paid_until.month, paid_until.day) == (12, 31) else paid_until.year - 1


def unpaid_invoices(collectivity: Collectivity | int, membership: Membership | None) -> QuerySet:
    """The collectivity's calls still to pay for periods its membership has not paid, the
    oldest due first, with ``paid_cents`` annotated: what it must pay to be active again."""
    collectivity_id = getattr(collectivity, "pk", collectivity)
    invoices = Invoice.objects.filter(collectivity_id=collectivity_id).outstanding()
    covered = last_year_paid(membership)
    if covered is not None:
        invoices = invoices.filter(period_year__gt=covered)
    return invoices.order_by("due_on", "year", "sequence")


@dataclass(frozen=True)
class ToPay:
    """What a member must pay to be active again: the calls, what remains due on each, the total."""

    lines: list[tuple[Invoice, int]]
    seller: dict

    @property
    def total_cents(self) -> int:
        return sum(remaining for _invoice, remaining in self.lines)


def amounts_to_pay(membership: Membership, invoices: Iterable[Invoice]) -> ToPay:
    """From the collectivity's ``invoices`` annotated with their payment state (already read by
    the page, no query here): the calls of periods not paid yet, oldest due first."""
    covered = last_year_paid(membership)
    unpaid = sorted(
        (
            invoice
            for invoice in invoices
            if invoice.kind == InvoiceKind.INVOICE
            and not invoice.cancelled
            and invoice.paid_cents < invoice.amount_cents
            and (covered is None or invoice.period_year > covered)
        ),
        key=lambda invoice: (invoice.due_on, invoice.year, invoice.sequence),
    )
    lines = [(invoice, invoice.amount_cents - invoice.paid_cents) for invoice in unpaid]
    return ToPay(lines, unpaid[0].seller if unpaid else {})


@transaction.atomic
def refresh_arrears(collectivity: Collectivity) -> Membership | None:
    """Record on the collectivity's membership its first unpaid call (or none)."""
    membership = Membership.objects.select_for_update().filter(collectivity=collectivity).first()
    if membership is None:
        return None
    first = unpaid_invoices(collectivity, membership).first()
    if first is None:
        return record_unpaid_invoice(collectivity, None)
    return record_unpaid_invoice(collectivity, first.due_on, first.number)
