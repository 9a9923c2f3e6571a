"""The yearly dues table: staff edit it in the admin; the public page shows it and computes an
amount without JavaScript."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dues.models import DuesTier
from dues.services import tiers as tier_services
from territories.choices import CollectivityKind
from territories.factories import CollectivityFactory

URL = "/cotisations/"
ADMIN_ADD = "/admin/cotisations/tranches/add/"
#: The tiers, the year, the search, and what base.html reads: 12 or fewer with a warm process
#: (issue 13; 14 before).
MAX_QUERIES = 12


@pytest.fixture
def table(db):
    year = timezone.localdate().year
    rows = [
        DuesTier.objects.create(
            year=year, kind="commune", population_min=0, population_max=999, amount_cents=15000
        ),
        DuesTier.objects.create(
            year=year, kind="commune", population_min=1000, population_max=4999, amount_cents=40000
        ),
        DuesTier.objects.create(year=year, kind="commune", population_min=5000, amount_cents=90000),
        DuesTier.objects.create(year=year, kind="metropole", population_min=0, amount_cents=400000),
    ]
    return year, rows


def test_amount_due_follows_kind_and_band(table):
    year, _rows = table
    village = CollectivityFactory(population=999)
    town = CollectivityFactory(population=1000)
    assert tier_services.amount_due(village, year) == 15000
    assert tier_services.amount_due(town, year) == 40000


def test_amount_due_without_tier_says_what_to_do(table):
    year, _rows = table
    unknown = CollectivityFactory(population=None)
    with pytest.raises(ValidationError, match="population de .* n'est pas connue"):
        tier_services.amount_due(unknown, year)
    syndicat = CollectivityFactory(kind=CollectivityKind.SYNDICAT, insee_code=None, population=100)
    with pytest.raises(ValidationError, match="Aucune tranche"):
        tier_services.amount_due(syndicat, year)


def test_overlapping_band_is_refused_and_nothing_stored(table):
    year, _rows = table
    with pytest.raises(ValidationError, match="chevauche"):
        tier_services.save_tier(
            DuesTier(year=year, kind="commune", population_min=4000, population_max=6000, amount_cents=1)
        )
    assert DuesTier.objects.count() == 4


def test_page_shows_table_and_illustrative_notice(client, table):
    DuesTier.objects.filter(pk=table[1][0].pk).update(illustrative=True)
    html = client.get(URL).content.decode()
    assert "150,00" in html and "4 000,00" in html.replace("\u202f", " ").replace("\xa0", " ")
    assert "Montants d'exemple" in html
    assert html.count("<h1") == 1


def test_calculator_by_name_and_insee_code(client, table, django_assert_max_num_queries):
    commune = CollectivityFactory(name="Brumeval-sur-Test", population=3200, insee_code="99123")
    client.get(URL)  # a warm process
    for term in ("brumeval", "99123"):
        with django_assert_max_num_queries(MAX_QUERIES):
            html = client.get(URL, {"q": term}).content.decode()
        assert "Brumeval-sur-Test" in html
        assert "400,00" in html
    assert commune.population == 3200


def test_calculator_query_count_is_flat(client, table, django_assert_max_num_queries):
    for n in range(10):
        CollectivityFactory(name=f"Lointaine {n}", population=100 * n)
    client.get(URL)  # a warm process
    with django_assert_max_num_queries(MAX_QUERIES):
        html = client.get(URL, {"q": "Lointaine"}).content.decode()
    assert "D'autres collectivités correspondent" in html


def test_calculator_by_population(client, table):
    html = client.get(URL, {"kind": "commune", "population": "12000"}).content.decode()
    assert "900,00" in html
    html = client.get(URL, {"kind": "region", "population": "12000"}).content.decode()
    assert "Aucune tranche ne s'applique" in html


def test_calculator_bad_population_keeps_input(client, table):
    response = client.get(URL, {"population": "-4"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    assert 'value="-4"' in html


def test_calculator_unknown_collectivity(client, table):
    html = client.get(URL, {"q": "Nullepart"}).content.decode()
    assert "Aucune collectivité ne correspond" in html


def test_english_page(client, table):
    response = client.get("/en" + URL)
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()


def test_staff_add_tier_in_admin(admin_client, table):
    year, _rows = table
    response = admin_client.post(
        ADMIN_ADD,
        {"year": year, "kind": "commune", "population_min": 2000, "population_max": 3000, "amount_cents": 5},
    )
    assert response.status_code == 200
    assert "chevauche" in response.content.decode()
    assert DuesTier.objects.count() == 4
    response = admin_client.post(
        ADMIN_ADD,
        {"year": year, "kind": "region", "population_min": 0, "population_max": "", "amount_cents": 500000},
    )
    assert response.status_code == 302
    assert DuesTier.objects.get(kind="region").amount_cents == 500000


def test_demo_loader_is_idempotent(db):
    from dues import demo

    demo.load(lambda message: None)
    count = DuesTier.objects.count()
    demo.load(lambda message: None)
    assert DuesTier.objects.count() == count > 0
    assert not DuesTier.objects.filter(illustrative=False).exists()
