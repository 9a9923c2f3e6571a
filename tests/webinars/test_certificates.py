"""The attendance certificate, rendered to PDF."""

import datetime
import re
import zlib
from dataclasses import replace

import pytest
from django.utils import translation

from webinars.certificates import (
    CertificateInfo,
    certificate_filename,
    render_certificate_html,
    render_certificate_pdf,
)

INFO = CertificateInfo(
    person_name="Camille Martin",
    collectivity_name="Commune de Saint-Lô",
    session_title="Données ouvertes : par où commencer ?",
    cycle_title="Données & territoires",
    date=datetime.date(2026, 1, 15),
    duration_minutes=90,
    number="2026-0042",
)


def inflated(content: bytes) -> bytes:
    """The PDF with its compressed streams inflated."""
    parts = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, flags=re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pdf_title(title: str) -> bytes:
    """The document title in the PDF metadata: UTF-16 with a byte order mark."""
    return b"/Title <" + ("feff" + title.encode("utf-16-be").hex()).encode() + b">"


def test_the_certificate_is_a_one_page_pdf_naming_the_person():
    with translation.override("fr"):
        content = render_certificate_pdf(INFO)

    assert content.startswith(b"%PDF-")
    assert content.rstrip().endswith(b"%%EOF")
    objects = inflated(content)
    assert len(re.findall(rb"/Type\s*/Page\b", objects)) == 1
    assert pdf_title("Attestation de participation — Camille Martin") in objects


def test_the_certificate_states_who_attended_what_when_and_how_long():
    html = render_certificate_html(INFO, "Association Villes Internet", language="fr")

    assert '<html lang="fr">' in html
    assert "<h1>Attestation de participation</h1>" in html
    assert "Association Villes Internet atteste que" in html
    assert '<p class="name">Camille Martin</p>' in html
    assert "Collectivité : Commune de Saint-Lô" in html
    assert "« Données ouvertes : par où commencer ? »" in html
    assert "du cycle « Données &amp; territoires », le 15 janvier 2026, d'une durée de 90 minutes." in html
    assert "Attestation n° 2026-0042" in html
    assert html.count("<h1>") == 1


def test_without_a_collectivity_the_line_is_left_out():
    html = render_certificate_html(replace(INFO, collectivity_name=None), language="fr")
    assert "Collectivité" not in html
    assert "Villes Internet atteste que" in html  # the default organisation name


def test_names_are_escaped():
    html = render_certificate_html(replace(INFO, person_name="<b>Jo</b>"), language="fr")
    assert "&lt;b&gt;Jo&lt;/b&gt;" in html
    assert "<b>Jo</b>" not in html


def test_the_language_is_the_callers():
    with translation.override("en"):
        html = render_certificate_html(INFO)
    assert '<html lang="en">' in html
    assert "15 January 2026" in html  # the date follows the language
    with translation.override("fr"):
        assert "15 janvier 2026" in render_certificate_html(INFO)
        assert '<html lang="en">' in render_certificate_html(INFO, language="en")
        assert translation.get_language() == "fr"  # the explicit language did not leak


def test_one_minute_is_singular():
    html = render_certificate_html(replace(INFO, duration_minutes=1), language="fr")
    assert "d'une durée de 1 minute." in html


def test_bad_certificate_data_is_refused():
    with pytest.raises(ValueError, match="person_name"):
        replace(INFO, person_name="  ")
    with pytest.raises(ValueError, match="number"):
        replace(INFO, number="")
    with pytest.raises(ValueError, match="duration_minutes"):
        replace(INFO, duration_minutes=0)


def test_the_filename_is_safe():
    assert certificate_filename(INFO) == "attestation-2026-0042.pdf"
    assert certificate_filename(replace(INFO, number="2026/../42 x")) == "attestation-2026----42-x.pdf"
