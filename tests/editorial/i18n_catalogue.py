"""The English translation of a French msgid, read from the project's catalogue.

The templates' UI strings are French msgids; locale/en/LC_MESSAGES/django.po gives their
English text. Tests that check English UI text call `english(msgid)`, which fails the test
when the catalogue is missing, not compiled, or lacks that translation.
"""

from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def english(msgid: str) -> str:
    assert CATALOGUE.exists(), f"{CATALOGUE} does not exist"
    assert CATALOGUE.with_suffix(".mo").exists(), f"{CATALOGUE} is not compiled (compile_translations)"
    entry = polib.pofile(str(CATALOGUE)).find(msgid)
    assert entry is not None and entry.msgstr and not entry.fuzzy, f"{msgid!r} has no English translation"
    assert entry.msgstr != msgid, f"{msgid!r} is 'translated' into the same French text"
    return entry.msgstr
