"""Both gettext catalogues are complete: every msgid translated, nothing fuzzy."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings


@pytest.mark.parametrize("language", ["fr", "en"])
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_english_catalogue_translates_interface_strings():
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    assert catalogue.find("Aller au contenu").msgstr == "Skip to content"
    assert catalogue.find("Page introuvable").msgstr == "Page not found"


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_translations_keep_the_placeholders_of_their_msgid(language):
    """A translation that loses or breaks a %(name)s placeholder raises at run time (a lone
    "%" included)."""
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))
    broken = []
    for entry in catalogue:
        if "python-format" not in entry.flags:
            continue
        expected = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            found = set(PLACEHOLDER.findall(text))
            # A singular form may leave out the count ("one row"); nothing else may go or appear.
            stray_percent = "%" in PLACEHOLDER.sub("", text).replace("%%", "")
            if stray_percent or found - expected or (expected - found) - {"%(count)d", "%(counter)s"}:
                broken.append((entry.msgid, text))
    assert broken == []
