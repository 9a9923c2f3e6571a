"""The figure the press releases quote: how many sheets each edition's laureates published.

Definition: the sheets of the collectivities labelled in the edition of ``year`` that were
eligible for that edition (:meth:`~actions.models.ActionSheetQuerySet.eligible_for`: published,
and less than two years old or still running on 1 January ``year``). One COUNT query.
"""

from __future__ import annotations

from label.models import Labellisation

from ..models import ActionSheet


def laureates_sheet_count(year: int, *, public_only: bool = True) -> int:
    labelled = Labellisation.objects.filter(edition__year=year)
    if public_only:
        labelled = labelled.public()
    return (
        ActionSheet.objects.eligible_for(year)
        .filter(collectivity_id__in=labelled.values("collectivity_id"))
        .count()
    )
