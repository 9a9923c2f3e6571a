"""The one module that talks to Stripe.

Everything the dues app needs from Stripe goes through the functions below; they return plain
dataclasses and raise `GatewayError` (a French message for the person, the Stripe exception
kept as `__cause__`) for any Stripe, network or signature failure, so callers never handle
SDK types.

Settings (environment variables, see README):
- `STRIPE_SECRET_KEY`, `STRIPE_WEBHOOK_SECRET`: the account's keys;
- `STRIPE_API_BASE` (default https://api.stripe.com): where the SDK sends its requests; tests
  point it at a local HTTP fake so that the SDK's own request code runs;
- `STRIPE_TIMEOUT_SECONDS` (default 10) and `STRIPE_MAX_NETWORK_RETRIES` (default 2).

A Checkout Session carries the invoice reference three times: `client_reference_id`, its
`metadata` and its payment intent's `metadata`, so that every event about the payment (session
or payment intent) names the invoice it pays.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_API_BASE = "https://api.stripe.com"
DEFAULT_TIMEOUT_SECONDS = 10.0
DEFAULT_MAX_NETWORK_RETRIES = 2
# A signed event older than this (seconds) is refused as a replay (Stripe's own default).
WEBHOOK_TOLERANCE_SECONDS = 300
METADATA_KEY = "invoice_reference"
# The events a reconciliation asks Stripe for (see list_events).
PAYMENT_EVENT_TYPES = (
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
)


class GatewayError(Exception):
    """Stripe could not do what was asked; `user_message` is French and can be shown as is.

    `code` says why: "not_configured", "unavailable" (network, timeout, Stripe 5xx, rate
    limit), "rejected" (Stripe refused the request), "bad_signature" (forged or stale webhook),
    "bad_payload" (a webhook body that is not an event).
    """

    def __init__(self, user_message: str, *, code: str):
        super().__init__(user_message)
        self.user_message = user_message
        self.code = code


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


@dataclass(frozen=True)
class CheckoutSessionState:
    """A Checkout Session as Stripe sees it now (looked up again before crediting)."""

    id: str
    status: str  # "open", "complete" or "expired"
    payment_status: str  # "paid", "unpaid" or "no_payment_required"
    invoice_reference: str | None
    amount_cents: int | None
    currency: str
    payment_intent: str | None
    # How it was paid ("card", "sepa_debit", "customer_balance" for a bank transfer), when
    # Stripe says so (the payment intent's payment method, expanded).
    payment_method_type: str | None = None


@dataclass(frozen=True)
class WebhookEvent:
    """The parts of a Stripe event the dues app acts on.

    `object_id` is the id of the event's object (a Checkout Session `cs_...` for checkout
    events); `invoice_reference`, `amount_cents` and `payment_intent` are None when the object
    does not carry them.
    """

    id: str
    type: str
    invoice_reference: str | None
    amount_cents: int | None
    payment_intent: str | None
    object_id: str | None = None
    payment_status: str | None = None
    created: dt.datetime | None = None


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default) or default


def _client() -> stripe.StripeClient:
    api_key = _setting("STRIPE_SECRET_KEY", "")
    if not api_key:
        raise GatewayError(
            _("Le paiement en ligne n'est pas configuré : réglez par virement."),
            code="not_configured",
        )
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": _setting("STRIPE_API_BASE", DEFAULT_API_BASE)},
        max_network_retries=int(getattr(settings, "STRIPE_MAX_NETWORK_RETRIES", DEFAULT_MAX_NETWORK_RETRIES)),
        http_client=stripe.RequestsClient(
            timeout=float(_setting("STRIPE_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS))
        ),
    )


def _gateway_error(error: stripe.StripeError) -> GatewayError:
    if (
        isinstance(error, stripe.APIConnectionError | stripe.RateLimitError)
        or (error.http_status or 0) >= 500
    ):
        message = _(
            "Le service de paiement en ligne ne répond pas. Réessayez dans quelques minutes "
            "ou réglez par virement."
        )
        return GatewayError(message, code="unavailable")
    message = _(
        "Le service de paiement en ligne a refusé la demande. Réglez par virement ou contactez l'association."
    )
    return GatewayError(message, code="rejected")


def create_checkout_session(
    *,
    invoice_reference: str,
    amount_cents: int,
    currency: str = "eur",
    customer_email: str,
    success_url: str,
    cancel_url: str,
    payment_method_types: Sequence[str] = ("card", "sepa_debit"),
    idempotency_key: str,
) -> CheckoutSession:
    """A hosted Checkout page for paying `amount_cents` of the invoice `invoice_reference`.

    `idempotency_key` must be stable for one payment attempt (e.g. the invoice's id and
    amount due): a retried call then returns the same session instead of a second one.
    """
    if amount_cents <= 0:
        raise ValueError(f"amount must be positive, got {amount_cents}")
    metadata = {METADATA_KEY: invoice_reference}
    params: dict[str, Any] = {
        "mode": "payment",
        "client_reference_id": invoice_reference,
        "customer_email": customer_email,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "payment_method_types": list(payment_method_types),
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": currency.lower(),
                    "unit_amount": amount_cents,
                    "product_data": {
                        "name": _("Cotisation Villes Internet – facture %(reference)s")
                        % {"reference": invoice_reference}
                    },
                },
            }
        ],
        "metadata": metadata,
        "payment_intent_data": {"metadata": metadata},
    }
    client = _client()
    try:
        session = client.v1.checkout.sessions.create(
            params=params, options={"idempotency_key": idempotency_key}
        )
    except stripe.StripeError as error:
        raise _gateway_error(error) from error
    return CheckoutSession(id=session.id, url=session.url or "")


def retrieve_checkout_session(session_id: str) -> CheckoutSessionState:
    """The session as Stripe has it now, with its payment intent's id and how it was paid."""
    client = _client()
    try:
        session = client.v1.checkout.sessions.retrieve(
            session_id, params={"expand": ["payment_intent.payment_method"]}
        )
    except stripe.StripeError as error:
        raise _gateway_error(error) from error
    data = session.to_dict()
    return CheckoutSessionState(
        id=data["id"],
        status=data.get("status") or "",
        payment_status=data.get("payment_status") or "",
        invoice_reference=_invoice_reference(data),
        amount_cents=data.get("amount_total"),
        currency=data.get("currency") or "",
        payment_intent=_id_of(data.get("payment_intent")),
        payment_method_type=_payment_method_type(data),
    )


def _payment_method_type(session: dict[str, Any]) -> str | None:
    """The type of the payment method used: the expanded payment intent's payment method, else
    the only type the payment intent or the session allowed."""
    intent = session.get("payment_intent")
    if isinstance(intent, dict):
        method = intent.get("payment_method")
        if isinstance(method, dict) and method.get("type"):
            return method["type"]
        if len(intent.get("payment_method_types") or []) == 1:
            return intent["payment_method_types"][0]
    types = session.get("payment_method_types") or []
    return types[0] if len(types) == 1 else None


def parse_webhook(payload: bytes, signature_header: str) -> WebhookEvent:
    """The event in a webhook request, once its `Stripe-Signature` header is verified.

    `payload` is the raw request body, byte for byte. A wrong signature, a missing secret or
    an event signed more than WEBHOOK_TOLERANCE_SECONDS ago raises GatewayError
    ("bad_signature"), a body that is not an event GatewayError ("bad_payload").
    """
    secret = _setting("STRIPE_WEBHOOK_SECRET", "")
    try:
        event = stripe.Webhook.construct_event(
            payload, signature_header, secret, tolerance=WEBHOOK_TOLERANCE_SECONDS
        )
    except stripe.SignatureVerificationError as error:
        message = _("Signature de l'événement de paiement invalide ou trop ancienne.")
        raise GatewayError(message, code="bad_signature") from error
    except ValueError as error:
        message = _("Événement de paiement illisible.")
        raise GatewayError(message, code="bad_payload") from error
    return _event(event.to_dict())


def list_events(
    *, created_after: dt.datetime, types: Iterable[str] = PAYMENT_EVENT_TYPES
) -> list[WebhookEvent]:
    """Stripe's events of these types created after `created_after` (Stripe keeps 30 days),
    oldest first: what a daily reconciliation replays to catch a missed webhook."""
    client = _client()
    params: dict[str, Any] = {
        "created": {"gt": int(created_after.timestamp())},
        "types": list(types),
        "limit": 100,
    }
    try:
        page = client.v1.events.list(params=params)
        events = [_event(event.to_dict()) for event in page.auto_paging_iter()]
    except stripe.StripeError as error:
        raise _gateway_error(error) from error
    return sorted(events, key=lambda event: event.created or dt.datetime.min.replace(tzinfo=dt.UTC))


def _event(data: dict[str, Any]) -> WebhookEvent:
    obj = (data.get("data") or {}).get("object") or {}
    kind = obj.get("object")
    if kind == "checkout.session":
        amount, payment_intent = obj.get("amount_total"), _id_of(obj.get("payment_intent"))
    elif kind == "payment_intent":
        amount, payment_intent = obj.get("amount_received") or obj.get("amount"), obj.get("id")
    else:
        amount, payment_intent = None, None
    created = data.get("created")
    return WebhookEvent(
        id=data["id"],
        type=data["type"],
        invoice_reference=_invoice_reference(obj),
        amount_cents=amount,
        payment_intent=payment_intent,
        object_id=obj.get("id"),
        payment_status=obj.get("payment_status") or obj.get("status"),
        created=dt.datetime.fromtimestamp(created, tz=dt.UTC) if created else None,
    )


def _invoice_reference(obj: dict[str, Any]) -> str | None:
    metadata = obj.get("metadata") or {}
    return metadata.get(METADATA_KEY) or obj.get("client_reference_id") or None


def _id_of(value: Any) -> str | None:
    """An expandable field's id, whether Stripe sent the id or the expanded object."""
    if isinstance(value, dict):
        return value.get("id")
    return value or None
