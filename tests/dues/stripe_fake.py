"""A local HTTP fake of the few Stripe endpoints the dues gateway uses, and Stripe's webhook
signing scheme, so that tests run the SDK's own request and verification code.

Use the `stripe_fake` fixture (tests/dues/conftest.py): it starts the server and points
settings.STRIPE_API_BASE at it. Endpoints:
- POST /v1/checkout/sessions: creates a session (same Idempotency-Key -> same session);
- GET /v1/checkout/sessions/<id>: the stored session (tests edit `fake.sessions[id]`);
- GET /v1/events: `fake.events` (a list of event dicts, see `event`).
Every request is kept in `fake.requests` with its form fields parsed (flat keys, as the SDK
encodes them: "line_items[0][price_data][unit_amount]").

The local Checkout page (for the browser journey): with `webhook_url` and `webhook_secret`
set, a session's `url` (GET /pay/<id>) is a small HTML page standing for Stripe's hosted one.
Its button (POST /pay/<id>) marks the session paid, sends the site the signed
`checkout.session.completed` event Stripe would send, then sends the browser to the session's
`success_url`, as Stripe does.
"""

import hashlib
import hmac
import html
import http.server
import itertools
import json
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    form: dict[str, str]


@dataclass
class FakeStripe:
    requests: list[Request] = field(default_factory=list)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    # When set, the next requests get this (status, body) instead (e.g. a card error).
    error: tuple[int, dict[str, Any]] | None = None
    delay_seconds: float = 0.0
    _by_idempotency_key: dict[str, str] = field(default_factory=dict)
    _numbers: Any = field(default_factory=lambda: itertools.count(1))
    base_url: str = ""
    # The local Checkout page: where it sends the signed events, with which secret.
    webhook_url: str = ""
    webhook_secret: str = ""
    webhook_answers: list[int] = field(default_factory=list)

    def start(self) -> None:
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                if self.path.startswith("/pay/") and fake.webhook_url:
                    return fake.checkout_page(self)
                self._answer(*fake.handle(self, b""))

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/pay/") and fake.webhook_url:
                    return fake.checkout_pay(self)
                self._answer(*fake.handle(self, body))

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def handle(self, handler, body: bytes) -> tuple[int, dict[str, Any]]:
        parts = urlsplit(handler.path)
        request = Request(
            method=handler.command,
            path=parts.path,
            query=dict(parse_qsl(parts.query)),
            headers={key.lower(): value for key, value in handler.headers.items()},
            form=dict(parse_qsl(body.decode())),
        )
        self.requests.append(request)
        if self.delay_seconds:
            time.sleep(self.delay_seconds)
        if self.error:
            return self.error
        if request.method == "POST" and request.path == "/v1/checkout/sessions":
            return 200, self._create_session(request)
        if request.method == "GET" and request.path.startswith("/v1/checkout/sessions/"):
            session = self.sessions.get(request.path.rsplit("/", 1)[1])
            if session:
                return 200, session
            return 404, _error("invalid_request_error", "No such checkout.session")
        if request.method == "GET" and request.path == "/v1/events":
            return 200, {"object": "list", "url": "/v1/events", "has_more": False, "data": self.events}
        return 404, _error("invalid_request_error", f"Unrecognized request URL {request.path}")

    def _create_session(self, request: Request) -> dict[str, Any]:
        key = request.headers.get("idempotency-key", "")
        if key in self._by_idempotency_key:
            return self.sessions[self._by_idempotency_key[key]]
        number = next(self._numbers)
        session_id = f"cs_test_{number}"
        form = request.form
        session = {
            "id": session_id,
            "object": "checkout.session",
            "url": f"{self.base_url}/pay/{session_id}",
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": int(form["line_items[0][price_data][unit_amount]"]),
            "currency": form["line_items[0][price_data][currency]"],
            "client_reference_id": form.get("client_reference_id"),
            "metadata": {"invoice_reference": form.get("metadata[invoice_reference]")},
            "payment_intent": None,
            "success_url": form.get("success_url"),
            "cancel_url": form.get("cancel_url"),
        }
        self.sessions[session_id] = session
        if key:
            self._by_idempotency_key[key] = session_id
        return session

    def checkout_page(self, handler) -> None:
        """The local stand-in for Stripe's hosted Checkout page: the amount and one button."""
        session = self.sessions.get(handler.path.split("/")[2])
        if session is None:
            return _html(handler, 404, "<h1>Session inconnue</h1>")
        amount = f"{session['amount_total'] / 100:.2f} {session['currency'].upper()}"
        return _html(
            handler,
            200,
            "<h1>Paiement de test (Checkout local)</h1>"
            f"<p>Facture {html.escape(session['client_reference_id'])}"
            f" : {amount}</p><form method='post'><button type='submit'>Payer {amount}</button></form>"
            f"<p><a href='{html.escape(session['cancel_url'] or '')}'>Annuler</a></p>",
        )

    def checkout_pay(self, handler) -> None:
        """The person pays: the session is paid, the site gets the signed event, and the
        browser goes back to the site's success page."""
        session_id = handler.path.split("/")[2]
        session = self.sessions[session_id]
        session.update(
            status="complete",
            payment_status="paid",
            # as retrieved with expand=["payment_intent.payment_method"]: paid by card
            payment_intent={
                "id": f"pi_test_{session_id[8:]}",
                "object": "payment_intent",
                "payment_method": {
                    "id": f"pm_test_{session_id[8:]}",
                    "object": "payment_method",
                    "type": "card",
                },
            },
        )
        payload = json.dumps(
            event("checkout.session.completed", session, event_id=f"evt_test_{session_id[8:]}")
        ).encode()
        request = urllib.request.Request(  # noqa: S310 (the live test server)
            self.webhook_url,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Stripe-Signature": sign(payload, self.webhook_secret),
            },
        )
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
            self.webhook_answers.append(answer.status)
        handler.send_response(303)
        handler.send_header("Location", session["success_url"])
        handler.send_header("Content-Length", "0")
        handler.end_headers()


def _html(handler, status: int, body: str) -> None:
    data = f"<!doctype html><html lang='fr'><title>Checkout</title><body>{body}</body></html>".encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"error": {"type": kind, "message": message}}


def event(
    event_type: str, obj: dict[str, Any], *, event_id: str, created: int | None = None
) -> dict[str, Any]:
    """A Stripe event (API version-independent fields only) about `obj`."""
    return {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "created": int(time.time()) if created is None else created,
        "livemode": False,
        "data": {"object": obj},
    }


def sign(payload: bytes, secret: str, *, timestamp: int | None = None) -> str:
    """The Stripe-Signature header Stripe would send: t=<unix time>,v1=HMAC-SHA256 of
    "<t>.<payload>" keyed with the endpoint's signing secret."""
    t = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(secret.encode(), f"{t}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={t},v1={signature}"
