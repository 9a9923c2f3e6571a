"""Create the "Relecture" review workflow and assign it to every press room (idempotent)."""

from django.core.management.base import BaseCommand

from editorial.models.press import PressRoomPage
from editorial.services.press import REVIEW_WORKFLOW_NAME, ensure_press_review_workflow


class Command(BaseCommand):
    help = "Crée le processus de relecture « Relecture » et l'affecte aux espaces presse (idempotent)."

    def handle(self, *args, **options):
        rooms = list(PressRoomPage.objects.all())
        ensure_press_review_workflow(rooms)
        self.stdout.write(f"Processus « {REVIEW_WORKFLOW_NAME} » affecté à {len(rooms)} espace(s) presse.")
