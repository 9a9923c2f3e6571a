"""Background tasks of the webinars (django-tasks), run by `manage.py db_worker`.

The services queue them with ``transaction.on_commit``; their arguments are ids and a kind,
so the queue holds no address or link.
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from .emails import cancel_url, registration_message
from .models import Mailing, Registration


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    """Send the email ``kind`` about a registration; False when it is gone."""
    registration = Registration.objects.select_related("session").filter(pk=registration_id).first()
    if registration is None:
        return False
    registration_message(registration, kind).send()
    return True


#: How often (in messages) the progress is written.
PROGRESS_EVERY = 10


@task()
def send_mailing(mailing_id: int) -> int:
    """Send a staff message to each registrant, recording the progress; returns how many."""
    from .services.mailings import recipients

    mailing = (
        Mailing.objects.select_related("session").filter(pk=mailing_id, finished_at__isnull=True).first()
    )
    if mailing is None:
        return 0
    sent = 0
    for registration in recipients(mailing.session):
        body = f"{mailing.body}\n\n{cancel_url(registration)}\n"
        EmailMessage(
            subject=f"[Villes Internet] {mailing.subject}", body=body, to=[registration.email]
        ).send()
        sent += 1
        if sent % PROGRESS_EVERY == 0:
            Mailing.objects.filter(pk=mailing.pk).update(sent=sent)
    Mailing.objects.filter(pk=mailing.pk).update(
        sent=sent, total=max(sent, mailing.total), finished_at=timezone.now()
    )
    return sent
