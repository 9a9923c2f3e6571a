"""Background tasks of the members app (django-tasks), run by `manage.py db_worker`.

The services queue them with ``transaction.on_commit``: an email leaves only once what it
announces is stored. Their arguments are ids, so the queue holds no address or link.
"""

from __future__ import annotations

from django_tasks import task

from .emails import invitation_message
from .models import Invitation


@task()
def send_invitation_email(invitation_id: int) -> bool:
    """Send an invitation; False when it was deleted, accepted, cancelled, replaced or voided
    before the worker got to it."""
    invitation = (
        Invitation.objects.open()
        .select_related("collectivity", "invited_by")
        .filter(pk=invitation_id, used_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    invitation_message(invitation).send()
    return True
