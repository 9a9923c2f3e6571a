"""Rules about collectivities themselves: unique slugs and member communes."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from ..models import Collectivity


def unique_collectivity_slug(
    name: str, department_code: str | None, taken: set[str] | None = None, exclude_pk: int | None = None
) -> str:
    """Return a slug for ``name`` that no other collectivity uses.

    The slug is the name's; when it is taken, the département code is added ("saint-denis-93"),
    then a counter. ``taken`` holds slugs already reserved (e.g. earlier rows of an import);
    when it is None the database is asked.
    """

    def is_taken(slug: str) -> bool:
        if taken is not None:
            return slug in taken
        return Collectivity.objects.filter(slug=slug).exclude(pk=exclude_pk).exists()

    base = slugify(name)[:200].strip("-") or "collectivite"
    candidates = [base]
    if department_code:
        candidates.append(f"{base}-{department_code.lower()}")
    for candidate in candidates:
        if not is_taken(candidate):
            return candidate
    counter = 2
    while is_taken(f"{candidates[-1]}-{counter}"):
        counter += 1
    return f"{candidates[-1]}-{counter}"


@transaction.atomic
def set_member_communes(grouping: Collectivity, communes: Iterable[Collectivity]) -> None:
    """Replace the member communes of an EPCI or syndicat, after checking the membership rules.

    Raises ValidationError (on ``member_communes``) when ``grouping`` cannot have members, when a
    member is not a commune or when a commune already belongs to another EPCI.
    """
    communes = list(communes)
    if errors := grouping.member_communes_errors(communes):
        raise ValidationError({"member_communes": errors})
    grouping.member_communes.set(communes)
