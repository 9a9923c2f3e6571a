import pytest

from territories import demo
from territories.models import Category, Collectivity, CollectivityKind, Department, Region

pytestmark = pytest.mark.django_db


def _snapshot():
    return sorted(
        Collectivity.objects.values_list(
            "slug", "name", "kind", "insee_code", "siren", "population", "population_year", "department__code"
        )
    )


def test_demo_loader_is_idempotent_and_complete():
    messages: list[str] = []

    first = demo.load(messages.append)
    snapshot = _snapshot()
    memberships = Collectivity.member_communes.through.objects.count()
    counts = (Region.objects.count(), Department.objects.count(), Collectivity.objects.count())
    second = demo.load(messages.append)

    assert (Region.objects.count(), Department.objects.count(), Collectivity.objects.count()) == counts
    assert _snapshot() == snapshot
    assert Collectivity.member_communes.through.objects.count() == memberships > 0
    assert counts[:2] == (18, 101)
    assert first["collectivities"] == second["collectivities"] == counts[2]
    assert 300 <= first["fictional_collectivities"] <= 320
    assert second["created"] == second["updated"] == 0
    assert second["unchanged"] == 18 + 101 + counts[2]
    assert any(message.startswith("Régions : ") for message in messages)
    assert any("inchangée(s)" in message for message in messages)


def test_demo_reference_data_names_regions_and_departments():
    demo.load_reference()

    assert Region.objects.get(code="84").name == "Auvergne-Rhône-Alpes"
    assert Department.objects.get(code="2A").name == "Corse-du-Sud"
    assert Department.objects.get(code="976").region.name == "Mayotte"
    assert not Department.objects.filter(code__in=["20", "975"]).exists()


def test_demo_real_collectivities_state_only_what_the_seeds_give(territories_demo):
    la_rochelle = Collectivity.objects.get(slug="la-rochelle-70")
    assert (la_rochelle.population, la_rochelle.population_year) == (45, 2026)
    assert la_rochelle.category == Category.VILLAGE
    assert str(la_rochelle) == "La Rochelle (70)"
    assert Collectivity.objects.get(slug="haulchin").category == Category.VILLE
    assert Collectivity.objects.get(slug="smo-eure-normandie-numerique").kind == CollectivityKind.SYNDICAT
    assert Collectivity.objects.get(slug="eurometropole-de-strasbourg").kind == CollectivityKind.METROPOLE
    assert Collectivity.objects.get(slug="les-abymes").region.name == "Guadeloupe"
    agen = Collectivity.objects.get(slug="agen")
    assert (agen.population, agen.insee_code, agen.siren) == (None, None, None)
    assert agen.category is None
    assert agen.groupings.get().name == "Agglomération d'Agen"


def test_demo_fictional_collectivities_are_visibly_invented_and_spread(territories_demo):
    fictional = Collectivity.objects.exclude(slug__in=[p.slug for p in demo._read_real_collectivities()])
    assert fictional.count() >= 300
    assert fictional.values("department").distinct().count() > 60
    assert {"village", "ville", "territoire"} <= set(
        fictional.with_category().values_list("category_value", flat=True)
    )
    assert all(
        code[2] == "9"
        for code in fictional.filter(insee_code__isnull=False).values_list("insee_code", flat=True)
    )
    for grouping in fictional.groupings().prefetch_related("member_communes"):
        assert grouping.member_communes.count() >= 2
        assert all(member.kind == CollectivityKind.COMMUNE for member in grouping.member_communes.all())
        grouping.full_clean()  # members obey the rules (one EPCI per commune)


def test_import_completes_a_demo_collectivity_and_the_demo_keeps_what_was_imported(territories_demo):
    from territories.services import import_collectivities

    count = Collectivity.objects.count()
    header = "nom;type;code_insee;siren;population;annee_population;departement;region;epci_siren"

    result = import_collectivities(f"{header}\nAgen;commune;47001;214700015;32000;2022;47;;".encode())
    demo.load(lambda message: None)

    assert (result.created, result.updated) == (0, 1)
    assert Collectivity.objects.count() == count
    agen = Collectivity.objects.get(slug="agen")
    assert (agen.insee_code, agen.siren, agen.population) == ("47001", "214700015", 32000)


def test_migrations_load_the_regions_and_departments_in_every_environment():
    # No demo loader here: a fresh database already knows every région and département.
    assert Region.objects.count() == 18
    assert Department.objects.count() == 101
    assert Department.objects.get(code="2B").region.name == "Corse"
