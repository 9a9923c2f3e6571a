"""manage.py import_members FILE.csv: create or update memberships from a CSV file."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from core.management.csv_command import CsvImportCommand
from members.imports import COLUMNS, MembershipImport


class Command(CsvImportCommand):
    help = _(
        "Importe des adhésions depuis un fichier CSV (UTF-8, séparateur « ; » ou « , ») dont "
        "l'en-tête compte les colonnes : %(columns)s. Toutes les lignes sont vérifiées avant "
        "l'écriture : si une ligne est fausse, rien n'est enregistré."
    ) % {"columns": ", ".join(COLUMNS)}
    importer = MembershipImport
    failure_message = ngettext_lazy(
        "%(count)d erreur dans le fichier : aucune adhésion n'a été enregistrée.",
        "%(count)d erreurs dans le fichier : aucune adhésion n'a été enregistrée.",
        "count",
    )
    success_message = gettext_lazy(
        "Import terminé, %(total)d adhésion(s) : %(created)d créée(s), "
        "%(updated)d mise(s) à jour, %(unchanged)d inchangée(s)."
    )
