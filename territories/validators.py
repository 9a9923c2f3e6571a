"""Format rules for the official identifiers of French territories.

Each rule exists once, here, and is used by the model fields, the model's ``clean()``
and the CSV import, so that the admin and the import accept and refuse the same values.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .choices import CollectivityKind

# A région code of the Code officiel géographique: "01".."06" overseas, "11".."94" mainland.
REGION_CODE_RE = re.compile(r"^\d{2}$")
# A département code: "01".."19", "2A", "2B", "21".."95", "971".."976" (no "20").
DEPARTMENT_CODE_RE = re.compile(r"^(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])$")
# A commune code: two characters of département ("2A"/"2B" in Corsica) then three digits.
# Overseas communes ("97101") match as well: their code starts with the 3-digit département.
COMMUNE_CODE_RE = re.compile(r"^(?:0[1-9]|[1-9]\d|2[AB])\d{3}$")
SIREN_RE = re.compile(r"^\d{9}$")

if TYPE_CHECKING:
    from .models import Department, Region

validate_region_code = RegexValidator(
    REGION_CODE_RE,
    _("Le code INSEE d'une région compte deux chiffres (par exemple « 84 »)."),
)
validate_department_code = RegexValidator(
    DEPARTMENT_CODE_RE,
    _("Le code INSEE d'un département s'écrit « 01 » à « 95 », « 2A », « 2B » ou « 971 » à « 976 »."),
)
validate_siren = RegexValidator(
    SIREN_RE,
    _("Le SIREN compte exactement 9 chiffres, sans espace (par exemple « 200096956 »)."),
)


def insee_code_error(kind: str, code: str) -> str | None:
    """Return why ``code`` is not a valid INSEE code for a collectivity of ``kind``, or None.

    Communes have a 5-character code ("47001", "2A004", "97101"); départements and régions
    may carry their own code; groupings (EPCI, syndicats) are identified by their SIREN and
    have no INSEE code.
    """
    if kind == CollectivityKind.COMMUNE:
        if not COMMUNE_CODE_RE.match(code):
            return str(
                _(
                    "« %(code)s » n'est pas un code INSEE de commune : 5 caractères, "
                    "le département puis 3 chiffres (par exemple « 47001 » ou « 2A004 »)."
                )
                % {"code": code}
            )
    elif kind == CollectivityKind.DEPARTEMENT:
        if not DEPARTMENT_CODE_RE.match(code):
            return str(
                _(
                    "« %(code)s » n'est pas un code INSEE de département "
                    "(« 01 » à « 95 », « 2A », « 2B », « 971 » à « 976 »)."
                )
                % {"code": code}
            )
    elif kind == CollectivityKind.REGION:
        if not REGION_CODE_RE.match(code):
            return str(
                _("« %(code)s » n'est pas un code INSEE de région (deux chiffres, par exemple « 84 »).")
                % {"code": code}
            )
    else:
        return str(
            _(
                "Une intercommunalité ou un syndicat n'a pas de code INSEE : "
                "laissez ce champ vide et renseignez son SIREN."
            )
        )
    return None


def insee_code_consistency_error(
    kind: str, code: str, department: Department | None, region: Region | None
) -> str | None:
    """Return why a well-formed ``code`` does not match the chosen département or région, or None."""
    if kind == CollectivityKind.COMMUNE and department is not None:
        if not code.startswith(department.code):
            return str(
                _("Le code INSEE d'une commune du département %(department)s commence par « %(code)s ».")
                % {"department": department, "code": department.code}
            )
    elif kind == CollectivityKind.DEPARTEMENT and department is not None:
        if code != department.code:
            return str(
                _("Le code INSEE de ce département doit être celui du département choisi (« %(code)s »).")
                % {"code": department.code}
            )
    elif kind == CollectivityKind.REGION and region is not None and code != region.code:
        return str(
            _("Le code INSEE de cette région doit être celui de la région choisie (« %(code)s »).")
            % {"code": region.code}
        )
    return None
