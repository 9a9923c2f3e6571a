"""Registrants are told when a session they registered to moves (see services.announce_schedule);
the page cache forgets what shows a session when it or its registrations change."""

import datetime

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from core import page_cache

from .models import CyclePage, Registration, SeasonPage, SessionPage


@receiver(page_published, sender=SessionPage)
def session_published(sender, instance: SessionPage, **kwargs) -> None:
    from .services import announce_schedule

    announce_schedule(instance)


# --- Page cache (core.page_cache) ----------------------------------------------------------------


@page_cache.register_dependents
def sessions_shown_on(page, event: str):
    """A session appears on its cycle (its parent, purged by core), its season and the public
    calendar feed; the home page lists it too (home.signals)."""
    if isinstance(page, SessionPage):
        cycle = page.get_parent()
        if cycle is not None and cycle.depth > 1:
            yield cycle.get_parent()
    if isinstance(page, SessionPage | CyclePage | SeasonPage):
        yield "webinars-calendar"


@receiver(post_save, sender=Registration)
@receiver(post_delete, sender=Registration)
def registrations_changed(sender, instance: Registration, **kwargs) -> None:
    """The session page shows the seats left, in every language (they count on the French page)."""
    session_id = instance.session_id

    def target() -> page_cache.Purge:
        session = SessionPage.objects.get(pk=session_id)
        return page_cache.Purge(pages={session, *session.get_translations()})

    page_cache.purge(target)


@page_cache.register_next_change
def next_session_start_or_end():
    """A session leaves the upcoming lists when it starts, and closes its registrations (and
    shows its replay) when it ends."""
    now = timezone.now()
    rows = SessionPage.objects.live().filter(starts_at__gt=now - datetime.timedelta(days=2))
    moments = [
        moment
        for starts_at, minutes in rows.values_list("starts_at", "duration_minutes")
        for moment in (starts_at, starts_at + datetime.timedelta(minutes=minutes))
        if moment > now
    ]
    return min(moments, default=None)
