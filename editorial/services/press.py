"""Business rules of the press room: how the PDF of a release and the ZIP of a kit are built
(generated documents, registered in `editorial.apps` and built by `core.documents` in a task,
never in a request), and the review workflow."""

import io
import zipfile
from collections.abc import Iterable
from pathlib import PurePosixPath

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.documents import BuiltFile
from core.pdf import render_pdf
from editorial.models.press import PressKitPage, PressReleasePage

REVIEW_WORKFLOW_NAME = "Relecture"
REVIEW_GROUP_NAME = "Relecture presse"
REVIEW_TASK_NAME = "Relecture presse"

# Entries of a ZIP carry this date so that the same kit always gives the same bytes.
ZIP_TIMESTAMP = (2000, 1, 1, 0, 0, 0)


def release_pdf(page: PressReleasePage) -> BuiltFile:
    """The PDF version of a release, in the release's language, from its current content."""
    content = render_pdf(
        "editorial/press_release_pdf.html",
        {
            "page": page,
            "contacts": [link.contact for link in page.contacts.select_related("contact")],
            "attached_documents": list(page.documents.select_related("document")),
            "site_url": page.full_url,
        },
        language=page.locale.language_code,
    )
    return BuiltFile(f"communique-{page.slug}.pdf", content)


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


def kit_archive(page: PressKitPage) -> BuiltFile:
    """The ZIP of a kit, named after it."""
    name = page.slug if page.slug.startswith("dossier") else f"dossier-de-presse-{page.slug}"
    return BuiltFile(f"{name}.zip", build_kit_zip(page))


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
