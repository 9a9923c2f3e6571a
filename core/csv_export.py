"""The one CSV writer of the site's downloads: files that open safely, and readably, in a
French spreadsheet.

- Formula injection (OWASP "CSV injection"): a cell that starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return would be run as a formula by Excel or LibreOffice; it is
  written with a leading ``'`` so that it shows as text. Numbers are written as they are
  (a negative number is not text someone typed).
- French Excel by default: UTF-8 with a BOM (without it Excel reads the file as Windows-1252),
  ``;`` as separator (``,`` is the decimal comma), booleans as « Oui » / « Non », ``None`` as an
  empty cell, headers in words (given by the caller).

:func:`csv_bytes` writes a whole file; :class:`SpreadsheetCsvMixin` makes a Wagtail listing's
CSV export (``list_export`` on a viewset) follow the same rules.
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


class SpreadsheetCsvMixin:
    """For a view with Wagtail's ``SpreadsheetExportMixin`` (a viewset's ``list_export``): its
    CSV export written by :func:`csv_lines` (BOM, ``;``, Oui/Non, formulas neutralised). The
    XLSX export already stores every cell as a value, never a formula."""

    def stream_csv(self, queryset):
        headers = [self.get_heading(queryset, field) for field in self.list_export]
        # Wagtail's preprocessing keeps numbers, dates and None as they are: cell() writes them.
        rows = (
            [
                self.preprocess_field_value(field, value, self.FORMAT_CSV)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        )
        for line in csv_lines(headers, rows):
            yield line.encode("utf-8")
