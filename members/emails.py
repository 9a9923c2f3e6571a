"""The emails of the members app, rendered in their recipient's language.

Only the tasks in tasks.py send them, queued by the services once their transaction has
committed: a request never waits for the mail server, and nothing is sent for a change that was
rolled back.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Invitation, display_name


def invitation_url(invitation: Invitation) -> str:
    with translation.override(invitation.language):
        path = reverse("members:invitation", kwargs={"token": invitation.token})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


_LINK_SCHEME = re.compile(r"\b([a-z][a-z0-9+.-]*)://", re.IGNORECASE)

#: The longest inviter's name an email quotes.
INVITER_MAX_LENGTH = 80


def quoted_inviter(invitation: Invitation) -> str:
    """The inviter's name as the email quotes it: on one line, at most 80 characters.

    The name is typed by a person: it appears only in the quoted "sent by" line at the end of
    the message, never in the subject or the opening, and the HTML part neither links nor
    formats it.
    """
    name = display_name(invitation.invited_by) if invitation.invited_by else "Villes Internet"
    name = " ".join(name.split())
    # An address typed as a name is shown, not offered as a link: "https[:]//…".
    name = _LINK_SCHEME.sub(r"\1[:]//", name)
    if len(name) > INVITER_MAX_LENGTH:
        name = name[: INVITER_MAX_LENGTH - 1].rstrip() + "…"
    return name


def invitation_message(invitation: Invitation) -> EmailMultiAlternatives:
    """The invitation in its language, as plain text with an HTML alternative."""
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "url": invitation_url(invitation),
            "inviter": quoted_inviter(invitation),
            "role": invitation.get_role_display(),
            "expires": date_format(timezone.localtime(invitation.expires_at), "j F Y"),
        }
        subject = _("Invitation à rejoindre l'espace membre de %(collectivity)s") % {
            "collectivity": invitation.collectivity.name
        }
        text = render_to_string("members/email/invitation.txt", context)
        html = render_to_string("members/email/invitation.html", context)
    message = EmailMultiAlternatives(subject=f"[Villes Internet] {subject}", body=text, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    return message
