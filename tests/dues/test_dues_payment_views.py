"""The portal's invoices and online payment, and Stripe's webhook."""

import time

import pytest
from django.urls import reverse

from dues.models import Payment, StripeEvent
from members.factories import MemberRoleFactory
from members.models import Membership, MembershipStatus, Role
from tests.dues.payment_helpers import AMOUNT, paid_session, pending_member_invoice, signed_event

pytestmark = pytest.mark.django_db
WEBHOOK = reverse("dues:stripe_webhook")


@pytest.fixture
def invoice():
    return pending_member_invoice()[0]


def person(client, invoice, role=Role.REFERENT):
    user = MemberRoleFactory(collectivity=invoice.collectivity, role=role).user
    client.force_login(user)
    return user


def post_event(client, payload, signature):
    return client.post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


def test_portal_links_to_invoices_and_list_shows_what_remains(client, invoice):
    person(client, invoice, Role.AGENT)
    assert reverse("dues:invoices") in client.get(reverse("members:portal")).content.decode()
    page = client.get(reverse("dues:invoices")).content.decode()
    assert invoice.number in page and "400,00" in page


def test_other_collectivity_invoice_is_not_found(client, invoice):
    other = pending_member_invoice()[0]
    person(client, invoice)
    assert client.get(reverse("dues:invoice", args=[other.number])).status_code == 404
    assert client.post(reverse("dues:pay_online", args=[other.number])).status_code == 404


def test_without_stripe_key_only_bank_details_are_shown(client, invoice, settings):
    settings.STRIPE_SECRET_KEY = ""
    person(client, invoice)
    page = client.get(reverse("dues:invoice", args=[invoice.number])).content.decode()
    assert "Payer en ligne" not in page
    assert invoice.seller["iban"] in page and invoice.number in page


def test_agent_sees_no_pay_button_and_cannot_pay(client, invoice, stripe_fake):
    person(client, invoice, Role.AGENT)
    page = client.get(reverse("dues:invoice", args=[invoice.number])).content.decode()
    assert reverse("dues:pay_online", args=[invoice.number]) not in page
    assert client.post(reverse("dues:pay_online", args=[invoice.number])).status_code == 404
    assert stripe_fake.requests == []


def test_referent_is_sent_to_checkout_for_what_remains(client, invoice, stripe_fake):
    person(client, invoice)
    page = client.get(reverse("dues:invoice", args=[invoice.number])).content.decode()
    assert reverse("dues:pay_online", args=[invoice.number]) in page
    response = client.post(reverse("dues:pay_online", args=[invoice.number]))
    assert response.status_code == 302
    assert response["Location"] == f"{stripe_fake.base_url}/pay/cs_test_1"
    sent = stripe_fake.requests[0]
    assert sent.form["line_items[0][price_data][unit_amount]"] == str(AMOUNT)
    assert sent.form["client_reference_id"] == invoice.number
    assert sent.headers["idempotency-key"] == f"dues-invoice-{invoice.pk}-{AMOUNT}"
    # A second click reuses the same session (same idempotency key).
    assert client.post(reverse("dues:pay_online", args=[invoice.number]))["Location"].endswith("cs_test_1")


def test_gateway_error_shows_a_french_message(client, invoice, stripe_fake):
    person(client, invoice)
    stripe_fake.error = (503, {"error": {"type": "api_error", "message": "down"}})
    response = client.post(reverse("dues:pay_online", args=[invoice.number]))
    assert response.status_code == 503
    assert "ne répond pas" in response.content.decode()
    assert Payment.objects.count() == 0


def test_return_pages(client, invoice, stripe_fake):
    person(client, invoice)
    done = client.get(reverse("dues:payment_done", args=[invoice.number])).content.decode()
    assert "en cours de confirmation" in done
    cancelled = client.get(reverse("dues:payment_cancelled", args=[invoice.number])).content.decode()
    assert "Paiement annulé" in cancelled


def test_webhook_replayed_three_times_credits_once_and_activates(client, invoice, stripe_fake):
    session = paid_session(stripe_fake, invoice)
    payload, signature = signed_event("checkout.session.completed", session)
    for _ in range(3):
        assert post_event(client, payload, signature).status_code == 200
    assert Payment.objects.get().amount_cents == AMOUNT
    assert Membership.objects.get(collectivity=invoice.collectivity).get_status() == MembershipStatus.ACTIVE
    person(client, invoice)
    page = client.get(reverse("dues:payment_done", args=[invoice.number])).content.decode()
    assert "paiement est enregistré" in page


@pytest.mark.parametrize("case", ["forged", "stale", "garbage"])
def test_bad_or_stale_signature_is_400_and_writes_nothing(client, invoice, stripe_fake, case):
    session = paid_session(stripe_fake, invoice)
    if case == "forged":
        payload, signature = signed_event("checkout.session.completed", session, secret="whsec_other")
    elif case == "stale":
        payload, signature = signed_event(
            "checkout.session.completed", session, timestamp=int(time.time()) - 600
        )
    else:
        payload, signature = b"not json", "t=1,v1=0"
    assert post_event(client, payload, signature).status_code == 400
    assert (Payment.objects.count(), StripeEvent.objects.count()) == (0, 0)
    assert stripe_fake.requests == []


def test_webhook_ignored_event_is_200_and_get_is_405(client, invoice, stripe_fake):
    payload, signature = signed_event("customer.created", {"id": "cus_1", "object": "customer"})
    assert post_event(client, payload, signature).status_code == 200
    assert Payment.objects.count() == 0
    assert client.get(WEBHOOK).status_code == 405


def test_webhook_amount_mismatch_is_not_credited(client, invoice, stripe_fake):
    session = paid_session(stripe_fake, invoice, amount=AMOUNT - 1)
    payload, signature = signed_event("checkout.session.completed", session)
    assert post_event(client, payload, signature).status_code == 200
    assert Payment.objects.count() == 0
    assert StripeEvent.objects.get().outcome == "flagged"


def test_paid_invoice_receipt_is_built_and_served_to_its_people_only(
    client, invoice, django_capture_on_commit_callbacks
):
    from dues.services import payments

    person(client, invoice, Role.AGENT)
    url = reverse("dues:receipt", args=[invoice.number])
    assert client.get(url).status_code == 404  # not paid: no receipt
    with django_capture_on_commit_callbacks(execute=True):
        payments.record_offline_payment(
            invoice=invoice, amount_cents=AMOUNT, method="transfer", received_on=invoice.issued_on
        )
    page = client.get(reverse("dues:invoice", args=[invoice.number])).content.decode()
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    client.force_login(MemberRoleFactory(role=Role.REFERENT).user)  # another collectivity's person
    assert client.get(url).status_code == 404
