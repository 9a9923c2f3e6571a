"""manage.py import_members FILE.csv: create or update memberships from a CSV file."""

from core.management.csv_command import CsvImportCommand
from members.imports import MembershipImport


class Command(CsvImportCommand):
    importer = MembershipImport
