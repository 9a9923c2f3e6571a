"""Fixtures of the label tests: the label demo (territories, pages, label) and small editions."""

import datetime

import pytest
from django.utils import timezone

from label.factories import LabellisationFactory
from label.models import LabelEdition, Labellisation
from territories.factories import CollectivityFactory
from territories.models import Collectivity, Department
from tests.datasets import dataset

NOOP = lambda message: None  # noqa: E731


@dataset("label_demo", contains={"demo_site"})
def load_label_demo() -> dict[str, int]:
    from home import demo as home_demo
    from label import demo as label_demo_module
    from territories import demo as territories_demo

    territories_demo.load(NOOP)
    counts = label_demo_module.load_editions(NOOP)
    home_demo.load(NOOP)
    return {**counts, **label_demo_module.load_pages(NOOP)}


@pytest.fixture
def label_demo(shared_data) -> dict[str, int]:
    """territories + home + label demo data, as ``load_demo_data`` loads them (shared);
    returns the label loader's counts."""
    return shared_data.use("label_demo")


@pytest.fixture
def reference(db):
    from territories import demo

    demo.load_reference()


@pytest.fixture
def make_edition(reference):
    def make(year=2030, number=None, *, published=True):
        return LabelEdition.objects.create(
            year=year,
            number=number or year - 1999,
            ceremony_city="Villebrume",
            jury_president="Jury fictif",
            results_published_at=timezone.now() - datetime.timedelta(days=1) if published else None,
        )

    return make


@pytest.fixture
def make_rows(reference):
    """Create ``count`` fictional communes labelled in ``edition`` (cycling @ and regions)."""

    def make(edition, count, *, start=0, population=5000, prefix="Commune"):
        departments = list(Department.objects.select_related("region").order_by("code")[:12])
        collectivities = Collectivity.objects.bulk_create(
            CollectivityFactory.build(
                name=f"{prefix} fictive {index:04d}",
                slug=f"{prefix.lower()}-fictive-{index:04d}",
                department=departments[index % len(departments)],
                insee_code=None,
                population=population + index,
                population_year=None,
            )
            for index in range(start, start + count)
        )
        return Labellisation.objects.bulk_create(
            LabellisationFactory.build(collectivity=collectivity, edition=edition, arobases=index % 5 + 1)
            for index, collectivity in enumerate(collectivities, start=start)
        )

    return make


@pytest.fixture
def palmares_page(demo_site, make_edition):
    """A palmarès index under the demo's "Le label" page, with the palmarès page of 2030."""
    from editorial.models import StandardPage
    from label.models import PalmaresIndexPage, PalmaresPage

    label_page = StandardPage.objects.get(slug="label", locale__language_code="fr")
    index = label_page.add_child(
        instance=PalmaresIndexPage(title="Palmarès", slug="palmares", locale=label_page.locale)
    )
    index = PalmaresIndexPage.objects.get(pk=index.pk)
    edition = make_edition(2030)
    return index.add_child(
        instance=PalmaresPage(title="Palmarès 2030", slug="2030", edition=edition, locale=label_page.locale)
    )
