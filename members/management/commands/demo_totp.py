"""Print the current TOTP code of the demo staff account (local demo only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from members.demo import DEMO_ADMIN_USERNAME, demo_admin_totp_code


class Command(BaseCommand):
    help = "Affiche le code de double authentification actuel du compte d'administration de démonstration."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Le code de démonstration ne s'affiche qu'en développement (DEMO_DATA_ALLOWED est faux "
                "dans ces réglages)."
            )
        code = demo_admin_totp_code()
        if code is None:
            raise CommandError(
                f"Le compte « {DEMO_ADMIN_USERNAME} » de démonstration n'a pas de double authentification : "
                "chargez d'abord les données de démonstration (make run ou manage.py load_demo_data)."
            )
        self.stdout.write(code)
