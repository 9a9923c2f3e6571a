"""The receipt ("attestation de paiement") of a paid invoice: a PDF built in a task by
core.documents (registered in apps.py), rebuilt when the invoice's payments change."""

from __future__ import annotations

from django.utils import timezone

from core.documents import BuiltFile
from core.pdf import render_pdf

from .money import format_eur


def receipt_pdf(invoice) -> BuiltFile:
    payments = list(invoice.payments.order_by("received_on", "pk"))
    context = {
        "invoice": invoice,
        "seller": invoice.seller,
        "payments": payments,
        "total": format_eur(sum(payment.amount_cents for payment in payments)),
        "paid_on": payments[-1].received_on if payments else None,
        "made_on": timezone.localdate(),
    }
    return BuiltFile(f"recu-{invoice.number}.pdf", render_pdf("dues/receipt_pdf.html", context, "fr"))
