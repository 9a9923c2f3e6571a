"""Référentiel versioning, the eligibility window, who sees and edits a collectivity's sheets."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from actions import services
from actions.factories import ActionSheetFactory, ServiceFactory
from actions.models import ActionSheet, Service, SheetStatus
from members.factories import MemberRoleFactory
from territories.factories import CollectivityFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("started_on", "ended_on", "expected"),
    [
        (D(2024, 1, 1), D(2024, 2, 1), True),  # less than two years old on 2026-01-01
        (D(2025, 12, 31), None, True),
        (D(2023, 12, 31), D(2025, 12, 31), False),  # older, ended before the reference date
        (D(2023, 12, 31), D(2026, 1, 1), True),  # older, still running on the reference date
        (D(2015, 6, 1), None, True),  # ongoing
        (D(2026, 1, 1), None, False),  # started after the reference date
    ],
)
def test_eligibility_window_for_2026(started_on, ended_on, expected):
    sheet = ActionSheetFactory(started_on=started_on, ended_on=ended_on)
    assert sheet.is_eligible_for(2026) is expected
    assert ActionSheet.objects.eligible_for(2026).filter(pk=sheet.pk).exists() is expected


def test_a_draft_is_never_eligible():
    sheet = ActionSheetFactory(status=SheetStatus.DRAFT, started_on=D(2025, 1, 1))
    assert not sheet.is_eligible_for(2026)
    assert not ActionSheet.objects.eligible_for(2026).exists()


def test_services_offered_by_year_and_replacement():
    new = ServiceFactory(introduced_in=2025)
    old = ServiceFactory(introduced_in=2016, retired_in=2025, replaced_by=new)
    assert set(Service.objects.offered_in(2024)) == {old}
    assert set(Service.objects.offered_in(2025)) == {new}
    sheet = ActionSheetFactory(services=[old], started_on=D(2020, 1, 1))
    assert list(sheet.services.all()) == [old]  # an older sheet keeps its retired service
    assert old.current() == new


def test_replacement_without_retirement_is_refused():
    service = ServiceFactory.build(code="x", enjeu=ServiceFactory().enjeu, replaced_by=ServiceFactory())
    with pytest.raises(ValidationError):
        service.full_clean()


def test_drafts_are_seen_only_by_their_collectivitys_people(client):
    draft = ActionSheetFactory(status=SheetStatus.DRAFT)
    own = MemberRoleFactory(collectivity=draft.collectivity).user
    other = MemberRoleFactory().user
    assert draft in ActionSheet.objects.visible_to(own)
    assert draft not in ActionSheet.objects.visible_to(other)
    assert draft not in ActionSheet.objects.visible_to(None)


def test_only_the_collectivitys_people_write_its_sheets():
    collectivity = CollectivityFactory()
    outsider = MemberRoleFactory().user
    values = {"title": "T", "summary": "S", "started_on": D(2025, 1, 1), "ended_on": None}
    with pytest.raises(PermissionDenied):
        services.create_sheet(
            actor=outsider, collectivity=collectivity, values=values, services=[ServiceFactory()]
        )
    assert not ActionSheet.objects.exists()


def test_a_sheet_needs_a_service_and_an_end_after_its_start():
    person = MemberRoleFactory().user
    collectivity = person.member_roles.get().collectivity
    values = {"title": "T", "summary": "S", "started_on": D(2025, 1, 1), "ended_on": D(2024, 1, 1)}
    with pytest.raises(ValidationError) as error:
        services.create_sheet(actor=person, collectivity=collectivity, values=values, services=[])
    assert set(error.value.message_dict) == {"services", "ended_on"}
    assert not ActionSheet.objects.exists()


def test_portal_create_edit_and_another_collectivity_gets_404(client):
    service = ServiceFactory()
    role = MemberRoleFactory()
    client.force_login(role.user)
    response = client.post(
        reverse("actions_portal:create"),
        {
            "title": "Ateliers numériques",
            "summary": "Des ateliers.",
            "services": [service.pk],
            "started_on": "2025-02-01",
            "ongoing": "on",
            "action": "brouillon",
        },
    )
    assert response.status_code == 302
    sheet = ActionSheet.objects.get()
    assert (sheet.collectivity, sheet.status, sheet.ended_on) == (role.collectivity, SheetStatus.DRAFT, None)
    listing = client.get(reverse("actions_portal:list"))
    assert "Ateliers numériques" in listing.content.decode()

    other = ActionSheetFactory(title="Autre")
    assert client.get(reverse("actions_portal:edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("actions_portal:delete", args=[other.pk])).status_code == 404
    assert ActionSheet.objects.filter(pk=other.pk).exists()


def test_portal_form_keeps_what_was_typed_on_error(client):
    role = MemberRoleFactory()
    client.force_login(role.user)
    response = client.post(
        reverse("actions_portal:create"),
        {"title": "Mon titre", "summary": "", "started_on": "2025-02-01", "action": "publier"},
    )
    assert response.status_code == 400
    assert "Mon titre" in response.content.decode()
    assert not ActionSheet.objects.exists()
