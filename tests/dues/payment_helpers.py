"""Shared helpers of the payment tests: an issued invoice, a paid Checkout Session in the fake."""

import datetime
import json

from django.utils import timezone

from dues.models import DuesTier
from dues.services import invoices
from members.factories import MembershipFactory
from tests.dues.conftest import WEBHOOK_SECRET
from tests.dues.stripe_fake import event, sign

AMOUNT = 40000


def pending_member_invoice(period_year: int | None = None):
    """A collectivity with a pending membership and its first invoice (400,00 €)."""
    year = period_year or timezone.localdate().year
    DuesTier.objects.get_or_create(
        year=year, kind="commune", population_min=0, defaults={"amount_cents": AMOUNT}
    )
    membership = MembershipFactory(paid_until=None, started_on=datetime.date(year, 1, 1))
    invoice = invoices.issue_invoice(collectivity=membership.collectivity, period_year=year)
    return invoice, membership


def paid_session(fake, invoice, *, amount=None, session_id="cs_test_paid", payment_status="paid"):
    session = {
        "id": session_id,
        "object": "checkout.session",
        "status": "complete" if payment_status == "paid" else "open",
        "payment_status": payment_status,
        "amount_total": invoice.amount_cents if amount is None else amount,
        "currency": "eur",
        "client_reference_id": invoice.number,
        "metadata": {"invoice_reference": invoice.number},
        "payment_intent": "pi_test_1",
    }
    fake.sessions[session_id] = session
    return session


def signed_event(event_type, session, *, event_id="evt_1", secret=WEBHOOK_SECRET, timestamp=None):
    payload = json.dumps(event(event_type, session, event_id=event_id)).encode()
    return payload, sign(payload, secret, timestamp=timestamp)
