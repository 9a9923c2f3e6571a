import datetime

import pytest
from django.utils import timezone

from tests.datasets import dataset


@dataset("webinars_demo", contains={"demo_site"})
def load_webinars_demo():
    from core.demo import quiet
    from home import demo as home_demo
    from webinars import demo

    home_demo.load(quiet)
    demo.load(quiet)


@pytest.fixture
def webinars_demo(shared_data):
    """The demo site with the demo season of webinars, shared; returns the French season."""
    from webinars.models import SeasonPage

    shared_data.use("webinars_demo")
    return SeasonPage.objects.get(locale__language_code="fr")


def future_session(season, capacity=50, days=10, **fields):
    """A new live session (French) in the first cycle of ``season``."""
    from webinars.models import CyclePage, SessionPage

    cycle = CyclePage.objects.child_of(season).first()
    session = SessionPage(
        title=f"Séance de test {SessionPage.objects.count()}",
        starts_at=timezone.now() + datetime.timedelta(days=days),
        capacity=capacity,
        visio_url="https://visio.example.org/test",
        **fields,
    )
    cycle.add_child(instance=session)
    session.save_revision().publish()
    return session


@pytest.fixture
def member(db):
    """A person of a collectivity whose membership is active."""
    from members.factories import MemberRoleFactory, MembershipFactory
    from members.models import Role

    membership = MembershipFactory()
    return MemberRoleFactory(collectivity=membership.collectivity, role=Role.AGENT).user
