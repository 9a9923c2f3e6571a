"""Demo members: fictional collectivities with every membership status, people in each role,
and a TOTP authenticator for the demo staff account. Local use only (README lists the logins).

The people and memberships come from the factories of ``members.factories`` (fixed seed): the
logins below are the README's, the names are invented. Deterministic and idempotent: rows
that exist are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable

import factory.random
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from territories.factories import FICTIONAL_ROOTS
from territories.models import Collectivity, CollectivityKind

from .factories import EMAIL_DOMAIN, MemberRoleFactory, MembershipFactory, PersonFactory
from .models import MemberRole, Membership, MembershipStatus, Profile, Role

Log = Callable[[str], None]

DEMO_MEMBER_PASSWORD = "Membre-demo-2026"  # noqa: S105 (local demo only, documented in README)
#: TOTP secret of the demo staff account (README gives its otpauth URI). Local use only.
DEMO_ADMIN_TOTP_SECRET = "VILLESINTERNETDEMOADMIN2"  # noqa: S105
DEMO_ADMIN_USERNAME = "admin"
RANDOM_SEED = 20260130

#: (key, status) of the member communes, in the order they are picked.
COMMUNES = [
    ("active", MembershipStatus.ACTIVE),
    ("grace", MembershipStatus.GRACE),
    ("echue", MembershipStatus.LAPSED),
    ("demission", MembershipStatus.RESIGNED),
]

#: (login: the email's local part, [(collectivity key, role)]), as README lists them.
PEOPLE = [
    ("referent.active", [("active", Role.REFERENT)]),
    ("elu.active", [("active", Role.ELU)]),
    ("agent.active", [("active", Role.AGENT), ("territoire", Role.AGENT)]),
    ("referent.territoire", [("territoire", Role.REFERENT)]),
    ("referent.grace", [("grace", Role.REFERENT)]),
    ("referent.echue", [("echue", Role.REFERENT)]),
    ("referent.demission", [("demission", Role.REFERENT)]),
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


def demo_admin_totp_code(at: float | None = None) -> str | None:
    """The code the demo staff account's TOTP authenticator expects at ``at`` (a Unix time;
    default: now), read from its stored secret; None without that account or authenticator."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.filter(
        user__username=DEMO_ADMIN_USERNAME, type=Authenticator.Type.TOTP
    ).first()
    if authenticator is None:
        return None
    secret = decrypt(authenticator.data["secret"])
    now = time.time() if at is None else at
    return format_hotp_value(hotp_value(secret, int(now) // app_settings.TOTP_PERIOD))


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    counts = {"adhésions": 0, "personnes": 0, "rôles": 0}
    ensure_admin_two_factor(log)
    collectivities = _pick_collectivities()
    if not collectivities:
        log("  aucune collectivité fictive : chargez d'abord les territoires")
        return counts
    factory.random.reseed_random(RANDOM_SEED)
    statuses = dict(COMMUNES) | {"territoire": MembershipStatus.ACTIVE}
    members = set(
        Membership.objects.filter(collectivity__in=collectivities.values()).values_list(
            "collectivity_id", flat=True
        )
    )
    for key, collectivity in collectivities.items():
        if collectivity.pk not in members:
            MembershipFactory(collectivity=collectivity, status=statuses[key])
            counts["adhésions"] += 1
    user_model = get_user_model()
    for login, roles in PEOPLE:
        email = f"{login}@{EMAIL_DOMAIN}"
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            user = PersonFactory(login=login, password=DEMO_MEMBER_PASSWORD)
            counts["personnes"] += 1
        Profile.objects.get_or_create(user=user, defaults={"language": "fr"})
        for key, role in roles:
            if not MemberRole.objects.filter(user=user, collectivity=collectivities[key]).exists():
                MemberRoleFactory(user=user, collectivity=collectivities[key], role=role)
                counts["rôles"] += 1
    return counts
