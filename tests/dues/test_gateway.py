"""The Stripe gateway against a local fake of Stripe's API: the SDK's own code builds and sends
every request, and webhook payloads are signed with Stripe's scheme."""

import datetime as dt
import json
import time

import pytest
import stripe

from dues import gateway
from dues.gateway import GatewayError
from tests.dues.conftest import WEBHOOK_SECRET
from tests.dues.stripe_fake import event, sign


def _create(**overrides):
    arguments = {
        "invoice_reference": "VI-2026-0042",
        "amount_cents": 125000,
        "customer_email": "finances@ville-imaginaire.example",
        "success_url": "https://site.example/portail/factures/42/?paiement=ok",
        "cancel_url": "https://site.example/portail/factures/42/",
        "idempotency_key": "invoice-42-125000",
    }
    return gateway.create_checkout_session(**(arguments | overrides))


def test_checkout_session_request(stripe_fake):
    session = _create()

    assert session.id == "cs_test_1"
    assert session.url == f"{stripe_fake.base_url}/pay/cs_test_1"
    [request] = stripe_fake.requests
    assert (request.method, request.path) == ("POST", "/v1/checkout/sessions")
    assert request.headers["authorization"] == "Bearer sk_test_fake"
    assert request.headers["idempotency-key"] == "invoice-42-125000"
    form = request.form
    assert form["mode"] == "payment"
    assert form["line_items[0][price_data][unit_amount]"] == "125000"
    assert form["line_items[0][price_data][currency]"] == "eur"
    assert form["line_items[0][quantity]"] == "1"
    assert "VI-2026-0042" in form["line_items[0][price_data][product_data][name]"]
    assert form["metadata[invoice_reference]"] == "VI-2026-0042"
    assert form["payment_intent_data[metadata][invoice_reference]"] == "VI-2026-0042"
    assert form["client_reference_id"] == "VI-2026-0042"
    assert form["customer_email"] == "finances@ville-imaginaire.example"
    assert (form["payment_method_types[0]"], form["payment_method_types[1]"]) == (
        "card",
        "sepa_debit",
    )
    assert form["success_url"].endswith("?paiement=ok")


def test_same_idempotency_key_gives_the_same_session(stripe_fake):
    assert _create().id == _create().id == "cs_test_1"
    assert _create(idempotency_key="invoice-42-60000", amount_cents=60000).id == "cs_test_2"


def test_stripe_refusal_is_a_gateway_error(stripe_fake):
    stripe_fake.error = (400, {"error": {"type": "invalid_request_error", "message": "bad"}})
    with pytest.raises(GatewayError) as caught:
        _create()
    assert caught.value.code == "rejected"
    assert "virement" in caught.value.user_message
    assert isinstance(caught.value.__cause__, stripe.InvalidRequestError)


def test_stripe_outage_is_a_gateway_error(stripe_fake):
    stripe_fake.error = (503, {"error": {"type": "api_error", "message": "down"}})
    with pytest.raises(GatewayError) as caught:
        _create()
    assert caught.value.code == "unavailable"
    assert isinstance(caught.value.__cause__, stripe.StripeError)


def test_timeout_is_a_gateway_error(stripe_fake, settings):
    settings.STRIPE_TIMEOUT_SECONDS = 0.2
    stripe_fake.delay_seconds = 1
    started = time.monotonic()
    with pytest.raises(GatewayError) as caught:
        _create()
    assert time.monotonic() - started < 1
    assert caught.value.code == "unavailable"
    assert isinstance(caught.value.__cause__, stripe.APIConnectionError)


def test_unreachable_stripe_is_a_gateway_error(stripe_fake, settings):
    stripe_fake.stop()
    with pytest.raises(GatewayError) as caught:
        _create()
    assert caught.value.code == "unavailable"
    stripe_fake.start()  # the fixture stops it again


def test_missing_key_is_a_gateway_error(stripe_fake, settings):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(GatewayError) as caught:
        _create()
    assert caught.value.code == "not_configured"
    assert stripe_fake.requests == []


def test_retrieve_checkout_session(stripe_fake):
    session = _create()
    stripe_fake.sessions[session.id].update(status="complete", payment_status="paid", payment_intent="pi_123")

    state = gateway.retrieve_checkout_session(session.id)

    assert state == gateway.CheckoutSessionState(
        id="cs_test_1",
        status="complete",
        payment_status="paid",
        invoice_reference="VI-2026-0042",
        amount_cents=125000,
        currency="eur",
        payment_intent="pi_123",
    )
    assert stripe_fake.requests[-1].path == "/v1/checkout/sessions/cs_test_1"


@pytest.mark.parametrize(
    ("intent", "method_types", "expected"),
    [
        (
            {"id": "pi_1", "payment_method": {"id": "pm_1", "type": "sepa_debit"}},
            ["card", "sepa_debit"],
            "sepa_debit",
        ),
        (
            {"id": "pi_1", "payment_method": None, "payment_method_types": ["customer_balance"]},
            None,
            "customer_balance",
        ),
        ("pi_1", ["card"], "card"),
        ("pi_1", ["card", "sepa_debit"], None),
    ],
)
def test_retrieve_says_how_the_session_was_paid(stripe_fake, intent, method_types, expected):
    session = _create()
    stripe_fake.sessions[session.id].update(
        status="complete", payment_status="paid", payment_intent=intent, payment_method_types=method_types
    )

    state = gateway.retrieve_checkout_session(session.id)

    assert (state.payment_intent, state.payment_method_type) == ("pi_1", expected)
    assert stripe_fake.requests[-1].query["expand[0]"] == "payment_intent.payment_method"


def test_retrieve_unknown_session_is_a_gateway_error(stripe_fake):
    with pytest.raises(GatewayError) as caught:
        gateway.retrieve_checkout_session("cs_test_unknown")
    assert caught.value.code == "rejected"


SESSION = {
    "id": "cs_test_9",
    "object": "checkout.session",
    "amount_total": 125000,
    "currency": "eur",
    "client_reference_id": "VI-2026-0042",
    "metadata": {"invoice_reference": "VI-2026-0042"},
    "payment_intent": "pi_9",
    "payment_status": "paid",
    "status": "complete",
}


def _payload(event_type="checkout.session.completed", obj=SESSION, **kwargs):
    return json.dumps(event(event_type, obj, event_id="evt_1", **kwargs)).encode()


def test_signed_webhook_is_parsed(stripe_fake):
    payload = _payload(created=1_790_000_000)

    parsed = gateway.parse_webhook(payload, sign(payload, WEBHOOK_SECRET))

    assert parsed == gateway.WebhookEvent(
        id="evt_1",
        type="checkout.session.completed",
        invoice_reference="VI-2026-0042",
        amount_cents=125000,
        payment_intent="pi_9",
        object_id="cs_test_9",
        payment_status="paid",
        created=dt.datetime(2026, 9, 21, 14, 13, 20, tzinfo=dt.UTC),
    )


def test_payment_intent_event_is_parsed(stripe_fake):
    intent = {
        "id": "pi_9",
        "object": "payment_intent",
        "amount": 125000,
        "amount_received": 125000,
        "status": "succeeded",
        "metadata": {"invoice_reference": "VI-2026-0042"},
    }
    payload = _payload("payment_intent.succeeded", intent)

    parsed = gateway.parse_webhook(payload, sign(payload, WEBHOOK_SECRET))

    assert (parsed.invoice_reference, parsed.amount_cents, parsed.payment_intent) == (
        "VI-2026-0042",
        125000,
        "pi_9",
    )


def test_other_event_has_no_invoice(stripe_fake):
    payload = _payload("customer.created", {"id": "cus_1", "object": "customer"})
    parsed = gateway.parse_webhook(payload, sign(payload, WEBHOOK_SECRET))
    assert (parsed.type, parsed.invoice_reference, parsed.amount_cents) == (
        "customer.created",
        None,
        None,
    )


@pytest.mark.parametrize(
    "header",
    [
        sign(_payload(), "whsec_another_secret"),
        sign(_payload(), WEBHOOK_SECRET, timestamp=int(time.time()) - 600),  # 10 minutes old
        sign(_payload().replace(b"125000", b"1"), WEBHOOK_SECRET),  # body changed after signing
        "",
        "t=1,v1=nothex",
    ],
    ids=["other secret", "too old", "tampered body", "no header", "garbage"],
)
def test_forged_or_stale_webhook_is_refused(stripe_fake, header):
    with pytest.raises(GatewayError) as caught:
        gateway.parse_webhook(_payload(), header)
    assert caught.value.code == "bad_signature"
    assert isinstance(caught.value.__cause__, stripe.SignatureVerificationError)


def test_webhook_without_secret_is_refused(stripe_fake, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    with pytest.raises(GatewayError) as caught:
        gateway.parse_webhook(_payload(), sign(_payload(), ""))
    assert caught.value.code == "bad_signature"


def test_signed_garbage_is_a_bad_payload(stripe_fake):
    payload = b"not json"
    with pytest.raises(GatewayError) as caught:
        gateway.parse_webhook(payload, sign(payload, WEBHOOK_SECRET))
    assert caught.value.code == "bad_payload"


def test_list_events(stripe_fake):
    stripe_fake.events = [
        event("checkout.session.completed", SESSION, event_id="evt_2", created=1_790_000_100),
        event("checkout.session.expired", SESSION, event_id="evt_1", created=1_790_000_000),
    ]

    events = gateway.list_events(created_after=dt.datetime(2026, 9, 20, tzinfo=dt.UTC))

    assert [item.id for item in events] == ["evt_1", "evt_2"]
    [request] = stripe_fake.requests
    assert request.path == "/v1/events"
    assert request.query["created[gt]"] == str(int(dt.datetime(2026, 9, 20, tzinfo=dt.UTC).timestamp()))
    assert request.query["types[0]"] == "checkout.session.completed"
