"""Factur-X: the EN 16931 CII XML passes the factur-x library's schema check, its totals add
up, and it travels inside a PDF/A-3 made by the site's WeasyPrint renderer."""

import dataclasses
import datetime as dt
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import facturx
import pypdf
import pytest

from core.pdf import html_to_pdf
from dues.facturx import (
    CREDIT_NOTE,
    NAMESPACES,
    InvoiceData,
    Line,
    Party,
    build_cii_xml,
    embed_in_pdf,
    totals,
)

EXEMPTION = "TVA non applicable, article 261-7-1° du CGI"
SELLER = Party(
    name="Association Villes Internet",
    siret="73282932000074",
    address_lines=["12 rue Imaginaire"],
    postcode="75011",
    city="Paris",
    vat_number="FR40732829320",
)
BUYER = Party(
    name="Commune de Val-Fictif",
    siret="21990001900018",
    address_lines=["Hôtel de ville", "1 place de la Mairie"],
    postcode="99100",
    city="Val-Fictif",
)
INVOICE = InvoiceData(
    number="VI-2026-0042",
    issue_date=dt.date(2026, 1, 15),
    due_date=dt.date(2026, 3, 16),
    seller=SELLER,
    buyer=BUYER,
    lines=[Line("Cotisation 2026 – communes de 10 000 à 20 000 habitants", 1, 125000)],
    payment_reference="VI-2026-0042",
    iban="FR7630006000011234567890189",
    bic="AGRIFRPP",
    buyer_service_code="FACTURES",
    engagement_number="EJ-2026-117",
    vat_exemption_note=EXEMPTION,
    notes=["Pas d'escompte pour paiement anticipé."],
)
CREDIT = dataclasses.replace(
    INVOICE,
    number="VI-2026-0057",
    issue_date=dt.date(2026, 2, 1),
    type_code=CREDIT_NOTE,
    preceding_invoice_number="VI-2026-0042",
    preceding_invoice_date=dt.date(2026, 1, 15),
)


def _parse(xml: bytes) -> ET.Element:
    return ET.fromstring(xml)  # noqa: S314 (the XML the code under test just built)


def _text(root: ET.Element, path: str) -> str:
    found = root.find(path, NAMESPACES)
    assert found is not None, path
    return found.text or ""


SUMMATION = (
    "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
)


@pytest.mark.parametrize("data", [INVOICE, CREDIT], ids=["invoice", "credit note"])
def test_xml_passes_the_en16931_schema(data):
    assert facturx.xml_check_xsd(build_cii_xml(data), flavor="factur-x", level="en16931")


def test_schema_check_catches_a_broken_xml():
    xml = build_cii_xml(INVOICE).replace(b"<ram:TypeCode>380</ram:TypeCode>", b"")
    with pytest.raises(Exception, match="TypeCode|IssueDateTime"):
        facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")


def test_invoice_content_for_chorus_pro():
    root = _parse(build_cii_xml(INVOICE))
    agreement = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
    settlement = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"

    assert _text(root, "rsm:ExchangedDocument/ram:ID") == "VI-2026-0042"
    assert _text(root, "rsm:ExchangedDocument/ram:TypeCode") == "380"
    assert _text(root, "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString") == "20260115"
    assert _text(root, agreement + "ram:BuyerReference") == "FACTURES"
    assert _text(root, agreement + "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID") == ("EJ-2026-117")
    buyer_id = root.find(agreement + "ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID", NAMESPACES)
    assert (buyer_id.text, buyer_id.get("schemeID")) == ("21990001900018", "0009")
    assert _text(root, agreement + "ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID") == (
        "FR40732829320"
    )
    assert _text(root, agreement + "ram:BuyerTradeParty/ram:PostalTradeAddress/ram:LineTwo") == (
        "1 place de la Mairie"
    )
    assert _text(root, settlement + "ram:PaymentReference") == "VI-2026-0042"
    assert (
        _text(
            root,
            settlement + "ram:SpecifiedTradeSettlementPaymentMeans/"
            "ram:PayeePartyCreditorFinancialAccount/ram:IBANID",
        )
        == "FR7630006000011234567890189"
    )
    assert _text(root, settlement + "ram:ApplicableTradeTax/ram:CategoryCode") == "E"
    assert _text(root, settlement + "ram:ApplicableTradeTax/ram:ExemptionReason") == EXEMPTION
    assert (
        _text(root, settlement + "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString")
        == "20260316"
    )
    assert _text(root, "rsm:ExchangedDocument/ram:IncludedNote/ram:Content").startswith("Pas d'escompte")


def test_credit_note_names_the_invoice_it_cancels():
    root = _parse(build_cii_xml(CREDIT))
    preceding = (
        "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:InvoiceReferencedDocument/"
    )
    assert _text(root, "rsm:ExchangedDocument/ram:TypeCode") == "381"
    assert _text(root, preceding + "ram:IssuerAssignedID") == "VI-2026-0042"
    assert _text(root, preceding + "ram:FormattedIssueDateTime/qdt:DateTimeString") == "20260115"


def test_totals_are_consistent():
    data = dataclasses.replace(
        INVOICE,
        lines=[
            Line("Cotisation 2026", 1, 125000),
            Line("Atelier (3 participants)", 3, 3333, vat_rate_percent=Decimal("20")),
            Line("Frais", Decimal("0.5"), 1001, vat_rate_percent=Decimal("5.5")),
        ],
        paid_cents=20000,
    )
    xml = build_cii_xml(data)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    root = _parse(xml)

    line_totals = [
        element.text
        for element in root.iterfind(
            ".//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount", NAMESPACES
        )
    ]
    assert line_totals == ["1250.00", "99.99", "5.01"]  # 0.5 × 10.01 = 5.005, rounded half up
    assert _text(root, SUMMATION + "ram:LineTotalAmount") == "1355.00"
    assert _text(root, SUMMATION + "ram:TaxBasisTotalAmount") == "1355.00"
    # 20 % of 99.99 = 20.00 (19.998); 5.5 % of 5.01 = 0.28 (0.27555)
    assert _text(root, SUMMATION + "ram:TaxTotalAmount") == "20.28"
    assert _text(root, SUMMATION + "ram:GrandTotalAmount") == "1375.28"
    assert _text(root, SUMMATION + "ram:TotalPrepaidAmount") == "200.00"
    assert _text(root, SUMMATION + "ram:DuePayableAmount") == "1175.28"
    groups = [
        (
            _text(group, "ram:CategoryCode"),
            _text(group, "ram:RateApplicablePercent"),
            _text(group, "ram:BasisAmount"),
            _text(group, "ram:CalculatedAmount"),
        )
        for group in root.iterfind(
            ".//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", NAMESPACES
        )
    ]
    assert groups == [
        ("E", "0", "1250.00", "0.00"),
        ("S", "5.5", "5.01", "0.28"),
        ("S", "20", "99.99", "20.00"),
    ]
    assert totals(data).due_payable_cents == 117528


def test_single_exempt_line_totals():
    root = _parse(build_cii_xml(INVOICE))
    assert [
        _text(root, SUMMATION + name)
        for name in (
            "LineTotalAmount",
            "TaxBasisTotalAmount",
            "TaxTotalAmount",
            "GrandTotalAmount",
            "DuePayableAmount",
        )
        for name in [f"ram:{name}"]
    ] == ["1250.00", "1250.00", "0.00", "1250.00", "1250.00"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"lines": []}, "at least one line"),
        ({"vat_exemption_note": None}, "vat_exemption_note"),
        ({"type_code": CREDIT_NOTE}, "preceding_invoice_number"),
        ({"type_code": "384"}, "type code"),
    ],
)
def test_invoice_en16931_refuses(change, message):
    with pytest.raises(ValueError, match=message):
        build_cii_xml(dataclasses.replace(INVOICE, **change))


def test_embedded_in_a_weasyprint_pdf():
    pdf = html_to_pdf("<html lang='fr'><body><h1>Appel de cotisation VI-2026-0042</h1></body></html>")
    xml = build_cii_xml(INVOICE)

    facturx_pdf = embed_in_pdf(pdf, xml)

    assert facturx_pdf.startswith(b"%PDF")
    filename, embedded = facturx.get_facturx_xml_from_pdf(facturx_pdf)
    assert filename == "factur-x.xml"
    assert embedded == xml
    reader = pypdf.PdfReader(io.BytesIO(facturx_pdf))
    xmp = reader.xmp_metadata.rdf_root.toxml()
    assert "<pdfaid:part>3</pdfaid:part>" in xmp  # PDF/A-3 identification
    assert "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>" in xmp
    [attachment] = reader.trailer["/Root"]["/AF"]
    assert attachment.get_object()["/AFRelationship"] == "/Data"


def test_embedding_refuses_an_invalid_xml():
    pdf = html_to_pdf("<html><body><p>x</p></body></html>")
    xml = build_cii_xml(INVOICE).replace(b"<ram:TypeCode>380</ram:TypeCode>", b"")
    with pytest.raises(Exception, match="XSD|TypeCode|valid"):
        embed_in_pdf(pdf, xml)
