"""The member portal's invoices and their payment: the list, an invoice's page (bank transfer
details, "Payer en ligne" for a référent when Stripe is configured), the return pages from
Stripe Checkout, and Stripe's webhook."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, IntegerField, OuterRef, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import documents
from members.services import collectivities_of, is_referent

from . import gateway
from .models import Invoice, PaymentReceipt
from .money import format_eur
from .services import payments

logger = logging.getLogger(__name__)


def online_payment_enabled() -> bool:
    return bool(getattr(settings, "STRIPE_SECRET_KEY", ""))


def _with_payment_state(queryset):
    return queryset.annotate(
        paid_cents=Coalesce(Sum("payments__amount_cents"), Value(0), output_field=IntegerField()),
        cancelled=Exists(Invoice.objects.filter(credited_invoice=OuterRef("pk"))),
    )


def _member_invoice(request, number: str) -> Invoice:
    """One of the person's collectivities' calls (not a credit note), else 404."""
    return get_object_or_404(
        _with_payment_state(
            Invoice.objects.invoices().filter(collectivity__in=collectivities_of(request.user))
        ).select_related("collectivity"),
        number=number,
    )


def _state(invoice: Invoice) -> dict:
    remaining = max(invoice.amount_cents - invoice.paid_cents, 0)
    return {
        "remaining": remaining,
        "remaining_display": format_eur(remaining),
        "paid_display": format_eur(invoice.paid_cents),
        "is_paid": remaining == 0,
        "payable": remaining > 0 and not invoice.cancelled,
    }


def _render_invoice(request, invoice: Invoice, *, error: str = "", notice: str = "", status: int = 200):
    state = _state(invoice)
    referent = is_referent(request.user, invoice.collectivity)
    return render(
        request,
        "dues/invoice.html",
        {
            "invoice": invoice,
            "state": state,
            "can_pay_online": state["payable"] and referent and online_payment_enabled(),
            "referent": referent,
            "online_enabled": online_payment_enabled(),
            "error": error,
            "notice": notice,
        },
        status=status,
    )


@login_required
def invoice_detail(request, number: str):
    return _render_invoice(request, _member_invoice(request, number))


@login_required
@require_POST
def pay_online(request, number: str):
    """A référent pays what remains due on Stripe's hosted Checkout page."""
    invoice = _member_invoice(request, number)
    if not is_referent(request.user, invoice.collectivity):
        raise Http404
    state = _state(invoice)
    if not state["payable"]:
        return _render_invoice(
            request, invoice, error=_("Il ne reste rien à payer sur cet appel."), status=400
        )
    try:
        session = gateway.create_checkout_session(
            invoice_reference=invoice.number,
            amount_cents=state["remaining"],
            customer_email=request.user.email,
            success_url=request.build_absolute_uri(reverse("dues:payment_done", args=[invoice.number])),
            cancel_url=request.build_absolute_uri(reverse("dues:payment_cancelled", args=[invoice.number])),
            idempotency_key=f"dues-invoice-{invoice.pk}-{state['remaining']}",
        )
    except gateway.GatewayError as error:
        logger.warning("Checkout for %s failed: %s", invoice.number, error.code)
        return _render_invoice(request, invoice, error=error.user_message, status=503)
    return redirect(session.url)


@login_required
def payment_done(request, number: str):
    invoice = _member_invoice(request, number)
    if _state(invoice)["is_paid"]:
        notice = _("Merci : votre paiement est enregistré.")
    else:
        notice = _(
            "Merci : votre paiement est en cours de confirmation par le service de paiement. "
            "Cette page l'indiquera dès sa réception (quelques jours pour un prélèvement SEPA)."
        )
    return _render_invoice(request, invoice, notice=notice)


@login_required
def payment_cancelled(request, number: str):
    invoice = _member_invoice(request, number)
    return _render_invoice(request, invoice, notice=_("Paiement annulé : rien n'a été débité."))


@login_required
def receipt(request, number: str):
    """The receipt of a paid invoice, to the collectivity's people only; never cached."""
    invoice = _member_invoice(request, number)
    document = PaymentReceipt.objects.current(invoice).first()
    if not documents.has_file(document):
        return _render_invoice(
            request,
            invoice,
            notice=_("L'attestation de paiement est en préparation : revenez dans quelques minutes."),
            status=404,
        )
    return documents.private_download(document)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events: 400 for a forged, stale or unreadable one (nothing written), 503 when
    Stripe cannot be asked about the session (Stripe delivers it again later), else 200."""
    try:
        event = gateway.parse_webhook(request.body, request.headers.get("Stripe-Signature", ""))
    except gateway.GatewayError as error:
        return HttpResponseBadRequest(error.code)
    try:
        stored = payments.apply_stripe_event(event)
    except gateway.GatewayError as error:
        logger.warning("Stripe event %s not applied yet: %s", event.id, error.code)
        return HttpResponse(error.code, status=503)
    return HttpResponse(stored.outcome)
