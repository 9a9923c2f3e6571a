"""Signal receivers of the press room: on publication, enqueue the PDF or ZIP task.

The receivers only enqueue; the rendering happens in the worker."""

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from editorial.models.press import PressKitPage, PressReleasePage


def _enqueue_release_pdf(sender, instance, **kwargs) -> None:
    from editorial.press_tasks import build_release_pdf

    page_id = instance.pk
    transaction.on_commit(lambda: build_release_pdf.enqueue(page_id))


def _enqueue_kit_archive(sender, instance, **kwargs) -> None:
    from editorial.press_tasks import build_press_kit_archive

    page_id = instance.pk
    transaction.on_commit(lambda: build_press_kit_archive.enqueue(page_id))


def _enqueue_file_removal(sender, instance, **kwargs) -> None:
    from editorial.press_tasks import remove_press_files

    page_id = instance.pk
    transaction.on_commit(lambda: remove_press_files.enqueue(page_id))


def connect() -> None:
    page_published.connect(_enqueue_release_pdf, sender=PressReleasePage, dispatch_uid="press_release_pdf")
    page_published.connect(_enqueue_kit_archive, sender=PressKitPage, dispatch_uid="press_kit_archive")
    for model in (PressReleasePage, PressKitPage):
        page_unpublished.connect(
            _enqueue_file_removal, sender=model, dispatch_uid=f"press_files_removal_{model.__name__}"
        )
