"""The shape every CSV import command shares: check the whole file, report each bad row on
stderr as "ligne N, colonne X : raison", write nothing unless the file is clean, then print a
summary. Subclasses say which service imports the file and how to word the outcome."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class CsvImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path, help=_("Chemin du fichier CSV à importer."))

    def import_file(self, csv_file: Path):
        """Run the import service; it raises ValidationError (with `row_errors` for bad rows)."""
        raise NotImplementedError

    def failure_message(self, count: int) -> str:
        raise NotImplementedError

    def success_message(self, result) -> str:
        """Worded with `self.counts(result)`: total, created, updated, unchanged."""
        raise NotImplementedError

    @staticmethod
    def counts(result) -> dict[str, int]:
        return {
            "total": result.total,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }

    def handle(self, *args, csv_file: Path, **options):
        if not csv_file.is_file():
            raise CommandError(_("Fichier introuvable : %(path)s") % {"path": csv_file})
        self.stdout.write(_("Import de %(path)s…") % {"path": csv_file})
        try:
            result = self.import_file(csv_file)
        except ValidationError as exc:
            row_errors = getattr(exc, "row_errors", None)
            if not row_errors:
                raise CommandError(" ".join(exc.messages)) from exc
            for error in row_errors:
                self.stderr.write(str(error))
            raise CommandError(self.failure_message(len(row_errors))) from exc
        self.stdout.write(self.style.SUCCESS(self.success_message(result)))
