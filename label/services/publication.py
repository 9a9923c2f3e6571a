"""Taking an edition's results out of the embargo (see :func:`label.models.editions.public_condition`)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import LabelEdition


@transaction.atomic
def publish_results(edition: LabelEdition, now: datetime.datetime | None = None) -> LabelEdition:
    """Publish ``edition``'s results at once: palmarès, history, open data, figures and map.

    Raises ValidationError when they are public already (nothing changes then).
    """
    now = now or timezone.now()
    edition = LabelEdition.objects.select_for_update().get(pk=edition.pk)
    if edition.is_public(now):
        raise ValidationError(
            _("Les résultats de l'édition %(year)d sont déjà publics depuis le %(date)s.")
            % {
                "year": edition.year,
                "date": timezone.localtime(edition.results_published_at).strftime("%d/%m/%Y %H:%M"),
            }
        )
    edition.results_published_at = now
    edition.save(update_fields=["results_published_at"])
    return edition
