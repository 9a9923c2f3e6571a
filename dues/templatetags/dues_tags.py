"""Template filters of the dues pages and documents."""

from django import template

from ..money import format_eur

register = template.Library()


@register.filter
def eur(cents: int) -> str:
    """Integer cents as euros in the active language: ``40000`` → ``400,00 €``."""
    return format_eur(int(cents or 0))


@register.filter
def iban(value: str) -> str:
    """An IBAN in groups of four characters, as printed on bank details."""
    compact = "".join(str(value or "").split()).upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
