"""Demo members: fictional collectivities with every membership status, people in each role,
and a TOTP authenticator for the demo staff account. Local use only (README lists the logins).

Deterministic and idempotent: rows that exist are left as they are.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from territories.demo import FICTIONAL_ROOTS
from territories.models import Collectivity, CollectivityKind

from .models import MemberRole, Membership, Profile, Role

Log = Callable[[str], None]

DEMO_MEMBER_PASSWORD = "Membre-demo-2026"  # noqa: S105 (local demo only, documented in README)
#: TOTP secret of the demo staff account (README gives its otpauth URI). Local use only.
DEMO_ADMIN_TOTP_SECRET = "VILLESINTERNETDEMOADMIN2"  # noqa: S105
DEMO_ADMIN_USERNAME = "admin"
EMAIL_DOMAIN = "villes-internet.test"

#: (key, status) of the member communes, in the order they are picked.
COMMUNES = [("active", "active"), ("grace", "grace"), ("echue", "lapsed"), ("demission", "resigned")]

#: (email local part, first name, last name, [(collectivity key, role)])
PEOPLE = [
    ("referent.active", "Ariane", "Songelune", [("active", Role.REFERENT)]),
    ("elu.active", "Bastien", "Brumoux", [("active", Role.ELU)]),
    ("agent.active", "Céleste", "Mirabelle", [("active", Role.AGENT), ("territoire", Role.AGENT)]),
    ("referent.territoire", "Damien", "Chimeraud", [("territoire", Role.REFERENT)]),
    ("referent.grace", "Estelle", "Fablier", [("grace", Role.REFERENT)]),
    ("referent.echue", "Fabien", "Nuageot", [("echue", Role.REFERENT)]),
    ("referent.demission", "Gaëlle", "Rêvelin", [("demission", Role.REFERENT)]),
]


def _fictional() -> Q:
    condition = Q()
    for root in FICTIONAL_ROOTS:
        condition |= Q(name__contains=root)
    return condition


def _pick_collectivities() -> dict[str, Collectivity]:
    communes = list(
        Collectivity.objects.filter(_fictional(), kind=CollectivityKind.COMMUNE).order_by("slug")[
            : len(COMMUNES)
        ]
    )
    grouping = (
        Collectivity.objects.filter(_fictional(), kind=CollectivityKind.COMMUNAUTE_COMMUNES)
        .order_by("slug")
        .first()
    )
    if len(communes) < len(COMMUNES) or grouping is None:
        return {}
    picked = {key: commune for (key, _status), commune in zip(COMMUNES, communes, strict=True)}
    picked["territoire"] = grouping
    return picked


def _dates_for(status: str, today: datetime.date) -> dict:
    start = datetime.date(today.year - 3, 1, 1)
    end_of_year = datetime.date(today.year, 12, 31)
    if status == "active":
        return {"started_on": start, "paid_until": end_of_year, "resigned": False}
    if status == "grace":
        return {"started_on": start, "paid_until": today - datetime.timedelta(days=30), "resigned": False}
    if status == "lapsed":
        return {"started_on": start, "paid_until": today - datetime.timedelta(days=400), "resigned": False}
    return {"started_on": start, "paid_until": today - datetime.timedelta(days=200), "resigned": True}


def ensure_admin_two_factor(log: Log) -> bool:
    """Give the demo staff account a verified address and the documented TOTP secret."""
    user = get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).first()
    if user is None:
        return False
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return False
    TOTP.activate(user, DEMO_ADMIN_TOTP_SECRET)
    RecoveryCodes.activate(user)
    log(f"  double authentification du compte « {DEMO_ADMIN_USERNAME} » activée (secret dans le README)")
    return True


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    counts = {"adhésions": 0, "personnes": 0, "rôles": 0}
    ensure_admin_two_factor(log)
    collectivities = _pick_collectivities()
    if not collectivities:
        log("  aucune collectivité fictive : chargez d'abord les territoires")
        return counts
    today = timezone.localdate()
    statuses = dict(COMMUNES) | {"territoire": "active"}
    for key, collectivity in collectivities.items():
        _membership, created = Membership.objects.get_or_create(
            collectivity=collectivity, defaults=_dates_for(statuses[key], today)
        )
        counts["adhésions"] += created
    user_model = get_user_model()
    for local_part, first_name, last_name, roles in PEOPLE:
        email = f"{local_part}@{EMAIL_DOMAIN}"
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_model.objects.create_user(
                username=local_part,
                email=email,
                password=DEMO_MEMBER_PASSWORD,
                first_name=first_name,
                last_name=last_name,
            )
            counts["personnes"] += 1
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        Profile.objects.get_or_create(user=user, defaults={"language": "fr"})
        for key, role in roles:
            _role, created = MemberRole.objects.get_or_create(
                user=user, collectivity=collectivities[key], defaults={"role": role}
            )
            counts["rôles"] += created
    return counts
