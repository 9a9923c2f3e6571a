"""Helpers for the tests of the admin home's panels (not a test module)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext


def render(panel, user) -> str:
    request = RequestFactory().get("/admin/")
    request.user = user
    return panel.render_html({"request": request})


def render_counting(panel, user) -> tuple[str, int]:
    """The panel's HTML and the number of queries rendering it took."""
    with CaptureQueriesContext(connection) as queries:
        html = render(panel, user)
    return html, len(queries)


def table(html: str, caption: str) -> dict[str, list[str]]:
    """The rows of the panel's table captioned ``caption`` (the start of it), by row heading:
    ``{"Émis": ["3"], ...}``."""
    soup = BeautifulSoup(html, "html.parser")
    for found in soup.find_all("table"):
        if found.caption.get_text(" ", strip=True).startswith(caption):
            rows = {}
            for row in found.tbody.find_all("tr"):
                heading = row.find("th")
                if heading is None:
                    continue
                rows[heading.get_text(" ", strip=True)] = [
                    cell.get_text(" ", strip=True) for cell in row.find_all("td")
                ]
            return rows
    raise AssertionError(f"no table captioned {caption!r} in {html}")


def links(html: str) -> dict[str, str]:
    """Every link of the panel: text → href."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        a.get_text(" ", strip=True): a["href"]
        for a in soup.find_all("a", href=True)
        if a.get_text(strip=True)
    }
