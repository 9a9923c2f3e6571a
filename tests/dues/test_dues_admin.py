"""Staff admin of dues: the year's dashboard, the ledger and payments (listing and exports),
each invoice's history."""

import datetime
import io
import itertools

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from dues.admin_views import ACTION_EMAILED, history_entries
from dues.models import DuesTier, Invoice, Payment
from dues.services import invoices, payments
from members.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

AMOUNT = 40000
DASHBOARD = "dues_dashboard:index"


def ledger_url():
    return reverse(Invoice.snippet_viewset.get_url_name("list"))


def payments_url():
    return reverse(Payment.snippet_viewset.get_url_name("list"))


def issue(year, *, today=None, amount=AMOUNT):
    DuesTier.objects.get_or_create(
        year=year, kind="commune", population_min=0, defaults={"amount_cents": amount}
    )
    membership = MembershipFactory(paid_until=None, started_on=datetime.date(year, 1, 1))
    return invoices.issue_invoice(collectivity=membership.collectivity, period_year=year, today=today)


def pay(invoice, cents, method="mandat"):
    return payments.record_offline_payment(
        invoice=invoice, amount_cents=cents, method=method, received_on=timezone.localdate(), reference="M-1"
    )


STRIPE_IDS = itertools.count()


def stripe_payment(invoice):
    """A payment as the Stripe webhook records it (the webhook itself is tested elsewhere)."""
    n = next(STRIPE_IDS)
    return Payment.objects.create(
        invoice=invoice,
        amount_cents=invoice.amount_cents,
        method="stripe",
        received_on=timezone.localdate(),
        reference=f"pi_test_{n}",
        stripe_session_id=f"cs_test_{n}",
        stripe_payment_intent=f"pi_test_{n}",
        stripe_event_id=f"evt_test_{n}",
        stripe_channel="card",
    )


def every_state(year, copies=1):
    """``copies`` of each state: paid by mandat, paid online, partly paid, overdue, due,
    credited. Returns today and the invoices by state."""
    today = timezone.localdate()
    long_ago = today - datetime.timedelta(days=90)
    made = {key: [] for key in ("mandat", "stripe", "partly", "overdue", "due", "credited")}
    for _n in range(copies):
        invoice = issue(year)
        pay(invoice, AMOUNT)
        made["mandat"].append(invoice)
        invoice = issue(year)
        stripe_payment(invoice)
        made["stripe"].append(invoice)
        invoice = issue(year)
        pay(invoice, 15000, method="transfer")
        made["partly"].append(invoice)
        made["overdue"].append(issue(year, today=long_ago))
        made["due"].append(issue(year))
        invoice = issue(year)
        invoices.credit_invoice(invoice=invoice, reason="Adhésion résiliée")
        made["credited"].append(invoice)
    return today, made


def figures(response):
    """{row label: (count, amount)} of the dashboard's tables."""
    import re

    html = response.content.decode()
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d*)</td><td>([^<]+)</td></tr>', html)
    return {
        label: (count, amount.replace("\u202f", " ").replace("\xa0", " ")) for label, count, amount in rows
    }


def test_dashboard_figures_on_a_small_dataset(admin_client):
    year = timezone.localdate().year
    every_state(year)
    issue(year - 1)  # another year: not counted
    with CaptureQueriesContext(connection) as small:
        response = admin_client.get(reverse(DASHBOARD), {"annee": year})
    assert response.status_code == 200
    seen = figures(response)
    assert seen["Appels émis"] == ("6", "2 400,00 €")
    assert seen["Annulés par un avoir"] == ("1", "400,00 €")
    assert seen["Payés"] == ("2", "800,00 €")
    assert seen["Payés en partie (reçu)"] == ("1", "150,00 €")
    assert seen["En retard (reste dû)"] == ("1", "400,00 €")
    # partly paid (250) + overdue (400) + due (400); the credited call is not owed
    assert seen["Reste à encaisser"] == ("3", "1 050,00 €")
    assert seen["Mandat administratif"] == ("1", "400,00 €")
    assert seen["En ligne : Carte bancaire"] == ("1", "400,00 €")
    assert seen["En ligne : Prélèvement SEPA"] == ("0", "0,00 €")
    assert seen["En ligne : Virement bancaire (Stripe)"] == ("0", "0,00 €")
    assert "En ligne : moyen non précisé" not in seen
    assert seen["Virement"] == ("1", "150,00 €")
    assert seen["Chèque"] == ("0", "0,00 €")
    every_state(year, copies=3)
    with CaptureQueriesContext(connection) as large:
        response = admin_client.get(reverse(DASHBOARD), {"annee": year})
    assert figures(response)["Appels émis"] == ("24", "9 600,00 €")
    assert len(large) == len(small) <= 12


def test_dashboard_other_year_and_menu(admin_client):
    year = timezone.localdate().year
    issue(year - 1)
    response = admin_client.get(reverse(DASHBOARD), {"annee": year - 1})
    assert figures(response)["Appels émis"] == ("1", "400,00 €")
    assert f'<option value="{year - 1}" selected>' in response.content.decode()
    admin = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(DASHBOARD) in admin


@pytest.mark.parametrize("typed", ["deux mille", "99999", "-1"])
def test_dashboard_bad_year_says_so(admin_client, typed):
    response = admin_client.get(reverse(DASHBOARD), {"annee": typed})
    assert response.status_code == 400
    assert "pas une année : choisissez-en une" in response.content.decode()
    assert figures(response)["Appels émis"][0] == "0"


def test_staff_without_permission_are_refused(client):
    invoice = issue(timezone.localdate().year)
    client.force_login(PersonFactory(is_staff=True))
    for url in (reverse(DASHBOARD), reverse("dues_invoice_history", args=[invoice.pk]), payments_url()):
        assert client.get(url).status_code in (302, 403)


def test_ledger_listing_query_count_is_flat(admin_client):
    year = timezone.localdate().year
    every_state(year)
    with CaptureQueriesContext(connection) as small:
        response = admin_client.get(ledger_url())
    assert response.status_code == 200
    assert "Payé en partie" in response.content.decode()
    every_state(year, copies=4)
    with CaptureQueriesContext(connection) as large:
        response = admin_client.get(ledger_url())
    assert len(large) == len(small) <= 25


def test_ledger_exports_csv_and_xlsx(admin_client):
    year = timezone.localdate().year
    _today, made = every_state(year)
    issue(year - 1)
    response = admin_client.get(ledger_url(), {"period_year": year, "export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffNuméro;Type;Collectivité")
    lines = text.strip().split("\r\n")
    assert len(lines) == 1 + 6 + 1  # six calls and the credit note of the year
    partly = next(line for line in lines if line.startswith(made["partly"][0].number))
    assert ";400.00;150.00;250.00;Payé en partie;" in partly
    credited = next(line for line in lines if line.startswith(made["credited"][0].number))
    assert "Annulé par un avoir" in credited
    response = admin_client.get(ledger_url(), {"period_year": year, "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Numéro"
    assert len(rows) == 8
    overdue = next(row for row in rows if row[0] == made["overdue"][0].number)
    assert "En retard" in overdue


def test_payments_export_csv_and_xlsx(admin_client):
    year = timezone.localdate().year
    every_state(year)
    response = admin_client.get(payments_url(), {"period_year": year, "export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")
    lines = text.strip().split("\r\n")
    assert lines[0].startswith("\ufeffReçu le;Facture;Année de cotisation;Collectivité;Montant (€)")
    assert len(lines) == 1 + 3
    assert any(";Mandat administratif;;M-1;" in line for line in lines)
    assert any(";Carte bancaire;pi_test_" in line and ";Stripe;" in line for line in lines)
    response = admin_client.get(payments_url(), {"method": "transfer", "export": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert len(rows) == 2 and rows[1][5] == "Virement"


def test_payments_listing_is_read_only(admin_client):
    invoice = issue(timezone.localdate().year)
    payment = pay(invoice, 1000)
    assert admin_client.get(payments_url()).status_code == 200
    edit = reverse(Payment.snippet_viewset.get_url_name("edit"), args=[payment.pk])
    assert admin_client.get(edit).status_code in (302, 403)


def test_invoice_history_in_date_order(admin_client):
    year = timezone.localdate().year
    invoice = issue(year)
    log(instance=invoice, action=ACTION_EMAILED, data={"count": 2})
    pay(invoice, 10000)
    credit_note = invoices.credit_invoice(invoice=invoice, reason="Erreur de tranche")
    entries = history_entries(invoice)
    whats = [entry.what for entry in entries]
    assert whats[0] == f"Appel {invoice.number} émis"
    assert whats[1] == "Envoyée par courriel à 2 référents"
    assert whats[2].startswith("Paiement de 100,00")
    assert whats[3] == f"Annulé par l'avoir {credit_note.number}"
    assert [entry.at for entry in entries] == sorted(entry.at for entry in entries)
    response = admin_client.get(reverse("dues_invoice_history", args=[invoice.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Annulé par un avoir" in html and "Erreur de tranche" in html
    assert reverse("dues_invoice_history", args=[credit_note.pk]) in html
    listing = admin_client.get(ledger_url()).content.decode()
    assert reverse("dues_invoice_history", args=[invoice.pk]) in listing


def test_emailing_an_invoice_is_in_its_history(mailoutbox):
    from dues.tasks import send_invoice_email
    from members.factories import MemberRoleFactory

    invoice = issue(timezone.localdate().year)
    MemberRoleFactory(collectivity=invoice.collectivity, role="referent")
    assert send_invoice_email.call(invoice.pk) == 1
    assert "Envoyée par courriel à 1 référent" in [entry.what for entry in history_entries(invoice)]


def test_an_invoice_has_no_edit_form(admin_client):
    invoice = issue(timezone.localdate().year)
    edit = reverse(Invoice.snippet_viewset.get_url_name("edit"), args=[invoice.pk])
    assert admin_client.get(edit).status_code in (302, 403)
    inspect = reverse(Invoice.snippet_viewset.get_url_name("inspect"), args=[invoice.pk])
    assert admin_client.get(inspect).status_code == 200
    assert edit not in admin_client.get(ledger_url()).content.decode()


def test_reminders_are_in_the_history():
    from dues.models import DuesReminder

    invoice = issue(timezone.localdate().year)
    DuesReminder.objects.create(
        invoice=invoice, step=-15, sent_at=invoice.created_at + datetime.timedelta(days=15), recipients=2
    )
    DuesReminder.objects.create(invoice=invoice, step=15)
    whats = [(entry.what, entry.detail) for entry in history_entries(invoice)]
    assert ("Rappel J-15 envoyé", "2 destinataire(s)") in whats
    assert (
        "Rappel J+15 programmé",
        "pas envoyé : en attente, ou l'appel a été payé ou annulé entre-temps",
    ) in whats


def test_payments_listing_query_count_is_flat(admin_client):
    year = timezone.localdate().year
    every_state(year)
    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(payments_url()).status_code == 200
    every_state(year, copies=4)
    with CaptureQueriesContext(connection) as large:
        response = admin_client.get(payments_url())
    assert response.content.decode().count("Mandat administratif") >= 5
    assert len(large) == len(small) <= 25
