"""The PDF of an invoice or credit note: rendered by WeasyPrint as PDF/A-3 from
templates/dues/invoice_pdf.html, then made a Factur-X PDF by embedding its EN 16931 CII XML
(checked against the schema by dues.facturx). One file serves the collectivity and Chorus Pro.

Registered as a generated document in ``dues.apps``: core.documents builds it in a task, at
issue and again when the engagement number changes (``refresh``). Invoices are always in
French: the PDF is rendered in French whatever the language of the person who asked.
"""

from __future__ import annotations

import re

from core.documents import BuiltFile
from core.pdf import render_pdf

from .. import facturx
from ..models import Invoice, InvoiceKind

#: The invoice line's wording (the dues of a year).
LINE_DESCRIPTION = "Cotisation à l'association Villes Internet pour l'année {year}"


def _address(text: str) -> tuple[list[str], str, str]:
    """(lines, postcode, city) from a one-line French address "street, 75000 Paris"."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if parts:
        match = re.fullmatch(r"(\d{5})\s+(.+)", parts[-1])
        if match:
            return parts[:-1] or [parts[-1]], match.group(1), match.group(2)
    return parts[:3] or [text or "-"], "", text or "-"


def invoice_data(invoice: Invoice) -> facturx.InvoiceData:
    """What the Factur-X XML states, from what the invoice copied at issue."""
    seller = invoice.seller
    lines, postcode, city = _address(seller.get("address", ""))
    collectivity = invoice.collectivity
    is_credit = invoice.kind == InvoiceKind.CREDIT_NOTE
    credited = invoice.credited_invoice
    return facturx.InvoiceData(
        number=invoice.number,
        issue_date=invoice.issued_on,
        due_date=invoice.due_on,
        seller=facturx.Party(
            name=seller.get("name", ""),
            siret=seller.get("siret", ""),
            address_lines=lines,
            postcode=postcode,
            city=city,
            vat_number=seller.get("vat_number") or None,
        ),
        buyer=facturx.Party(
            name=collectivity.name,
            siret=invoice.siret,
            address_lines=[collectivity.name],
            postcode="",
            city=collectivity.name,
        ),
        lines=[
            facturx.Line(
                description=LINE_DESCRIPTION.format(year=invoice.period_year),
                quantity=1,
                unit_price_cents=invoice.amount_cents,
            )
        ],
        payment_reference=invoice.reference,
        iban=seller.get("iban", ""),
        bic=seller.get("bic") or None,
        buyer_service_code=invoice.chorus_service_code or None,
        engagement_number=invoice.engagement_number or None,
        vat_exemption_note=seller.get("vat_mention") or "TVA non applicable",
        type_code=facturx.CREDIT_NOTE if is_credit else facturx.INVOICE,
        preceding_invoice_number=credited.number if credited else None,
        preceding_invoice_date=credited.issued_on if credited else None,
        notes=[note for note in (seller.get("legal_form"), seller.get("vat_mention")) if note],
    )


def invoice_pdf(invoice: Invoice) -> BuiltFile:
    """The Factur-X PDF of ``invoice`` (builder registered with core.documents)."""
    invoice = Invoice.objects.select_related("collectivity", "credited_invoice").get(pk=invoice.pk)
    pdf = render_pdf(
        "dues/invoice_pdf.html",
        {
            "invoice": invoice,
            "seller": invoice.seller,
            "is_credit": invoice.kind == InvoiceKind.CREDIT_NOTE,
            "line": LINE_DESCRIPTION.format(year=invoice.period_year),
        },
        language="fr",
        pdf_variant="pdf/a-3b",
    )
    xml = facturx.build_cii_xml(invoice_data(invoice))
    prefix = "avoir" if invoice.kind == InvoiceKind.CREDIT_NOTE else "appel-cotisation"
    return BuiltFile(f"{prefix}-{invoice.number}.pdf", facturx.embed_in_pdf(pdf, xml), "application/pdf")
