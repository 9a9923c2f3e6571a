"""Background tasks of the press room (django-tasks): run by `manage.py db_worker`, never
in a request. Each one calls a service in `editorial.services.press`."""

from django_tasks import task

from editorial.services import press


@task()
def build_release_pdf(page_id: int) -> int | None:
    """Render the PDF version of a published release; returns the document id."""
    pdf = press.store_release_pdf(page_id)
    return pdf.document_id if pdf else None


@task()
def build_press_kit_archive(page_id: int) -> int | None:
    """Build the ZIP of a published press kit; returns the document id."""
    archive = press.store_kit_archive(page_id)
    return archive.document_id if archive else None


@task()
def remove_press_files(page_id: int) -> int:
    """Delete the PDF or ZIP of an unpublished release or kit."""
    return press.remove_unpublished_files(page_id)
