"""manage.py import_collectivities FILE.csv: create or update collectivities from a CSV file."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from territories.services import COLUMNS, CollectivityImportError, import_collectivities_file


class Command(BaseCommand):
    help = _(
        "Importe des collectivités depuis un fichier CSV (UTF-8, séparateur « ; » ou « , ») dont "
        "l'en-tête compte les colonnes : %(columns)s. Toutes les lignes sont vérifiées avant "
        "l'écriture : si une ligne est fausse, rien n'est enregistré."
    ) % {"columns": ", ".join(COLUMNS)}

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path, help=_("Chemin du fichier CSV à importer."))

    def handle(self, *args, csv_file: Path, **options):
        if not csv_file.is_file():
            raise CommandError(_("Fichier introuvable : %(path)s") % {"path": csv_file})
        self.stdout.write(_("Import de %(path)s…") % {"path": csv_file})
        try:
            result = import_collectivities_file(csv_file, log=self.stdout.write)
        except CollectivityImportError as exc:
            for error in exc.row_errors:
                self.stderr.write(str(error))
            raise CommandError(
                ngettext(
                    "%(count)d erreur dans le fichier : aucune collectivité n'a été enregistrée.",
                    "%(count)d erreurs dans le fichier : aucune collectivité n'a été enregistrée.",
                    len(exc.row_errors),
                )
                % {"count": len(exc.row_errors)}
            ) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Import terminé, %(total)d collectivité(s) : %(created)d créée(s), "
                    "%(updated)d mise(s) à jour, %(unchanged)d inchangée(s)."
                )
                % {
                    "total": result.total,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
        )
