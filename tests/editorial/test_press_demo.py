"""The demo press room: built once, unchanged by a second run, every page and link served."""

import zipfile
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site, Workflow, WorkflowPage

from editorial import demo_press
from editorial.models.press import (
    PressContact,
    PressKitArchive,
    PressKitPage,
    PressReleasePage,
    PressReleasePdf,
    PressRoomPage,
)
from tests.editorial.htmlparse import html_lang, parse

pytestmark = pytest.mark.django_db

COUNTED = [Page, Revision, PressContact, PressReleasePdf, PressKitArchive, Workflow, WorkflowPage]


def counts() -> dict[str, int]:
    models = [*COUNTED, get_document_model(), get_image_model()]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def press_demo(demo_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo_press.load(lambda message: None)
    return demo_site


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
        "presse@villes-internet.test",
        "contact-presse@villes-internet.test",
    }


def test_the_demo_release_and_kit_have_their_pdf_and_zip(press_demo):
    for release in PressReleasePage.objects.all():
        with PressReleasePdf.objects.get(page=release).file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
    kit = PressKitPage.objects.get()
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


def internal(href: str) -> str | None:
    if not href or href.startswith(("#", "mailto:", "tel:")):
        return None
    parts = urlsplit(href)
    hosts = set(Site.objects.values_list("hostname", flat=True))
    if parts.netloc and parts.hostname not in hosts:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_every_press_page_is_well_formed_and_its_links_work(press_demo, client):
    pages = Page.objects.live().type(PressRoomPage, PressReleasePage, PressKitPage).select_related("locale")
    assert pages.count() == 5
    links: dict[str, str] = {}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        doc = parse(response.content)
        assert len(doc.find_all("h1")) == 1, page.url
        assert html_lang(doc) == page.locale.language_code
        assert not [
            s for s in doc.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"
        ]
        assert not any(e.get("style") for e in doc.iter())
        for a in doc.find_all("a"):
            path = internal(a.get("href") or "")
            if path:
                links.setdefault(path, page.url)
    broken = []
    for path, found_on in sorted(links.items()):
        if path.startswith(settings.MEDIA_URL):
            # Served by the web server in production; the test storage keeps files in memory.
            if not default_storage.exists(path.removeprefix(settings.MEDIA_URL)):
                broken.append(f"{path} (linked from {found_on}) is missing")
        elif path.startswith("/documents/"):
            document_id = int(path.split("/")[2])
            if not get_document_model().objects.filter(pk=document_id).exists():
                broken.append(f"{path} (linked from {found_on}) is missing")
        elif client.get(path).status_code != 200:
            broken.append(f"{path} (linked from {found_on}) answers {client.get(path).status_code}")
    assert not broken, "\n".join(broken)
    assert any(path.startswith("/documents/") for path in links)
