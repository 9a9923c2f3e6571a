"""The demo's calls of the year: every state, through the services, idempotent."""

import pytest
from django.urls import reverse
from django.utils import timezone

from dues import demo
from dues.admin_views import State, state_of
from dues.models import Invoice, InvoiceKind, Payment, StripeEvent
from members.factories import MemberRoleFactory, MembershipFactory, PersonFactory
from members.models import Membership, MembershipStatus, Role

pytestmark = pytest.mark.django_db

MEMBERS = {
    "referent.active": MembershipStatus.ACTIVE,
    "referent.territoire": MembershipStatus.ACTIVE,
    "referent.grace": MembershipStatus.GRACE,
    "referent.echue": MembershipStatus.LAPSED,
    "referent.demission": MembershipStatus.RESIGNED,
}


@pytest.fixture
def demo_members():
    """The demo members as members/demo.py makes them: a référent each, in each status."""
    for login, status in MEMBERS.items():
        membership = MembershipFactory(status=status)
        MemberRoleFactory(
            user=PersonFactory(login=login), collectivity=membership.collectivity, role=Role.REFERENT
        )


def test_demo_calls_in_every_state_once(demo_members, admin_client):
    lines = []
    demo.load(lines.append)
    year = timezone.localdate().year
    calls = Invoice.objects.filter(kind=InvoiceKind.INVOICE, period_year=year).with_payment_state()
    states = {call.collectivity.member_roles.get().user.username: state_of(call) for call in calls}
    assert states == {
        "referent.active": State.PAID,
        "referent.territoire": State.PAID,
        "referent.grace": State.OVERDUE,  # partly paid, after its due date
        "referent.echue": State.OVERDUE,
        "referent.demission": State.CREDITED,
    }
    online = Payment.objects.get(method="stripe")
    assert online.stripe_session_id.startswith("cs_test_") and online.stripe_payment_intent.startswith(
        "pi_test_"
    )
    assert Payment.objects.filter(method="mandat").count() == 1
    partly = Payment.objects.get(method="transfer")
    assert 0 < partly.amount_cents < partly.invoice.amount_cents
    assert not StripeEvent.objects.exists()  # nothing asked of Stripe
    # numbers follow the dates of issue
    numbered = list(Invoice.objects.order_by("year", "sequence").values_list("issued_on", flat=True))
    assert numbered == sorted(numbered)
    # the members keep the status the members demo gave them
    for login, status in MEMBERS.items():
        membership = Membership.objects.get(collectivity__member_roles__user__username=login)
        assert membership.get_status() == status
    assert "5 appel(s) de démonstration émis" in lines[-1]
    count = Invoice.objects.count()
    demo.load(lines.append)
    assert Invoice.objects.count() == count == 6
    assert Payment.objects.count() == 3
    assert "0 appel(s)" in lines[-1]
    page = admin_client.get(reverse("dues_dashboard:index")).content.decode()
    assert "à titre d'illustration" in page


def test_demo_without_members_issues_nothing():
    lines = []
    demo.load(lines.append)
    assert not Invoice.objects.exists()
