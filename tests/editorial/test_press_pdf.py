"""The PDF version of a press release: rendered by a task after publication, stored as a
generated document of its live revision, linked from the release only once it exists."""

import re
import zlib

import pytest

from core import documents
from editorial.models.press import PressReleasePdf
from tests.editorial.press_helpers import make_contact, make_press_room, release

pytestmark = pytest.mark.django_db


def inflated(content: bytes) -> bytes:
    """The PDF with its compressed streams (objects, pages, metadata) inflated."""
    parts = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, flags=re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pdf_bytes(page) -> bytes:
    stored = PressReleasePdf.objects.get(page=page)
    with stored.file.open("rb") as handle:
        return handle.read()


def pdf_title(title: str) -> bytes:
    """The document title in the PDF metadata: UTF-16 with a byte order mark."""
    return b"/Title <" + ("feff" + title.encode("utf-16-be").hex()).encode() + b">"


def test_publishing_a_release_renders_a_real_pdf(demo_site, django_capture_on_commit_callbacks):
    room = make_press_room(demo_site)
    with django_capture_on_commit_callbacks(execute=True):
        page = release(room, title="Palmarès 2026 à Agen", contacts=[make_contact()])

    content = pdf_bytes(page)
    assert content.startswith(b"%PDF-")
    assert len(content) > 1000
    objects = inflated(content)
    assert len(re.findall(rb"/Type\s*/Page\b", objects)) >= 1
    assert pdf_title("Palmarès 2026 à Agen") in objects
    stored = PressReleasePdf.objects.get(page=page)
    assert stored.revision == str(page.live_revision_id)
    assert stored.filename == f"communique-{page.slug}.pdf"
    assert (stored.content_type, stored.size) == ("application/pdf", len(content))


def test_the_publish_signal_only_enqueues(demo_site, django_capture_on_commit_callbacks):
    room = make_press_room(demo_site)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = release(room)
    # Publication is done, the rendering waits for the transaction to commit and the worker.
    assert page.live
    assert not PressReleasePdf.objects.filter(page=page).exists()
    # Besides the caches forgotten or purged on commit (header and restricted paths, pages).
    caches = {"core.fragment_cache", "core.page_cache"}
    assert len([callback for callback in callbacks if callback.__module__ not in caches]) == 1


def test_the_release_page_links_the_pdf_only_when_it_exists(
    demo_site, client, django_capture_on_commit_callbacks
):
    room = make_press_room(demo_site)
    page = release(room)  # on_commit callbacks not run: no PDF yet

    html = client.get(page.url).content.decode()
    assert ".pdf" not in html
    assert "PDF" not in html

    documents.build(PressReleasePdf, page.pk)
    html = client.get(page.url).content.decode()
    stored = PressReleasePdf.objects.get(page=page)
    assert f'href="{stored.url}"' in html
    assert "Télécharger le communiqué (PDF)" in html


def test_a_new_publication_replaces_the_pdf(demo_site, django_capture_on_commit_callbacks):
    room = make_press_room(demo_site)
    with django_capture_on_commit_callbacks(execute=True):
        page = release(room)
    first = PressReleasePdf.objects.get(page=page)
    # Same live revision: nothing is rendered again.
    assert documents.build(PressReleasePdf, page.pk).file.name == first.file.name

    page.title = "Titre corrigé"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    second = PressReleasePdf.objects.get(page=page)
    assert second.file.name != first.file.name
    assert pdf_title("Titre corrigé") in inflated(pdf_bytes(page))
    assert not PressReleasePdf.objects.filter(pk=first.pk).exists()
    assert not first.file.storage.exists(first.file.name)


def test_no_pdf_for_a_release_that_is_not_live(demo_site):
    room = make_press_room(demo_site)
    page = release(room, publish=False)

    assert documents.build(PressReleasePdf, page.pk) is None
    assert not PressReleasePdf.objects.exists()


def test_unpublishing_a_release_deletes_its_pdf(demo_site, django_capture_on_commit_callbacks):
    room = make_press_room(demo_site)
    with django_capture_on_commit_callbacks(execute=True):
        page = release(room)
    stored = PressReleasePdf.objects.get(page=page)
    name = stored.file.name

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert not PressReleasePdf.objects.filter(page=page).exists()
    assert not PressReleasePdf.objects.filter(pk=stored.pk).exists()
    assert not stored.file.storage.exists(name)
