"""Invoices: numbered per year with no gap, never deleted, cancelled by a credit note."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from dues.models import DuesTier, Invoice, InvoiceKind
from dues.services import invoices
from territories.factories import CollectivityFactory

YEAR = 2026
TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def commune(db):
    DuesTier.objects.create(year=YEAR, kind="commune", population_min=0, amount_cents=40000)
    return CollectivityFactory(population=3000)


def test_numbers_follow_each_other_and_restart_each_year(commune):
    other = CollectivityFactory(population=10)
    first = invoices.issue_invoice(collectivity=commune, period_year=YEAR, today=TODAY)
    second = invoices.issue_invoice(collectivity=other, period_year=YEAR, today=TODAY)
    assert (first.number, second.number) == ("2026-00001", "2026-00002")
    DuesTier.objects.create(year=2027, kind="commune", population_min=0, amount_cents=1)
    next_year = invoices.issue_invoice(
        collectivity=commune, period_year=2027, today=datetime.date(2027, 1, 5)
    )
    assert next_year.number == "2027-00001"


@override_settings(DUES_PAYMENT_TERM_DAYS=45)
def test_invoice_carries_amount_due_date_and_seller(commune):
    invoice = invoices.issue_invoice(
        collectivity=commune, period_year=YEAR, today=TODAY, siret="21470001600017"
    )
    assert invoice.amount_cents == 40000
    assert invoice.due_on == datetime.date(2026, 4, 16)
    assert invoice.seller["iban"] and invoice.seller["vat_mention"]
    assert invoice.reference == invoice.number
    assert invoice.siret == "21470001600017"


def test_second_call_same_year_refused_and_nothing_numbered(commune):
    invoices.issue_invoice(collectivity=commune, period_year=YEAR, today=TODAY)
    with pytest.raises(ValidationError, match="déjà l'appel de cotisation 2026-00001"):
        invoices.issue_invoice(collectivity=commune, period_year=YEAR, today=TODAY)
    assert Invoice.objects.count() == 1
    other = CollectivityFactory(population=10)
    assert invoices.issue_invoice(collectivity=other, period_year=YEAR, today=TODAY).sequence == 2


def test_invoice_is_never_deleted(commune):
    invoice = invoices.issue_invoice(collectivity=commune, period_year=YEAR, today=TODAY)
    with pytest.raises(ValidationError, match="avoir"):
        invoice.delete()
    with pytest.raises(ValidationError):
        Invoice.objects.all().delete()
    assert Invoice.objects.count() == 1


def test_credit_note_cancels_and_allows_a_new_call(commune):
    invoice = invoices.issue_invoice(collectivity=commune, period_year=YEAR, today=TODAY)
    with pytest.raises(ValidationError, match="motif"):
        invoices.credit_invoice(invoice=invoice, reason="  ", today=TODAY)
    credit = invoices.credit_invoice(invoice=invoice, reason="Erreur de tranche", today=TODAY)
    assert credit.kind == InvoiceKind.CREDIT_NOTE
    assert credit.number == "2026-00002"
    assert credit.amount_cents == invoice.amount_cents
    with pytest.raises(ValidationError, match="déjà annulé"):
        invoices.credit_invoice(invoice=invoice, reason="encore", today=TODAY)
    again = invoices.issue_invoice(collectivity=commune, period_year=YEAR, today=TODAY, amount_cents=35000)
    assert again.number == "2026-00003"
    invoice.refresh_from_db()
    assert invoice.number == "2026-00001"


def test_no_tier_refuses_and_takes_no_number(db):
    orphan = CollectivityFactory(population=None)
    with pytest.raises(ValidationError, match="population"):
        invoices.issue_invoice(collectivity=orphan, period_year=YEAR, today=TODAY)
    assert not Invoice.objects.exists()
