"""The base of every CSV import command: check the whole file, report the bad rows on stderr
as "ligne N, colonne X : raison" (the first MAX_SHOWN_ERRORS, then how many more), write
nothing unless the file is clean, then print a summary.

A subclass gives ``help``, ``importer`` (the app's :class:`~core.csv_import.CsvImport`
subclass), ``failure_message`` (``ngettext_lazy(singular, plural, "count")``) and ``success_message``
(worded with %(total)d, %(created)d, %(updated)d and %(unchanged)d).
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.csv_import import CsvImport, CsvImportError, ImportResult


class CsvImportCommand(BaseCommand):
    importer: type[CsvImport]
    failure_message = ""
    success_message = ""

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path, help=_("Chemin du fichier CSV à importer."))

    def import_file(self, csv_file: Path) -> ImportResult:
        return self.importer(log=self.stdout.write).import_path(csv_file)

    def handle(self, *args, csv_file: Path, **options):
        self.stdout.write(_("Import de %(path)s…") % {"path": csv_file})
        try:
            result = self.import_file(csv_file)
        except CsvImportError as exc:
            for error in exc.shown_errors:
                self.stderr.write(str(error))
            if exc.hidden_count:
                self.stderr.write(exc.hidden_message)
            raise CommandError(self.failure_message % {"count": len(exc.row_errors)}) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(self.success_message % result.counts()))
