"""Staff views of the dues: the year's dashboard, each invoice's history, and what the
ledger and payments listings show and export (their viewsets are in wagtail_hooks.py).

Figures come from database aggregates (``InvoiceQuerySet.dashboard``, ``PaymentQuerySet.by_method``):
a fixed number of queries whatever the number of invoices.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import ModelLogEntry

from .models import (
    DuesTier,
    Invoice,
    InvoiceKind,
    InvoicePdf,
    Payment,
    PaymentMethod,
    PaymentReceipt,
    StripeChannel,
    StripeEvent,
)
from .money import format_eur

#: The audit log action recorded when an invoice was emailed (dues/tasks.py).
ACTION_EMAILED = "dues.invoice.emailed"
#: Other apps or modules add entries to an invoice's history with this hook: a function
#: ``(invoice) -> list[HistoryEntry]`` (e.g. the reminders sent).
HISTORY_HOOK = "dues_invoice_history"


def can_view(user) -> bool:
    return user.is_active and user.has_perm("dues.change_invoice")


# --- the state of a call, from ``InvoiceQuerySet.with_payment_state`` ----------------------


class State:
    PAID = "paid"
    PARTLY = "partly"
    OVERDUE = "overdue"
    DUE = "due"
    CREDITED = "credited"
    CREDIT_NOTE = "credit_note"

    labels = {
        PAID: _("Payé"),
        PARTLY: _("Payé en partie"),
        OVERDUE: _("En retard"),
        DUE: _("À payer"),
        CREDITED: _("Annulé par un avoir"),
        CREDIT_NOTE: _("Avoir"),
    }


def state_of(invoice: Invoice, today: datetime.date | None = None) -> str:
    """Where ``invoice`` (annotated by ``with_payment_state``) stands today."""
    today = today or timezone.localdate()
    if invoice.kind != InvoiceKind.INVOICE:
        return State.CREDIT_NOTE
    if invoice.cancelled:
        return State.CREDITED
    if invoice.paid_cents >= invoice.amount_cents:
        return State.PAID
    if invoice.due_on < today:
        return State.OVERDUE
    return State.PARTLY if invoice.paid_cents else State.DUE


def state_label(invoice: Invoice) -> str:
    return str(State.labels[state_of(invoice)])


def euros(cents: int | None) -> Decimal:
    """Cents as a number of euros, for the spreadsheets."""
    return (Decimal(cents or 0) / 100).quantize(Decimal("0.01"))


def remaining_cents(invoice: Invoice) -> int:
    if invoice.kind != InvoiceKind.INVOICE or invoice.cancelled:
        return 0
    return max(invoice.amount_cents - invoice.paid_cents, 0)


# --- the dashboard -------------------------------------------------------------------------


def _year(request, years: list[int], default: int) -> tuple[int, str | None]:
    typed = request.GET.get("annee", "").strip()
    if not typed:
        return default, None
    try:
        year = int(typed)
    except ValueError:
        year = 0
    if not 2000 <= year <= 2100:
        return default, gettext("« %(typed)s » n'est pas une année : choisissez-en une dans la liste.") % {
            "typed": typed[:20]
        }
    return year, None


def _channel_rows(by_channel: dict[tuple[str, str], tuple[int, int]]) -> list[tuple[str, int, int]]:
    """(label, count, cents) of each payment channel: the offline methods, then Stripe's card,
    SEPA debit and bank transfer (and the online payments whose channel Stripe did not give)."""
    rows = []
    for method, label in PaymentMethod.choices:
        if method != PaymentMethod.STRIPE:
            rows.append((str(label), *by_channel.get((method, ""), (0, 0))))
            continue
        for channel, channel_label in StripeChannel.choices:
            name = gettext("En ligne : %(channel)s") % {"channel": channel_label}
            rows.append((name, *by_channel.get((method, channel), (0, 0))))
        unknown = [
            pair
            for (kind, channel), pair in by_channel.items()
            if kind == method and channel not in StripeChannel.values
        ]
        if unknown:
            rows.append(
                (
                    gettext("En ligne : moyen non précisé"),
                    sum(count for count, _cents in unknown),
                    sum(cents for _count, cents in unknown),
                )
            )
    return rows


def dashboard(request):
    """The year's dues at a glance: calls issued, paid, partly paid, overdue, credited, what
    remains to collect, and the payments by channel; a year selector (GET, no JavaScript)."""
    if not can_view(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    years = sorted({*Invoice.objects.period_years(), today.year}, reverse=True)
    year, error = _year(request, years, today.year)
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    figures = Invoice.objects.filter(period_year=year).dashboard(today=today)
    by_channel = Payment.objects.filter(invoice__period_year=year).by_channel()
    channels = [
        {"label": label, "count": count, "amount": format_eur(cents)}
        for label, count, cents in _channel_rows(by_channel)
    ]
    received = sum(cents for _count, cents in by_channel.values())
    rows = [
        (_("Appels émis"), figures["issued_count"], figures["issued_cents"]),
        (_("Annulés par un avoir"), figures["credited_count"], figures["credited_cents"]),
        (_("Payés"), figures["paid_count"], figures["paid_cents_total"]),
        (_("Payés en partie (reçu)"), figures["partly_count"], figures["partly_received_cents"]),
        (_("En retard (reste dû)"), figures["overdue_count"], figures["overdue_cents"]),
        (_("Reste à encaisser"), figures["to_collect_count"], figures["to_collect_cents"]),
    ]
    ledger = reverse(Invoice.snippet_viewset.get_url_name("list"))
    payments = reverse(Payment.snippet_viewset.get_url_name("list"))
    return TemplateResponse(
        request,
        "dues/admin/dashboard.html",
        {
            "year": year,
            "years": years,
            "error": error,
            "rows": [(label, count, format_eur(cents)) for label, count, cents in rows],
            "channels": channels,
            "received": format_eur(received),
            "ledger_url": f"{ledger}?period_year={year}",
            "payments_url": f"{payments}?period_year={year}",
            "today": today,
            "illustrative": DuesTier.objects.filter(year=year, illustrative=True).exists(),
        },
        status=400 if error else 200,
    )


# --- an invoice's history ------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime.datetime
    what: str
    detail: str = ""
    by: str = ""
    url: str = ""


def _moment(day: datetime.date | datetime.datetime) -> datetime.datetime:
    if isinstance(day, datetime.datetime):
        return day
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def history_entries(invoice: Invoice) -> list[HistoryEntry]:
    """What happened to ``invoice``, oldest first: its issue, the audit log (emails sent, …),
    payments, Stripe events, its credit note, its documents, and what other modules add
    through the ``dues_invoice_history`` hook."""
    is_credit = invoice.kind == InvoiceKind.CREDIT_NOTE
    issued = gettext("Avoir %(number)s émis") if is_credit else gettext("Appel %(number)s émis")
    terms = gettext("%(amount)s, échéance le %(due)s") % {
        "amount": invoice.amount_display(),
        "due": invoice.due_on.strftime("%d/%m/%Y"),
    }
    entries = [
        HistoryEntry(
            at=invoice.created_at,
            what=issued % {"number": invoice.number},
            detail=invoice.reason if is_credit else terms,
            by=_person(invoice.created_by),
        )
    ]
    logs = ModelLogEntry.objects.for_instance(invoice).select_related("user").order_by("timestamp")
    for entry in logs:
        entries.append(
            HistoryEntry(at=entry.timestamp, what=entry.message, by=_person(entry.user) if entry.user else "")
        )
    for payment in invoice.payments.select_related("recorded_by"):
        entries.append(
            HistoryEntry(
                at=payment.created_at,
                what=gettext("Paiement de %(amount)s reçu le %(day)s")
                % {"amount": payment.amount_display(), "day": payment.received_on.strftime("%d/%m/%Y")},
                detail=" · ".join(
                    str(part)
                    for part in (
                        payment.get_method_display(),
                        payment.get_stripe_channel_display(),
                        payment.reference,
                    )
                    if part
                ),
                by=_person(payment.recorded_by)
                or ("Stripe" if payment.method == PaymentMethod.STRIPE else ""),
            )
        )
    for event in StripeEvent.objects.filter(invoice=invoice):
        entries.append(
            HistoryEntry(
                at=event.received_at,
                what=gettext("Événement Stripe : %(outcome)s") % {"outcome": event.get_outcome_display()},
                detail=" · ".join(part for part in (event.type, event.note) if part),
                by="Stripe",
            )
        )
    credit_note = Invoice.objects.filter(credited_invoice=invoice).select_related("created_by").first()
    if credit_note is not None:
        entries.append(
            HistoryEntry(
                at=credit_note.created_at,
                what=gettext("Annulé par l'avoir %(number)s") % {"number": credit_note.number},
                detail=credit_note.reason,
                by=_person(credit_note.created_by),
                url=reverse("dues_invoice_history", args=[credit_note.pk]),
            )
        )
    if is_credit and invoice.credited_invoice_id:
        credited = invoice.credited_invoice
        entries.append(
            HistoryEntry(
                at=invoice.created_at,
                what=gettext("Annule l'appel %(number)s") % {"number": credited.number},
                url=reverse("dues_invoice_history", args=[credited.pk]),
            )
        )
    pdf = InvoicePdf.objects.filter(invoice=invoice).first()
    if pdf is not None:
        entries.append(
            HistoryEntry(
                at=pdf.built_at,
                what=gettext("PDF Factur-X fait"),
                detail=pdf.filename,
                url=reverse("dues_invoice_pdf", args=[invoice.pk]),
            )
        )
    receipt = PaymentReceipt.objects.filter(invoice=invoice).first()
    if receipt is not None:
        entries.append(
            HistoryEntry(
                at=receipt.built_at, what=gettext("Attestation de paiement faite"), detail=receipt.filename
            )
        )
    entries.extend(_reminder_entries(invoice))
    for contribute in hooks.get_hooks(HISTORY_HOOK):
        entries.extend(contribute(invoice))
    return sorted(entries, key=lambda entry: entry.at)


def _reminder_entries(invoice: Invoice) -> list[HistoryEntry]:
    """The reminders of ``invoice`` (dues.services.reminders): sent, or queued and not sent
    (waiting for the worker, or stopped by a payment or a credit note)."""
    entries = []
    for reminder in invoice.reminders.all():
        step = gettext("J%(sign)s%(days)d") % {
            "sign": "+" if reminder.step >= 0 else "-",
            "days": abs(reminder.step),
        }
        if reminder.sent_at:
            what = gettext("Rappel %(step)s envoyé") % {"step": step}
            detail = gettext("%(count)d destinataire(s)") % {"count": reminder.recipients}
        else:
            what = gettext("Rappel %(step)s programmé")
            what %= {"step": step}
            detail = gettext("pas envoyé : en attente, ou l'appel a été payé ou annulé entre-temps")
        entries.append(HistoryEntry(at=reminder.sent_at or reminder.created_at, what=what, detail=detail))
    return entries


def invoice_history(request, pk: int):
    """Each invoice's history, in date order."""
    if not can_view(request.user):
        raise PermissionDenied
    invoice = get_object_or_404(
        Invoice.objects.with_payment_state().select_related("collectivity", "created_by", "credited_invoice"),
        pk=pk,
    )
    return TemplateResponse(
        request,
        "dues/admin/history.html",
        {
            "invoice": invoice,
            "entries": history_entries(invoice),
            "state": state_label(invoice),
            "paid": format_eur(invoice.paid_cents),
            "remaining": format_eur(remaining_cents(invoice)),
            "ledger_url": reverse(Invoice.snippet_viewset.get_url_name("list")),
        },
    )
