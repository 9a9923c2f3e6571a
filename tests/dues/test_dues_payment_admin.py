"""Staff record offline payments from the invoice listing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from dues.models import Invoice, Payment
from members.factories import PersonFactory
from members.models import Membership, MembershipStatus
from tests.dues.payment_helpers import pending_member_invoice

pytestmark = pytest.mark.django_db


def form(amount="400,00", **kwargs):
    return {
        "amount": amount,
        "method": "mandat",
        "received_on": timezone.localdate().isoformat(),
        "reference": "Mandat 2026-118",
    } | kwargs


def test_listing_links_to_payments_and_staff_record_a_mandat(admin_client):
    invoice, membership = pending_member_invoice()
    url = reverse("dues_invoice_payment", args=[invoice.pk])
    listing = admin_client.get(reverse(Invoice.snippet_viewset.get_url_name("list")))
    assert url in listing.content.decode()
    response = admin_client.post(url, form("150,50"))
    assert response.status_code == 302
    assert Payment.objects.get().amount_cents == 15050
    response = admin_client.post(url, form("249,50", method="cheque"), follow=True)
    assert "Aucun paiement reçu" not in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).get_status() == MembershipStatus.ACTIVE


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (form("400,01"), "dépasse ce qui reste dû"),
        (form("0"), "doit être positif"),
        (form("abc"), "nombre"),
        (form(method="stripe"), "method"),
    ],
)
def test_bad_input_shows_a_message_and_records_nothing(admin_client, data, message):
    invoice, _ = pending_member_invoice()
    response = admin_client.post(reverse("dues_invoice_payment", args=[invoice.pk]), data)
    assert response.status_code == 400
    if message != "method":
        assert message in response.content.decode()
    assert Payment.objects.count() == 0


def test_person_without_permission_is_refused(client):
    invoice, _ = pending_member_invoice()
    client.force_login(PersonFactory(is_staff=True))
    response = client.post(reverse("dues_invoice_payment", args=[invoice.pk]), form())
    assert response.status_code in (302, 403)
    assert Payment.objects.count() == 0
