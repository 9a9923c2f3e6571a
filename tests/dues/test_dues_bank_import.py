"""The bank statement import: proposes matches by invoice number and amount, staff confirm;
a wrong amount is not proposed; a bad file writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dues.models import Invoice, Payment
from members.models import Membership, MembershipStatus
from tests.dues.payment_helpers import pending_member_invoice

pytestmark = pytest.mark.django_db
URL = reverse("dues_bank_import")


def upload(admin_client, text):
    return admin_client.post(URL, {"file": SimpleUploadedFile("releve.csv", text.encode(), "text/csv")})


def test_statement_proposes_then_staff_confirm(admin_client):
    paid, membership = pending_member_invoice()
    partial, _ = pending_member_invoice()
    too_much, _ = pending_member_invoice()
    listing = admin_client.get(reverse(Invoice.snippet_viewset.get_url_name("list"))).content.decode()
    assert URL in listing
    csv = (
        "Date;Libellé;Montant\n"
        f"02/03/2026;VIR MAIRIE REF {paid.number};400,00\n"
        f"03/03/2026;VIR COMMUNE {partial.number} ACOMPTE;150,00\n"
        f"04/03/2026;VIR {too_much.number};450,00\n"
        "05/03/2026;VIR SANS REFERENCE;400,00\n"
        "06/03/2026;FRAIS BANCAIRES;-12,50\n"
        "07/03/2026;VIR 2026-99999;400,00\n"
    )
    response = upload(admin_client, csv)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('name="line"') == 2  # the full and the partial payment only
    assert "supérieur au reste dû" in page and "aucun numéro" in page and "n&#x27;existe pas" in page
    assert Payment.objects.count() == 0  # proposing writes nothing
    statement = response.context["statement"]
    response = admin_client.post(URL, {"statement": statement, "line": ["0", "1"]})
    assert response.status_code == 302
    assert sorted(Payment.objects.values_list("amount_cents", flat=True)) == [15000, 40000]
    assert Membership.objects.get(pk=membership.pk).get_status() == MembershipStatus.ACTIVE
    # Confirming the same proposal again is refused as a whole: nothing more written.
    response = admin_client.post(URL, {"statement": statement, "line": ["0", "1"]})
    assert response.status_code == 400 and "Rien n&#x27;a été enregistré" in response.content.decode()
    assert Payment.objects.count() == 2
    # The same statement proposed again: the recorded transfer is "déjà enregistré".
    assert "déjà enregistré" in upload(admin_client, csv).content.decode()


@pytest.mark.parametrize(
    "csv",
    [
        "Date;Libellé\n02/03/2026;VIR\n",  # missing column
        "Date;Libellé;Montant\n31/02/2026;VIR 2026-00001;400,00\n",  # bad date
        "Date;Libellé;Montant\n02/03/2026;VIR 2026-00001;quatre cents\n",  # bad amount
        "Date;Libellé;Montant\n",  # no rows
    ],
)
def test_bad_file_shows_errors_and_writes_nothing(admin_client, csv):
    pending_member_invoice()
    response = upload(admin_client, csv)
    assert response.status_code == 400
    assert "Erreurs à corriger" in response.content.decode()
    assert Payment.objects.count() == 0


def test_tampered_proposal_is_refused(admin_client):
    pending_member_invoice()
    response = admin_client.post(URL, {"statement": "forged", "line": ["0"]})
    assert response.status_code == 400 and "expiré" in response.content.decode()
    assert Payment.objects.count() == 0
