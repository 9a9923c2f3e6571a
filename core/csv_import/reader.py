"""Reading a CSV file into checked rows: size cap, decoding, delimiter, header, over-long rows.

Nothing here knows what the columns mean: an import gives its :class:`Column` spec and gets
:class:`CsvRow` objects, or :class:`RowError` objects saying what to fix.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

#: How many row errors a command or the admin shows before "… et N autres erreurs".
MAX_SHOWN_ERRORS = 50
#: Checking stops once this many errors are found ("… et au moins N autres erreurs"): a file of
#: a few megabytes of bad rows would otherwise take a minute to check and to report.
MAX_COLLECTED_ERRORS = 1000


@dataclass(frozen=True)
class Column:
    """One accepted column: its normalised name, whether the header must contain it, and how
    to read its cells (a function of the stripped text that returns the value or raises
    ValidationError with the reason a person can act on; the text itself when None)."""

    name: str
    required: bool = False
    parse: Callable[[str], Any] | None = None


@dataclass(frozen=True)
class RowError:
    """One problem in the file: its line (1 is the first line), its column and what to fix."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            return _("ligne %(line)d, colonne %(column)s : %(reason)s") % {
                "line": self.line,
                "column": self.column,
                "reason": self.reason,
            }
        return _("ligne %(line)d : %(reason)s") % {"line": self.line, "reason": self.reason}


def more_errors_message(count: int) -> str:
    """The line that stands for the errors left out of a list cut at MAX_SHOWN_ERRORS."""
    return ngettext("… et %(count)d autre erreur.", "… et %(count)d autres erreurs.", count) % {
        "count": count
    }


class CsvImportError(ValidationError):
    """The file has errors; nothing was written. ``row_errors`` lists every one of them (or the
    first MAX_COLLECTED_ERRORS, checking having stopped before line ``stopped_at``), and the
    messages show the first MAX_SHOWN_ERRORS of them then how many more there are."""

    def __init__(self, row_errors: Sequence[RowError], *, stopped_at: int | None = None):
        self.row_errors = list(row_errors)
        self.stopped_at = stopped_at
        messages = [str(error) for error in self.shown_errors]
        if self.hidden_count:
            messages.append(self.hidden_message)
        super().__init__(messages, code="invalid_import")

    @property
    def shown_errors(self) -> list[RowError]:
        return self.row_errors[:MAX_SHOWN_ERRORS]

    @property
    def hidden_count(self) -> int:
        return max(0, len(self.row_errors) - MAX_SHOWN_ERRORS)

    @property
    def hidden_message(self) -> str:
        """ "… et N autres erreurs." when the list is cut, else ""."""
        if not self.hidden_count:
            return ""
        if self.stopped_at:
            return ngettext(
                "… et au moins %(count)d autre erreur : la vérification s'est arrêtée à la "
                "ligne %(line)d. Corrigez d'abord celles-ci.",
                "… et au moins %(count)d autres erreurs : la vérification s'est arrêtée à la "
                "ligne %(line)d. Corrigez d'abord celles-ci.",
                self.hidden_count,
            ) % {"count": self.hidden_count, "line": self.stopped_at}
        return more_errors_message(self.hidden_count)


@dataclass
class CsvRow:
    """A row of the file: its first line, its raw cells (stripped, "" when absent) and the
    values its columns' ``parse`` gave (None where the cell was refused, see ``ok``)."""

    line: int
    raw: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def ok(self, *names: str) -> bool:
        """Whether none of these cells was refused (so that a rule using them can run)."""
        return not self.failed.intersection(names)


@dataclass
class CsvTable:
    header_line: int = 1
    #: The line before which reading stopped, MAX_COLLECTED_ERRORS having been found.
    stopped_at: int | None = None
    rows: list[CsvRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def max_bytes() -> int:
    return settings.CSV_IMPORT_MAX_BYTES


def check_size(size: int) -> None:
    """Refuse a file larger than the CSV_IMPORT_MAX_BYTES setting."""
    if size > max_bytes():
        raise ValidationError(
            _(
                "Le fichier est trop volumineux (%(size)s) : un import accepte au plus %(limit)s. "
                "Découpez-le en plusieurs fichiers et importez-les l'un après l'autre."
            )
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())},
            code="file_too_large",
        )


def read_capped(source: bytes | BinaryIO) -> bytes:
    """The content of ``source``, refused (ValidationError) past CSV_IMPORT_MAX_BYTES; a file
    is measured before it is read, and never read past the cap."""
    if isinstance(source, bytes):
        check_size(len(source))
        return source
    size = getattr(source, "size", None)  # an uploaded file
    if size is None and source.seekable():
        start = source.tell()
        size = source.seek(0, io.SEEK_END) - start
        source.seek(start)
    if size is not None:
        check_size(size)
    content = source.read(max_bytes() + 1)
    check_size(len(content))
    return content


def normalize_name(value: str) -> str:
    """A header or a choice as typed by a person, made comparable: lower case, no accents,
    spaces, dashes and apostrophes as underscores ("Année population" → "annee_population")."""
    value = unicodedata.normalize("NFKD", value.strip().lower())
    value = "".join(char for char in value if not unicodedata.combining(char))
    for char in " -'’":
        value = value.replace(char, "_")
    return value


def _line_of(content: bytes, position: int) -> int:
    """The line (1 is the first) of the byte at ``position``, whatever the line endings."""
    before = content[:position]
    return len(before.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n"))


def decode(content: bytes) -> tuple[str | None, RowError | None]:
    """UTF-8 with or without BOM; anything else is refused with the line of the first bad byte
    and how to save the file again. A NUL byte, which no text file holds (a binary file, or a
    spreadsheet saved in UTF-16), is refused too."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, RowError(
            _line_of(content, exc.start),
            "",
            _(
                "le fichier n'est pas encodé en UTF-8. Enregistrez-le au format « CSV UTF-8 » "
                "puis importez-le à nouveau."
            ),
        )
    if "\x00" in text:
        return None, RowError(
            _line_of(content, content.index(b"\x00")),
            "",
            _(
                "le fichier contient un caractère nul : ce n'est pas un fichier CSV texte. "
                "Enregistrez-le au format « CSV UTF-8 » puis importez-le à nouveau."
            ),
        )
    return text, None


def _unreadable(exc: csv.Error) -> str:
    """What to fix in a row the csv module cannot read."""
    if "field limit" in str(exc):
        return _(
            "une cellule est trop longue (plus de %(limit)d caractères) : un guillemet n'est "
            "sans doute pas refermé, vérifiez les guillemets."
        ) % {"limit": csv.field_size_limit()}
    return _(
        "ligne illisible : une cellule entre guillemets doit se terminer par un guillemet "
        "suivi du séparateur ou de la fin de la ligne, vérifiez les guillemets."
    )


def read_csv(
    content: bytes, columns: Sequence[Column], required_any: Sequence[Sequence[str]] = ()
) -> CsvTable:
    """Split ``content`` into rows of named cells, checking everything but the cells.

    Blank lines are skipped; the delimiter is ``;`` or ``,``, whichever the header uses most.
    A problem with the file itself (encoding, empty, header with unknown, duplicated or
    missing columns, or none of a group of ``required_any``) leaves ``rows`` empty; a row with
    more cells than the header is an error and the other rows are still read.
    """
    text, error = decode(content)
    if error:
        return CsvTable(errors=[error])
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # The header's names contain neither ";" nor ",".
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    # strict: an unclosed quote, or text after a closing quote, is an error, not a cell that
    # swallows the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next((cells for cells in reader if any(cell.strip() for cell in cells)), None)
    except csv.Error as exc:
        return CsvTable(errors=[RowError(reader.line_num or 1, "", _unreadable(exc))])
    if header is None:
        return CsvTable(errors=[RowError(1, "", _("le fichier est vide."))])
    table = CsvTable(header_line=reader.line_num)
    header = [normalize_name(name) for name in header]
    table.errors = _header_errors(header, columns, required_any, table.header_line)
    if table.errors:
        return table
    names = [column.name for column in columns]
    line = reader.line_num + 1
    try:
        for cells in reader:
            if len(table.errors) >= MAX_COLLECTED_ERRORS:
                table.stopped_at = line
                break
            if not any(cell.strip() for cell in cells):
                pass
            elif len(cells) > len(header):
                table.errors.append(
                    RowError(
                        line,
                        "",
                        _("%(found)d valeurs pour %(expected)d colonnes : vérifiez le séparateur.")
                        % {"found": len(cells), "expected": len(header)},
                    )
                )
            else:
                raw = dict.fromkeys(names, "")
                raw.update({name: cell.strip() for name, cell in zip(header, cells, strict=False)})
                table.rows.append(CsvRow(line, raw))
            line = reader.line_num + 1
    except csv.Error as exc:
        table.errors.append(RowError(line, "", _unreadable(exc)))
    return table


def _header_errors(
    header: list[str], columns: Sequence[Column], required_any: Sequence[Sequence[str]], line: int
) -> list[RowError]:
    names = [column.name for column in columns]
    errors = []
    for position, name in enumerate(header, start=1):
        if name not in names:
            errors.append(
                RowError(
                    line,
                    name or str(position),
                    _("colonne inconnue. Colonnes acceptées : %(columns)s.") % {"columns": ", ".join(names)},
                )
            )
        elif header.index(name) != position - 1:
            errors.append(RowError(line, name, _("cette colonne apparaît deux fois dans l'en-tête.")))
    errors.extend(
        RowError(line, column.name, _("colonne obligatoire absente de l'en-tête."))
        for column in columns
        if column.required and column.name not in header
    )
    errors.extend(
        RowError(
            line,
            "",
            _("il faut au moins une de ces colonnes : %(columns)s.") % {"columns": ", ".join(group)},
        )
        for group in required_any
        if not set(group).intersection(header)
    )
    return errors
