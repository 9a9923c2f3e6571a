"""The generated-document pattern (core.documents): a file built in a task for the current
revision of its object, replaced when the object changes, deleted at once when it is
unpublished or deleted, built once per revision, and a failing build changes nothing.

The press release PDF is the concrete kind used here, with a small text builder in place of
WeasyPrint so that each test says exactly what was built and when."""

import io
import logging
import re

import pytest
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django_tasks.signals import task_enqueued, task_finished
from PIL import Image as PillowImage
from wagtail.models import Locale, Page, Site

from core import documents
from core.documents import BuiltFile, DocumentBuildError
from core.pdf import BASE_URL, html_to_pdf, read_local_file
from editorial.models.press import PressKitArchive, PressReleasePdf
from editorial.services import press
from home.models import HomePage
from tests.editorial.press_helpers import kit, make_press_room, release, reload
from tests.editorial.test_press_pdf import inflated

pytestmark = pytest.mark.django_db


class TextBuilder:
    """Builds `<title> (<revision>)` as text; counts its calls; fails when told to."""

    def __init__(self) -> None:
        self.calls: list[int] = []
        self.failure: Exception | None = None
        self.during_build = None

    def __call__(self, page) -> BuiltFile:
        self.calls.append(page.live_revision_id)
        if self.during_build is not None:
            self.during_build(page)
        if self.failure is not None:
            raise self.failure
        return BuiltFile(f"communique-{page.slug}.txt", f"{page.title} ({page.live_revision_id})".encode())


@pytest.fixture
def builder():
    text_builder = TextBuilder()
    documents.register(PressReleasePdf, text_builder)
    yield text_builder
    documents.register(PressReleasePdf, press.release_pdf)


@pytest.fixture(autouse=True)
def empty_storage(settings):
    """A new, empty in-memory storage for each test, so that its files are the test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def room(db):
    french, _ = Locale.objects.get_or_create(language_code="fr")
    home = HomePage(title="Accueil", slug="accueil-essai", locale=french)
    Page.get_first_root_node().add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return make_press_room(home)


@pytest.fixture
def tasks():
    """The document builds enqueued and finished during a test, with their results."""
    seen = {"enqueued": [], "finished": []}

    def enqueued(sender, task_result, **kwargs):
        if task_result.task.name == "build_generated_document":
            seen["enqueued"].append(task_result)

    def finished(sender, task_result, **kwargs):
        if task_result.task.name == "build_generated_document":
            seen["finished"].append(task_result)

    task_enqueued.connect(enqueued, dispatch_uid="test-enqueued")
    task_finished.connect(finished, dispatch_uid="test-finished")
    yield seen
    task_enqueued.disconnect(dispatch_uid="test-enqueued")
    task_finished.disconnect(dispatch_uid="test-finished")


def stored_text(page) -> str:
    with PressReleasePdf.objects.get(page=page).file.open("rb") as handle:
        return handle.read().decode()


def generated_files() -> list[str]:
    folder = f"generated/{PressReleasePdf._meta.model_name}"
    if not default_storage.exists(folder):
        return []
    tokens, _files = default_storage.listdir(folder)
    return [
        f"{folder}/{token}/{name}"
        for token in tokens
        for name in default_storage.listdir(f"{folder}/{token}")[1]
    ]


def test_publishing_builds_the_file_in_a_task_after_commit(
    room, builder, tasks, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = release(room, title="Palmarès 2026")

    # Inside the transaction: nothing built, nothing enqueued, nothing linked.
    assert builder.calls == [] and tasks["enqueued"] == []
    assert not PressReleasePdf.objects.filter(page=page).exists()
    assert "Télécharger le communiqué" not in client.get(page.url).content.decode()

    for callback in callbacks:
        callback()

    assert len(tasks["enqueued"]) == 1
    assert tasks["enqueued"][0].args == ["editorial.pressreleasepdf", page.pk]
    stored = PressReleasePdf.objects.get(page=page)
    assert stored.revision == str(page.live_revision_id)
    assert stored_text(page) == f"Palmarès 2026 ({page.live_revision_id})"
    assert (stored.filename, stored.content_type, stored.size) == (
        "communique-communique-1.txt",
        "text/plain",
        len(stored_text(page).encode()),
    )
    assert stored.url.startswith("/media/generated/pressreleasepdf/")
    assert f'href="{stored.url}"' in client.get(page.url).content.decode()


def test_a_new_revision_makes_the_old_file_go_at_once_then_replaces_it(
    room, builder, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = release(room, title="Première version")
    first = PressReleasePdf.objects.get(page=page)

    page.title = "Version corrigée"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()

    # Published, not built yet: the file of the previous revision is no longer served.
    page = reload(page)
    assert not PressReleasePdf.objects.filter(page=page).exists()
    html = client.get(page.url).content.decode()
    assert "Version corrigée" in html
    assert first.url not in html

    for callback in callbacks:
        callback()

    second = PressReleasePdf.objects.get(page=page)
    assert second.revision == str(page.live_revision_id) != first.revision
    assert stored_text(page) == f"Version corrigée ({page.live_revision_id})"
    assert not default_storage.exists(first.file.name)
    assert generated_files() == [second.file.name]


def test_a_file_is_never_served_for_another_revision(
    room, builder, client, django_capture_on_commit_callbacks
):
    page = release(room)
    stale = documents.build(PressReleasePdf, page.pk)
    PressReleasePdf.objects.filter(pk=stale.pk).update(revision="1")  # as if built from an older one

    assert PressReleasePdf.objects.current(page).first() is None
    assert stale.url not in client.get(page.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        rebuilt = documents.build(PressReleasePdf, page.pk)

    assert rebuilt.revision == str(page.live_revision_id)
    assert f'href="{rebuilt.url}"' in client.get(page.url).content.decode()
    assert not default_storage.exists(stale.file.name)
    assert generated_files() == [rebuilt.file.name]


def test_unpublishing_deletes_the_file_at_once(room, builder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = release(room)
    stored = PressReleasePdf.objects.get(page=page)

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert not PressReleasePdf.objects.filter(page=page).exists()
    assert not default_storage.exists(stored.file.name)
    # A build still queued for it finds the page unpublished and stores nothing.
    assert documents.build(PressReleasePdf, page.pk) is None
    assert generated_files() == []


def test_deleting_the_page_deletes_the_file(room, builder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = release(room)
    stored = PressReleasePdf.objects.get(page=page)

    with django_capture_on_commit_callbacks(execute=True):
        reload(page).delete()

    assert not PressReleasePdf.objects.exists()
    assert not default_storage.exists(stored.file.name)


def test_the_same_revision_is_built_once(room, builder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = release(room)
    stored = PressReleasePdf.objects.get(page=page)

    again = documents.build(PressReleasePdf, page.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        documents.refresh(PressReleasePdf, page.pk)

    assert builder.calls == [page.live_revision_id]
    assert again.pk == stored.pk and again.file.name == stored.file.name
    assert callbacks == []  # nothing queued: the current revision has its file
    assert generated_files() == [stored.file.name]


def test_a_build_overtaken_by_a_new_revision_stores_nothing(
    room, builder, django_capture_on_commit_callbacks
):
    page = release(room)

    def publish_a_correction(building):
        correction = reload(building)
        correction.title = "Correction publiée pendant la construction"
        correction.save_revision().publish()

    builder.during_build = publish_a_correction
    with django_capture_on_commit_callbacks(execute=False):
        assert documents.build(PressReleasePdf, page.pk) is None

    assert not PressReleasePdf.objects.exists()
    assert generated_files() == []


def test_a_failing_build_leaves_the_stored_file_and_says_why(room, builder, caplog):
    page = release(room, title="Palmarès 2026")
    documents.build(PressReleasePdf, page.pk)
    stored = PressReleasePdf.objects.get(page=page)
    PressReleasePdf.objects.filter(pk=stored.pk).update(revision="1")  # to be rebuilt
    builder.failure = OSError("police DejaVu Sans introuvable")

    with caplog.at_level(logging.ERROR, logger="core.documents"), pytest.raises(DocumentBuildError) as raised:
        documents.build(PressReleasePdf, page.pk)

    message = str(raised.value)
    assert "Version PDF d'un communiqué de « Palmarès 2026 »" in message
    assert f"(révision {page.live_revision_id})" in message
    assert "police DejaVu Sans introuvable" in message
    assert message in caplog.text
    kept = PressReleasePdf.objects.get(page=page)
    assert (kept.pk, kept.file.name, kept.revision) == (stored.pk, stored.file.name, "1")
    assert generated_files() == [stored.file.name]


def test_a_failing_build_task_is_recorded_failed(room, builder, tasks, django_capture_on_commit_callbacks):
    builder.failure = ValueError("gabarit cassé")

    with django_capture_on_commit_callbacks(execute=True):
        page = release(room)

    assert page.live
    assert [result.status.name for result in tasks["finished"]] == ["FAILED"]
    assert "DocumentBuildError" in tasks["finished"][0].errors[0].exception_class_path
    assert "gabarit cassé" in tasks["finished"][0].errors[0].traceback
    assert not PressReleasePdf.objects.exists()
    assert generated_files() == []


def test_the_pdf_helper_reads_only_the_sites_static_files_and_media():
    default_storage.save("essai/carré vert.png", ContentFile(b"PNG bytes"))
    with open(settings.BASE_DIR / "site" / "img" / "logo.svg", "rb") as logo:
        assert read_local_file(f"{BASE_URL}static/img/logo.svg") == logo.read()
    assert read_local_file(f"{BASE_URL}media/essai/carr%C3%A9%20vert.png") == b"PNG bytes"

    for elsewhere in ("https://example.org/media/essai/x.png", "http://127.0.0.1:8000/static/img/logo.svg"):
        with pytest.raises(ValueError, match="refused"):
            read_local_file(elsewhere)
    with pytest.raises(ValueError, match="refused"):
        read_local_file("file:///etc/passwd")
    with pytest.raises(ValueError, match="refused"):
        read_local_file(f"{BASE_URL}config/settings/base.py")
    for escape in ("static/../config/settings/base.py", "media/../../etc/passwd"):
        with pytest.raises(SuspiciousFileOperation):
            read_local_file(f"{BASE_URL}{escape}")


def test_a_pdf_embeds_the_sites_media_and_nothing_from_elsewhere():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (20, 20), "green").save(buffer, format="PNG")
    default_storage.save("essai/carre.png", ContentFile(buffer.getvalue()))

    def images_in(html: str) -> int:
        content = html_to_pdf(f'<!DOCTYPE html><html lang="fr"><body><h1>Essai</h1>{html}</body></html>')
        assert content.startswith(b"%PDF-")
        return len(re.findall(rb"/Subtype\s*/Image", inflated(content)))

    assert images_in("") == 0
    assert images_in('<img src="/media/essai/carre.png" alt="">') == 1
    assert images_in('<img src="https://example.org/carre.png" alt="">') == 0
    both = '<img src="/media/essai/carre.png" alt=""><img src="http://example.org/x.png" alt="">'
    assert images_in(both) == 1


@pytest.fixture
def served_media(settings, tmp_path):
    """Files on disk under a fresh MEDIA_ROOT, served under /media/ as in development."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.ROOT_URLCONF = "tests.core.dev_urls"


@pytest.mark.parametrize("kind", ["release", "kit"])
def test_unpublishing_removes_the_public_file_before_any_commit_or_worker(
    room, served_media, tasks, client, django_capture_on_commit_callbacks, kind
):
    """The file goes in the signal handler itself: not when the transaction commits, not when
    the worker next runs."""
    model, make = {"release": (PressReleasePdf, release), "kit": (PressKitArchive, kit)}[kind]
    with django_capture_on_commit_callbacks(execute=True):
        page = make(room)
    stored = model.objects.get(page=page)
    assert client.get(stored.url).status_code == 200
    tasks["enqueued"].clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reload(page).unpublish()
        # Nothing committed yet, no task ran: the file is already gone and its address 404s.
        assert not default_storage.exists(stored.file.name)
        assert client.get(stored.url).status_code == 404
        assert not model.objects.filter(page=page).exists()
    assert tasks["enqueued"] == []
    for callback in callbacks:
        callback()  # the row's own on-commit deletion finds nothing left, and does not fail
    assert not default_storage.exists(stored.file.name)


def test_deleting_a_live_page_removes_its_file_before_the_commit(
    room, builder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = release(room)
    stored = PressReleasePdf.objects.get(page=page)

    with django_capture_on_commit_callbacks(execute=False):
        reload(page).delete()
        assert not default_storage.exists(stored.file.name)


def test_an_unpublication_rolled_back_gets_its_file_built_again(
    room, builder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = release(room, title="Toujours en ligne")
    stored = PressReleasePdf.objects.get(page=page)

    with pytest.raises(RuntimeError), transaction.atomic():
        reload(page).unpublish()
        raise RuntimeError("the unpublication fails after the signal")

    # The page is still live, its row came back without its file: the next build makes it again.
    assert reload(page).live
    assert PressReleasePdf.objects.get(page=page).pk == stored.pk
    assert not default_storage.exists(stored.file.name)
    rebuilt = documents.build(PressReleasePdf, page.pk)
    assert rebuilt.pk != stored.pk
    assert stored_text(page) == f"Toujours en ligne ({page.live_revision_id})"


def test_a_members_only_page_has_no_public_generated_file(room, builder, django_capture_on_commit_callbacks):
    """`generated/` is served as is: a release under a page that becomes members-only loses its
    file at once, and none is built while it stays members-only."""
    with django_capture_on_commit_callbacks(execute=True):
        page = release(room)
    stored = PressReleasePdf.objects.get(page=page)

    with django_capture_on_commit_callbacks(execute=True):
        room = reload(room)
        room.members_only = True
        room.save_revision().publish()
        assert not default_storage.exists(stored.file.name)  # before the commit

    assert not PressReleasePdf.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        reload(page).save_revision().publish()
    assert documents.build(PressReleasePdf, page.pk) is None
    assert generated_files() == []
