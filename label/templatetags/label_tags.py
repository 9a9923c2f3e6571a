"""Template tags of the label app."""

from django import template

from ..models import PalmaresPage

register = template.Library()


@register.simple_tag(takes_context=True)
def palmares_url(context, year) -> str:
    """URL of the live palmarès page of ``year`` in the current language, or ""."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        return ""
    page = PalmaresPage.objects.for_year(year)
    return page.get_url(context.get("request")) if page else ""
