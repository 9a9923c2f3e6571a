"""The membership status follows the dues as dates pass (frozen time): pending until the first
payment, active while paid or while the next call is not due, grace after the due date, lapsed
once the grace period ends; resigned from its date. Staff see why; a lapsed member's portal
shows what to pay to be active again."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from dues.models import PaymentMethod
from dues.services import invoices, payments
from members.factories import MemberRoleFactory, MembershipFactory
from members.models import Membership, MembershipStatus, Role
from territories.factories import CollectivityFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
AMOUNT = 40000


def at(year, month, day):
    """Freeze the clock at noon, Paris time, on that day."""
    return time_machine.travel(datetime.datetime(year, month, day, 12, tzinfo=PARIS), tick=False)


def status_of(membership) -> str:
    """The status in Python and in SQL (they must agree), on today's date."""
    fresh = Membership.objects.get(pk=membership.pk)
    annotated = Membership.objects.with_status().get(pk=membership.pk)
    assert annotated.status_value == fresh.get_status()
    return fresh.get_status()


def reason_of(membership) -> str:
    return Membership.objects.get(pk=membership.pk).status_reason()


def pay(invoice, amount=None, received_on=None):
    return payments.record_offline_payment(
        invoice=invoice,
        amount_cents=invoice.amount_cents if amount is None else amount,
        method=PaymentMethod.MANDAT,
        received_on=received_on or invoice.issued_on,
        reference="Mandat",
    )


@pytest.fixture
def membership():
    collectivity = CollectivityFactory(name="Brumeval-sur-Onde", population=1200, kind="commune")
    return MembershipFactory(collectivity=collectivity, paid_until=None, started_on=datetime.date(2026, 3, 2))


def issue(membership, period_year):
    return invoices.issue_invoice(
        collectivity=membership.collectivity, period_year=period_year, amount_cents=AMOUNT
    )


def test_pending_active_grace_lapsed_as_dates_pass(membership):
    with at(2026, 3, 2):
        first = issue(membership, 2026)  # due 1 April 2026
        assert status_of(membership) == MembershipStatus.PENDING
        assert f"facture {first.number}, échéance le 01/04/2026, non réglée" in reason_of(membership)
    with at(2026, 3, 20):
        pay(first)
        assert status_of(membership) == MembershipStatus.ACTIVE
        assert reason_of(membership) == "À jour : période payée jusqu'au 31/12/2026."
    with at(2027, 1, 11):
        second = issue(membership, 2027)  # due 10 February 2027
        assert status_of(membership) == MembershipStatus.ACTIVE  # paid period over, call not due
        assert f"Facture {second.number} à régler avant le 10/02/2027." in reason_of(membership)
    with at(2027, 2, 10):
        assert status_of(membership) == MembershipStatus.ACTIVE  # the due day itself
    with at(2027, 2, 11):
        assert status_of(membership) == MembershipStatus.GRACE
        assert reason_of(membership) == (
            f"En période de grâce : facture {second.number} échue le 10/02/2027, non réglée ; "
            "suspension le 12/05/2027."
        )
    with at(2027, 5, 11):
        assert status_of(membership) == MembershipStatus.GRACE  # 90 days after the due date
    with at(2027, 5, 12):
        assert status_of(membership) == MembershipStatus.LAPSED
        assert reason_of(membership) == (
            f"Échue : facture {second.number} échue le 10/02/2027, non réglée ; "
            "suspendue depuis le 12/05/2027."
        )
        assert not Membership.objects.valid().filter(pk=membership.pk).exists()
        pay(second, received_on=datetime.date(2027, 5, 12))
        assert status_of(membership) == MembershipStatus.ACTIVE
        stored = Membership.objects.get(pk=membership.pk)
        assert stored.unpaid_due_on is None and stored.unpaid_invoice_number == ""


def test_grace_length_is_the_membership_setting(membership):
    from wagtail.models import Site

    from members.models import MembershipSettings

    with at(2026, 3, 2):
        pay(issue(membership, 2026))
    with at(2027, 1, 11):
        issue(membership, 2027)  # due 10 February 2027
    setting = MembershipSettings.for_site(Site.objects.get(is_default_site=True))
    setting.grace_days = 10
    setting.save()
    with at(2027, 2, 20):
        assert status_of(membership) == MembershipStatus.GRACE
    with at(2027, 2, 21):
        assert status_of(membership) == MembershipStatus.LAPSED


def test_partial_payment_keeps_the_grace_a_credit_note_ends_it(membership):
    with at(2026, 3, 2):
        pay(issue(membership, 2026))
    with at(2027, 1, 11):
        second = issue(membership, 2027)
    with at(2027, 3, 1):
        pay(second, amount=10000, received_on=datetime.date(2027, 3, 1))
        assert status_of(membership) == MembershipStatus.GRACE
        invoices.credit_invoice(invoice=second, reason="Tarif revu")
        # No call left for 2027: the grace counts from the end of the paid period.
        assert status_of(membership) == MembershipStatus.GRACE
        assert "période payée terminée le 31/12/2026" in reason_of(membership)
        third = issue(membership, 2027)  # the corrected call, due in 30 days
        assert status_of(membership) == MembershipStatus.ACTIVE
        assert Membership.objects.get(pk=membership.pk).unpaid_invoice_number == third.number


def test_no_call_for_the_next_period_grace_from_the_end_of_the_paid_period(membership):
    with at(2026, 3, 2):
        pay(issue(membership, 2026))
    with at(2027, 1, 5):
        assert status_of(membership) == MembershipStatus.GRACE
        assert reason_of(membership) == (
            "En période de grâce : période payée terminée le 31/12/2026, aucune facture de la période "
            "suivante émise ; suspension le 01/04/2027."
        )


def test_resigned_from_its_date(membership):
    with at(2026, 3, 2):
        pay(issue(membership, 2026))
        Membership.objects.filter(pk=membership.pk).update(
            resigned=True, resigned_on=datetime.date(2026, 12, 31)
        )
        assert status_of(membership) == MembershipStatus.ACTIVE
        assert reason_of(membership).endswith("Démission effective le 31/12/2026.")
    with at(2026, 12, 31):
        assert status_of(membership) == MembershipStatus.RESIGNED
        assert reason_of(membership) == "Démissionnaire depuis le 31/12/2026."


def test_resignation_date_without_resigning_is_refused(membership):
    membership.resigned_on = datetime.date(2026, 12, 31)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "démissionnaire" in " ".join(error.value.messages)
    assert Membership.objects.get(pk=membership.pk).resigned_on is None


def test_staff_see_why_in_the_membership_inspect_view(admin_client, membership):
    with at(2026, 3, 2):
        first = issue(membership, 2026)
    with at(2026, 4, 15):
        page = admin_client.get(f"/admin/adherents/adhesions/inspect/{membership.pk}/").content.decode()
    assert "pourquoi ce statut" in page.lower()
    assert f"En attente du premier paiement : facture {first.number}, échéance le 01/04/2026" in page


def test_staff_cannot_type_the_paid_period(admin_client, membership):
    page = admin_client.get(f"/admin/adherents/adhesions/edit/{membership.pk}/").content.decode()
    assert 'name="paid_until"' not in page
    assert 'name="resigned_on"' in page


# --- the portal: what a lapsed member pays to be active again ---------------------------------


def lapsed_member(client, role=Role.REFERENT):
    collectivity = CollectivityFactory(name="Nuéebourg-les-Fables", population=800, kind="commune")
    membership = MembershipFactory(
        collectivity=collectivity, paid_until=None, started_on=datetime.date(2025, 1, 1)
    )
    with at(2025, 3, 1):
        pay(invoices.issue_invoice(collectivity=collectivity, period_year=2025, amount_cents=AMOUNT))
    with at(2026, 1, 15):
        late = invoices.issue_invoice(collectivity=collectivity, period_year=2026, amount_cents=AMOUNT)
        pay(late, amount=15000)
    user = MemberRoleFactory(collectivity=collectivity, role=role).user
    client.force_login(user)
    return membership, late


def test_lapsed_member_sees_what_to_pay_and_the_bank_details(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    membership, late = lapsed_member(client)
    with at(2026, 6, 1):
        page = client.get(reverse("dues:invoices")).content.decode()
        portal = client.get(reverse("members:portal")).content.decode()
    assert "il reste à payer pour que votre adhésion soit de nouveau à jour" in page
    assert f"Échue : facture {late.number} échue le 14/02/2026" in page
    assert "250,00" in page  # 400,00 € less the 150,00 € received
    assert "FR76 3000 6000 0112 3456 7890 189" in page
    assert reverse("dues:pay_online", args=[late.number]) not in page
    assert reverse("dues:invoices") + "#regulariser" in portal


def test_lapsed_referent_gets_the_pay_online_button_when_stripe_is_configured(client, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_configured"
    membership, late = lapsed_member(client)
    with at(2026, 6, 1):
        page = client.get(reverse("dues:invoices")).content.decode()
    assert reverse("dues:pay_online", args=[late.number]) in page
    assert "Payer en ligne 250,00" in page
    assert "FR76 3000 6000 0112 3456 7890 189" not in page


def test_active_member_sees_no_amount_to_pay(client):
    membership, late = lapsed_member(client)
    with at(2026, 6, 1):
        pay(late, amount=25000, received_on=datetime.date(2026, 6, 1))
        page = client.get(reverse("dues:invoices")).content.decode()
    assert 'id="regulariser"' not in page


def test_invoices_page_queries_stay_flat(client, settings, django_assert_max_num_queries):
    settings.STRIPE_SECRET_KEY = ""
    membership, late = lapsed_member(client)
    collectivity = membership.collectivity
    with at(2026, 6, 1):
        client.get(reverse("dues:invoices"))  # warm the site's settings caches
        # 10 are the site's shell for a signed-in person (session, user, site, settings,
        # permissions, locales, menu); 2 are the page's: the person's role with the collectivity
        # and its membership, then the invoices with what was paid on each.
        with django_assert_max_num_queries(12) as small:
            response = client.get(reverse("dues:invoices"))
        assert response.status_code == 200
        for year in (2027, 2028, 2029, 2030):
            invoice = invoices.issue_invoice(collectivity=collectivity, period_year=year, amount_cents=100)
            pay(invoice, amount=50, received_on=datetime.date(2026, 6, 1))
        invoices.credit_invoice(invoice=invoice, reason="Doublon")
        with django_assert_max_num_queries(12) as large:
            response = client.get(reverse("dues:invoices"))
    assert len(large.captured_queries) == len(small.captured_queries)
    assert "2026-00006" in response.content.decode()


def test_a_paid_period_ending_during_the_year_leaves_that_years_call_to_pay(client, membership):
    """A paid period typed before payments wrote it may stop mid-year: that year's call is still
    owed, and the portal lists it under what to pay."""
    Membership.objects.filter(pk=membership.pk).update(paid_until=datetime.date(2026, 11, 2))
    with at(2026, 10, 1):
        call = issue(membership, 2026)
        pay(call, amount=10000, received_on=datetime.date(2026, 10, 1))
    with at(2026, 12, 2):
        assert Membership.objects.get(pk=membership.pk).unpaid_invoice_number == call.number
        referent = MemberRoleFactory(collectivity=membership.collectivity, role=Role.REFERENT).user
        client.force_login(referent)
        html = client.get(reverse("dues:invoices")).content.decode()
        section = html.split('id="regulariser"', 1)[1].split("</section>", 1)[0]
        assert call.number in section
        assert "Aucun appel de cotisation n'est en attente" not in section
