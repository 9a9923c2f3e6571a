"""The ZIP of a press kit: its documents and photo originals with predictable names, built
once per live revision, rebuilt when the kit is published again."""

import io
import zipfile

import pytest

from core import documents
from editorial.models.press import PressKitArchive, PressKitDocument
from editorial.services import press
from tests.editorial.press_helpers import document, kit, make_press_room, png, reload

pytestmark = pytest.mark.django_db


def archive_files(page) -> dict[str, bytes]:
    stored = PressKitArchive.objects.get(page=page)
    with stored.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def published_kit(demo_site, django_capture_on_commit_callbacks):
    room = make_press_room(demo_site)
    files = [
        document("Carte d'identité", b"%PDF-1.4 identite", "identite.pdf"),
        document("Palmarès 2025", b"%PDF-1.4 palmares", "palmares.pdf"),
    ]
    images = [(png("Cérémonie", "blue"), "photo"), (png("Logo officiel", "green"), "logo")]
    with django_capture_on_commit_callbacks(execute=True):
        page = kit(room, documents=files, photos=images)
    return page, files, images


def test_the_zip_holds_the_documents_and_originals(published_kit):
    page, files, images = published_kit

    contents = archive_files(page)

    assert sorted(contents) == [
        "documents/01-carte-didentite.pdf",
        "documents/02-palmares-2025.pdf",
        "logos/01-logo-officiel.png",
        "photos/01-ceremonie.png",
    ]
    assert contents["documents/02-palmares-2025.pdf"] == b"%PDF-1.4 palmares"
    with images[0][0].file.open("rb") as original:
        assert contents["photos/01-ceremonie.png"] == original.read()


def test_the_same_kit_gives_the_same_bytes(published_kit):
    page, _, _ = published_kit
    assert press.build_kit_zip(page) == press.build_kit_zip(reload(page))


def test_an_unchanged_kit_is_not_rebuilt(published_kit):
    page, _, _ = published_kit
    first = PressKitArchive.objects.get(page=page)

    again = documents.build(PressKitArchive, page.pk)

    assert again.file.name == first.file.name


def test_publishing_again_with_other_documents_rebuilds_it(published_kit, django_capture_on_commit_callbacks):
    page, files, _ = published_kit
    first_archive = PressKitArchive.objects.get(page=page)
    page = reload(page)
    page.documents = [
        PressKitDocument(document=files[1]),
        PressKitDocument(document=document("Motion", b"motion", "motion.odt")),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert sorted(archive_files(page)) == [
        "documents/01-palmares-2025.pdf",
        "documents/02-motion.odt",
        "logos/01-logo-officiel.png",
        "photos/01-ceremonie.png",
    ]
    assert PressKitArchive.objects.get(page=page).revision == str(reload(page).live_revision_id)
    assert not PressKitArchive.objects.filter(pk=first_archive.pk).exists()
    assert not first_archive.file.storage.exists(first_archive.file.name)


def test_the_kit_page_links_the_zip_photos_and_credits(published_kit, client):
    page, _, images = published_kit
    archive = PressKitArchive.objects.get(page=page)

    html = client.get(page.url).content.decode()

    assert f'href="{archive.url}"' in html
    assert "Télécharger tout le dossier (ZIP)" in html
    assert "Crédit : Photo Fictive" in html
    assert f'href="{images[0][0].file.url}"' in html
    assert 'alt="Image Cérémonie"' in html
    assert archive.file.storage.exists(archive.file.name)


def test_kit_page_query_count_does_not_grow_with_photos(demo_site, client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    room = make_press_room(demo_site)

    def queries(photo_count: int, slug: str) -> int:
        images = [(png(f"{slug} {n}", "blue"), "photo" if n % 2 else "logo") for n in range(photo_count)]
        files = [document(f"{slug} document {n}", b"x", f"{slug}-{n}.pdf") for n in range(photo_count)]
        page = kit(room, documents=files, photos=images, slug=slug, title=slug)
        client.get(page.url)  # the first visit creates the renditions
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    small, large = queries(2, "petit"), queries(6, "grand")
    assert small == large
    with django_assert_max_num_queries(12):  # 12 or fewer with a warm process (31 before)
        client.get("/presse/grand/")
