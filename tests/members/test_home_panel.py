"""The members panel of the admin home: memberships by status, invitations pending, links to
the listings, a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from members.factories import MembershipFactory
from members.models import Invitation, InvitationStatus, MembershipStatus
from members.panels import MembersPanel
from territories.factories import CollectivityFactory
from tests.core.admin_panels import links, render, render_counting, table

pytestmark = pytest.mark.django_db


def invitation(**fields):
    return Invitation.objects.create(
        email=f"personne{Invitation.objects.count()}@exemple.test",
        collectivity=CollectivityFactory(),
        role="agent",
        **fields,
    )


def members(active=2, grace=1, lapsed=1, pending=1, resigned=1):
    for status, number in (
        (MembershipStatus.ACTIVE, active),
        (MembershipStatus.GRACE, grace),
        (MembershipStatus.LAPSED, lapsed),
        (MembershipStatus.RESIGNED, resigned),
    ):
        MembershipFactory.create_batch(number, status=status)
    MembershipFactory.create_batch(pending, paid_until=None)


def test_the_panel_counts_memberships_by_status_and_pending_invitations(admin_user):
    members(active=3, grace=2, lapsed=1, pending=1, resigned=4)
    invitation()
    invitation()
    invitation(expires_at=timezone.now() - datetime.timedelta(days=1))  # expired
    invitation(status=InvitationStatus.ACCEPTED)

    html = render(MembersPanel(), admin_user)

    assert table(html, "Adhésions par statut") == {
        "À jour": ["3"],
        "En délai de grâce": ["2"],
        "Échue": ["1"],
        "En attente du premier paiement": ["1"],
    }
    assert table(html, "Invitations") == {"En attente d'acceptation": ["2"]}
    found = links(html)
    assert found["2"] == "/admin/adherents/invitations/"
    assert found["Toutes les adhésions"] == "/admin/adherents/adhesions/"
    assert 'href="/admin/adherents/adhesions/?status=grace"' in html
    assert "<caption" in html and 'scope="row"' in html


def test_the_status_links_open_the_filtered_listing(admin_client):
    members(active=1, grace=1, lapsed=0, pending=0, resigned=0)
    grace = MembershipFactory(status=MembershipStatus.GRACE)
    response = admin_client.get("/admin/adherents/adhesions/?status=grace")
    assert response.status_code == 200
    assert grace.collectivity.name in response.content.decode()


def test_the_panel_queries_do_not_grow_with_the_rows(admin_user):
    members(1, 1, 1, 1, 1)
    invitation()
    render(MembersPanel(), admin_user)  # site settings rows are created on first use
    _, few = render_counting(MembersPanel(), admin_user)
    members(10, 8, 6, 5, 3)
    for _ in range(6):
        invitation()
    render(MembersPanel(), admin_user)  # new collectivities emptied the fragment cache
    html, many = render_counting(MembersPanel(), admin_user)
    assert table(html, "Adhésions par statut")["À jour"] == ["11"]
    assert many == few <= 5


def test_the_panel_is_hidden_from_staff_without_access(django_user_model):
    user = django_user_model.objects.create_user(username="redac", email="redac@exemple.test", password="x")
    assert render(MembersPanel(), user) == ""
