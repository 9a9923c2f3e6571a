"""Demo season of the webinars "C'est pour vous": one season, four cycles, twelve sessions, in
French and English (``webinars/demo/season.yaml``, read by ``core.demo``).

Each session's date is given in days from today, so the demo always has past sessions (with a
replay) and future ones. Idempotent. Needs the home page of home.demo (run it first).
"""

from __future__ import annotations

import datetime
import zoneinfo
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from core.demo import SOURCE_LANGUAGE, Log, PageTree, add_to_main_navigation, read_data

from .models import CyclePage, SeasonPage, SessionPage

SEASON = Path(__file__).parent / "demo" / "season.yaml"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def season_data(today: datetime.date | None = None) -> dict:
    """The data file with each session's ``days_from_today`` and ``time`` made a date."""
    today = today or timezone.localdate()
    data = read_data(SEASON)
    for entry in data["pages"]:
        fields = entry.get("fields", {})
        if "days_from_today" in fields:
            day = today + datetime.timedelta(days=fields.pop("days_from_today"))
            hour, minute = (int(part) for part in fields.pop("time").split(":"))
            fields["starts_at"] = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)
    return data


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    """Create the season, its cycles and sessions where missing, and link the season from the
    main navigation."""
    tree = PageTree(season_data()).load(log)
    season = tree.pages.get(("season", SOURCE_LANGUAGE))
    if season is not None:
        add_to_main_navigation(season, log)
    return {
        "saisons de webinaires": SeasonPage.objects.count(),
        "cycles": CyclePage.objects.count(),
        "séances": SessionPage.objects.count(),
    }
