"""Replay Stripe's recent payment events (run daily): a webhook that never arrived is caught.

Each event goes through the same service as the webhook, which acts once per event id, so
replaying events already received changes nothing.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dues import gateway
from dues.services import payments


class Command(BaseCommand):
    help = "Apply Stripe's payment events of the last days that the webhook missed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=3, help="How far back to look (Stripe keeps 30 days)."
        )

    def handle(self, *args, days: int, **options):
        since = timezone.now() - datetime.timedelta(days=days)
        try:
            events = gateway.list_events(created_after=since)
        except gateway.GatewayError as error:
            raise CommandError(f"Stripe: {error.code}") from error
        outcomes: dict[str, int] = {}
        for event in events:
            try:
                stored = payments.apply_stripe_event(event)
            except gateway.GatewayError as error:
                self.stderr.write(f"{event.id}: Stripe {error.code}, left for the next run")
                continue
            outcomes[stored.outcome] = outcomes.get(stored.outcome, 0) + 1
        summary = ", ".join(f"{outcome}: {count}" for outcome, count in sorted(outcomes.items())) or "none"
        self.stdout.write(f"{len(events)} Stripe events since {since:%Y-%m-%d %H:%M} ({summary})")
