"""Background tasks shared by every app (django-tasks): run by `manage.py db_worker`, never in
a request. Each one calls a service."""

from django_tasks import task

from core import documents


@task()
def build_generated_document(model_label: str, source_id: int) -> int | None:
    """Build the file of a generated document (`app_label.modelname`) for the current revision
    of its object; returns the stored row's id, or None when the object must have no file."""
    document = documents.build(documents.registered_model(model_label), source_id)
    return document.pk if document else None
