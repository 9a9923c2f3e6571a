import pytest
from django.core.exceptions import ValidationError

from dues.identifiers import (
    validate_bic,
    validate_chorus_service_code,
    validate_iban,
    validate_siret,
)


@pytest.mark.parametrize("typed", ["73282932000074", "732 829 320 00074", " 732.829.320-00074 "])
def test_siret_is_normalised(typed):
    assert validate_siret(typed) == "73282932000074"


@pytest.mark.parametrize(
    ("typed", "code", "fragment"),
    [
        ("73282932000075", "invalid_checksum", "clé de contrôle"),
        ("7328293200007", "invalid_length", "14 chiffres"),
        ("7328293200007A", "invalid", "que des chiffres"),
        ("   ", "required", "Indiquez"),
    ],
)
def test_bad_siret_gets_a_french_message(typed, code, fragment):
    with pytest.raises(ValidationError) as caught:
        validate_siret(typed)
    assert caught.value.code == code
    assert fragment in caught.value.messages[0]


@pytest.mark.parametrize("typed", ["FR7630006000011234567890189", "fr76 3000 6000 0112 3456 7890 189"])
def test_iban_is_normalised(typed):
    assert validate_iban(typed) == "FR7630006000011234567890189"


@pytest.mark.parametrize("typed", ["FR7630006000011234567890188", "FR76", "", "not an iban"])
def test_bad_iban_is_refused(typed):
    with pytest.raises(ValidationError) as caught:
        validate_iban(typed)
    assert "IBAN" in caught.value.messages[0]


def test_bic():
    assert validate_bic("agri fr pp") == "AGRIFRPP"
    with pytest.raises(ValidationError, match="8 ou 11"):
        validate_bic("AGRI")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("", ""),
        ("   ", ""),
        (" FACTURES ", "FACTURES"),
        ("SERV-FIN_01/2026", "SERV-FIN_01/2026"),
        ("Direction des finances (DGS)", "Direction des finances (DGS)"),
        ("x" * 100, "x" * 100),
    ],
)
def test_chorus_service_code_accepted(typed, stored):
    assert validate_chorus_service_code(typed) == stored


@pytest.mark.parametrize(
    ("typed", "code"), [("x" * 101, "max_length"), ("FACT;DROP", "invalid"), ("a\tb", "invalid")]
)
def test_chorus_service_code_refused(typed, code):
    with pytest.raises(ValidationError) as caught:
        validate_chorus_service_code(typed)
    assert caught.value.code == code
