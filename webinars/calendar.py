"""From the models to the plain data of webinars/ics.py, webinars/jsonld.py and
webinars/certificates.py.

A session's calendar UID is its French page's primary key (the page the registrations count on,
shared by its translations); a registration's is its primary key: both are never reused.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from .certificates import CertificateInfo
from .ics import RegistrationInfo, SessionInfo
from .models import Registration, SessionPage


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def session_info(page: SessionPage, *, join_url: str | None = None) -> SessionInfo:
    """``page`` (in the reader's language) as a SessionInfo; ``join_url`` only for a registrant."""
    source = page.source()
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
