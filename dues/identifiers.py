"""Checks of the identifiers an invoice carries: SIRET, IBAN, BIC and Chorus Pro service code.

Each function takes what a person typed, raises Django's ValidationError with a French message
they can act on, and returns the value in the form the invoice stores (compact, upper case).
They are usable as model or form field validators (the return value is then ignored) and as
normalisers in forms' `clean_<field>` methods and in services.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret

# Chorus Pro service codes are free identifiers chosen by each public structure (often a
# short code such as "FACTURES" or "SERV-FIN-01"), at most 100 characters. The rule below is
# deliberately permissive: letters (accented included), digits, spaces and the punctuation
# seen in real codes (- _ . / ' & ( )), no control characters, no leading/trailing spaces.
CHORUS_SERVICE_CODE_MAX_LENGTH = 100
_CHORUS_SERVICE_CODE = re.compile(r"[\w\-./'&() ]+")


def _without_spaces(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


def validate_siret(value: str) -> str:
    """The 14-digit SIRET (spaces, dots and dashes removed), checked with python-stdnum."""
    number = _without_spaces(value)
    if not number:
        raise ValidationError(_("Indiquez le numéro SIRET (14 chiffres)."), code="required")
    try:
        return siret.validate(number)
    except InvalidLength:
        message = _("Un numéro SIRET compte 14 chiffres ; « %(value)s » en compte %(count)d.")
        raise ValidationError(
            message, code="invalid_length", params={"value": value, "count": len(number)}
        ) from None
    except InvalidChecksum:
        message = _(
            "Le numéro SIRET « %(value)s » n'est pas valide (clé de contrôle incorrecte) : "
            "vérifiez-le sur votre avis de situation Insee."
        )
        raise ValidationError(message, code="invalid_checksum", params={"value": value}) from None
    except StdnumError:
        message = _("Un numéro SIRET ne contient que des chiffres ; « %(value)s » n'en est pas un.")
        raise ValidationError(message, code="invalid", params={"value": value}) from None


def validate_iban(value: str) -> str:
    """The IBAN in compact form (no spaces, upper case), checked with schwifty."""
    if not (value or "").strip():
        raise ValidationError(_("Indiquez l'IBAN du compte."), code="required")
    try:
        return IBAN(value).compact
    except SchwiftyException:
        message = _(
            "L'IBAN « %(value)s » n'est pas valide : vérifiez-le sur votre relevé d'identité "
            "bancaire (par exemple FR76 3000 6000 0112 3456 7890 189)."
        )
        raise ValidationError(message, code="invalid", params={"value": value}) from None


def validate_bic(value: str) -> str:
    """The BIC (8 or 11 characters, upper case), checked with schwifty."""
    if not (value or "").strip():
        raise ValidationError(_("Indiquez le BIC du compte."), code="required")
    try:
        return BIC(value).compact
    except SchwiftyException:
        message = _(
            "Le BIC « %(value)s » n'est pas valide : il compte 8 ou 11 caractères (par exemple AGRIFRPP)."
        )
        raise ValidationError(message, code="invalid", params={"value": value}) from None


def validate_chorus_service_code(value: str) -> str:
    """The Chorus Pro service code with surrounding spaces removed; "" when none is given.

    An empty code is allowed: only some structures require a service code on Chorus Pro, so
    whether it is mandatory is decided by the form or the collectivity, not here.
    """
    code = (value or "").strip()
    if not code:
        return ""
    if len(code) > CHORUS_SERVICE_CODE_MAX_LENGTH:
        message = _("Le code service Chorus Pro compte au plus %(max)d caractères.")
        raise ValidationError(message, code="max_length", params={"max": CHORUS_SERVICE_CODE_MAX_LENGTH})
    if not _CHORUS_SERVICE_CODE.fullmatch(code):
        message = _(
            "Le code service Chorus Pro « %(value)s » contient des caractères non admis : "
            "lettres, chiffres, espaces et - _ . / ' & ( ) seulement."
        )
        raise ValidationError(message, code="invalid", params={"value": code})
    return code
