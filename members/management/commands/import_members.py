"""manage.py import_members FILE.csv: create or update memberships from a CSV file."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.imports import COLUMNS, import_members_file
from territories.management.csv_import_command import CsvImportCommand


class Command(CsvImportCommand):
    help = _(
        "Importe des adhésions depuis un fichier CSV (UTF-8, séparateur « ; » ou « , ») dont "
        "l'en-tête compte les colonnes : %(columns)s. Toutes les lignes sont vérifiées avant "
        "l'écriture : si une ligne est fausse, rien n'est enregistré."
    ) % {"columns": ", ".join(COLUMNS)}

    def import_file(self, csv_file):
        return import_members_file(csv_file)

    def failure_message(self, count):
        return ngettext(
            "%(count)d erreur dans le fichier : aucune adhésion n'a été enregistrée.",
            "%(count)d erreurs dans le fichier : aucune adhésion n'a été enregistrée.",
            count,
        ) % {"count": count}

    def success_message(self, result):
        return _(
            "Import terminé, %(total)d adhésion(s) : %(created)d créée(s), "
            "%(updated)d mise(s) à jour, %(unchanged)d inchangée(s)."
        ) % self.counts(result)
