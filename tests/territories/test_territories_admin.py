import pytest
from django.urls import reverse

from territories.factories import CollectivityFactory
from territories.models import Collectivity, CollectivityKind, Department, Region

pytestmark = pytest.mark.django_db


def _url(model, view, *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


@pytest.fixture
def collectivities(reference):
    lot_et_garonne = Department.objects.get(code="47")
    var = Department.objects.get(code="83")
    agen = CollectivityFactory(
        name="Agen", slug="agen", department=lot_et_garonne, insee_code="47001", population=None
    )
    boe = CollectivityFactory(name="Boé", department=lot_et_garonne, insee_code="47031", population=1500)
    raphael = CollectivityFactory(name="Saint-Raphaël", department=var, insee_code="83118", population=35000)
    agglo = CollectivityFactory(
        epci=True, name="Agglomération d'Agen", department=lot_et_garonne, siren="200035459", population=None
    )
    return {"agen": agen, "boe": boe, "raphael": raphael, "agglo": agglo}


def test_admin_lists_collectivities_with_kind_department_population_and_category(
    admin_client, collectivities
):
    response = admin_client.get(_url(Collectivity, "list"))

    assert response.status_code == 200
    content = response.content.decode()
    for name in ["Agen", "Boé", "Saint-Raphaël", "Agglomération d&#x27;Agen"]:
        assert name in content
    assert "Communauté d&#x27;agglomération" in content
    assert "Lot-et-Garonne (47)" in content
    assert "Village" in content and "Ville" in content and "Territoire" in content


def test_admin_listing_query_count_does_not_grow_with_rows(
    admin_client, collectivities, django_assert_max_num_queries
):
    url = _url(Collectivity, "list")
    admin_client.get(url)  # warm the session and caches
    with django_assert_max_num_queries(12):
        assert admin_client.get(url).status_code == 200

    added = [CollectivityFactory(department=collectivities["agen"].department) for _ in range(40)]

    with django_assert_max_num_queries(12):
        response = admin_client.get(url)

    assert response.status_code == 200
    content = response.content.decode()
    assert all(_url(Collectivity, "edit", c.pk) in content for c in added)


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        (
            {"kind": CollectivityKind.COMMUNAUTE_AGGLOMERATION},
            ["Agglomération d"],
            ["Saint-Raphaël", ">Boé<"],
        ),
        ({"region": "93"}, ["Saint-Raphaël"], [">Boé<", "Agglomération d"]),
        ({"department": "47", "category": "village"}, ["Boé"], ["Saint-Raphaël", "Agglomération d"]),
        ({"population_min": "10000"}, ["Saint-Raphaël"], [">Boé<"]),
        ({"q": "47031"}, ["Boé"], ["Saint-Raphaël"]),
        ({"q": "200035459"}, ["Agglomération d"], ["Saint-Raphaël"]),
        ({"q": "raph"}, ["Saint-Raphaël"], [">Boé<"]),
    ],
)
def test_admin_filters_and_searches_collectivities(admin_client, collectivities, query, shown, hidden):
    if "region" in query:
        query = {**query, "region": Region.objects.get(code=query["region"]).pk}
    if "department" in query:
        query = {**query, "department": Department.objects.get(code=query["department"]).pk}

    response = admin_client.get(_url(Collectivity, "list"), query)

    assert response.status_code == 200
    content = response.content.decode()
    for text in shown:
        assert text in content
    for text in hidden:
        assert text not in content


def test_admin_edits_a_collectivity(admin_client, collectivities):
    boe = collectivities["boe"]
    edit_url = _url(Collectivity, "edit", boe.pk)

    assert admin_client.get(edit_url).status_code == 200
    response = admin_client.post(
        edit_url,
        {
            "name": "Boé",
            "kind": CollectivityKind.COMMUNE,
            "slug": "",
            "insee_code": "47031",
            "siren": "",
            "population": "5600",
            "population_year": "2022",
            "department": boe.department.pk,
            "region": "",
        },
    )

    assert response.status_code == 302
    boe.refresh_from_db()
    assert (boe.population, boe.slug, boe.region.code) == (5600, "boe", "75")


def test_admin_sets_members_of_an_epci_and_refuses_them_for_a_commune(admin_client, collectivities):
    agglo, agen, boe = collectivities["agglo"], collectivities["agen"], collectivities["boe"]
    data = {
        "name": agglo.name,
        "kind": agglo.kind,
        "slug": agglo.slug,
        "siren": agglo.siren,
        "department": agglo.department.pk,
        "member_communes": [agen.pk, boe.pk],
    }

    response = admin_client.post(_url(Collectivity, "edit", agglo.pk), data)

    assert response.status_code == 302
    assert set(agglo.member_communes.all()) == {agen, boe}

    response = admin_client.post(
        _url(Collectivity, "edit", agglo.pk),
        {**data, "kind": CollectivityKind.COMMUNE, "insee_code": "47999"},
    )

    assert response.status_code == 200
    assert "ne peut pas avoir de communes membres" in response.content.decode()
    agglo.refresh_from_db()
    assert agglo.kind == CollectivityKind.COMMUNAUTE_AGGLOMERATION


def test_admin_shows_an_actionable_error_for_a_bad_insee_code(admin_client, collectivities):
    boe = collectivities["boe"]

    response = admin_client.post(
        _url(Collectivity, "edit", boe.pk),
        {
            "name": "Boé",
            "kind": "commune",
            "slug": "boe",
            "insee_code": "83001",
            "department": boe.department.pk,
        },
    )

    assert response.status_code == 200
    assert "commence par « 47 »" in response.content.decode()
    boe.refresh_from_db()
    assert boe.insee_code == "47031"


def test_admin_inspect_create_and_reference_listings(admin_client, collectivities):
    agglo = collectivities["agglo"]
    agglo.member_communes.add(collectivities["agen"], collectivities["boe"])
    response = admin_client.get(_url(Collectivity, "inspect", agglo.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert "200035459" in content and "Agen (47)" in content and "Boé (47)" in content
    assert admin_client.get(_url(Collectivity, "add")).status_code == 200
    response = admin_client.get(_url(Department, "list"), {"region": Region.objects.get(code="94").pk})
    assert response.status_code == 200
    assert "Corse-du-Sud" in response.content.decode()
    assert "Hérault" not in response.content.decode()
    response = admin_client.get(_url(Region, "list"))
    assert "Auvergne-Rhône-Alpes" in response.content.decode()
    assert admin_client.get(_url(Department, "edit", Department.objects.get(code="47").pk)).status_code == 200


def test_admin_creates_a_collectivity_with_a_generated_slug_and_sorts_by_category(
    admin_client, collectivities
):
    department = collectivities["agen"].department

    response = admin_client.post(
        _url(Collectivity, "add"),
        {"name": "Agen", "kind": "commune", "slug": "", "insee_code": "47002", "department": department.pk},
    )

    assert response.status_code == 302
    created = Collectivity.objects.get(insee_code="47002")
    assert created.slug == "agen-47"  # "agen" is taken
    assert created.region.code == "75"
    response = admin_client.get(_url(Collectivity, "list"), {"ordering": "-category_value"})
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("Saint-Raphaël") < content.index("Boé")  # ville before village
