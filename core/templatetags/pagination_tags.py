"""The page numbers a pagination shows (``templates/components/pagination.html``)."""

from django import template
from django.core.paginator import Page

register = template.Library()

#: Page numbers shown around the current page, and at each end of the list.
ON_EACH_SIDE = 2
ON_ENDS = 1


@register.filter
def shown_page_numbers(page_obj: Page) -> list[int | str]:
    """The numbers of the first and last pages and of those around ``page_obj``, with the
    paginator's ellipsis ("…") where numbers are left out: a list of 900 pages (the Atlaas)
    links a dozen, not 900."""
    paginator = page_obj.paginator
    return list(paginator.get_elided_page_range(page_obj.number, on_each_side=ON_EACH_SIDE, on_ends=ON_ENDS))
