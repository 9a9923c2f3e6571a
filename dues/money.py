"""Amounts are integer cents in EUR: formatting them for people, in French or English."""

from __future__ import annotations

from django.utils.formats import number_format


def format_eur(cents: int) -> str:
    """``123450`` → ``1 234,50 €`` (French) or ``1,234.50 €`` (English), in the active language."""
    return f"{number_format(cents / 100, decimal_pos=2, force_grouping=True)} €"
