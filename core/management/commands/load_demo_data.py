"""Load the demo data: territories, page tree in French and English, settings, staff account,
label editions, news, press, congress, members.

Deterministic and idempotent: running it twice changes nothing. Composed of each app's own
loader, in the order of ``settings.DEMO_LOADERS`` (core imports no app above it). Refuses to run
unless settings.DEMO_DATA_ALLOWED is true (development and tests): it creates a staff account
whose password is published in README.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Les données de démonstration ne se chargent qu'en développement "
                "(DEMO_DATA_ALLOWED est faux dans ces réglages) : elles créent un compte "
                "d'administration dont le mot de passe est public."
            )

        def log(message: str) -> None:
            self.stdout.write(message)

        steps = settings.DEMO_LOADERS
        for number, (title, dotted_path) in enumerate(steps, start=1):
            self.stdout.write(self.style.MIGRATE_HEADING(f"[{number}/{len(steps)}] {title}"))
            counts = import_string(dotted_path)(log) or {}
            summary = ", ".join(f"{name} : {count}" for name, count in counts.items())
            if summary:
                self.stdout.write(f"  {summary}")
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
