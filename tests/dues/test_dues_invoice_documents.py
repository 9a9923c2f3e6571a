"""Invoice PDFs (Factur-X PDF/A-3 with the EN 16931 XML), their email to the référents, the
portal's invoices page with the engagement number, and the yearly issue run."""

import datetime
import io
import re

import facturx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse
from pypdf import PdfReader

from dues.models import DuesTier, Invoice, InvoicePdf, InvoiceRun, InvoiceRunStatus
from dues.services import invoices, runs
from members.factories import MemberRoleFactory, MembershipFactory, PersonFactory
from members.models import Role
from territories.factories import CollectivityFactory

YEAR = 2026
TODAY = datetime.date(2026, 3, 2)
SIRET = "21990001600011"


@pytest.fixture
def commune(db):
    DuesTier.objects.create(year=YEAR, kind="commune", population_min=0, amount_cents=40000)
    return CollectivityFactory(population=3000, kind="commune")


@pytest.fixture
def referent(commune):
    return MemberRoleFactory(collectivity=commune, role=Role.REFERENT).user


def committed():
    """Run what the code queued on commit (the PDF build, the email) as a commit would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def issue(collectivity, **kwargs):
    with committed():
        return invoices.issue_invoice(
            collectivity=collectivity,
            period_year=YEAR,
            today=TODAY,
            siret=SIRET,
            chorus_service_code="SERV-FIN",
            **kwargs,
        )


def credit(invoice, reason="Doublon"):
    with committed():
        return invoices.credit_invoice(invoice=invoice, reason=reason, today=TODAY)


def stored_pdf(invoice) -> bytes:
    document = InvoicePdf.objects.current(Invoice.objects.get(pk=invoice.pk)).get()
    with document.file.open("rb") as stored:
        return stored.read()


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_carries_every_legal_mention_and_a_valid_facturx_xml(commune, settings):
    settings.DUES_SELLER = {**settings.DUES_SELLER, "siret": "73282932000074"}
    invoice = issue(commune)
    pdf = stored_pdf(invoice)
    text = text_of(pdf)
    for mention in [
        "Appel de cotisation n° 2026-00001",
        "Villes Internet",
        "Association régie par la loi du 1er juillet 1901",
        "SIRET : 73282932000074",
        "TVA non applicable, article 261-7-1° du CGI",
        commune.name,
        f"SIRET : {SIRET}",
        "Code service Chorus Pro : SERV-FIN",
        "Numéro d'engagement : non communiqué",
        "400,00 €",
        "Date d'échéance : 01/04/2026",  # 30 days
        "FR76 3000 6000 0112 3456 7890 189",
        "AGRIFRPP",
        "Référence à rappeler : 2026-00001",
    ]:
        assert mention in text, mention
    filename, xml = facturx.get_facturx_xml_from_pdf(pdf, check_xsd=False)
    assert filename == "factur-x.xml"
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert b"<ram:BuyerReference>SERV-FIN</ram:BuyerReference>" in xml
    assert f'schemeID="0009">{SIRET}<'.encode() in xml
    metadata = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part>3<" in metadata and b"pdfaid:conformance>B<" in metadata  # PDF/A-3b


def test_credit_note_pdf_says_avoir_and_names_the_invoice(commune):
    invoice = issue(commune)
    note = credit(invoice, "Erreur de tranche")
    text = text_of(stored_pdf(note))
    assert "Avoir n° 2026-00002" in text
    assert "Annule la facture : n° 2026-00001 du 02/03/2026" in text
    assert "Erreur de tranche" in text
    _name, xml = facturx.get_facturx_xml_from_pdf(stored_pdf(note), check_xsd=True)
    assert b"<ram:TypeCode>381</ram:TypeCode>" in xml
    assert b"<ram:IssuerAssignedID>2026-00001</ram:IssuerAssignedID>" in xml


def test_invoice_is_emailed_to_the_referents_only_with_the_pdf(commune, mailoutbox):
    first = MemberRoleFactory(collectivity=commune, role=Role.REFERENT).user
    second = MemberRoleFactory(collectivity=commune, role=Role.REFERENT).user
    MemberRoleFactory(collectivity=commune, role=Role.AGENT)
    MemberRoleFactory(role=Role.REFERENT)  # another collectivity's référent
    invoice = issue(commune)
    assert sorted(address for message in mailoutbox for address in message.to) == sorted(
        [first.email, second.email]
    )
    message = mailoutbox[0]
    assert invoice.number in message.subject
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype) == ("appel-cotisation-2026-00001.pdf", "application/pdf")
    assert content == stored_pdf(invoice)


def test_no_email_on_rollback(commune, referent, mailoutbox, django_capture_on_commit_callbacks):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invoices.issue_invoice(collectivity=commune, period_year=YEAR, today=TODAY)
        raise RuntimeError
    assert mailoutbox == [] and Invoice.objects.count() == 0 and callbacks == []


def test_portal_lists_invoices_with_download_link(client, commune, referent, django_assert_max_num_queries):
    invoice = issue(commune)
    other = CollectivityFactory(population=10, kind="commune")
    issue(other)
    credit(invoice)
    issue(commune)
    client.force_login(referent)
    client.get(reverse("dues:invoices"))  # warm the site's settings caches
    # 10 are the site's shell for a signed-in person (session, user, site, settings, permissions,
    # locales, menu); 2 are the page's: the person's role (with the collectivity and its
    # membership), the invoices with their payments (one query whatever their number).
    with django_assert_max_num_queries(12):
        response = client.get(reverse("dues:invoices"))
    for _ in range(3):
        issue(CollectivityFactory(population=10, kind="commune"))
        with committed():
            invoices.issue_invoice(
                collectivity=commune, period_year=YEAR + 1 + _, amount_cents=100, today=TODAY
            )
    with django_assert_max_num_queries(12):
        assert client.get(reverse("dues:invoices")).status_code == 200
    html = response.content.decode()
    assert response.status_code == 200
    assert "2026-00001" in html and "2026-00003" in html and "2026-00004" in html
    assert "2026-00002" not in html  # the other collectivity's
    assert reverse("dues:invoice_pdf", args=[invoice.pk]) in html
    portal = client.get(reverse("members:portal")).content.decode()
    assert reverse("dues:invoices") in portal


def test_pdf_download_to_the_collectivity_only_never_cached(client, commune, referent):
    invoice = issue(commune)
    agent = MemberRoleFactory(collectivity=commune, role=Role.AGENT).user
    client.force_login(agent)
    response = client.get(reverse("dues:invoice_pdf", args=[invoice.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored_pdf(invoice)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    client.force_login(MemberRoleFactory(role=Role.REFERENT).user)  # another collectivity
    assert client.get(reverse("dues:invoice_pdf", args=[invoice.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("dues:invoice_pdf", args=[invoice.pk])).status_code == 302


def test_referent_enters_engagement_number_and_the_pdf_is_rebuilt(client, commune, referent):
    invoice = issue(commune)
    before = InvoicePdf.objects.get(invoice=invoice)
    client.force_login(referent)
    with committed():
        response = client.post(
            reverse("dues:invoice_engagement", args=[invoice.pk]), {"engagement_number": " EJ-2026 0042 "}
        )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.engagement_number == "EJ-2026 0042"
    after = InvoicePdf.objects.get(invoice=invoice)
    assert after.pk != before.pk and after.revision != before.revision
    pdf = stored_pdf(invoice)
    assert "Numéro d'engagement : EJ-2026 0042" in text_of(pdf)
    _name, xml = facturx.get_facturx_xml_from_pdf(pdf, check_xsd=True)
    assert b"<ram:IssuerAssignedID>EJ-2026 0042</ram:IssuerAssignedID>" in xml


def test_engagement_number_refused_cases_change_nothing(client, commune, referent):
    invoice = issue(commune)
    revision = InvoicePdf.objects.get(invoice=invoice).revision
    agent = MemberRoleFactory(collectivity=commune, role=Role.AGENT).user
    client.force_login(agent)
    url = reverse("dues:invoice_engagement", args=[invoice.pk])
    assert client.post(url, {"engagement_number": "X1"}).status_code == 403
    client.force_login(referent)
    response = client.post(url, {"engagement_number": "9" * 51})
    assert response.status_code == 400
    assert "9" * 51 in response.content.decode()  # what was typed is shown again
    credit(invoice)
    response = client.post(url, {"engagement_number": "X1"})
    assert response.status_code == 400 and "annulé par un avoir" in response.content.decode()
    outsider = MemberRoleFactory(role=Role.REFERENT).user
    client.force_login(outsider)
    assert client.post(url, {"engagement_number": "X1"}).status_code == 404
    invoice.refresh_from_db()
    assert invoice.engagement_number == ""
    assert InvoicePdf.objects.get(invoice=invoice).revision == revision
    with pytest.raises(PermissionDenied):
        invoices.set_engagement_number(actor=PersonFactory(), invoice=invoice, engagement_number="X")


def test_yearly_run_issues_for_every_member_once_and_records_errors(admin_client, commune, mailoutbox):
    invoiced = MembershipFactory(collectivity=commune)
    issue(commune)  # already invoiced: skipped
    members = [
        MembershipFactory(collectivity=CollectivityFactory(population=500, kind="commune")) for _ in range(2)
    ]
    MembershipFactory(collectivity=CollectivityFactory(population=500, kind="commune"), status="resigned")
    no_tier = MembershipFactory(collectivity=CollectivityFactory(population=500, kind="region"))
    form = admin_client.get(reverse("dues_invoice_runs:index"))
    assert form.status_code == 200 and 'name="period_year"' in form.content.decode()
    assert (
        reverse("dues_invoice_runs:index") in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    )
    with committed():
        response = admin_client.post(reverse("dues_invoice_runs:index"), {"period_year": str(YEAR)})
    run = InvoiceRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "dues_invoice_runs:detail", args=[run.pk]
    )
    assert (run.status, run.total, run.done, run.issued, run.skipped) == (InvoiceRunStatus.DONE, 4, 4, 2, 1)
    assert [error["item"] for error in run.errors] == [no_tier.collectivity.name]
    for membership in members:
        assert Invoice.objects.filter(collectivity=membership.collectivity, period_year=YEAR).count() == 1
        assert InvoicePdf.objects.filter(invoice__collectivity=membership.collectivity).exists()
    assert Invoice.objects.filter(collectivity=invoiced.collectivity).count() == 1
    page = admin_client.get(reverse("dues_invoice_runs:detail", args=[run.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page and no_tier.collectivity.name in page
    # Idempotent: a second run issues nothing new.
    count = Invoice.objects.count()
    with committed():
        admin_client.post(reverse("dues_invoice_runs:index"), {"period_year": str(YEAR)})
    assert Invoice.objects.count() == count
    assert InvoiceRun.objects.order_by("-pk").first().skipped == 3


def test_run_page_refreshes_while_running_and_staff_only(admin_client, client, db):
    run = InvoiceRun.objects.create(period_year=YEAR, total=10, done=3, status=InvoiceRunStatus.RUNNING)
    page = admin_client.get(reverse("dues_invoice_runs:detail", args=[run.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page and "3 adhérents traités sur 10" in page
    response = admin_client.post(reverse("dues_invoice_runs:index"), {"period_year": str(YEAR)})
    assert response.status_code == 400 and "déjà en cours" in response.content.decode()
    assert admin_client.post(reverse("dues_invoice_runs:index"), {"period_year": "deux"}).status_code == 400
    assert InvoiceRun.objects.count() == 1
    person = PersonFactory(is_staff=True)
    client.force_login(person)
    assert client.get(reverse("dues_invoice_runs:detail", args=[run.pk])).status_code in (302, 403)
    assert client.post(reverse("dues_invoice_runs:index"), {"period_year": str(YEAR)}).status_code in (
        302,
        403,
    )
    assert InvoiceRun.objects.count() == 1
    with pytest.raises(ValidationError):
        runs.start_run(actor=None, period_year=1999)


def test_staff_download_the_pdf_from_the_invoice_list(admin_client, client, commune):
    invoice = issue(commune)
    listing = admin_client.get(reverse("wagtailsnippets_dues_invoice:list")).content.decode()
    url = reverse("dues_invoice_pdf", args=[invoice.pk])
    assert url in listing
    response = admin_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == stored_pdf(invoice)
    assert "no-store" in response["Cache-Control"]
    client.force_login(PersonFactory(is_staff=False))
    assert client.get(url).status_code in (302, 403)


def test_html_to_pdf_is_plain_unless_a_variant_is_asked():
    from core.pdf import html_to_pdf

    def metadata(pdf):
        root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
        return root["/Metadata"].get_object().get_data() if "/Metadata" in root else b""

    assert b"pdfaid" not in metadata(html_to_pdf("<p>x</p>"))
    assert re.search(rb"pdfaid:part(>|=\")3", metadata(html_to_pdf("<p>x</p>", pdf_variant="pdf/a-3b")))


def test_run_goes_on_after_an_unexpected_failure(commune, monkeypatch):
    failing = MembershipFactory(collectivity=CollectivityFactory(population=5, kind="commune"))
    other = MembershipFactory(collectivity=CollectivityFactory(population=6, kind="commune"))
    real_issue = invoices.issue_invoice

    def issue_or_fail(*, collectivity, **kwargs):
        if collectivity.pk == failing.collectivity_id:
            raise RuntimeError("disk full")
        return real_issue(collectivity=collectivity, **kwargs)

    monkeypatch.setattr(invoices, "issue_invoice", issue_or_fail)
    with committed():
        run = runs.start_run(actor=None, period_year=YEAR)
    run.refresh_from_db()
    assert (run.status, run.done, run.issued) == (InvoiceRunStatus.DONE, 2, 1)
    assert run.errors[0]["item"] == failing.collectivity.name
    assert "RuntimeError" in run.errors[0]["message"]
    assert Invoice.objects.filter(collectivity=other.collectivity).count() == 1
    assert not Invoice.objects.filter(collectivity=failing.collectivity).exists()
