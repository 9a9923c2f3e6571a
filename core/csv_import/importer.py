"""The all-or-nothing import that every CSV import of the site is a subclass of."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, ClassVar, Generic, NoReturn, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .reader import (
    MAX_COLLECTED_ERRORS,
    Column,
    CsvImportError,
    CsvRow,
    RowError,
    check_size,
    read_capped,
    read_csv,
)

Log = Callable[[str], None]
RowT = TypeVar("RowT")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def counts(self) -> dict[str, int]:
        """For messages worded with %(total)d, %(created)d, %(updated)d and %(unchanged)d."""
        return {
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def _quiet(message: str) -> None:
    pass


class CsvImport(Generic[RowT]):
    """Check every row of a CSV file, then write them all in one transaction, or none.

    A subclass gives:

    - ``columns``: its :class:`Column` spec, in the documented order (errors are sorted by
      line, then in this order);
    - ``parse_row(row)``: turns a :class:`CsvRow` into the subclass's row object, reporting
      each problem with ``self.error(line, column, reason)``; a row with an error is dropped;
    - ``write(rows)``: writes the checked rows and returns an :class:`ImportResult`;

    and, when it needs them, ``required_any``, ``prepare(rows)`` (bulk look-ups before parsing),
    ``check_rows(rows)`` (rules across rows, run on the rows without error) and
    ``no_rows_message``, and the words of a command (``subject``, ``nothing_written``,
    ``noun``). ``first_line(key, line)`` finds a value given twice in the file.
    Any error raises ``error_class`` (a :class:`CsvImportError`) and nothing is written.
    """

    columns: ClassVar[Sequence[Column]] = ()
    #: Groups of columns of which the header must contain at least one.
    required_any: ClassVar[Sequence[Sequence[str]]] = ()
    error_class: ClassVar[type[CsvImportError]] = CsvImportError
    no_rows_message = gettext_lazy("le fichier ne contient aucune ligne après l'en-tête.")
    #: The words of a command's help and outcome: what the file holds (« Importe des lignes »),
    #: what a refused file leaves, and the noun of the summary, whose participles are
    #: feminine (override ``summary`` for a masculine noun).
    subject = gettext_lazy("des lignes")
    nothing_written = gettext_lazy("rien n'a été enregistré.")
    noun = gettext_lazy("ligne(s)")
    summary = gettext_lazy(
        "Import terminé, %(total)d %(noun)s : %(created)d créée(s), "
        "%(updated)d mise(s) à jour, %(unchanged)d inchangée(s)."
    )

    def __init__(self, *, log: Log | None = None):
        self.log = log or _quiet
        self.errors: list[RowError] = []
        self.stopped_at: int | None = None
        self._seen: dict[Hashable, int] = {}

    @classmethod
    def column_names(cls) -> tuple[str, ...]:
        return tuple(column.name for column in cls.columns)

    # What a subclass provides.

    def prepare(self, rows: list[CsvRow]) -> None:
        """Load what checking ``rows`` needs from the database, in a few queries."""

    def parse_row(self, row: CsvRow) -> RowT | None:
        raise NotImplementedError

    def check_rows(self, rows: list[RowT]) -> None:
        """Rules that look at several rows, or at the database for all of them."""

    def write(self, rows: list[RowT]) -> ImportResult:
        raise NotImplementedError

    # Helpers for subclasses.

    def error(self, line: int, column: str, reason: str) -> None:
        self.errors.append(RowError(line, column, str(reason)))

    def first_line(self, key: Hashable, line: int) -> int | None:
        """The earlier line of the file that gave ``key``, or None if ``line`` is the first."""
        earlier = self._seen.setdefault(key, line)
        return earlier if earlier != line else None

    # The import itself.

    def import_path(self, path: Path | str) -> ImportResult:
        """Import the CSV file at ``path`` (see :meth:`import_content`)."""
        path = Path(path)
        if not path.is_file():
            raise ValidationError(
                _("Fichier introuvable : %(path)s. Vérifiez le chemin du fichier CSV.") % {"path": path}
            )
        check_size(path.stat().st_size)
        with path.open("rb") as handle:
            return self.import_content(handle)

    def import_content(self, source: bytes | BinaryIO) -> ImportResult:
        """Check every row, then write them all in one transaction.

        Raises ValidationError for a file over the size cap, and ``error_class`` listing every
        problem (line, column, reason) when any row is wrong: nothing is written then.
        """
        rows = self.check(read_capped(source))
        self.log(_("Aucune erreur : enregistrement…"))
        with transaction.atomic():
            return self.write(rows)

    def check(self, content: bytes) -> list[RowT]:
        table = read_csv(content, self.columns, self.required_any)
        self.errors, self._seen, self.stopped_at = table.errors, {}, table.stopped_at
        if self.stopped_at or (self.errors and not table.rows):
            self.fail()
        if not table.rows:
            self.errors.append(RowError(table.header_line, "", str(self.no_rows_message)))
            self.fail()
        self.log(
            ngettext(
                "%(count)d ligne lue, vérification…", "%(count)d lignes lues, vérification…", len(table.rows)
            )
            % {"count": len(table.rows)}
        )
        self.prepare(table.rows)
        rows = []
        for row in table.rows:
            if len(self.errors) >= MAX_COLLECTED_ERRORS:
                self.stopped_at = row.line
                self.fail()
            errors_before = len(self.errors)
            self.parse_cells(row)
            parsed = self.parse_row(row)
            if parsed is not None and len(self.errors) == errors_before:
                rows.append(parsed)
        self.check_rows(rows)
        if self.errors:
            self.fail()
        return rows

    def parse_cells(self, row: CsvRow) -> None:
        for column in self.columns:
            text = row.raw[column.name]
            if column.parse is None:
                row.values[column.name] = text
                continue
            try:
                row.values[column.name] = column.parse(text)
            except ValidationError as exc:
                row.values[column.name] = None
                row.failed.add(column.name)
                for message in exc.messages:
                    self.error(row.line, column.name, message)

    def fail(self) -> NoReturn:
        order = {name: index for index, name in enumerate(self.column_names())}
        self.errors.sort(key=lambda error: (error.line, order.get(error.column, -1)))
        raise self.error_class(self.errors, stopped_at=self.stopped_at)
