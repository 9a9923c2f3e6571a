"""From the models to the plain data of webinars/ics.py, webinars/jsonld.py and
webinars/certificates.py.

A session's calendar UID is its French page's primary key (the page the registrations count on,
shared by its translations); a registration's is its primary key: both are never reused.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from core.models import exclude_members_only

from .certificates import CertificateInfo
from .ics import RegistrationInfo, SessionInfo
from .models import Registration, SessionPage


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def session_info(
    page: SessionPage, *, join_url: str | None = None, source: SessionPage | None = None
) -> SessionInfo:
    """``page`` (in the reader's language) as a SessionInfo; ``join_url`` only for a registrant;
    ``source``: its French page when the caller already has it."""
    source = source or page.source()
    return SessionInfo(
        uid=str(source.pk),
        title=page.title,
        description=page.introduction or "",
        start=source.starts_at,
        duration=datetime.timedelta(minutes=source.duration_minutes),
        url=absolute(page.url or ""),
        join_url=join_url or None,
        sequence=source.sequence,
        cancelled=source.is_cancelled,
    )


def registration_info(registration: Registration, cancel_url: str | None = None) -> RegistrationInfo:
    return RegistrationInfo(
        uid=str(registration.pk), name=registration.name, email=registration.email, cancel_url=cancel_url
    )


def certificate_info(registration: Registration, page: SessionPage) -> CertificateInfo:
    """The certificate of ``registration`` (who attended), titles in ``page``'s language."""
    source = registration.session
    cycle = page.get_parent()
    return CertificateInfo(
        person_name=registration.name,
        collectivity_name=registration.collectivity_name or None,
        session_title=page.title,
        cycle_title=cycle.title if cycle else "",
        date=timezone.localtime(source.starts_at).date(),
        duration_minutes=source.duration_minutes,
        number=f"{source.pk}-{registration.pk}",
    )


def feed_sessions(language: str, now: datetime.datetime | None = None) -> list[SessionInfo]:
    """The public sessions not started yet, in ``language`` (French where not translated),
    soonest first; cancelled ones stay, marked, so that subscribed calendars drop them. No
    visio link. Three queries, whatever the number of sessions."""
    from django.conf import settings as django_settings

    now = now or timezone.now()
    sources = list(
        exclude_members_only(SessionPage.objects.live().public())
        .filter(locale__language_code=django_settings.LANGUAGE_CODE, starts_at__gt=now)
        .order_by("starts_at", "pk")
    )
    pages = {}
    if language != django_settings.LANGUAGE_CODE:
        translated = exclude_members_only(SessionPage.objects.live().public()).filter(
            locale__language_code=language, translation_key__in=[s.translation_key for s in sources]
        )
        pages = {page.translation_key: page for page in translated}
    return [session_info(pages.get(source.translation_key, source), source=source) for source in sources]
