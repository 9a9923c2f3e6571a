"""The base of every CSV import command: check the whole file, report the bad rows on stderr
as "ligne N, colonne X : raison" (the first MAX_SHOWN_ERRORS, then how many more), write
nothing unless the file is clean, then print a summary.

A subclass gives ``importer``, the app's :class:`~core.csv_import.CsvImport` subclass, whose
``subject``, ``nothing_written`` and ``noun`` word the help and the outcome.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.csv_import import CsvImport, CsvImportError, ImportResult


class CsvImportCommand(BaseCommand):
    importer: type[CsvImport]

    @property
    def help(self) -> str:
        return _(
            "Importe %(subject)s depuis un fichier CSV (UTF-8, séparateur « ; » ou « , ») dont "
            "l'en-tête compte les colonnes : %(columns)s. Toutes les lignes sont vérifiées avant "
            "l'écriture : si une ligne est fausse, rien n'est enregistré."
        ) % {"subject": self.importer.subject, "columns": ", ".join(self.importer.column_names())}

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
            count = len(exc.row_errors)
            if exc.stopped_at:
                raise CommandError(
                    _("au moins %(count)d erreurs dans le fichier : %(nothing_written)s")
                    % {"count": count, "nothing_written": self.importer.nothing_written}
                ) from exc
            raise CommandError(
                ngettext(
                    "%(count)d erreur dans le fichier : %(nothing_written)s",
                    "%(count)d erreurs dans le fichier : %(nothing_written)s",
                    count,
                )
                % {"count": count, "nothing_written": self.importer.nothing_written}
            ) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        summary = self.importer.summary % {"noun": self.importer.noun, **result.counts()}
        self.stdout.write(self.style.SUCCESS(summary))
