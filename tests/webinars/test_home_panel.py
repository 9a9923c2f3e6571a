"""The webinars panel of the admin home: the next sessions with their seats taken and waiting
lists, each linked to its registrations; a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from tests.core.admin_panels import links, render, render_counting, table
from tests.webinars.conftest import future_session
from webinars.models import Registration, SessionPage, Status
from webinars.panels import WebinarsPanel

pytestmark = pytest.mark.django_db
CAPTION = "Prochaines séances"


def register(session, status, number, **fields):
    for _ in range(number):
        n = Registration.objects.count()
        Registration.objects.create(
            session=session,
            name=f"Personne {n}",
            email=f"p{n}@exemple.test",
            role="Agent",
            status=status,
            **fields,
        )


@pytest.fixture
def season(webinars_demo):
    """The demo season with none of its sessions to come: the tests add theirs."""
    SessionPage.objects.upcoming().update(cancelled_at=timezone.now())
    return webinars_demo


def test_the_panel_lists_the_next_sessions_with_seats_and_waiting_lists(season, admin_user):
    full = future_session(season, capacity=3, days=2)
    later = future_session(season, capacity=40, days=9)
    register(full, Status.CONFIRMED, 2)
    register(
        full, Status.PENDING, 1, holds_seat=True, expires_at=timezone.now() + datetime.timedelta(hours=4)
    )
    register(
        full, Status.PENDING, 1, holds_seat=True, expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    register(full, Status.WAITING, 2, waiting_since=timezone.now())
    register(full, Status.CANCELLED, 1)
    register(later, Status.CONFIRMED, 1)
    past = future_session(season, days=-3)
    register(past, Status.CONFIRMED, 5)

    html = render(WebinarsPanel(), admin_user)
    rows = table(html, CAPTION)
    assert list(rows) == [full.title, later.title]
    assert rows[full.title][1:] == ["3 sur 3", "2"]
    assert rows[later.title][1:] == ["1 sur 40", "0"]
    assert links(html)[full.title] == f"/admin/webinaires/inscriptions/?session={full.pk}"
    assert links(html)["Toutes les inscriptions"] == "/admin/webinaires/inscriptions/"


def test_no_session_to_come_says_so(season, admin_user):
    assert "Aucune séance à venir." in render(WebinarsPanel(), admin_user)


def test_the_session_link_opens_its_registrations(season, admin_client):
    session = future_session(season)
    register(session, Status.CONFIRMED, 1)
    response = admin_client.get(f"/admin/webinaires/inscriptions/?session={session.pk}")
    assert response.status_code == 200
    assert "Personne 0" in response.content.decode()


def test_the_panel_queries_do_not_grow_with_the_rows(season, admin_user):
    first = future_session(season, days=2)
    register(first, Status.CONFIRMED, 1)
    _, few = render_counting(WebinarsPanel(), admin_user)
    for days in range(3, 8):
        session = future_session(season, days=days)
        register(session, Status.CONFIRMED, 3)
        register(session, Status.WAITING, 2, waiting_since=timezone.now())
    html, many = render_counting(WebinarsPanel(), admin_user)
    assert len(table(html, CAPTION)) == 5
    assert many == few <= 2
