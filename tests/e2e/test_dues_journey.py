"""A référent downloads the year's invoice from the portal, pays it on the (local) Checkout
page, then sees the membership active and downloads the receipt.

Stripe's hosted Checkout page is replaced, at the gateway boundary, by the local page of
tests/dues/stripe_fake.py: the SDK talks to the local fake, and the page sends the site the
same signed `checkout.session.completed` event Stripe would, which the real verification checks.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dues.models import DuesTier, Payment, PaymentReceipt
from dues.services import invoices
from members.models import MemberRole, Membership, MembershipStatus, Role
from territories.factories import CollectivityFactory
from tests.dues.stripe_fake import FakeStripe
from tests.members.conftest import PASSWORD, make_person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WEBHOOK_SECRET = "whsec_e2e_secret"


@pytest.fixture
def checkout(settings, live_server, tmp_path):
    """The Stripe fake with its local Checkout page, which posts to the live server's webhook."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    fake = FakeStripe(
        webhook_url=live_server.url + reverse("dues:stripe_webhook"), webhook_secret=WEBHOOK_SECRET
    )
    fake.start()
    settings.STRIPE_API_BASE = fake.base_url
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    # The local page stands where Stripe's is: the CSP lets the payment form go there.
    settings.CONTENT_SECURITY_POLICY = settings.CONTENT_SECURITY_POLICY.replace(
        settings.STRIPE_CHECKOUT_ORIGIN, fake.base_url
    )
    yield fake
    fake.stop()


@pytest.fixture
def pending_member(transactional_db, demo_site):
    """A new member, pending until its first payment, with a référent and its first invoice
    (its PDF built once the issue commits)."""
    year = timezone.localdate().year
    DuesTier.objects.create(year=year, kind="commune", population_min=0, amount_cents=40000)
    collectivity = CollectivityFactory(name="Brumeval-sur-Onde")
    membership = Membership.objects.create(
        collectivity=collectivity, started_on=datetime.date(year, 1, 1), paid_until=None
    )
    referent = make_person("referent.dues@villes-internet.test", "Ariane", "Référente")
    MemberRole.objects.create(user=referent, collectivity=collectivity, role=Role.REFERENT)
    invoice = invoices.issue_invoice(collectivity=collectivity, period_year=year)
    return membership, referent, invoice


def test_referent_downloads_pays_online_and_gets_the_receipt(page, checkout, pending_member):
    membership, referent, invoice = pending_member
    assert membership.get_status() == MembershipStatus.PENDING

    page.goto("/compte/connexion/")
    page.fill("#id_login", referent.email)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/espace-membre/")

    # The invoice's Factur-X PDF, from the portal.
    page.get_by_role("link", name="Factures de cotisation et paiement").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Télécharger le PDF {invoice.number}").click()
    assert download.value.suggested_filename == f"appel-cotisation-{invoice.number}.pdf"
    assert download.value.path().read_bytes()[:5] == b"%PDF-"

    # Pay on the local Checkout page, which posts the signed event to the webhook.
    page.get_by_role("link", name=f"Payer ou voir le règlement de l'appel {invoice.number}").click()
    page.get_by_role("button", name="Payer en ligne 400,00").click()
    page.get_by_role("heading", name="Paiement de test (Checkout local)").wait_for()
    page.get_by_role("button", name="Payer 400.00 EUR").click()
    page.get_by_text("Merci : votre paiement est enregistré.").wait_for()
    assert checkout.webhook_answers == [200]
    payment = Payment.objects.get()
    assert (payment.method, payment.stripe_channel, payment.amount_cents, payment.invoice_id) == (
        "stripe",
        "card",
        40000,
        invoice.pk,
    )

    # The receipt, then the membership active in the portal.
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger l'attestation de paiement (PDF)").click()
    assert download.value.path().read_bytes()[:5] == b"%PDF-"
    assert PaymentReceipt.objects.filter(invoice=invoice).exists()
    page.get_by_role("link", name="Toutes les factures de cotisation").click()
    page.get_by_role("link", name="Revenir à l'espace membre").click()
    assert page.locator(f".status--{MembershipStatus.ACTIVE}").inner_text() == str(
        MembershipStatus.ACTIVE.label
    )
    assert Membership.objects.get(pk=membership.pk).get_status() == MembershipStatus.ACTIVE
