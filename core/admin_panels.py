"""Panels of the admin home (Wagtail's ``construct_homepage_panels`` hook).

Each app registers its own panel from its ``wagtail_hooks.py``; this module gives them one
shape so that they read alike: a heading, one or more tables with a caption, and links to the
admin listings they summarise. A panel is shown only to staff who may open its listing, and
computes its figures in a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class Cell:
    """One cell of a panel's table; with ``url``, a link."""

    text: str
    url: str | None = None


@dataclass(frozen=True)
class PanelTable:
    """A table of a panel: its caption, its column headings and its rows. The first cell of each
    row heads it (``<th scope="row">``)."""

    caption: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    empty: str = ""


def count(value: int | None) -> str:
    """A count as people read it in the active language (``1 234``, ``1,234``)."""
    return number_format(value or 0, force_grouping=True)


class DashboardPanel(Component):
    """A panel of the admin home. Subclasses set ``name``, ``heading``, ``permissions`` (any of
    them opens the panel) and ``order``, and implement :meth:`get_tables` and :meth:`get_links`."""

    template_name = "core/admin/dashboard_panel.html"
    name = ""
    heading = ""
    icon = "list-ul"
    order = 50
    permissions: tuple[str, ...] = ()

    def is_shown(self, user) -> bool:
        return bool(user.is_active and any(user.has_perm(permission) for permission in self.permissions))

    def get_tables(self, request) -> Iterable[PanelTable]:
        raise NotImplementedError

    def get_links(self, request) -> Iterable[Cell]:
        return []

    def render_html(self, parent_context: Mapping[str, Any] | None = None) -> str:
        request = (parent_context or {}).get("request")
        if request is None or not self.is_shown(request.user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
        request = parent_context["request"]
        return {
            "panel_id": f"dashboard-{self.name}",
            "heading": self.heading,
            "icon": self.icon,
            "tables": list(self.get_tables(request)),
            "links": list(self.get_links(request)),
        }
