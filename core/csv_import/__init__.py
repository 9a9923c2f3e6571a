"""The one CSV import of the site: every import (collectivities, palmarès, memberships, and
those to come) is a :class:`CsvImport` subclass that gives a column spec and a row parser.

The rules it applies to every file:

- size: at most ``settings.CSV_IMPORT_MAX_BYTES``;
- encoding: UTF-8 with or without BOM, anything else refused with the line of the first bad
  byte and how to save the file again;
- delimiter: ``;`` or ``,``; header: order free, case, accents, spaces, dashes and apostrophes
  ignored; unknown, duplicated and missing required columns refused;
- rows: blank lines skipped, a row with more cells than the header refused, an empty file or a
  header without rows refused;
- every problem of every row reported as "ligne N, colonne X : raison", and nothing written
  unless the whole file is right (one transaction);
- the first :data:`MAX_SHOWN_ERRORS` errors shown, then "… et N autres erreurs".

A management command is a :class:`core.management.csv_command.CsvImportCommand`; an admin
upload page is a :class:`core.csv_import.views.CsvImportView`.
"""

from .importer import CsvImport, ImportResult, Log
from .reader import (
    MAX_SHOWN_ERRORS,
    Column,
    CsvImportError,
    CsvRow,
    RowError,
    check_size,
    more_errors_message,
    normalize_name,
)

__all__ = [
    "MAX_SHOWN_ERRORS",
    "Column",
    "CsvImport",
    "CsvImportError",
    "CsvRow",
    "ImportResult",
    "Log",
    "RowError",
    "check_size",
    "more_errors_message",
    "normalize_name",
]
