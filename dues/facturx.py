"""Factur-X invoices for Chorus Pro: the EN 16931 CII XML of an invoice or credit note, and
its embedding into a PDF (PDF/A-3 with the XML attached), with the factur-x library.

Pure functions over dataclasses: no database, no settings. Amounts are integer cents; the XML
writes them in units with two decimals.

Where Chorus Pro reads what (its Factur-X rules for public buyers):
- the buyer's SIRET: BT-47 (`SpecifiedLegalOrganization/ID`, scheme 0009 = SIRET);
- the Chorus Pro service code: BT-10 (`BuyerReference`);
- the engagement number (numéro d'engagement, bon de commande): BT-13
  (`BuyerOrderReferencedDocument/IssuerAssignedID`).

VAT: a line whose `vat_rate_percent` is 0 is exempt (category "E") and the invoice must then
give `vat_exemption_note`, the legal reason written in the tax breakdown (BT-120), e.g.
"TVA non applicable, article 261-7-1° du CGI" for an association whose dues are exempt. A
positive rate is the standard category "S". EN 16931 (rule BR-E-02) also asks for the seller's
VAT number on an exempt invoice: give `seller.vat_number` when the association has one.
"""

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import facturx

NAMESPACES = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
EN16931_GUIDELINE = "urn:cen.eu:en16931:2017"
INVOICE = "380"
CREDIT_NOTE = "381"
SIRET_SCHEME = "0009"  # ISO 6523 ICD of the SIRET
CREDIT_TRANSFER = "30"  # UNTDID 4461 payment means: credit transfer
UNIT = "C62"  # UN/ECE rec. 20: one (unit)

for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


@dataclass(frozen=True)
class Party:
    name: str
    siret: str
    address_lines: Sequence[str]  # 1 to 3 lines (street, building, lieu-dit)
    postcode: str
    city: str
    vat_number: str | None = None  # intra-community VAT number, e.g. "FR40123456789"
    country: str = "FR"  # ISO 3166-1 alpha-2


@dataclass(frozen=True)
class Line:
    description: str
    quantity: Decimal | int
    unit_price_cents: int  # net of VAT
    vat_rate_percent: Decimal | int = 0  # 0 = exempt (category E)

    @property
    def net_cents(self) -> int:
        return _round_cents(Decimal(self.quantity) * self.unit_price_cents)


@dataclass(frozen=True)
class InvoiceData:
    number: str
    issue_date: dt.date
    due_date: dt.date
    seller: Party
    buyer: Party
    lines: Sequence[Line]
    payment_reference: str  # what the payer quotes on the transfer (BT-83)
    iban: str
    bic: str | None = None
    buyer_service_code: str | None = None  # Chorus Pro service code (BT-10)
    engagement_number: str | None = None  # Chorus Pro engagement number (BT-13)
    vat_exemption_note: str | None = None  # required when a line is exempt (BT-120)
    type_code: str = INVOICE  # "380" invoice, "381" credit note
    preceding_invoice_number: str | None = None  # the invoice a credit note cancels (BT-25)
    preceding_invoice_date: dt.date | None = None
    currency: str = "EUR"
    notes: Sequence[str] = field(default_factory=tuple)  # legal mentions (BT-22)
    paid_cents: int = 0  # already paid (BT-113), deducted from the amount due


@dataclass(frozen=True)
class TaxGroup:
    category: str  # "E" exempt, "S" standard
    rate_percent: Decimal
    basis_cents: int
    tax_cents: int


@dataclass(frozen=True)
class Totals:
    line_total_cents: int  # BT-106
    tax_basis_cents: int  # BT-109
    tax_cents: int  # BT-110
    grand_total_cents: int  # BT-112
    due_payable_cents: int  # BT-115
    tax_groups: tuple[TaxGroup, ...]


def _round_cents(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def totals(data: InvoiceData) -> Totals:
    """The invoice's totals and VAT breakdown, as the XML states them."""
    bases: dict[tuple[str, Decimal], int] = {}
    for line in data.lines:
        rate = Decimal(line.vat_rate_percent)
        key = ("S" if rate > 0 else "E", rate)
        bases[key] = bases.get(key, 0) + line.net_cents
    groups = tuple(
        TaxGroup(category, rate, basis, _round_cents(basis * rate / 100))
        for (category, rate), basis in sorted(bases.items())
    )
    line_total = sum(line.net_cents for line in data.lines)
    tax = sum(group.tax_cents for group in groups)
    return Totals(
        line_total_cents=line_total,
        tax_basis_cents=line_total,
        tax_cents=tax,
        grand_total_cents=line_total + tax,
        due_payable_cents=line_total + tax - data.paid_cents,
        tax_groups=groups,
    )


def build_cii_xml(data: InvoiceData) -> bytes:
    """The invoice as Factur-X EN 16931 CII XML (UTF-8, with declaration).

    Raises ValueError for an invoice EN 16931 refuses: no line, an exempt line without
    `vat_exemption_note`, a credit note without the invoice it cancels, an unknown type code.
    """
    _check(data)
    amounts = totals(data)
    root = _el(None, "rsm:CrossIndustryInvoice")
    context = _el(root, "rsm:ExchangedDocumentContext")
    _el(_el(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", EN16931_GUIDELINE)

    document = _el(root, "rsm:ExchangedDocument")
    _el(document, "ram:ID", data.number)
    _el(document, "ram:TypeCode", data.type_code)
    _date(_el(document, "ram:IssueDateTime"), data.issue_date)
    for note in data.notes:
        _el(_el(document, "ram:IncludedNote"), "ram:Content", note)

    transaction = _el(root, "rsm:SupplyChainTradeTransaction")
    for number, line in enumerate(data.lines, start=1):
        _line(transaction, number, line)

    agreement = _el(transaction, "ram:ApplicableHeaderTradeAgreement")
    if data.buyer_service_code:
        _el(agreement, "ram:BuyerReference", data.buyer_service_code)
    _party(agreement, "ram:SellerTradeParty", data.seller)
    _party(agreement, "ram:BuyerTradeParty", data.buyer)
    if data.engagement_number:
        order = _el(agreement, "ram:BuyerOrderReferencedDocument")
        _el(order, "ram:IssuerAssignedID", data.engagement_number)
    _el(transaction, "ram:ApplicableHeaderTradeDelivery")

    settlement = _el(transaction, "ram:ApplicableHeaderTradeSettlement")
    _el(settlement, "ram:PaymentReference", data.payment_reference)
    _el(settlement, "ram:InvoiceCurrencyCode", data.currency)
    means = _el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
    _el(means, "ram:TypeCode", CREDIT_TRANSFER)
    _el(_el(means, "ram:PayeePartyCreditorFinancialAccount"), "ram:IBANID", data.iban)
    if data.bic:
        _el(_el(means, "ram:PayeeSpecifiedCreditorFinancialInstitution"), "ram:BICID", data.bic)
    for group in amounts.tax_groups:
        tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:CalculatedAmount", _amount(group.tax_cents))
        _el(tax, "ram:TypeCode", "VAT")
        if group.category == "E":
            _el(tax, "ram:ExemptionReason", data.vat_exemption_note)
        _el(tax, "ram:BasisAmount", _amount(group.basis_cents))
        _el(tax, "ram:CategoryCode", group.category)
        _el(tax, "ram:RateApplicablePercent", _decimal(group.rate_percent))
    _date(_el(_el(settlement, "ram:SpecifiedTradePaymentTerms"), "ram:DueDateDateTime"), data.due_date)
    summation = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(amounts.line_total_cents))
    _el(summation, "ram:TaxBasisTotalAmount", _amount(amounts.tax_basis_cents))
    _el(summation, "ram:TaxTotalAmount", _amount(amounts.tax_cents), currencyID=data.currency)
    _el(summation, "ram:GrandTotalAmount", _amount(amounts.grand_total_cents))
    if data.paid_cents:
        _el(summation, "ram:TotalPrepaidAmount", _amount(data.paid_cents))
    _el(summation, "ram:DuePayableAmount", _amount(amounts.due_payable_cents))
    if data.preceding_invoice_number:
        preceding = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(preceding, "ram:IssuerAssignedID", data.preceding_invoice_number)
        if data.preceding_invoice_date:
            issued = _el(preceding, "ram:FormattedIssueDateTime")
            _el(issued, "qdt:DateTimeString", data.preceding_invoice_date.strftime("%Y%m%d"), format="102")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def embed_in_pdf(pdf_bytes: bytes, xml_bytes: bytes) -> bytes:
    """The PDF turned into a Factur-X PDF/A-3 carrying `xml_bytes` (checked against the EN 16931
    schema first; the library raises on an invalid XML)."""
    return facturx.generate_from_binary(
        pdf_bytes, xml_bytes, flavor="factur-x", level="en16931", check_xsd=True
    )


def _check(data: InvoiceData) -> None:
    if data.type_code not in (INVOICE, CREDIT_NOTE):
        raise ValueError(f"type code must be {INVOICE} or {CREDIT_NOTE}, got {data.type_code!r}")
    if not data.lines:
        raise ValueError("an invoice needs at least one line")
    if any(Decimal(line.vat_rate_percent) == 0 for line in data.lines) and not data.vat_exemption_note:
        raise ValueError("an exempt line (VAT rate 0) needs vat_exemption_note")
    if data.type_code == CREDIT_NOTE and not data.preceding_invoice_number:
        raise ValueError("a credit note names the invoice it cancels (preceding_invoice_number)")


def _el(parent: ET.Element | None, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    prefix, local = name.split(":")
    tag = f"{{{NAMESPACES[prefix]}}}{local}"
    element = ET.Element(tag, attributes) if parent is None else ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _date(parent: ET.Element, value: dt.date) -> None:
    _el(parent, "udt:DateTimeString", value.strftime("%Y%m%d"), format="102")


def _amount(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def _decimal(value: Decimal | int) -> str:
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _party(parent: ET.Element, name: str, party: Party) -> None:
    element = _el(parent, name)
    _el(element, "ram:Name", party.name)
    _el(_el(element, "ram:SpecifiedLegalOrganization"), "ram:ID", party.siret, schemeID=SIRET_SCHEME)
    address = _el(element, "ram:PostalTradeAddress")
    _el(address, "ram:PostcodeCode", party.postcode)
    for tag, text in zip(("ram:LineOne", "ram:LineTwo", "ram:LineThree"), party.address_lines, strict=False):
        _el(address, tag, text)
    _el(address, "ram:CityName", party.city)
    _el(address, "ram:CountryID", party.country)
    if party.vat_number:
        _el(_el(element, "ram:SpecifiedTaxRegistration"), "ram:ID", party.vat_number, schemeID="VA")


def _line(parent: ET.Element, number: int, line: Line) -> None:
    item = _el(parent, "ram:IncludedSupplyChainTradeLineItem")
    _el(_el(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(number))
    _el(_el(item, "ram:SpecifiedTradeProduct"), "ram:Name", line.description)
    price = _el(_el(item, "ram:SpecifiedLineTradeAgreement"), "ram:NetPriceProductTradePrice")
    _el(price, "ram:ChargeAmount", _amount(line.unit_price_cents))
    delivery = _el(item, "ram:SpecifiedLineTradeDelivery")
    _el(delivery, "ram:BilledQuantity", _decimal(line.quantity), unitCode=UNIT)
    settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
    rate = Decimal(line.vat_rate_percent)
    tax = _el(settlement, "ram:ApplicableTradeTax")
    _el(tax, "ram:TypeCode", "VAT")
    _el(tax, "ram:CategoryCode", "S" if rate > 0 else "E")
    _el(tax, "ram:RateApplicablePercent", _decimal(rate))
    summation = _el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(line.net_cents))
