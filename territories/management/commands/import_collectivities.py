"""manage.py import_collectivities FILE.csv: create or update collectivities from a CSV file."""

from core.management.csv_command import CsvImportCommand
from territories.services import CollectivityImport


class Command(CsvImportCommand):
    importer = CollectivityImport
