"""Two member collectivities, each with its people, for the member tests."""

import datetime
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from members.models import MemberRole, Membership, Role
from territories.factories import CollectivityFactory

PASSWORD = "Membre-test-2026"


def make_person(email: str, first_name: str = "", last_name: str = "", verified: bool = True):
    user = get_user_model().objects.create_user(
        username=email.split("@")[0],
        email=email,
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name,
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


@dataclass
class Side:
    collectivity: object
    membership: Membership
    referent: object
    elu: object
    agent: object

    def role_of(self, user) -> MemberRole:
        return MemberRole.objects.get(user=user, collectivity=self.collectivity)


def make_side(prefix: str, name: str, paid_until: datetime.date) -> Side:
    collectivity = CollectivityFactory(name=name)
    membership = Membership.objects.create(
        collectivity=collectivity, started_on=datetime.date(2020, 1, 1), paid_until=paid_until
    )
    referent = make_person(f"referent.{prefix}@villes-internet.test", "Ariane", f"Référente {prefix}")
    elu = make_person(f"elu.{prefix}@villes-internet.test", "Bastien", f"Élu {prefix}")
    agent = make_person(f"agent.{prefix}@villes-internet.test", "Céleste", f"Agente {prefix}")
    for user, role in ((referent, Role.REFERENT), (elu, Role.ELU), (agent, Role.AGENT)):
        MemberRole.objects.create(user=user, collectivity=collectivity, role=role)
    return Side(collectivity, membership, referent, elu, agent)


@pytest.fixture(autouse=True)
def clear_cache():
    """allauth's rate limits live in the cache: start every test with a clean one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ours(db) -> Side:
    return make_side("a", "Brumeval-sur-Onde", timezone.localdate() + datetime.timedelta(days=200))


@pytest.fixture
def theirs(db) -> Side:
    return make_side("b", "Songemont-les-Bois", timezone.localdate() + datetime.timedelta(days=200))
