"""The pagination component (templates/components/pagination.html): a long list links its first
and last pages and those around the current one, not every page (the Atlaas has ~950)."""

import pytest
from django.core.paginator import Paginator
from django.http import QueryDict
from django.template.loader import render_to_string

from core.templatetags.pagination_tags import shown_page_numbers
from tests.editorial.htmlparse import parse


def render(number: int, pages: int, query: str = "") -> list[tuple[str, str | None]]:
    """The items of the rendered pagination: (text, link or None)."""
    page_obj = Paginator(range(pages * 20), 20).page(number)
    html = render_to_string(
        "components/pagination.html",
        {"page_obj": page_obj, "query": QueryDict(query), "label": "Pagination", "anchor": "#liste"},
    )
    items = []
    for item in parse(html).find("nav", class_="pagination").find_all("li"):
        link = item.find("a")
        items.append((item.text.strip(), link.get("href") if link else None))
    return items


def test_a_long_list_links_the_ends_and_the_pages_around_the_current_one():
    items = render(50, 941, "service=3")

    assert [text for text, _href in items] == [
        "Page précédente", "1", "…", "48", "49", "50", "51", "52", "…", "941", "Page suivante",
    ]  # fmt: skip
    assert dict(items)["941"] == "?service=3&page=941#liste"
    assert dict(items)["50"] is None  # the current page is not a link
    assert dict(items)["…"] is None


def test_the_first_page_of_a_long_list():
    assert [text for text, _href in render(1, 941)] == ["1", "2", "3", "…", "941", "Page suivante"]


def test_a_short_list_still_links_every_page():
    assert [text for text, _href in render(2, 4)] == ["Page précédente", "1", "2", "3", "4", "Page suivante"]


@pytest.mark.parametrize(("number", "expected"), [(1, [1, 2, 3, "…", 10]), (10, [1, "…", 8, 9, 10])])
def test_shown_page_numbers(number, expected):
    page_obj = Paginator(range(100), 10).page(number)

    assert [
        str(item) if not isinstance(item, int) else item for item in shown_page_numbers(page_obj)
    ] == expected
