"""Payments of invoices: offline ones recorded by staff, online ones credited from Stripe events.

An invoice is paid once its payments add up to its amount. Then, and only then, the
collectivity's membership is paid through the end of the invoice's period year
(:func:`members.services.record_paid_through`, under a row lock): a pending membership becomes
active. Every Stripe event is stored once (its id is unique) and acted on once; the Checkout
Session is looked up again at Stripe before anything is credited.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import documents
from members.services import record_paid_through

from .. import gateway
from ..models import EventOutcome, Invoice, InvoiceKind, Payment, PaymentMethod, PaymentReceipt, StripeEvent
from .status import refresh_arrears

logger = logging.getLogger(__name__)

#: The events that may credit a payment, and the one that reports a failed debit.
CREDITING_EVENTS = frozenset({"checkout.session.completed", "checkout.session.async_payment_succeeded"})
FAILED_EVENT = "checkout.session.async_payment_failed"


def amount_paid(invoice: Invoice) -> int:
    return invoice.payments.total_cents()


def remaining_due(invoice: Invoice) -> int:
    return max(invoice.amount_cents - amount_paid(invoice), 0)


def is_cancelled(invoice: Invoice) -> bool:
    return Invoice.objects.filter(credited_invoice=invoice).exists()


def is_paid(invoice: Invoice) -> bool:
    return invoice.kind == InvoiceKind.INVOICE and amount_paid(invoice) >= invoice.amount_cents


def payable(invoice: Invoice) -> bool:
    """Whether something can still be paid on ``invoice``."""
    return invoice.kind == InvoiceKind.INVOICE and not is_cancelled(invoice) and remaining_due(invoice) > 0


def _refuse_unpayable(invoice: Invoice) -> None:
    if invoice.kind != InvoiceKind.INVOICE:
        raise ValidationError(_("Un avoir ne se paie pas."), code="credit_note")
    if is_cancelled(invoice):
        raise ValidationError(
            _("L'appel %(number)s est annulé par un avoir : aucun paiement ne peut y être enregistré.")
            % {"number": invoice.number},
            code="cancelled",
        )


def _after_payment(invoice: Invoice) -> None:
    """Once ``invoice`` is fully paid, the membership is paid through its period year and its
    receipt is built (in a task, once the transaction commits)."""
    documents.refresh(PaymentReceipt, invoice.pk)
    if is_paid(invoice):
        record_paid_through(invoice.collectivity, datetime.date(invoice.period_year, 12, 31))
        refresh_arrears(invoice.collectivity)


@transaction.atomic
def record_offline_payment(
    *,
    invoice: Invoice,
    amount_cents: int,
    method: str,
    received_on: datetime.date,
    reference: str = "",
    actor=None,
) -> Payment:
    """Record a transfer, mandat administratif or cheque received for ``invoice`` (partial
    payments allowed; never more than what remains due)."""
    invoice = Invoice.objects.select_for_update().select_related("collectivity").get(pk=invoice.pk)
    _refuse_unpayable(invoice)
    if method not in PaymentMethod.values or method == PaymentMethod.STRIPE:
        raise ValidationError(
            _("Choisissez le moyen de paiement : virement, mandat administratif ou chèque."), code="method"
        )
    if amount_cents is None or amount_cents <= 0:
        raise ValidationError(_("Le montant reçu doit être positif."), code="amount")
    due = remaining_due(invoice)
    if due == 0:
        raise ValidationError(
            _("L'appel %(number)s est déjà entièrement payé.") % {"number": invoice.number}, code="paid"
        )
    if amount_cents > due:
        from ..money import format_eur

        raise ValidationError(
            _(
                "Le montant saisi (%(amount)s) dépasse ce qui reste dû sur l'appel %(number)s "
                "(%(due)s) : vérifiez le montant ou la facture."
            )
            % {"amount": format_eur(amount_cents), "number": invoice.number, "due": format_eur(due)},
            code="overpayment",
        )
    if received_on > timezone.localdate():
        raise ValidationError(_("La date de réception ne peut pas être dans le futur."), code="date")
    payment = Payment.objects.create(
        invoice=invoice,
        amount_cents=amount_cents,
        method=method,
        received_on=received_on,
        reference=reference.strip()[:100],
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _after_payment(invoice)
    return payment


def apply_stripe_event(event: gateway.WebhookEvent) -> StripeEvent:
    """Act once on a verified Stripe event; returns the stored event (its ``outcome`` says what
    was done). Raises GatewayError when Stripe cannot be asked about the session: nothing is
    stored then, so a later delivery (Stripe retries) is acted on."""
    stored = StripeEvent.objects.filter(event_id=event.id).first()
    if stored is not None:
        return stored
    if event.type not in CREDITING_EVENTS and event.type != FAILED_EVENT:
        return _store(event, None, EventOutcome.IGNORED)
    session = gateway.retrieve_checkout_session(event.object_id) if event.object_id else None
    reference = (session.invoice_reference if session else None) or event.invoice_reference
    with transaction.atomic():
        invoice = (
            Invoice.objects.select_for_update()
            .select_related("collectivity")
            .filter(number=reference)
            .first()
            if reference
            else None
        )
        stored = StripeEvent.objects.filter(event_id=event.id).first()
        if stored is not None:  # the same event, delivered twice at the same time
            return stored
        if invoice is None or session is None:
            return _store(event, None, EventOutcome.FLAGGED, "unknown invoice or session")
        if event.type == FAILED_EVENT:
            return _store(event, invoice, EventOutcome.FAILED)
        if Payment.objects.filter(stripe_session_id=session.id).exists():
            return _store(event, invoice, EventOutcome.ALREADY_CREDITED)
        if session.status != "complete" or session.payment_status != "paid":
            return _store(event, invoice, EventOutcome.WAITING, session.payment_status)
        if invoice.kind != InvoiceKind.INVOICE or is_cancelled(invoice):
            return _store(event, invoice, EventOutcome.FLAGGED, "invoice cancelled or credit note")
        due = remaining_due(invoice)
        if session.currency.lower() != "eur" or session.amount_cents != due or not due:
            note = f"amount {session.amount_cents} {session.currency}, due {due}"
            logger.warning("Stripe event %s not credited: %s", event.id, note)
            return _store(event, invoice, EventOutcome.FLAGGED, note)
        record_online_payment(
            invoice=invoice,
            amount_cents=session.amount_cents,
            session_id=session.id,
            payment_intent=session.payment_intent or "",
            event_id=event.id,
            channel=session.payment_method_type or "",
        )
        return _store(event, invoice, EventOutcome.CREDITED)


def record_online_payment(
    *,
    invoice: Invoice,
    amount_cents: int,
    session_id: str,
    payment_intent: str,
    event_id: str,
    channel: str = "",
    received_on: datetime.date | None = None,
) -> Payment:
    """Record what Stripe says was paid for ``invoice`` (locked by the caller, checked against
    Stripe by :func:`apply_stripe_event`); the demo calls it too, with made-up ids."""
    payment = Payment.objects.create(
        invoice=invoice,
        amount_cents=amount_cents,
        method=PaymentMethod.STRIPE,
        received_on=received_on or timezone.localdate(),
        reference=payment_intent or session_id,
        stripe_session_id=session_id,
        stripe_payment_intent=payment_intent,
        stripe_event_id=event_id,
        stripe_channel=channel[:30],
    )
    _after_payment(invoice)
    return payment


def _store(event: gateway.WebhookEvent, invoice: Invoice | None, outcome: str, note: str = "") -> StripeEvent:
    stored, _created = StripeEvent.objects.get_or_create(
        event_id=event.id,
        defaults={"type": event.type[:100], "invoice": invoice, "outcome": outcome, "note": note[:300]},
    )
    return stored
