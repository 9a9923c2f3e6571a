"""The emails of the webinars, in their recipient's language, sent by the tasks only.

Those that give or change a seat carry the calendar invitation (METHOD:REQUEST, webinars/ics.py);
those that take it away carry its cancellation (METHOD:CANCEL), with the same UID.
"""

from __future__ import annotations

from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import ics
from .calendar import registration_info, session_info
from .models import Registration

#: The kinds whose email carries the invitation, and those carrying its cancellation.
INVITATION_KINDS = frozenset({"confirmed", "promoted", "session_changed"})
# Emails that give the visio link itself: a visitor has no account to find it on the site.
JOIN_LINK_KINDS = frozenset({"confirmed", "promoted", "session_changed", "day", "hour"})
CANCELLATION_KINDS = frozenset({"session_cancelled", "cancelled"})


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def confirm_url(registration: Registration) -> str:
    with translation.override(registration.language):
        return absolute(reverse("webinars:confirm", kwargs={"token": registration.token}))


def cancel_url(registration: Registration) -> str:
    from .services import cancel_token

    with translation.override(registration.language):
        return absolute(reverse("webinars:cancel", kwargs={"token": cancel_token(registration)}))


def certificate_url(registration: Registration) -> str:
    from .services import cancel_token

    with translation.override(registration.language):
        return absolute(reverse("webinars:certificate", kwargs={"token": cancel_token(registration)}))


def _subject_and_lines(kind: str, title: str, when: str) -> tuple[str, list[str]]:
    texts = {
        "confirm_address": (
            _("Confirmez votre inscription : %(title)s"),
            [_("Pour confirmer votre inscription au webinaire du %(when)s, ouvrez le lien ci-dessous.")],
        ),
        "confirmed": (
            _("Inscription confirmée : %(title)s"),
            [
                _(
                    "Votre place est réservée pour le webinaire du %(when)s. Le lien de la visio est "
                    "ci-dessous et dans l'invitation jointe."
                )
            ],
        ),
        "waiting": (
            _("Liste d'attente : %(title)s"),
            [
                _(
                    "La séance du %(when)s est complète : vous êtes en liste d'attente. Si une place se "
                    "libère, elle vous est attribuée et vous recevez un courriel."
                )
            ],
        ),
        "promoted": (
            _("Une place s'est libérée : %(title)s"),
            [_("Une place s'est libérée : vous êtes inscrit au webinaire du %(when)s.")],
        ),
        "session_cancelled": (
            _("Séance annulée : %(title)s"),
            [_("Le webinaire prévu le %(when)s est annulé. Nous vous prions de nous en excuser.")],
        ),
        "cancelled": (
            _("Inscription annulée : %(title)s"),
            [_("Votre inscription au webinaire du %(when)s est annulée. À bientôt pour une autre séance.")],
        ),
        "session_changed": (
            _("Séance modifiée : %(title)s"),
            [_("La séance a changé : elle a lieu le %(when)s. Votre inscription est maintenue.")],
        ),
        "day": (
            _("Demain : %(title)s"),
            [_("Rappel : le webinaire a lieu demain, le %(when)s.")],
        ),
        "hour": (
            _("Dans une heure : %(title)s"),
            [_("Rappel : le webinaire commence dans une heure, le %(when)s.")],
        ),
        "replay": (
            _("Le replay est en ligne : %(title)s"),
            [
                _(
                    "Merci de votre inscription au webinaire du %(when)s. Son replay est en ligne, réservé "
                    "aux adhérents."
                )
            ],
        ),
    }
    subject, lines = texts[kind]
    values = {"title": title, "when": when}
    return subject % values, [line % values for line in lines]


def registration_message(registration: Registration, kind: str) -> EmailMultiAlternatives:
    with translation.override(registration.language):
        session = registration.session
        page = session.get_translation_or_none(_locale(registration.language)) or session
        when = date_format(timezone.localtime(session.starts_at), "l j F Y à H:i")
        subject, lines = _subject_and_lines(kind, page.title, when)
        context = {
            "registration": registration,
            "lines": lines,
            "page_url": absolute(page.url or ""),
            "confirm_url": confirm_url(registration) if kind == "confirm_address" else None,
            "cancel_url": cancel_url(registration) if kind not in CANCELLATION_KINDS else None,
            "join_url": (
                registration.session.visio_url
                if kind in JOIN_LINK_KINDS and not registration.session.is_cancelled
                else None
            ),
            "certificate_url": (
                certificate_url(registration) if kind == "replay" and registration.attended else None
            ),
        }
        text = render_to_string("webinars/email/message.txt", context)
        html = render_to_string("webinars/email/message.html", context)
        calendar = _calendar(registration, page, kind)
    message = EmailMultiAlternatives(
        subject=f"[Villes Internet] {subject}", body=text, to=[registration.email]
    )
    message.attach_alternative(html, "text/html")
    if calendar:
        message.attach(calendar)
    return message


def _calendar(registration: Registration, page, kind: str) -> MIMEText | None:
    """The ICS attachment ("invitation.ics") of the email ``kind``, or None."""
    if kind in INVITATION_KINDS and not registration.session.is_cancelled:
        info = session_info(page, join_url=registration.session.visio_url)
        attendee = registration_info(registration, cancel_url(registration))
        content, method = ics.invitation(info, attendee), "REQUEST"
    elif kind in CANCELLATION_KINDS:
        content, method = ics.cancellation(session_info(page), registration_info(registration)), "CANCEL"
    else:
        return None
    # text/calendar; charset=utf-8; method=... (ics.INVITATION_CONTENT_TYPE and
    # CANCELLATION_CONTENT_TYPE): the method lets mail clients show it as an invitation.
    part = MIMEText(content.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invitation.ics")
    return part


def _locale(language: str):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first()
