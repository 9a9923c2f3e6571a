"""Attendance certificates ("Attestation de participation") for a webinar session, as PDF.

Pure: the caller checks that the person attended, gives a ``CertificateInfo`` and the
association's name (from SiteSettings), and stores or serves the bytes. The text follows the
active language, or ``language`` when given; the PDF is rendered by ``core.pdf`` (WeasyPrint,
nothing fetched from the network).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from core.pdf import html_to_pdf

TEMPLATE = "webinars/certificate_pdf.html"


@dataclass(frozen=True)
class CertificateInfo:
    """What an attendance certificate states.

    ``collectivity_name``: the person's collectivity, or None (someone not from a member);
    ``date``: the day of the session (Europe/Paris); ``number``: the certificate's reference,
    unique and stable (for example ``"2026-0042"``), printed so that it can be checked.
    """

    person_name: str
    collectivity_name: str | None
    session_title: str
    cycle_title: str
    date: datetime.date
    duration_minutes: int
    number: str

    def __post_init__(self) -> None:
        if not self.person_name.strip():
            raise ValueError("CertificateInfo.person_name must not be empty")
        if not self.number.strip():
            raise ValueError("CertificateInfo.number must not be empty")
        if self.duration_minutes <= 0:
            raise ValueError("CertificateInfo.duration_minutes must be positive")


def duration_label(minutes: int) -> str:
    """The duration as the certificate prints it, in the active language."""
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}


def certificate_filename(info: CertificateInfo) -> str:
    """A download name for the certificate, e.g. ``attestation-2026-0042.pdf``."""
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in info.number)
    return f"attestation-{safe}.pdf"


def render_certificate_html(
    info: CertificateInfo, organisation_name: str = "Villes Internet", language: str | None = None
) -> str:
    """The certificate's HTML (what the PDF is made from)."""
    with translation.override(language or translation.get_language()):
        return render_to_string(
            TEMPLATE,
            {
                "info": info,
                "organisation_name": organisation_name,
                "duration": duration_label(info.duration_minutes),
            },
        )


def render_certificate_pdf(
    info: CertificateInfo, organisation_name: str = "Villes Internet", language: str | None = None
) -> bytes:
    """The certificate as a one-page A4 PDF."""
    return html_to_pdf(render_certificate_html(info, organisation_name, language))
