"""Factories of the référentiel and the sheets (tests, demo, bench)."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from territories.factories import CollectivityFactory

from .models import ActionSheet, Enjeu, Family, Service, SheetStatus


class FamilyFactory(DjangoModelFactory):
    class Meta:
        model = Family

    code = factory.Sequence(lambda n: f"famille-{n}")
    name_fr = factory.Sequence(lambda n: f"Famille {n}")
    name_en = factory.Sequence(lambda n: f"Family {n}")
    position = factory.Sequence(int)


class EnjeuFactory(DjangoModelFactory):
    class Meta:
        model = Enjeu

    code = factory.Sequence(lambda n: f"enjeu-{n}")
    family = factory.SubFactory(FamilyFactory)
    name_fr = factory.Sequence(lambda n: f"Enjeu {n}")
    name_en = factory.Sequence(lambda n: f"Issue {n}")
    position = factory.Sequence(int)


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service

    code = factory.Sequence(lambda n: f"service-{n}")
    enjeu = factory.SubFactory(EnjeuFactory)
    name_fr = factory.Sequence(lambda n: f"Service {n}")
    name_en = factory.Sequence(lambda n: f"Service {n} (en)")


class ActionSheetFactory(DjangoModelFactory):
    """A published sheet started on 1 March 2025, ongoing; ``services=[...]`` sets its services
    (one new service by default)."""

    class Meta:
        model = ActionSheet
        skip_postgeneration_save = True

    collectivity = factory.SubFactory(CollectivityFactory)
    title = factory.Sequence(lambda n: f"Action fictive {n}")
    summary = "Une action inventée pour les tests."
    started_on = datetime.date(2025, 3, 1)
    ended_on = None
    status = SheetStatus.PUBLISHED

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if not create:
            return
        self.services.set(extracted if extracted is not None else [ServiceFactory()])
