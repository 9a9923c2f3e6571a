"""Queue the reminders of unpaid invoices that are due today (settings.DUES_REMINDER_DAYS).

Run daily (docs/operations.md); the emails themselves are sent by the task worker. Each
reminder is recorded per invoice and step, so running it again sends nothing twice.
"""

from django.core.management.base import BaseCommand

from dues.services import reminders


class Command(BaseCommand):
    help = "Queue the reminders of unpaid dues invoices that are due today."

    def handle(self, *args, **options):
        queued = reminders.send_due_reminders()
        self.stdout.write(f"{queued} dues reminder(s) queued")
