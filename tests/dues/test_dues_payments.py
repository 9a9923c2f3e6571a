"""Payments: offline ones recorded by staff, Stripe events credited once, the membership paid
through the invoice's year once the invoice is paid."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dues import gateway
from dues.models import EventOutcome, Payment, PaymentMethod, StripeEvent
from dues.services import invoices, payments
from members.models import MembershipStatus
from tests.dues.payment_helpers import AMOUNT, paid_session, pending_member_invoice

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def webhook_event(session, event_type="checkout.session.completed", event_id="evt_1"):
    return gateway.WebhookEvent(
        id=event_id,
        type=event_type,
        invoice_reference=session["metadata"]["invoice_reference"],
        amount_cents=session["amount_total"],
        payment_intent=session["payment_intent"],
        object_id=session["id"],
        payment_status=session["payment_status"],
    )


def offline(invoice, amount=AMOUNT, **kwargs):
    values = {"method": PaymentMethod.MANDAT, "received_on": TODAY, "reference": "Mandat 42"} | kwargs
    return payments.record_offline_payment(invoice=invoice, amount_cents=amount, **values)


def test_partial_then_full_offline_payment_activates_the_membership():
    invoice, membership = pending_member_invoice()
    offline(invoice, 10000)
    membership.refresh_from_db()
    assert membership.paid_until is None and membership.get_status() == MembershipStatus.PENDING
    assert payments.remaining_due(invoice) == AMOUNT - 10000
    offline(invoice, AMOUNT - 10000, method=PaymentMethod.TRANSFER)
    membership.refresh_from_db()
    assert membership.paid_until == datetime.date(invoice.period_year, 12, 31)
    assert membership.get_status() == MembershipStatus.ACTIVE
    assert payments.is_paid(invoice)


def test_paid_until_never_moves_back():
    invoice, membership = pending_member_invoice()
    later = datetime.date(invoice.period_year + 2, 12, 31)
    membership.paid_until = later
    membership.save()
    offline(invoice)
    membership.refresh_from_db()
    assert membership.paid_until == later


@pytest.mark.parametrize(
    ("amount", "kwargs", "message"),
    [
        (0, {}, "doit être positif"),
        (-5, {}, "doit être positif"),
        (AMOUNT + 1, {}, "dépasse ce qui reste dû"),
        (100, {"method": "stripe"}, "Choisissez le moyen de paiement"),
        (100, {"method": "bitcoin"}, "Choisissez le moyen de paiement"),
        (100, {"received_on": TODAY + datetime.timedelta(days=3)}, "dans le futur"),
    ],
)
def test_bad_offline_payment_is_refused_and_nothing_changes(amount, kwargs, message):
    invoice, membership = pending_member_invoice()
    with pytest.raises(ValidationError, match=message):
        offline(invoice, amount, **kwargs)
    assert Payment.objects.count() == 0
    membership.refresh_from_db()
    assert membership.paid_until is None


def test_no_payment_on_a_paid_or_cancelled_invoice_or_a_credit_note():
    invoice, _ = pending_member_invoice()
    offline(invoice)
    with pytest.raises(ValidationError, match="déjà entièrement payé"):
        offline(invoice, 100)
    other, _ = pending_member_invoice()
    credit_note = invoices.credit_invoice(invoice=other, reason="Erreur de tranche")
    with pytest.raises(ValidationError, match="annulé par un avoir"):
        offline(other, 100)
    with pytest.raises(ValidationError, match="Un avoir ne se paie pas"):
        offline(credit_note, 100)
    assert Payment.objects.count() == 1


def test_stripe_event_credits_once_whatever_the_replays(stripe_fake):
    invoice, membership = pending_member_invoice()
    session = paid_session(stripe_fake, invoice)
    for _ in range(3):
        payments.apply_stripe_event(webhook_event(session))
    payments.apply_stripe_event(webhook_event(session, "checkout.session.async_payment_succeeded", "evt_2"))
    payment = Payment.objects.get()
    assert (payment.amount_cents, payment.method, payment.stripe_event_id) == (AMOUNT, "stripe", "evt_1")
    assert payment.stripe_session_id == session["id"]
    assert dict(StripeEvent.objects.values_list("event_id", "outcome")) == {
        "evt_1": EventOutcome.CREDITED,
        "evt_2": EventOutcome.ALREADY_CREDITED,
    }
    membership.refresh_from_db()
    assert membership.get_status() == MembershipStatus.ACTIVE
    # The session was looked up again at Stripe before crediting.
    assert any(r.path == f"/v1/checkout/sessions/{session['id']}" for r in stripe_fake.requests)


def test_async_success_before_completed_credits_once(stripe_fake):
    invoice, _ = pending_member_invoice()
    session = paid_session(stripe_fake, invoice)
    payments.apply_stripe_event(webhook_event(session, "checkout.session.async_payment_succeeded", "evt_a"))
    payments.apply_stripe_event(webhook_event(session, "checkout.session.completed", "evt_b"))
    assert Payment.objects.count() == 1


def test_event_trusts_stripe_not_the_payload(stripe_fake):
    """The event says paid, Stripe's session says not yet (SEPA debit pending): nothing credited."""
    invoice, membership = pending_member_invoice()
    session = paid_session(stripe_fake, invoice, payment_status="unpaid")
    forged = webhook_event(session)
    forged = gateway.WebhookEvent(**{**forged.__dict__, "payment_status": "paid"})
    assert payments.apply_stripe_event(forged).outcome == EventOutcome.WAITING
    assert Payment.objects.count() == 0


def test_amount_mismatch_is_flagged_not_credited(stripe_fake):
    invoice, membership = pending_member_invoice()
    session = paid_session(stripe_fake, invoice, amount=100)
    stored = payments.apply_stripe_event(webhook_event(session))
    assert stored.outcome == EventOutcome.FLAGGED and "amount 100" in stored.note
    assert Payment.objects.count() == 0
    membership.refresh_from_db()
    assert membership.paid_until is None


def test_ignored_and_failed_events_are_stored_and_change_nothing(stripe_fake):
    invoice, _ = pending_member_invoice()
    session = paid_session(stripe_fake, invoice, payment_status="unpaid")
    assert payments.apply_stripe_event(webhook_event(session, "customer.created", "evt_x")).outcome == (
        EventOutcome.IGNORED
    )
    failed = payments.apply_stripe_event(
        webhook_event(session, "checkout.session.async_payment_failed", "evt_f")
    )
    assert failed.outcome == EventOutcome.FAILED
    assert Payment.objects.count() == 0


def test_stripe_unreachable_stores_nothing_so_the_retry_counts(stripe_fake):
    invoice, _ = pending_member_invoice()
    session = paid_session(stripe_fake, invoice)
    stripe_fake.error = (500, {"error": {"type": "api_error", "message": "down"}})
    with pytest.raises(gateway.GatewayError):
        payments.apply_stripe_event(webhook_event(session))
    assert StripeEvent.objects.count() == 0
    stripe_fake.error = None
    assert payments.apply_stripe_event(webhook_event(session)).outcome == EventOutcome.CREDITED


def test_daily_reconciliation_catches_a_missed_webhook_once(stripe_fake):
    from io import StringIO

    from django.core.management import call_command

    from tests.dues.stripe_fake import event

    invoice, membership = pending_member_invoice()
    session = paid_session(stripe_fake, invoice)
    stripe_fake.events = [event("checkout.session.completed", session, event_id="evt_missed")]
    for _ in range(2):
        call_command("dues_reconcile_stripe", stdout=StringIO())
    assert Payment.objects.get().stripe_event_id == "evt_missed"
    membership.refresh_from_db()
    assert membership.get_status() == MembershipStatus.ACTIVE


def test_invoice_list_queries_do_not_grow_with_invoices(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from dues.models import DuesTier
    from members.factories import MemberRoleFactory
    from members.models import Role

    invoice, membership = pending_member_invoice(period_year=TODAY.year - 1)
    client.force_login(MemberRoleFactory(collectivity=membership.collectivity, role=Role.AGENT).user)
    client.get(reverse("dues:invoices"))  # the site's settings rows are created on first use

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("dues:invoices"))
        assert response.status_code == 200
        return len(queries), response.content.decode()

    one, _ = count()
    for year in (TODAY.year, TODAY.year + 1, TODAY.year + 2):
        DuesTier.objects.create(year=year, kind="commune", population_min=0, amount_cents=AMOUNT)
        offline(invoices.issue_invoice(collectivity=membership.collectivity, period_year=year), 100)
    four, page = count()
    assert four == one <= 16
    # Each invoice's page is linked (also from "what remains to pay" while pending).
    assert len(set(re.findall(r'href="/cotisations/factures/([^/"]+)/"', page))) == 4
