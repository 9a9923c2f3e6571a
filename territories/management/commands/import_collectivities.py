"""manage.py import_collectivities FILE.csv: create or update collectivities from a CSV file."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from territories.management.csv_import_command import CsvImportCommand
from territories.services import COLUMNS, import_collectivities_file


class Command(CsvImportCommand):
    help = _(
        "Importe des collectivités depuis un fichier CSV (UTF-8, séparateur « ; » ou « , ») dont "
        "l'en-tête compte les colonnes : %(columns)s. Toutes les lignes sont vérifiées avant "
        "l'écriture : si une ligne est fausse, rien n'est enregistré."
    ) % {"columns": ", ".join(COLUMNS)}

    def import_file(self, csv_file):
        return import_collectivities_file(csv_file, log=self.stdout.write)

    def failure_message(self, count):
        return ngettext(
            "%(count)d erreur dans le fichier : aucune collectivité n'a été enregistrée.",
            "%(count)d erreurs dans le fichier : aucune collectivité n'a été enregistrée.",
            count,
        ) % {"count": count}

    def success_message(self, result):
        return _(
            "Import terminé, %(total)d collectivité(s) : %(created)d créée(s), "
            "%(updated)d mise(s) à jour, %(unchanged)d inchangée(s)."
        ) % self.counts(result)
