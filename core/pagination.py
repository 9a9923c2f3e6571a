"""A paginator that reads the number of rows from the page's own query."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Window

TOTAL = "paginator_total"


class CountedPaginator(Paginator):
    """Django's paginator, with one query for a page and the number of rows: the rows carry
    the total as a window annotation (``COUNT(*) OVER ()``), so no ``COUNT`` query is needed.

    ``get_page`` behaves as Django's: a page that is not a number gives the first page, one
    beyond the last gives the last page (those two cases ask for the count as Django does).
    The queryset must not use ``distinct()`` (the window would count duplicates).
    """

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True):
        super().__init__(
            object_list.annotate(**{TOTAL: Window(Count("pk"))}), per_page, orphans, allow_empty_first_page
        )

    def get_page(self, number):
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1
        if wanted < 1 or self.orphans:
            return super().get_page(number)
        bottom = (wanted - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if rows:
            self.__dict__["count"] = getattr(rows[0], TOTAL)
            return self._get_page(rows, wanted, self)
        if wanted == 1 and self.allow_empty_first_page:
            self.__dict__["count"] = 0
            return self._get_page(rows, wanted, self)
        return super().get_page(number)
