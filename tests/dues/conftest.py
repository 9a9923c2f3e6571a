"""Dues tests. Until the parts branch (dues/identifiers.py, python-stdnum) is merged, a test
double of ``dues.identifiers.validate_siret`` stands in for it, in tests only."""

import importlib.util
import sys
import types

import pytest
from django.core.exceptions import ValidationError

if importlib.util.find_spec("dues.identifiers") is None:
    double = types.ModuleType("dues.identifiers")

    def validate_siret(value: str) -> str:
        digits = "".join(value.split())
        if len(digits) != 14 or not digits.isdigit():
            raise ValidationError("Le SIRET compte 14 chiffres.")
        return digits

    double.validate_siret = validate_siret
    sys.modules["dues.identifiers"] = double


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT
