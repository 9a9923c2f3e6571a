"""Business rules of the press room: the PDF of a release, the ZIP of a kit, the review
workflow. Called by tasks (`editorial.press_tasks`) and the demo loader, never in a request."""

import io
import zipfile
from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from editorial.models.press import (
    PressKitArchive,
    PressKitPage,
    PressReleasePage,
    PressReleasePdf,
)

REVIEW_WORKFLOW_NAME = "Relecture"
REVIEW_GROUP_NAME = "Relecture presse"
REVIEW_TASK_NAME = "Relecture presse"

# Entries of a ZIP carry this date so that the same kit always gives the same bytes.
ZIP_TIMESTAMP = (2000, 1, 1, 0, 0, 0)

_PDF_BASE_URL = "https://pdf.invalid/"


def _fetch_media_only(url: str, headers=None):
    """WeasyPrint URL fetcher: serves the site's media from storage, refuses anything else
    (a PDF never loads a resource from another server)."""
    from weasyprint.urls import URLFetcherResponse

    path = urlsplit(url).path
    if not url.startswith(_PDF_BASE_URL) or not path.startswith(settings.MEDIA_URL):
        raise ValueError(f"resource outside the media storage refused: {url}")
    name = path.removeprefix(settings.MEDIA_URL)
    with default_storage.open(name, "rb") as stored:
        return URLFetcherResponse(url, stored.read())


def render_release_pdf(page: PressReleasePage) -> bytes:
    """The PDF version of a release, in the release's language, from its current content."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class MediaOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            return _fetch_media_only(url, headers)

    with translation.override(page.locale.language_code):
        html = render_to_string(
            "editorial/press_release_pdf.html",
            {
                "page": page,
                "contacts": [link.contact for link in page.contacts.select_related("contact")],
                "attached_documents": list(page.documents.select_related("document")),
                "site_url": page.full_url,
            },
        )
    return HTML(string=html, base_url=_PDF_BASE_URL, url_fetcher=MediaOnlyFetcher()).write_pdf()


def _store_document(title: str, filename: str, content: bytes):
    document_model = get_document_model()
    document = document_model(title=title, collection=Collection.get_first_root_node())
    document.file.save(filename, ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    return document


def _delete_document(document) -> None:
    document.file.delete(save=False)
    document.delete()


def store_release_pdf(page_id: int) -> PressReleasePdf | None:
    """Render and store the PDF of the live release `page_id`.

    Nothing happens for a release that is not live (still under embargo, unpublished, deleted)
    or whose live revision already has its PDF.
    """
    page = PressReleasePage.objects.live().filter(pk=page_id).select_related("locale").first()
    if page is None:
        return None
    existing = PressReleasePdf.objects.filter(page=page).select_related("document").first()
    if existing is not None and page.live_revision_id and existing.revision_id == page.live_revision_id:
        return existing
    content = render_release_pdf(page)
    document = _store_document(page.title, f"communique-{page.slug}.pdf", content)
    with transaction.atomic():
        pdf, _created = PressReleasePdf.objects.update_or_create(
            page=page, defaults={"document": document, "revision_id": page.live_revision_id}
        )
    if existing is not None:
        _delete_document(existing.document)
    return pdf


def remove_unpublished_files(page_id: int) -> int:
    """Delete the PDF or ZIP of a release or kit that is no longer live (unpublished): its
    file must not stay downloadable. Returns the number of documents deleted."""
    if Page.objects.filter(pk=page_id, live=True).exists():
        return 0
    stored = [
        *PressReleasePdf.objects.filter(page_id=page_id).select_related("document"),
        *PressKitArchive.objects.filter(page_id=page_id).select_related("document"),
    ]
    for item in stored:
        _delete_document(item.document)  # cascades to the PressReleasePdf / PressKitArchive row
    return len(stored)


def _zip_name(folder: str, number: int, title: str, filename: str) -> str:
    extension = PurePosixPath(filename).suffix.lower()
    return f"{folder}/{number:02d}-{slugify(title)[:60] or 'fichier'}{extension}"


def kit_archive_entries(page: PressKitPage) -> list[tuple[str, object]]:
    """The (name in the ZIP, file field) pairs of a kit: its documents, then the originals of
    its photos and logos, numbered in the editor's order."""
    entries: list[tuple[str, object]] = []
    for number, link in enumerate(page.documents.select_related("document"), start=1):
        entries.append(
            (_zip_name("documents", number, link.display_title, link.document.file.name), link.document.file)
        )
    folders = {"photo": "photos", "logo": "logos"}
    counters = {"photo": 0, "logo": 0}
    for photo in page.photos.select_related("image"):
        counters[photo.kind] += 1
        title = photo.caption or photo.image.title
        entries.append(
            (
                _zip_name(folders[photo.kind], counters[photo.kind], title, photo.image.file.name),
                photo.image.file,
            )
        )
    return entries


def build_kit_zip(page: PressKitPage) -> bytes:
    """One ZIP of the kit's documents and photo originals. Same kit, same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, field in kit_archive_entries(page):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with field.storage.open(field.name, "rb") as stored:
                archive.writestr(info, stored.read())
    return buffer.getvalue()


def store_kit_archive(page_id: int) -> PressKitArchive | None:
    """Build and store the ZIP of the live kit `page_id`, once per live revision."""
    page = PressKitPage.objects.live().filter(pk=page_id).first()
    if page is None:
        return None
    existing = PressKitArchive.objects.filter(page=page).select_related("document").first()
    if existing is not None and page.live_revision_id and existing.revision_id == page.live_revision_id:
        return existing
    content = build_kit_zip(page)
    filename = page.slug if page.slug.startswith("dossier") else f"dossier-de-presse-{page.slug}"
    document = _store_document(page.title, f"{filename}.zip", content)
    with transaction.atomic():
        archive, _created = PressKitArchive.objects.update_or_create(
            page=page, defaults={"document": document, "revision_id": page.live_revision_id}
        )
    if existing is not None:
        _delete_document(existing.document)
    return archive


@transaction.atomic
def ensure_press_review_workflow(press_rooms: Iterable[Page]) -> Workflow:
    """The "Relecture" workflow (one approval by the "Relecture presse" group), assigned to
    the given press rooms so that their releases and kits go through it. Idempotent."""
    group, _created = Group.objects.get_or_create(name=REVIEW_GROUP_NAME)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=["add_page", "change_page", "publish_page"]
    )
    for press_room in press_rooms:
        WorkflowPage.objects.update_or_create(page=press_room, defaults={"workflow": workflow})
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=press_room, permission=permission)
    return workflow
