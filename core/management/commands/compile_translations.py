"""Compile the project's gettext catalogues (locale/*/LC_MESSAGES/*.po) into .mo files.

Django's `compilemessages` needs GNU gettext's msgfmt, which a fresh machine with only
Python may lack; polib (a wagtail-localize dependency) does the same job in Python.
Only the project's own catalogues are compiled: Django and Wagtail ship theirs compiled.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile les catalogues de traduction du projet (.po vers .mo)."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                try:
                    catalogue = polib.pofile(str(po_path))
                except (OSError, ValueError) as error:
                    raise CommandError(f"Catalogue illisible {po_path} : {error}") from error
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
                self.stdout.write(f"{po_path} : {len(catalogue.translated_entries())} chaînes traduites")
        if not compiled:
            raise CommandError("Aucun catalogue .po trouvé dans LOCALE_PATHS.")
        self.stdout.write(self.style.SUCCESS(f"{compiled} catalogue(s) compilé(s)."))
