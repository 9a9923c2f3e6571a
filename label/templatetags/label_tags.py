"""Template tags of the label app."""

from django import template

from ..models import palmares_page_for_year

register = template.Library()


@register.simple_tag(takes_context=True)
def palmares_url(context, year) -> str:
    """URL of the palmarès page of ``year`` in the current language (else French), or ""."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        return ""
    page = palmares_page_for_year(year)
    return page.get_url(context.get("request")) if page else ""
