"""The home page lists the latest news, press releases, congress editions and upcoming webinar
sessions: a change to one of them purges the home page of its language (core.page_cache)."""

import datetime

from django.utils import timezone

from core import page_cache
from editorial.models import ArticlePage, CongressPage, PressReleasePage
from webinars.models import SessionPage

from .models import HomePage

LISTED_ON_HOME = (ArticlePage, PressReleasePage, CongressPage, SessionPage)


@page_cache.register_dependents
def home_lists_it(page, event: str):
    if isinstance(page, LISTED_ON_HOME):
        yield from HomePage.objects.filter(locale_id=page.locale_id)


@page_cache.register_next_change
def next_congress_end():
    """A congress edition leaves the home page's "coming next" the day after it ends."""
    today = timezone.localdate()
    end = (
        CongressPage.objects.live()
        .filter(end_date__gte=today)
        .order_by("end_date")
        .values_list("end_date", flat=True)
        .first()
    )
    if end is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()))
