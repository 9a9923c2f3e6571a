"""factory_boy factories of the members app, shared by the tests and the demo.

Values come from Faker; the demo reseeds ``factory.random`` first (see ``territories.factories``).
"""

from __future__ import annotations

import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from territories.factories import CollectivityFactory

from .models import MemberRole, Membership, MembershipStatus, Role

EMAIL_DOMAIN = "villes-internet.test"


class EmailAddressFactory(DjangoModelFactory):
    """allauth's record of a person's address: verified and primary unless told otherwise."""

    class Meta:
        model = EmailAddress

    user = factory.SubFactory("members.factories.PersonFactory", email_address=None)
    email = factory.SelfAttribute("user.email")
    verified = True
    primary = True


class PersonFactory(DjangoModelFactory):
    """A person with an invented surname, who logs in with ``<login>@villes-internet.test``
    and ``password``, the address verified (``email_address__verified=False`` for not)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        login = factory.Sequence(lambda n: f"personne.{n}")

    username = factory.SelfAttribute("login")
    email = factory.LazyAttribute(lambda o: f"{o.login}@{EMAIL_DOMAIN}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("fictional_surname")
    password = factory.django.Password(factory.Faker("password", length=16))
    email_address = factory.RelatedFactory(EmailAddressFactory, factory_related_name="user")


def _paid_until(status: str) -> datetime.date:
    """A last paid day that gives ``status`` with a grace period between 30 and 400 days."""
    today = timezone.localdate()
    return {
        MembershipStatus.ACTIVE: datetime.date(today.year, 12, 31),
        MembershipStatus.GRACE: today - datetime.timedelta(days=30),
        MembershipStatus.LAPSED: today - datetime.timedelta(days=400),
        MembershipStatus.RESIGNED: today - datetime.timedelta(days=200),
    }[status]


class MembershipFactory(DjangoModelFactory):
    """A membership started three years ago, in ``status`` (active by default) today."""

    class Meta:
        model = Membership

    class Params:
        status = MembershipStatus.ACTIVE

    collectivity = factory.SubFactory(CollectivityFactory)
    started_on = factory.LazyFunction(lambda: datetime.date(timezone.localdate().year - 3, 1, 1))
    paid_until = factory.LazyAttribute(lambda o: _paid_until(o.status))
    resigned = factory.LazyAttribute(lambda o: o.status == MembershipStatus.RESIGNED)


class MemberRoleFactory(DjangoModelFactory):
    class Meta:
        model = MemberRole

    user = factory.SubFactory(PersonFactory)
    collectivity = factory.SubFactory(CollectivityFactory)
    role = factory.Faker("random_element", elements=Role.values)
