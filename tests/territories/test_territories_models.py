import pytest
from django.core.exceptions import ValidationError

from territories.factories import CollectivityFactory, DepartmentFactory
from territories.models import Category, Collectivity, CollectivityKind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "population", "expected", "label"),
    [
        (CollectivityKind.COMMUNE, 45, Category.VILLAGE, "Village"),
        (CollectivityKind.COMMUNE, 1999, Category.VILLAGE, "Village"),
        (CollectivityKind.COMMUNE, 2000, Category.VILLE, "Ville"),
        (CollectivityKind.COMMUNE, 163000, Category.VILLE, "Ville"),
        (CollectivityKind.COMMUNE, None, None, ""),
        (CollectivityKind.COMMUNAUTE_AGGLOMERATION, 153000, Category.TERRITOIRE, "Territoire"),
        (CollectivityKind.METROPOLE, None, Category.TERRITOIRE, "Territoire"),
        (CollectivityKind.SYNDICAT, 500, Category.TERRITOIRE, "Territoire"),
        (CollectivityKind.DEPARTEMENT, 1000, Category.TERRITOIRE, "Territoire"),
    ],
)
def test_category_is_derived_identically_in_python_and_in_sql(kind, population, expected, label):
    collectivity = CollectivityFactory(kind=kind, population=population, insee_code=None)

    annotated = Collectivity.objects.with_category().get(pk=collectivity.pk)

    assert collectivity.category == expected
    assert collectivity.get_category_display() == label
    assert annotated.category_value == (expected.value if expected else None)
    # Filtering on the annotation in SQL finds it (NULL for a commune of unknown population).
    assert list(Collectivity.objects.with_category().filter(category_value=expected)) == [collectivity]


def test_category_helpers_split_collectivities_at_the_threshold():
    village = CollectivityFactory(population=1999)
    ville = CollectivityFactory(population=2000)
    unknown = CollectivityFactory(population=None)
    epci = CollectivityFactory(epci=True, population=None)

    assert list(Collectivity.objects.villages()) == [village]
    assert list(Collectivity.objects.villes()) == [ville]
    assert list(Collectivity.objects.territoires()) == [epci]
    assert set(Collectivity.objects.with_category().filter(category_value__isnull=True)) == {unknown}
    assert list(Collectivity.objects.with_category().filter(category_value="ville")) == [ville]


def test_threshold_comes_from_settings(settings):
    settings.VILLAGE_POPULATION_THRESHOLD = 3000
    commune = CollectivityFactory(population=2500)

    assert commune.category == Category.VILLAGE
    assert list(Collectivity.objects.villages()) == [commune]
    assert Collectivity.objects.with_category().get().category_value == "village"


def test_epci_flags():
    agglomeration = CollectivityFactory(epci=True)
    syndicat = CollectivityFactory(kind=CollectivityKind.SYNDICAT, insee_code=None)
    commune = CollectivityFactory()

    assert agglomeration.is_epci and agglomeration.can_have_members
    assert not syndicat.is_epci and syndicat.can_have_members
    assert not commune.is_epci and not commune.can_have_members


def test_str_shows_the_department_code(department):
    agen = CollectivityFactory(name="Agen", department=department)
    region = CollectivityFactory(
        name="Région Occitanie", kind=CollectivityKind.REGION, department=None, region=department.region
    )

    assert str(agen) == "Agen (47)"
    assert str(region) == "Région Occitanie"
    assert str(department) == "Lot-et-Garonne (47)"


def test_model_validation_refuses_members_for_a_commune():
    commune = CollectivityFactory()
    other = CollectivityFactory()
    commune.member_communes.add(other)

    with pytest.raises(ValidationError) as exc_info:
        commune.full_clean()

    assert "member_communes" in exc_info.value.message_dict
    assert "ne peut pas avoir de communes membres" in exc_info.value.message_dict["member_communes"][0]


def test_model_validation_refuses_members_that_are_not_communes():
    agglomeration = CollectivityFactory(epci=True)
    other_epci = CollectivityFactory(epci=True)
    agglomeration.member_communes.add(other_epci)

    with pytest.raises(ValidationError) as exc_info:
        agglomeration.full_clean()

    assert "doivent être des communes" in exc_info.value.message_dict["member_communes"][0]


def test_model_validation_refuses_a_commune_already_in_another_epci():
    commune = CollectivityFactory(name="Boé")
    CollectivityFactory(epci=True, name="Agglomération d'Agen", member_communes=[commune])
    other = CollectivityFactory(epci=True)
    other.member_communes.add(commune)

    with pytest.raises(ValidationError) as exc_info:
        other.full_clean()

    assert (
        "appartient déjà à l'EPCI « Agglomération d'Agen »"
        in exc_info.value.message_dict["member_communes"][0]
    )


def test_model_validation_accepts_communes_as_members_and_fills_the_region():
    agglomeration = CollectivityFactory(epci=True, region=None)
    agglomeration.member_communes.add(CollectivityFactory(), CollectivityFactory())

    agglomeration.full_clean()

    assert agglomeration.region == agglomeration.department.region


@pytest.mark.parametrize(
    ("kind", "code", "message"),
    [
        (CollectivityKind.COMMUNE, "4700", "n'est pas un code INSEE de commune"),
        (CollectivityKind.COMMUNE, "33063", "commence par « 47 »"),
        (CollectivityKind.COMMUNAUTE_AGGLOMERATION, "47001", "n'a pas de code INSEE"),
        (CollectivityKind.DEPARTEMENT, "33", "celui du département choisi"),
    ],
)
def test_model_validation_checks_the_insee_code(department, kind, code, message):
    collectivity = Collectivity(name="Essai", slug="essai", kind=kind, insee_code=code, department=department)

    with pytest.raises(ValidationError) as exc_info:
        collectivity.full_clean()

    assert message in exc_info.value.message_dict["insee_code"][0]


def test_model_validation_refuses_a_region_that_is_not_the_departments(reference):
    department = DepartmentFactory(code="47")
    other_region = DepartmentFactory(code="21").region
    commune = Collectivity(
        name="Agen", slug="agen", insee_code="47001", department=department, region=other_region
    )

    with pytest.raises(ValidationError) as exc_info:
        commune.full_clean()

    assert "appartient à la région Nouvelle-Aquitaine" in exc_info.value.message_dict["region"][0]


def test_insee_code_is_unique_within_a_kind_only(department):
    CollectivityFactory(kind=CollectivityKind.COMMUNE, insee_code="47001", department=department)
    CollectivityFactory(kind=CollectivityKind.DEPARTEMENT, insee_code="47", department=department)
    duplicate = Collectivity(
        name="Autre", slug="autre", kind=CollectivityKind.COMMUNE, insee_code="47001", department=department
    )

    with pytest.raises(ValidationError) as exc_info:
        duplicate.full_clean()

    assert "a déjà ce code INSEE" in str(exc_info.value)
    # Several collectivities without code or SIREN are fine.
    CollectivityFactory(insee_code=None, siren=None)
    CollectivityFactory(insee_code=None, siren=None)


def test_set_member_communes_checks_the_rules_before_writing():
    from territories.services import set_member_communes

    agglomeration = CollectivityFactory(epci=True)
    communes = [CollectivityFactory(), CollectivityFactory()]

    set_member_communes(agglomeration, communes)

    assert set(agglomeration.member_communes.all()) == set(communes)
    with pytest.raises(ValidationError, match="ne peut pas avoir de communes membres"):
        set_member_communes(communes[0], [communes[1]])
    assert not communes[0].member_communes.exists()
