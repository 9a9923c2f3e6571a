"""Amounts are integer cents in EUR: formatting them for people, in French or English."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


def format_eur(cents: int) -> str:
    """``123450`` → ``1 234,50 €`` (French) or ``1,234.50 €`` (English), in the active language."""
    return f"{number_format(cents / 100, decimal_pos=2, force_grouping=True)} €"


class AmountDisplay:
    """For anything with ``amount_cents`` (a tier, an invoice, a payment, a statement line): the
    amount as people read it, also a column of the admin listings."""

    amount_cents: int

    def amount_display(self) -> str:
        return format_eur(self.amount_cents)

    amount_display.short_description = _("montant")
