"""The dues panel of the admin home: applications waiting, the year's calls issued, paid and
overdue, the amount still to collect; links to the listings; a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from dues.models import ApplicationStatus, MembershipApplication, PaymentMethod
from dues.money import format_eur
from dues.panels import DuesPanel
from dues.services import invoices, payments
from members.factories import MembershipFactory
from territories.factories import CollectivityFactory
from tests.core.admin_panels import links, render, render_counting, table

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def call(amount, *, paid=0, issued=TODAY, period_year=TODAY.year):
    membership = MembershipFactory(paid_until=None, started_on=datetime.date(period_year - 1, 1, 1))
    invoice = invoices.issue_invoice(
        collectivity=membership.collectivity, period_year=period_year, amount_cents=amount, today=issued
    )
    if paid:
        payments.record_offline_payment(
            invoice=invoice, amount_cents=paid, method=PaymentMethod.TRANSFER, received_on=TODAY
        )
    return invoice


def application(status=ApplicationStatus.PENDING):
    return MembershipApplication.objects.create(
        collectivity=CollectivityFactory(),
        contact_name="Camille Exemple",
        contact_email="camille@exemple.test",
        deliberation="dues/deliberations/exemple.pdf",
        siret="21750001600019",
        status=status,
    )


def dataset():
    call(10000, paid=10000)  # paid
    call(20000, paid=5000)  # partly paid, not yet due
    call(30000, issued=TODAY - datetime.timedelta(days=60))  # overdue
    invoices.credit_invoice(invoice=call(40000), reason="Erreur de tranche")  # cancelled
    call(50000, period_year=TODAY.year - 1)  # another year
    application()
    application()
    application(ApplicationStatus.REFUSED)


def test_the_panel_shows_the_years_calls_and_the_applications_waiting(admin_user):
    dataset()
    html = render(DuesPanel(), admin_user)
    assert table(html, "Demandes d'adhésion") == {"En attente de décision": ["2"]}
    assert table(html, f"Appels de cotisation {TODAY.year}") == {
        "Émis": ["3"],
        "Payés": ["1"],
        "En retard de paiement": ["1"],
        "Reste à encaisser": [format_eur(15000 + 30000)],
    }
    found = links(html)
    assert found["2"] == "/admin/cotisations/demandes/?status=pending"
    assert found["3"] == "/admin/cotisations/factures/?kind=invoice"
    assert found["Factures"] == "/admin/cotisations/factures/"


def test_the_links_open_the_listings(admin_client):
    dataset()
    for url in ("/admin/cotisations/demandes/?status=pending", "/admin/cotisations/factures/?kind=invoice"):
        assert admin_client.get(url).status_code == 200


def test_the_panel_queries_do_not_grow_with_the_rows(admin_user):
    call(10000, paid=10000)
    application()
    _, few = render_counting(DuesPanel(), admin_user)
    dataset()
    dataset()
    html, many = render_counting(DuesPanel(), admin_user)
    assert table(html, f"Appels de cotisation {TODAY.year}")["Émis"] == ["7"]
    assert many == few <= 3
