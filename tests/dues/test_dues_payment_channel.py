"""An online payment records how it was paid (card, SEPA debit, bank transfer), as Stripe says
when the session is looked up again: the dashboard counts the payments by that channel."""

import pytest
from django.urls import reverse

from dues import gateway
from dues.models import Payment
from dues.services import payments
from tests.dues.payment_helpers import paid_session, pending_member_invoice, signed_event

pytestmark = pytest.mark.django_db


def test_the_webhook_records_the_channel_stripe_gives(stripe_fake, admin_client):
    invoice, _membership = pending_member_invoice()
    session = paid_session(stripe_fake, invoice)
    session["payment_intent"] = {"id": "pi_test_1", "payment_method": {"id": "pm_1", "type": "sepa_debit"}}
    payload, signature = signed_event("checkout.session.completed", session)
    response = admin_client.post(
        reverse("dues:stripe_webhook"),
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    assert response.status_code == 200
    payment = Payment.objects.get()
    assert (payment.stripe_channel, payment.stripe_payment_intent) == ("sepa_debit", "pi_test_1")
    page = admin_client.get(reverse("dues_dashboard:index")).content.decode()
    assert "En ligne : Prélèvement SEPA</th><td>1</td>" in page


def test_without_a_channel_the_dashboard_says_it_is_not_known(stripe_fake, admin_client):
    invoice, _membership = pending_member_invoice()
    session = paid_session(stripe_fake, invoice)  # payment intent not expanded, two types allowed
    event = gateway.parse_webhook(*signed_event("checkout.session.completed", session))
    payments.apply_stripe_event(event)
    assert Payment.objects.get().stripe_channel == ""
    page = admin_client.get(reverse("dues_dashboard:index")).content.decode()
    assert "En ligne : moyen non précisé</th><td>1</td>" in page
