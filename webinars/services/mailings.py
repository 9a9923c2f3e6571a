"""Staff email everyone registered to a session (confirmed or waiting): a task sends the
messages one by one and records how many went, which the admin shows as progress."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Mailing, Registration, SessionPage, Status

RECIPIENT_STATUSES = (Status.CONFIRMED, Status.WAITING)


def recipients(session: SessionPage):
    return Registration.objects.filter(session=session.source(), status__in=RECIPIENT_STATUSES).order_by("pk")


@transaction.atomic
def email_registrants(*, session: SessionPage, subject: str, body: str, author=None) -> Mailing:
    subject, body = subject.strip(), body.strip()
    errors = {}
    if not subject:
        errors["subject"] = _("Indiquez l'objet du message.")
    if not body:
        errors["body"] = _("Écrivez le message.")
    if errors:
        raise ValidationError(errors)
    source = session.source()
    total = recipients(source).count()
    if total == 0:
        raise ValidationError(_("Personne n'est inscrit à cette séance : aucun message à envoyer."))
    mailing = Mailing.objects.create(
        session=source, subject=subject, body=body, created_by=author, total=total
    )
    from ..tasks import send_mailing

    transaction.on_commit(partial(send_mailing.enqueue, mailing.pk))
    return mailing
