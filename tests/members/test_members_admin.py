"""Staff manage members in the Wagtail admin: list, filters, search, inspect, history, exports;
roles and invitations go through the services (their rules, locks and audit log entries)."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from members import services
from members.models import Invitation, MemberRole, Membership, Role
from territories.factories import CollectivityFactory
from territories.models import Collectivity
from tests.conftest import activate_totp

from .conftest import make_person, make_side

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/adherents/adhesions/"
PEOPLE_URL = "/admin/adherents/personnes/"
INVITATIONS_URL = "/admin/adherents/invitations/"


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


def test_list_filters_by_label_category(admin_client, ours, lapsed):
    Collectivity.objects.filter(pk=ours.collectivity.pk).update(population=1200)
    Collectivity.objects.filter(pk=lapsed.collectivity.pk).update(population=48000)

    villages = admin_client.get(LIST_URL, {"category": "village"}).content.decode()
    villes = admin_client.get(LIST_URL, {"category": "ville"}).content.decode()

    assert "Brumeval-sur-Onde" in villages and "Nuéebourg-les-Fables" not in villages
    assert "Nuéebourg-les-Fables" in villes and "Brumeval-sur-Onde" not in villes


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
    admin_client.get(LIST_URL)  # new collectivities emptied the fragment cache
    with django_assert_max_num_queries(20) as large:
        response = admin_client.get(LIST_URL)
    assert "Fablecourt 14" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)


def test_csv_export(admin_client, ours, lapsed):
    """For French Excel (core.csv_export): BOM, ";", Oui/Non, formulas written as text."""
    Collectivity.objects.filter(pk=lapsed.collectivity.pk).update(name="=1+1 Nuéebourg")
    response = admin_client.get(LIST_URL, {"export": "csv"})

    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Collectivité;Code INSEE;")
    assert any(line.startswith("Brumeval-sur-Onde;") and ";À jour;" in line for line in lines)
    assert any(line.startswith("'=1+1 Nuéebourg;") and ";Échue;" in line for line in lines)
    assert all(line.endswith((";Non", ";Oui")) for line in lines[1:])


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


# --- roles: change_role and remove_person --------------------------------------------------


def test_staff_change_a_role_through_the_service_and_the_log_names_them(admin_client, admin_user, ours):
    role = ours.role_of(ours.agent)
    form = admin_client.get(f"{PEOPLE_URL}edit/{role.pk}/")
    assert form.status_code == 200 and 'name="role"' in form.content.decode()

    response = admin_client.post(f"{PEOPLE_URL}edit/{role.pk}/", {"role": Role.ELU})

    assert response.status_code == 302
    assert ours.role_of(ours.agent).role == Role.ELU
    entry = ModelLogEntry.objects.get(action=services.ACTION_CHANGE_ROLE)
    assert entry.user == admin_user
    assert (entry.data["from"], entry.data["to"]) == (Role.AGENT, Role.ELU)
    history = admin_client.get(f"/admin/adherents/adhesions/history/{ours.membership.pk}/").content.decode()
    assert f"Rôle de {ours.agent.email} : Agent → Élu" in history


def test_an_editor_whose_group_may_change_roles_changes_them(client, ours):
    editor = make_person("editrice@villes-internet.test", "Inès", "Éditrice")
    group = Group.objects.create(name="Adhérents")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="members", codename="change_memberrole"),
    )
    editor.groups.add(group)
    activate_totp(editor)
    client.force_login(editor)
    role = ours.role_of(ours.agent)

    response = client.post(f"{PEOPLE_URL}edit/{role.pk}/", {"role": Role.ELU})

    assert response.status_code == 302
    assert ours.role_of(ours.agent).role == Role.ELU
    assert ModelLogEntry.objects.get(action=services.ACTION_CHANGE_ROLE).user == editor


def test_staff_cannot_demote_the_last_referent_and_the_form_says_why(admin_client, ours):
    role = ours.role_of(ours.referent)

    response = admin_client.post(
        f"{PEOPLE_URL}edit/{role.pk}/",
        {"user": ours.referent.pk, "collectivity": ours.collectivity.pk, "role": Role.AGENT},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ariane Référente a est le seul référent de Brumeval-sur-Onde" in html
    assert MemberRole.objects.get(pk=role.pk).role == Role.REFERENT
    assert not ModelLogEntry.objects.filter(action=services.ACTION_CHANGE_ROLE).exists()


def test_the_role_form_changes_only_the_role(admin_client, ours, theirs):
    role = ours.role_of(ours.agent)

    admin_client.post(
        f"{PEOPLE_URL}edit/{role.pk}/",
        {"user": ours.elu.pk, "collectivity": theirs.collectivity.pk, "role": Role.ELU},
    )

    role.refresh_from_db()
    assert (role.user, role.collectivity, role.role) == (ours.agent, ours.collectivity, Role.ELU)


def test_staff_cannot_remove_the_last_referent_in_the_admin(admin_client, ours):
    role = ours.role_of(ours.referent)

    confirm = admin_client.get(f"{PEOPLE_URL}delete/{role.pk}/")
    response = admin_client.post(f"{PEOPLE_URL}delete/{role.pk}/", follow=True)

    assert confirm.status_code == 200
    assert MemberRole.objects.filter(pk=role.pk).exists()
    assert "seul référent de Brumeval-sur-Onde" in response.content.decode()
    assert not ModelLogEntry.objects.filter(action=services.ACTION_REMOVE).exists()


def test_staff_remove_a_person_through_the_service(admin_client, admin_user, ours):
    role = ours.role_of(ours.agent)

    response = admin_client.post(f"{PEOPLE_URL}delete/{role.pk}/", follow=True)

    assert not MemberRole.objects.filter(pk=role.pk).exists()
    assert "1 personne retirée de sa collectivité." in response.content.decode()
    entry = ModelLogEntry.objects.get(action=services.ACTION_REMOVE)
    assert entry.user == admin_user and entry.data["email"] == ours.agent.email


def bulk_delete_url(*roles):
    url = reverse("wagtail_bulk_action", args=("members", "memberrole", "delete"))
    return url + "?" + "&".join(f"id={role.pk}" for role in roles)


def test_bulk_removal_is_all_or_nothing_and_keeps_a_referent(admin_client, ours):
    services.change_role(actor=ours.referent, member_role=ours.role_of(ours.elu), role=Role.REFERENT)
    referents = [ours.role_of(ours.referent), ours.role_of(ours.elu)]
    agent = ours.role_of(ours.agent)

    refused = admin_client.post(bulk_delete_url(agent, *referents), follow=True)

    assert "seul référent de Brumeval-sur-Onde" in refused.content.decode()
    assert MemberRole.objects.filter(collectivity=ours.collectivity).count() == 3

    done = admin_client.post(bulk_delete_url(agent, referents[1]), follow=True)

    assert "2 personnes retirées de leur collectivité." in done.content.decode()
    assert list(MemberRole.objects.filter(collectivity=ours.collectivity)) == [referents[0]]
    assert ModelLogEntry.objects.filter(action=services.ACTION_REMOVE).count() == 2


def test_a_person_joins_through_an_invitation_not_an_admin_form(admin_client, ours):
    listing = admin_client.get(PEOPLE_URL).content.decode()

    response = admin_client.post(
        f"{PEOPLE_URL}add/", {"user": ours.agent.pk, "collectivity": ours.collectivity.pk, "role": "elu"}
    )

    assert f"{PEOPLE_URL}add/" not in listing
    assert response.status_code == 302 and response["Location"] == "/admin/"  # permission denied
    assert MemberRole.objects.filter(collectivity=ours.collectivity).count() == 3


# --- invitations: invite ----------------------------------------------------------------------


def test_staff_invite_from_the_admin_and_the_email_leaves(
    admin_client, admin_user, ours, django_capture_on_commit_callbacks
):
    assert admin_client.get(f"{INVITATIONS_URL}add/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"{INVITATIONS_URL}add/",
            {
                "email": " Depuis-Admin@mairie.test ",
                "collectivity": ours.collectivity.pk,
                "role": "agent",
                "language": "fr",
            },
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.invited_by) == ("depuis-admin@mairie.test", admin_user)
    assert [message.to for message in mail.outbox] == [["depuis-admin@mairie.test"]]
    entry = ModelLogEntry.objects.get(action=services.ACTION_INVITE)
    assert entry.user == admin_user and entry.object_id == str(ours.membership.pk)


def test_admin_invitation_refused_by_the_service_shows_the_form_error(
    admin_client, ours, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(
            f"{INVITATIONS_URL}add/",
            {
                "email": ours.agent.email,
                "collectivity": ours.collectivity.pk,
                "role": "elu",
                "language": "fr",
            },
        )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Cette personne fait déjà partie de la collectivité" in html
    assert f'value="{ours.agent.email}"' in html
    assert not Invitation.objects.exists() and not callbacks and not mail.outbox
    assert not ModelLogEntry.objects.filter(action=services.ACTION_INVITE).exists()


def test_a_sent_invitation_is_inspected_not_edited(admin_client, ours):
    invitation = services.invite(
        actor=ours.referent, collectivity=ours.collectivity, email="n@mairie.test", role=Role.ELU
    )
    other = make_person("autre@mairie.test")

    edit = admin_client.post(
        f"{INVITATIONS_URL}edit/{invitation.pk}/",
        {"email": other.email, "collectivity": ours.collectivity.pk, "role": "referent", "language": "fr"},
    )
    inspect = admin_client.get(f"{INVITATIONS_URL}inspect/{invitation.pk}/")
    listing = admin_client.get(INVITATIONS_URL).content.decode()

    assert edit.status_code == 302 and edit["Location"] == "/admin/"  # permission denied
    assert Invitation.objects.get(pk=invitation.pk).email == "n@mairie.test"
    assert inspect.status_code == 200 and "n@mairie.test" in inspect.content.decode()
    assert f"{INVITATIONS_URL}inspect/{invitation.pk}/" in listing
    assert f"{INVITATIONS_URL}edit/{invitation.pk}/" not in listing
