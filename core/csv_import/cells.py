"""Readers of the cells that several imports share, for :class:`~core.csv_import.Column`'s
``parse``: each takes the stripped text of a cell and returns its value or raises
ValidationError with the reason a person can act on."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

YES = frozenset({"oui", "o", "yes", "1", "vrai", "x"})
NO = frozenset({"non", "n", "no", "0", "faux", ""})
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
T = TypeVar("T")


def optional(parse: Callable[[str], T]) -> Callable[[str], T | None]:
    """``parse`` for a cell that may be left empty (None then)."""

    def parse_optional(text: str) -> T | None:
        return parse(text) if text else None

    return parse_optional


def positive_int(text: str) -> int | None:
    """A whole number written with or without thousands separators ("32 000"); None if empty."""
    value = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if not value:
        return None
    if not value.isdigit():
        raise ValidationError(
            _("« %(value)s » n'est pas un nombre entier positif (chiffres seulement, sans décimale).")
            % {"value": value}
        )
    return int(value)


def date(text: str) -> datetime.date:
    """A date written AAAA-MM-JJ or JJ/MM/AAAA; an empty cell is refused."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValidationError(_("date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA."))


def yes_no(text: str) -> bool:
    """« oui » or « non » (and their usual spellings: o/n, 1/0, x, vrai/faux); empty is « non »."""
    value = text.lower()
    if value not in YES | NO:
        raise ValidationError(_("répondez « oui » ou « non »."))
    return value in YES
