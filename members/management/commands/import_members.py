"""manage.py import_members FILE.csv: create or update memberships from a CSV file."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.imports import COLUMNS, MembershipImportError, import_members_file


class Command(BaseCommand):
    help = _(
        "Importe des adhésions depuis un fichier CSV (UTF-8, séparateur « ; » ou « , ») dont "
        "l'en-tête compte les colonnes : %(columns)s. Toutes les lignes sont vérifiées avant "
        "l'écriture : si une ligne est fausse, rien n'est enregistré."
    ) % {"columns": ", ".join(COLUMNS)}

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path, help=_("Chemin du fichier CSV à importer."))

    def handle(self, *args, csv_file: Path, **options):
        try:
            result = import_members_file(csv_file)
        except MembershipImportError as exc:
            for error in exc.row_errors:
                self.stderr.write(str(error))
            raise CommandError(
                ngettext(
                    "%(count)d erreur dans le fichier : aucune adhésion n'a été enregistrée.",
                    "%(count)d erreurs dans le fichier : aucune adhésion n'a été enregistrée.",
                    len(exc.row_errors),
                )
                % {"count": len(exc.row_errors)}
            ) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Import terminé, %(total)d adhésion(s) : %(created)d créée(s), "
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
