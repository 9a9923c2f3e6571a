"""Both gettext catalogues are complete: every msgid translated, nothing fuzzy."""

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
