"""The members demo: every membership status, people in each role, logins that work, idempotent."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model

from home import demo as home_demo
from members import demo
from members.models import MemberRole, Membership, MembershipStatus, Role
from territories import demo as territories_demo
from territories.factories import FICTIONAL_ROOTS
from tests.datasets import dataset

pytestmark = pytest.mark.django_db


@dataset("loaded")
def load_members_demo() -> dict[str, int]:
    territories_demo.load(lambda message: None)
    home_demo.load(lambda message: None)
    return demo.load(lambda message: None)


@pytest.fixture
def loaded(shared_data) -> dict[str, int]:
    """territories + home + members demo, shared (tests/datasets.py); the members loader's counts."""
    return shared_data.use("loaded")


def test_every_status_and_role_with_fictional_names(loaded):
    assert loaded == {"adhésions": 5, "personnes": 7, "rôles": 8}
    statuses = {m.get_status() for m in Membership.objects.all()}
    # A pending membership (until the first payment) comes from an accepted application (dues).
    assert statuses == set(MembershipStatus.values) - {MembershipStatus.PENDING}
    assert set(MemberRole.objects.values_list("role", flat=True)) == set(Role.values)
    for membership in Membership.objects.select_related("collectivity"):
        assert any(root in membership.collectivity.name for root in FICTIONAL_ROOTS)
    assert MemberRole.objects.filter(user__email="agent.active@villes-internet.test").count() == 2


def test_second_run_changes_nothing(loaded):
    assert demo.load(lambda message: None) == {"adhésions": 0, "personnes": 0, "rôles": 0}


def test_demo_logins_work_and_admin_has_the_documented_totp(loaded, client):
    response = client.post(
        "/compte/connexion/",
        {"login": "referent.active@villes-internet.test", "password": demo.DEMO_MEMBER_PASSWORD},
    )
    assert response["Location"] == "/espace-membre/"
    admin = get_user_model().objects.get(username="admin")
    totp = Authenticator.objects.get(user=admin, type=Authenticator.Type.TOTP)
    assert totp.wrap().instance.data["secret"] == demo.DEMO_ADMIN_TOTP_SECRET
