"""The Atlaas panel of the admin home: how many sheets wait for moderation, the oldest of them
linked to their edit page, a link to the filtered listing; a fixed number of queries."""

from html import unescape

import pytest

from actions import services
from actions.factories import ActionSheetFactory
from actions.models import SheetStatus
from actions.panels import OLDEST_SHOWN, ActionSheetsPanel
from tests.core.admin_panels import links, render, render_counting, table

pytestmark = pytest.mark.django_db
AWAITING_URL = "/admin/atlaas/fiches/?moderation=attente"


def test_the_panel_counts_the_sheets_waiting_and_names_the_oldest(admin_user):
    waiting = ActionSheetFactory(title="Un tiers-lieu numérique")
    ActionSheetFactory(status=SheetStatus.DRAFT, title="Brouillon jamais soumis")
    reviewed = ActionSheetFactory(title="Déjà lue")
    services.moderate(actor=admin_user, sheet=reviewed, status=SheetStatus.PUBLISHED)

    html = render(ActionSheetsPanel(), admin_user)

    assert table(html, "Modération de l'Atlaas") == {"À modérer": ["1"]}
    assert list(table(html, "Les plus anciennes à modérer")) == ["Un tiers-lieu numérique"]
    found = links(html)
    assert found["1"] == AWAITING_URL
    assert found["Fiches à modérer"] == AWAITING_URL
    assert found["Un tiers-lieu numérique"] == f"/admin/atlaas/fiches/edit/{waiting.pk}/"


def test_an_empty_queue_says_so(admin_user):
    html = render(ActionSheetsPanel(), admin_user)
    assert table(html, "Modération de l'Atlaas") == {"À modérer": ["0"]}
    assert "Aucune fiche n'attend la modération." in unescape(html)


def test_the_links_open_the_listing_and_the_sheet(admin_client):
    sheet = ActionSheetFactory()
    assert admin_client.get(AWAITING_URL).status_code == 200
    assert admin_client.get(f"/admin/atlaas/fiches/edit/{sheet.pk}/").status_code == 200


def test_not_shown_to_staff_who_cannot_moderate(django_user_model):
    editor = django_user_model.objects.create_user(username="lecteur", email="l@exemple.test", is_staff=True)
    ActionSheetFactory()
    assert render(ActionSheetsPanel(), editor) == ""


def test_the_panel_queries_do_not_grow_with_the_rows(admin_user):
    ActionSheetFactory()
    _, few = render_counting(ActionSheetsPanel(), admin_user)
    ActionSheetFactory.create_batch(12)
    html, many = render_counting(ActionSheetsPanel(), admin_user)
    assert table(html, "Modération de l'Atlaas") == {"À modérer": ["13"]}
    assert len(table(html, "Les plus anciennes à modérer")) == OLDEST_SHOWN
    assert many == few <= 2
