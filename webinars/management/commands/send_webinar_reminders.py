"""Queue the webinar reminders and replay emails that are due and release the expired unconfirmed seats.

Run every few minutes (docs/operations.md, like publish_scheduled); the emails themselves are
sent by the task worker. Each reminder is recorded, so running it again sends nothing twice.
"""

from django.core.management.base import BaseCommand

from webinars import services


class Command(BaseCommand):
    help = "Queue the webinar reminders that are due and release the expired unconfirmed seats."

    def handle(self, *args, **options):
        expired = services.expire_pending()
        sent = services.send_due_reminders()
        replays = services.send_due_replays()
        self.stdout.write(
            f"{sent} reminder(s) and {replays} replay email(s) queued, "
            f"{expired} unconfirmed registration(s) expired"
        )
