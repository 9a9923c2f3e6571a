"""Staff moderate the sheets: publish or withdraw with a reason (audit log), the queue of sheets
waiting for moderation, and what the collectivity's people see of a withdrawal."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from actions import services
from actions.factories import ActionSheetFactory, ServiceFactory
from actions.models import ActionSheet, SheetStatus
from actions.services.imports import import_sheets
from members.factories import MemberRoleFactory
from tests.conftest import activate_totp

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/atlaas/fiches/"


def _moderate_url(sheet, decision):
    return reverse("actions_moderate", args=[sheet.pk, decision])


def _logs(sheet):
    entries = ModelLogEntry.objects.filter(object_id=str(sheet.pk)).order_by("pk")
    return list(entries.values_list("action", "data"))


def test_withdrawing_needs_a_reason_and_nothing_changes_without_it(admin_user):
    sheet = ActionSheetFactory()
    with pytest.raises(ValidationError) as error:
        services.moderate(actor=admin_user, sheet=sheet, status=SheetStatus.WITHDRAWN, reason="  ")
    assert "reason" in error.value.message_dict
    sheet.refresh_from_db()
    assert (sheet.status, sheet.reviewed_at) == (SheetStatus.PUBLISHED, None)
    assert _logs(sheet) == []


def test_only_staff_moderate():
    sheet = ActionSheetFactory()
    person = MemberRoleFactory(collectivity=sheet.collectivity).user
    with pytest.raises(PermissionDenied):
        services.moderate(actor=person, sheet=sheet, status=SheetStatus.WITHDRAWN, reason="Non.")
    assert ActionSheet.objects.get().status == SheetStatus.PUBLISHED


def test_the_queue_of_sheets_awaiting_moderation(admin_user):
    published = ActionSheetFactory()
    draft = ActionSheetFactory(status=SheetStatus.DRAFT)
    assert list(ActionSheet.objects.awaiting_moderation()) == [published]  # drafts are not submitted

    services.moderate(actor=admin_user, sheet=published, status=SheetStatus.PUBLISHED)
    assert not ActionSheet.objects.awaiting_moderation().exists()
    published.refresh_from_db()
    assert published.reviewed_by == admin_user
    assert _logs(published) == [(services.sheets.LOG_APPROVE, {"reason": "", "previous_status": "published"})]

    # Its collectivity changes it: it waits for a new reading.
    person = MemberRoleFactory(collectivity=published.collectivity).user
    services.update_sheet(
        actor=person,
        sheet=published,
        values={"title": "Nouveau titre"},
        services=list(published.services.all()),
        publish=True,
    )
    assert list(ActionSheet.objects.awaiting_moderation()) == [published]
    assert draft not in ActionSheet.objects.awaiting_moderation()


def test_a_withdrawn_sheet_corrected_by_its_collectivity_waits_again_and_stays_withdrawn(client, admin_user):
    sheet = ActionSheetFactory(title="Ateliers")
    services.moderate(
        actor=admin_user, sheet=sheet, status=SheetStatus.WITHDRAWN, reason="Le résumé cite une marque."
    )
    assert not ActionSheet.objects.awaiting_moderation().exists()
    assert not ActionSheet.objects.published().exists()

    person = MemberRoleFactory(collectivity=sheet.collectivity).user
    client.force_login(person)
    listing = client.get(reverse("actions_portal:list")).content.decode()
    assert "Retirée par la modération" in listing
    assert "Motif du retrait : Le résumé cite une marque." in listing
    form = client.get(reverse("actions_portal:edit", args=[sheet.pk])).content.decode()
    assert "Le résumé cite une marque." in form and "demander une relecture" in form

    response = client.post(
        reverse("actions_portal:edit", args=[sheet.pk]),
        {
            "title": "Ateliers",
            "summary": "Un résumé corrigé.",
            "services": [sheet.services.get().pk],
            "started_on": "2025-03-01",
            "ongoing": "on",
            "action": "publier",  # even a forged "publish" keeps it withdrawn
        },
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.status, sheet.summary) == (SheetStatus.WITHDRAWN, "Un résumé corrigé.")
    assert list(ActionSheet.objects.awaiting_moderation()) == [sheet]


def test_staff_see_the_queue_and_withdraw_a_sheet_with_a_reason_in_the_admin(admin_client, admin_user):
    waiting = ActionSheetFactory(title="Fiche en attente")
    reviewed = ActionSheetFactory(title="Fiche déjà relue")
    services.moderate(actor=admin_user, sheet=reviewed, status=SheetStatus.PUBLISHED)

    queue = admin_client.get(LIST_URL, {"moderation": "attente"}).content.decode()
    assert "Fiche en attente" in queue and "Fiche déjà relue" not in queue
    listing = admin_client.get(LIST_URL).content.decode()
    assert _moderate_url(waiting, "retirer") in listing
    assert _moderate_url(waiting, "publier") in listing  # "Valider"
    assert _moderate_url(reviewed, "publier") not in listing  # already read
    edit = admin_client.get(reverse("wagtailsnippets_actions_actionsheet:edit", args=[waiting.pk]))
    assert _moderate_url(waiting, "retirer") in edit.content.decode()

    page = admin_client.get(_moderate_url(waiting, "retirer"))
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()

    # No reason: refused with a message, nothing changed.
    response = admin_client.post(_moderate_url(waiting, "retirer"), {"reason": ""})
    assert response.status_code == 400
    assert "Indiquez le motif du retrait" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == SheetStatus.PUBLISHED and _logs(waiting) == []

    response = admin_client.post(_moderate_url(waiting, "retirer"), {"reason": "Contenu publicitaire."})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, waiting.moderation_reason, waiting.reviewed_by) == (
        SheetStatus.WITHDRAWN,
        "Contenu publicitaire.",
        admin_user,
    )
    assert _logs(waiting) == [
        (services.sheets.LOG_WITHDRAW, {"reason": "Contenu publicitaire.", "previous_status": "published"})
    ]
    history = admin_client.get(reverse("wagtailsnippets_actions_actionsheet:history", args=[waiting.pk]))
    text = history.content.decode()
    assert "par la modération. Motif : Contenu publicitaire." in text

    # Staff publish it again.
    assert admin_client.post(_moderate_url(waiting, "publier"), {"reason": "Corrigée."}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == SheetStatus.PUBLISHED
    assert _logs(waiting)[-1][0] == services.sheets.LOG_PUBLISH


def test_a_non_staff_post_is_refused(client):
    sheet = ActionSheetFactory()
    member = MemberRoleFactory(collectivity=sheet.collectivity).user
    client.force_login(member)
    response = client.post(_moderate_url(sheet, "retirer"), {"reason": "Je retire."})
    assert response.status_code == 403

    # Even a user who may open the admin, but is not staff.
    member.user_permissions.add(Permission.objects.get(codename="access_admin"))
    activate_totp(member)
    client.force_login(member)
    response = client.post(_moderate_url(sheet, "retirer"), {"reason": "Je retire."})
    # Wagtail turns the view's PermissionDenied into a redirect to the dashboard with a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get(LIST_URL + "?moderation=attente").status_code in (302, 403)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.reviewed_at) == (SheetStatus.PUBLISHED, None)
    assert _logs(sheet) == []


def test_an_unknown_decision_is_not_found(admin_client):
    sheet = ActionSheetFactory()
    assert admin_client.post(_moderate_url(sheet, "effacer"), {"reason": "x"}).status_code == 404


def test_reimporting_a_withdrawn_sheet_keeps_it_withdrawn(admin_user):
    service = ServiceFactory(code="wifi-public")
    sheet = ActionSheetFactory(services=[service], external_id="A1", started_on=datetime.date(2025, 1, 2))
    services.moderate(actor=admin_user, sheet=sheet, status=SheetStatus.WITHDRAWN, reason="Doublon.")
    header = "code_insee;identifiant;titre;resume;services;debut;fin;public;partenaires;budget;liens;statut\n"
    row = f"{sheet.collectivity.insee_code};A1;Autre titre;R;wifi-public;2025-01-02;;;;;;publiee\n"
    import_sheets((header + row).encode())
    sheet.refresh_from_db()
    assert (sheet.title, sheet.status) == ("Autre titre", SheetStatus.WITHDRAWN)


def test_the_demo_leaves_a_few_sheets_in_the_moderation_queue(full_demo):
    from actions.demo import AWAITING_MODERATION

    queue = ActionSheet.objects.awaiting_moderation()
    assert queue.count() == AWAITING_MODERATION
    assert ActionSheet.objects.published().count() > 10_000


def test_the_demo_history_pages_list_the_sheets_in_both_languages(full_demo, client):
    from territories.models import Collectivity

    dijon = Collectivity.objects.get(slug="dijon")
    published = ActionSheet.objects.published().filter(collectivity=dijon).count()
    assert published > 10
    french = client.get("/label/palmares/collectivites/dijon/").content.decode()
    assert 'id="fiches-actions">Fiches actions dans l' in french
    assert f"Les {published} fiches actions de Dijon dans le catalogue" in french
    english = client.get("/en/label/palmares/collectivites/dijon/").content.decode()
    assert 'href="/en/' in english.split('aria-labelledby="fiches-actions"')[1].split("</section>")[0]


def test_sheets_published_before_moderation_existed_do_not_fill_the_queue():
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "actions.migrations.0005_sheets_published_before_moderation_are_reviewed"
    )
    published = ActionSheetFactory()
    draft = ActionSheetFactory(status=SheetStatus.DRAFT)
    assert list(ActionSheet.objects.awaiting_moderation()) == [published]

    migration.mark_reviewed(apps, None)

    assert not ActionSheet.objects.awaiting_moderation().exists()
    draft.refresh_from_db()
    assert draft.reviewed_at is None  # a draft was never public: nothing to say it was read
