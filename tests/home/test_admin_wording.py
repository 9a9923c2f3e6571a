"""The French admin reads right: the label editions' add button, the default workflow's name."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, Task, Workflow

from editorial.models import StandardPage
from home.models import HomePage
from label.models import LabelEdition
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db


def test_label_editions_add_button_reads_ajouter_une_edition(admin_client):
    doc = parse(admin_client.get("/admin/label/editions/", HTTP_ACCEPT_LANGUAGE="fr").content)

    buttons = [a.text for a in doc.find_all("a") if (a.get("href") or "").endswith("/label/editions/add/")]
    assert "Ajouter une édition" in buttons
    assert not any("Ajouter édition" in text for text in buttons)
    assert LabelEdition._meta.verbose_name == "édition du label"


def test_default_workflow_and_task_are_named_in_french(db):
    """Wagtail's migration creates "Moderators approval"; ours renames it."""
    names = set(Workflow.objects.values_list("name", flat=True)) | set(
        Task.objects.values_list("name", flat=True)
    )

    assert "Moderators approval" not in names
    assert "Validation par les modérateurs" in names


def test_translate_form_and_settings_menu_say_langues_not_regions(admin_client):
    """wagtail-localize's French catalogue calls the locales "Régions"."""
    Locale.objects.get_or_create(language_code="fr")
    Locale.objects.get_or_create(language_code="en")
    home = HomePage(title="Accueil", slug="accueil-test")
    Page.get_first_root_node().add_child(instance=home)
    page = StandardPage(title="Une page", slug="une-page")
    home.add_child(instance=page)

    response = admin_client.get(reverse("wagtail_localize:submit_page_translation", args=[page.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Régions" not in content  # neither the form's field nor the settings menu
    labels = [label.text for label in parse(response.content).find_all("label")]
    assert any(text.startswith("Langues") for text in labels), labels
