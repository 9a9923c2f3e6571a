"""Staff manage members in the Wagtail admin: list, filters, search, inspect, history, exports."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from members import services
from members.models import MemberRole, Membership, Role
from territories.factories import CollectivityFactory

from .conftest import make_side

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/adherents/adhesions/"


@pytest.fixture
def lapsed(db):
    return make_side("c", "Nuéebourg-les-Fables", timezone.localdate() - datetime.timedelta(days=400))


def test_list_filters_by_status(admin_client, ours, lapsed):
    response = admin_client.get(LIST_URL, {"status": "lapsed"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nuéebourg-les-Fables" in html and "Brumeval-sur-Onde" not in html


def test_list_searches_by_name(admin_client, ours, lapsed):
    html = admin_client.get(LIST_URL, {"q": "Brumeval"}).content.decode()
    assert "Brumeval-sur-Onde" in html and "Nuéebourg-les-Fables" not in html


def test_list_filters_by_region_and_population(admin_client, ours, lapsed):
    region = ours.collectivity.region
    html = admin_client.get(LIST_URL, {"region": region.pk}).content.decode()
    assert "Brumeval-sur-Onde" in html
    big = ours.collectivity.population + 1
    html = admin_client.get(LIST_URL, {"population_min": big}).content.decode()
    assert "Brumeval-sur-Onde" not in html


def test_list_query_count_does_not_grow(admin_client, ours, django_assert_max_num_queries):
    def add(count, start):
        for index in range(start, start + count):
            Membership.objects.create(
                collectivity=CollectivityFactory(name=f"Fablecourt {index}"),
                started_on=datetime.date(2020, 1, 1),
                paid_until=datetime.date(2030, 1, 1),
            )

    add(5, 0)
    admin_client.get(LIST_URL)
    with django_assert_max_num_queries(20) as small:
        admin_client.get(LIST_URL)
    add(10, 5)
    with django_assert_max_num_queries(20) as large:
        response = admin_client.get(LIST_URL)
    assert "Fablecourt 14" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)


def test_csv_export(admin_client, ours, lapsed):
    response = admin_client.get(LIST_URL, {"export": "csv"})

    content = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = content.strip().splitlines()
    assert lines[0].startswith("Collectivité,")
    assert any(line.startswith("Brumeval-sur-Onde,") and "À jour" in line for line in lines)
    assert any(line.startswith("Nuéebourg-les-Fables,") and "Échue" in line for line in lines)


def test_xlsx_export(admin_client, ours, lapsed):
    response = admin_client.get(LIST_URL, {"export": "xlsx"})

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Collectivité"
    assert {row[0] for row in rows[1:]} == {"Brumeval-sur-Onde", "Nuéebourg-les-Fables"}


def test_inspect_shows_people_and_history_shows_changes(admin_client, ours):
    services.change_role(actor=ours.referent, member_role=ours.role_of(ours.agent), role=Role.ELU)

    inspect = admin_client.get(f"/admin/adherents/adhesions/inspect/{ours.membership.pk}/").content.decode()
    history = admin_client.get(f"/admin/adherents/adhesions/history/{ours.membership.pk}/").content.decode()

    assert "Céleste Agente a (Élu)" in inspect and "Ariane Référente a (Référent)" in inspect
    assert f"Rôle de {ours.agent.email} : Agent → Élu" in history


def test_staff_cannot_remove_the_last_referent_in_the_admin(admin_client, ours):
    role = ours.role_of(ours.referent)

    admin_client.post(f"/admin/adherents/personnes/delete/{role.pk}/")
    response = admin_client.post(
        f"/admin/adherents/personnes/edit/{role.pk}/",
        {"user": ours.referent.pk, "collectivity": ours.collectivity.pk, "role": Role.AGENT},
    )

    assert MemberRole.objects.get(pk=role.pk).role == Role.REFERENT
    assert "plus de référent" in response.content.decode()


def test_staff_invite_from_the_admin_and_the_email_leaves(admin_client, ours):
    from django.core import mail

    response = admin_client.post(
        "/admin/adherents/invitations/add/",
        {
            "email": "depuis-admin@mairie.test",
            "collectivity": ours.collectivity.pk,
            "role": "agent",
            "language": "fr",
        },
    )

    assert response.status_code == 302
    assert mail.outbox[0].to == ["depuis-admin@mairie.test"]
