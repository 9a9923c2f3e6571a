"""The Atlaas measures of `make bench` (bench/actions.py) run on a tiny dataset and report
times, peak memory and no error."""

import pytest
from wagtail.models import Locale, Site

from actions.factories import ActionSheetFactory, ServiceFactory
from actions.models import ActionCatalogPage, ReportPdf
from bench import actions as bench
from members.factories import MembershipFactory
from territories.factories import CollectivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    Locale.objects.get_or_create(language_code="fr")
    Site.objects.get(is_default_site=True).root_page.add_child(
        instance=ActionCatalogPage(title="Atlaas", slug="atlaas")
    )
    services = [ServiceFactory() for _ in range(3)]
    busy = CollectivityFactory(population=4_000)
    MembershipFactory(collectivity=busy)
    for index in range(4):
        ActionSheetFactory(collectivity=busy, services=services[: 1 + index % 3])
    ActionSheetFactory(collectivity=CollectivityFactory(population=5_000), services=services[:1])
    return busy


def test_catalogue_and_report_measures(tiny):
    catalogue = bench.catalogue(repeats=2)
    assert catalogue["runs"] == 2 and catalogue["median ms"] > 0 and catalogue["peak KiB"] > 0
    assert catalogue["sheets"] == 5 and catalogue["target ms"] == 100
    page = bench.report_page(repeats=2)
    assert page["collectivity"] == tiny.name and page["sheets"] == 4 and page["median CPU ms"] > 0
    pdf = bench.report_pdf(repeats=1)
    assert pdf["bytes"] > 1000 and pdf["target ms"] == 2000


def test_all_reports_measure_builds_every_pdf(tiny):
    result = bench.all_reports(count=2)  # the member, then the collectivity with the most sheets
    assert (result["reports"], result["errors"]) == (2, 0) and result["seconds"] > 0
    assert ReportPdf.objects.count() == 2
