"""Load the demo data: territories, page tree in French and English, settings, staff account.

Deterministic and idempotent: running it twice changes nothing. Composed of each app's own
generator. Refuses to run unless settings.DEMO_DATA_ALLOWED is true (development and tests):
it creates a staff account whose password is published in README.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from editorial import demo_congress, demo_news, demo_press
from home import demo as home_demo
from label import demo as label_demo
from members import demo as members_demo
from territories import demo as territories_demo


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

        steps = [
            ("Territoires", territories_demo.load),
            ("Pages, paramètres et compte d'administration", home_demo.load),
            ("Label : éditions, palmarès et pages", label_demo.load),
            ("Actualités", demo_news.load),
            ("Espace presse", demo_press.load),
            ("Congrès", demo_congress.load),
            ("Adhérents de démonstration et double authentification", members_demo.load),
        ]
        for number, (title, step) in enumerate(steps, start=1):
            self.stdout.write(self.style.MIGRATE_HEADING(f"[{number}/{len(steps)}] {title}"))
            counts = step(log)
            summary = ", ".join(f"{name} : {count}" for name, count in counts.items())
            self.stdout.write(f"  {summary}")
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
