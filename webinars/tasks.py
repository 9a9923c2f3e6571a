"""Background tasks of the webinars (django-tasks), run by `manage.py db_worker`.

The services queue them with ``transaction.on_commit``; their arguments are ids and a kind,
so the queue holds no address or link.
"""

from __future__ import annotations

from django_tasks import task

from .emails import registration_message
from .models import Registration


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    """Send the email ``kind`` about a registration; False when it is gone."""
    registration = Registration.objects.select_related("session").filter(pk=registration_id).first()
    if registration is None:
        return False
    registration_message(registration, kind).send()
    return True
