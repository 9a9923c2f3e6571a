"""The one CSV writer of the site's downloads: files that open safely, and readably, in a
French spreadsheet.

- Formula injection (OWASP "CSV injection"): a cell that starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return would be run as a formula by Excel or LibreOffice; it is
  written with a leading ``'`` so that it shows as text. Numbers are written as they are
  (a negative number is not text someone typed).
- French Excel by default: UTF-8 with a BOM (without it Excel reads the file as Windows-1252),
  ``;`` as separator (``,`` is the decimal comma), booleans as « Oui » / « Non », ``None`` as an
  empty cell, headers in words (given by the caller).

:func:`csv_bytes` writes a whole file. Wagtail's own CSV exports (a viewset's ``list_export``,
the reports, form submissions) follow the same rules: :func:`use_for_wagtail_exports`, run
when the core app is ready, makes ``SpreadsheetExportMixin.stream_csv`` this module's
(docs/decisions.md, "Spreadsheet-friendly CSV").
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.utils.encoding import force_str
from django.utils.translation import gettext as _

BOM = "\ufeff"
DELIMITER = ";"
#: What a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Any) -> str:
    """The text of one cell: « Oui »/« Non » for booleans, "" for None, ISO dates, lists
    joined by " | ", numbers as they are, any other text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(value, int | float | decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return neutralise(" | ".join(force_str(item) for item in value))
    return neutralise(force_str(value))


class _Line:
    """A file-like object whose write returns the line written (for streaming)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The lines of the file, the first one starting with the BOM: for a streaming response."""
    writer = csv.writer(_Line(), delimiter=DELIMITER, lineterminator="\r\n")
    yield BOM + writer.writerow([cell(header) for header in headers])
    for row in rows:
        yield writer.writerow([cell(value) for value in row])


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    buffer.writelines(csv_lines(headers, rows))
    return buffer.getvalue()


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    return csv_text(headers, rows).encode("utf-8")


def stream_wagtail_csv(view, queryset) -> Iterator[bytes]:
    """``SpreadsheetExportMixin.stream_csv`` written by :func:`csv_lines`: BOM, ``;``,
    Oui/Non, formulas neutralised. (The XLSX export already stores every cell as a value.)"""
    headers = [view.get_heading(queryset, field) for field in view.list_export]
    # Wagtail's preprocessing keeps numbers, dates and None as they are: cell() writes them.
    rows = (
        [
            view.preprocess_field_value(field, value, view.FORMAT_CSV)
            for field, value in view.to_row_dict(item).items()
        ]
        for item in queryset
    )
    for line in csv_lines(headers, rows):
        yield line.encode("utf-8")


def use_for_wagtail_exports() -> None:
    """Make every Wagtail CSV export (viewsets' ``list_export``, reports, form submissions)
    go through :func:`stream_wagtail_csv`. Idempotent."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    SpreadsheetExportMixin.stream_csv = stream_wagtail_csv
