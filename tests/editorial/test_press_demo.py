"""The demo press room: built once, unchanged by a second run (tests/editorial/test_page_quality.py
crawls its pages and links)."""

import zipfile

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Workflow, WorkflowPage

from editorial import demo_press
from editorial.models.press import (
    PressContact,
    PressKitArchive,
    PressKitPage,
    PressReleasePage,
    PressReleasePdf,
    PressRoomPage,
)

pytestmark = pytest.mark.django_db

COUNTED = [Page, Revision, PressContact, PressReleasePdf, PressKitArchive, Workflow, WorkflowPage]


def counts() -> dict[str, int]:
    models = [*COUNTED, get_document_model(), get_image_model()]
    return {model.__name__: model.objects.count() for model in models}


def test_the_demo_builds_the_press_room(press_demo):
    room = PressRoomPage.objects.get(locale__language_code="fr")
    assert room.url == "/presse/"
    english = PressRoomPage.objects.get(locale__language_code="en")
    assert english.url == "/en/press/"
    assert english.translation_key == room.translation_key
    release = PressReleasePage.objects.get(locale__language_code="fr")
    assert release.release_date.isoformat() == "2026-01-30"
    assert PressReleasePage.objects.filter(
        locale__language_code="en", translation_key=release.translation_key
    ).exists()
    assert WorkflowPage.objects.get(page=room).workflow.name == "Relecture"
    # The seed's personal address and number of the press officer are not published.
    assert not PressContact.objects.filter(email__endswith="isee-communication.fr").exists()
    assert set(PressContact.objects.values_list("email", flat=True)) <= {
        "presse@example.org",
        "contact-presse@example.org",
    }
    # Nor is the real agency's name given invented details.
    assert not PressContact.objects.filter(organisation__icontains="Isée").exists()


def test_the_demo_release_and_kit_have_their_pdf_and_zip(press_demo):
    for release in PressReleasePage.objects.all():
        with PressReleasePdf.objects.get(page=release).file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
    kit = PressKitPage.objects.get(locale__language_code="fr")
    with PressKitArchive.objects.get(page=kit).file.open("rb") as handle:
        names = zipfile.ZipFile(handle).namelist()
    assert names == [
        "documents/01-fiche-didentite-de-villes-internet-demonstration.pdf",
        "documents/02-palmares-2025-les-chiffres-demonstration.pdf",
        "logos/01-logo-image-generee-pour-la-demonstration.png",
        "photos/01-le-panneau-du-label-symbole-des-collectivites-labellisees.png",
    ]


def test_a_second_run_changes_nothing(press_demo, django_capture_on_commit_callbacks):
    before = counts()
    messages = []
    with django_capture_on_commit_callbacks(execute=True):
        demo_press.load(messages.append)
    assert counts() == before
    assert messages == []
