"""The generated-document service: for an object's current revision, build the file its kind
declares, in a task; store it, replacing the old one; delete it at once when the object is
unpublished, deleted, or changes.

A kind is a `GeneratedDocument` subclass plus a builder, registered at start-up (in the
app's `ready()`):

    documents.register(PressReleasePdf, release_pdf)

where `release_pdf(page) -> BuiltFile` returns the file name and its bytes (for a PDF,
`core.pdf.render_pdf` turns a template into one). Then:

- `refresh(model, source_id)`, when the object changes: a file built from another revision is
  deleted at once, and the build of the current one is queued once the transaction commits;
- `remove(model, source_id)`, when the object is unpublished or deleted: its file leaves the
  storage at once, in the signal handler, without waiting for the commit or the worker;
- `build(model, source_id)`, run by the task `core.tasks.build_generated_document`: builds and
  stores the file of the current revision, once per revision.

For a `PageDocument`, `register` connects Wagtail's `page_published` to `refresh` and
`page_unpublished` (also sent before a live page is deleted) to `remove`. Other kinds call
`refresh` and `remove` from their own services.
"""

import logging
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.signals import page_published, page_unpublished

from core.models.documents import GeneratedDocument, PageDocument

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuiltFile:
    """What a builder returns: the file's name (without folder) and its bytes."""

    filename: str
    content: bytes
    content_type: str = ""

    @property
    def media_type(self) -> str:
        guessed, _encoding = mimetypes.guess_type(self.filename)
        return self.content_type or guessed or "application/octet-stream"


Builder = Callable[[Any], BuiltFile]
DocumentModel = type[GeneratedDocument]

_builders: dict[str, tuple[DocumentModel, Builder]] = {}


class DocumentBuildError(Exception):
    """A builder failed: nothing was stored, what was there before is left as it was."""


def register(model: DocumentModel, build: Builder) -> None:
    """Declare how the files of `model` are built, and wire the signals that keep them true."""
    label = model._meta.label_lower
    _builders[label] = (model, build)
    post_delete.connect(_delete_file_of_row, sender=model, dispatch_uid=f"generated-document-file-{label}")
    if issubclass(model, PageDocument):
        page_model = model.source_model()
        for signal, receiver in ((page_published, refresh), (page_unpublished, remove)):
            signal.connect(
                partial(_on_page_signal, receiver, model),
                sender=page_model,
                weak=False,
                dispatch_uid=f"generated-document-{label}-{receiver.__name__}",
            )


def registered_model(label: str) -> DocumentModel:
    """The document model registered under `label` (`app_label.modelname`)."""
    try:
        return _builders[label.lower()][0]
    except KeyError:
        raise LookupError(f"no builder is registered for the generated documents {label!r}") from None


def refresh(model: DocumentModel, source_id: int) -> None:
    """The object changed: delete at once any file of it that is not for its current revision,
    and queue the build of the current one after the transaction commits."""
    source = model.sources().filter(pk=source_id).first()
    stale = model.objects.of(source_id)
    if source is not None:
        stale = stale.exclude(revision=model.revision_of(source))
    stale.delete()  # the files go on commit (`_delete_file_of_row`)
    if source is not None and not model.objects.current(source).exists():
        from core.tasks import build_generated_document

        label = model._meta.label_lower
        transaction.on_commit(lambda: build_generated_document.enqueue(label, source_id))


def remove(model: DocumentModel, source_id: int) -> int:
    """The object is unpublished or deleted: delete its files at once. Returns how many.

    The files leave the storage now, inside the caller's transaction, not when it commits: a
    public address (served by the web server, cached by nobody since each build has its own)
    must stop answering as soon as the object is withdrawn. Should that transaction roll back,
    the object keeps its row without a file; `build` then builds it again.
    """
    documents = list(model.objects.of(source_id))
    for document in documents:
        if document.file.name:
            document.file.storage.delete(document.file.name)
    deleted, _by_model = model.objects.filter(pk__in=[document.pk for document in documents]).delete()
    return deleted


def remove_under(page: Any) -> int:
    """A page became members-only (flagged, or moved under a flagged page): the files of every
    page-document kind for it and its descendants go at once. Returns how many."""
    removed = 0
    for model, _build in _builders.values():
        if issubclass(model, PageDocument):
            sources = model.objects.filter(**{f"{model.source_field}__path__startswith": page.path})
            for source_id in set(sources.values_list(model.source_field, flat=True)):
                removed += remove(model, source_id)
    return removed


def build(model: DocumentModel, source_id: int) -> GeneratedDocument | None:
    """Build and store the file of the object's current revision, replacing the previous one.

    Returns the stored document; the same one, unbuilt, when it already exists for this
    revision; None when the object must have no file (unpublished, deleted: any left is
    removed) or changed while the file was built (the newer revision has its own build).
    Raises `DocumentBuildError` when the builder fails; the stored state is then unchanged.
    """
    build_file = _builders[model._meta.label_lower][1]
    source = model.sources().filter(pk=source_id).first()
    if source is None:
        remove(model, source_id)
        return None
    done = model.objects.current(source).first()
    if done is not None and has_file(done):
        return done
    revision = model.revision_of(source)
    try:
        built = build_file(source)
    except Exception as error:
        message = _(
            "%(kind)s de « %(source)s » (révision %(revision)s) : la construction a échoué, "
            "rien n'a été enregistré. Cause : %(error)s"
        ) % {
            "kind": capfirst(model._meta.verbose_name),
            "source": source,
            "revision": revision,
            "error": str(error) or type(error).__name__,
        }
        logger.exception(message)
        raise DocumentBuildError(message) from error
    return _store(model, source, revision, built)


def _store(model: DocumentModel, source: Any, revision: str, built: BuiltFile) -> GeneratedDocument | None:
    document = model(
        revision=revision,
        built_at=timezone.now(),
        size=len(built.content),
        content_type=built.media_type,
        **{model.source_field: source},
    )
    document.file.save(built.filename, ContentFile(built.content), save=False)
    try:
        with transaction.atomic():
            # Lock the object: an unpublication or a new revision waits until this one is stored
            # (and then removes it), or has happened and is seen here.
            locked = model.sources().select_for_update().filter(pk=source.pk).first()
            if locked is None or model.revision_of(locked) != revision:
                document.file.delete(save=False)
                return None
            existing = model.objects.of(source).first()
            if existing is not None and existing.revision == revision and has_file(existing):
                document.file.delete(save=False)  # another worker stored this revision meanwhile
                return existing
            if existing is not None:
                existing.delete()  # its file goes on commit
            document.save()
    except BaseException:
        document.file.delete(save=False)
        raise
    return document


def has_file(document: GeneratedDocument | None) -> bool:
    """False for no row, or a row whose file was removed by a `remove` whose transaction rolled
    back."""
    return (
        document is not None and bool(document.file.name) and document.file.storage.exists(document.file.name)
    )


def private_download(document: GeneratedDocument | None) -> FileResponse:
    """The document's file as an attachment that no browser, proxy or CDN keeps (a member's
    invoice, receipt or report); 404 while there is no file."""
    if not has_file(document):
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type or None,
        as_attachment=True,
        filename=document.filename,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def _delete_file_of_row(sender, instance: GeneratedDocument, **kwargs) -> None:
    """A row is deleted: its file goes once the transaction commits (at once outside one)."""
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _on_page_signal(receiver: Callable, model: DocumentModel, sender, instance, **kwargs) -> None:
    """`page_published` → `refresh`, `page_unpublished` → `remove`, for one document model."""
    receiver(model, instance.pk)
