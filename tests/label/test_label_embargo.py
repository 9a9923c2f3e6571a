"""A label edition's results stay invisible until they are published (results_published_at):
before and after publication on each public surface, the team's preview, the publish action."""

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation

from label.blocks import EditionFiguresBlock
from label.models import Distinction, DistinctionKind, LabelEdition, Labellisation, PalmaresPage
from territories.models import Collectivity, CollectivityKind, Department
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db
PAGE = "/label/palmares/2030/"
CSV = "/label/palmares/2030/palmares-2030.csv"
JSON = "/label/palmares/2030/palmares-2030.json"
HISTORY = "/label/palmares/collectivites/brumeval-sur-fibre/"
AT = datetime.datetime(2030, 2, 1, 18, 0, tzinfo=datetime.UTC)
BEFORE = AT - datetime.timedelta(minutes=1)
AFTER = AT + datetime.timedelta(minutes=1)


@pytest.fixture
def embargoed(palmares_page):
    """The 2030 palmarès page is live, its edition to be published at AT; Brumeval-sur-Fibre
    is labelled 5 @ and "Territoire d'excellence numérique" in it."""
    edition = palmares_page.edition
    edition.results_published_at = AT
    edition.save()
    department = Department.objects.select_related("region").get(code="21")
    collectivity = Collectivity.objects.create(
        name="Brumeval-sur-Fibre",
        slug="brumeval-sur-fibre",
        kind=CollectivityKind.COMMUNE,
        population=4200,
        department=department,
        region=department.region,
    )
    row = Labellisation.objects.create(collectivity=collectivity, edition=edition, arobases=5)
    Distinction.objects.create(labellisation=row, kind=DistinctionKind.TEN)
    return palmares_page


def test_the_rule_lives_in_the_querysets(embargoed):
    edition = embargoed.edition
    assert list(LabelEdition.objects.public(now=BEFORE)) == []
    assert list(LabelEdition.objects.public(now=AFTER)) == [edition]
    assert list(LabelEdition.objects.embargoed(now=BEFORE)) == [edition]
    assert not Labellisation.objects.public(now=BEFORE).exists()
    assert Labellisation.objects.public(now=AFTER).count() == 1
    assert (edition.is_public(BEFORE), edition.is_public(AFTER)) == (False, True)
    edition.results_published_at = None  # no date: never public until someone publishes it
    edition.save()
    assert not LabelEdition.objects.public(now=AFTER).exists()
    assert not edition.is_public(AFTER)


def test_palmares_page_index_and_map(embargoed, client):
    with time_machine.travel(BEFORE, tick=False):
        assert client.get(PAGE).status_code == 404
        assert PAGE not in client.get("/label/palmares/").content.decode()
    with time_machine.travel(AFTER, tick=False):
        response = client.get(PAGE)
        assert response.status_code == 200
        doc = parse(response.content.decode())
        assert "Brumeval-sur-Fibre" in doc.text
        assert doc.find_all("svg", class_="region-map__svg")
        assert PAGE in client.get("/label/palmares/").content.decode()


def test_collectivity_history(embargoed, client):
    with time_machine.travel(BEFORE, tick=False):
        content = client.get(HISTORY).content.decode()
        assert "2030" not in content
        assert "Territoire d'excellence numérique" not in content
        assert "pas encore été labellisée" in content
    with time_machine.travel(AFTER, tick=False):
        content = client.get(HISTORY).content.decode()
        assert (
            "Territoire d&#x27;excellence numérique" in content
            or "Territoire d'excellence numérique" in content
        )
        assert f'href="{PAGE}"' in content


@pytest.mark.parametrize("url", [CSV, JSON])
def test_open_data_downloads(embargoed, client, url):
    with time_machine.travel(BEFORE, tick=False):
        assert client.get(url).status_code == 404
    with time_machine.travel(AFTER, tick=False):
        response = client.get(url)
        assert response.status_code == 200
        assert "Brumeval-sur-Fibre" in response.content.decode()


def test_search(embargoed, client):
    with time_machine.travel(BEFORE, tick=False):
        content = client.get("/recherche/", {"q": "Palmarès 2030"}).content.decode()
        assert f'href="{PAGE}"' not in content
    with time_machine.travel(AFTER, tick=False):
        content = client.get("/recherche/", {"q": "Palmarès 2030"}).content.decode()
        assert f'href="{PAGE}"' in content


def test_figures_block(embargoed, rf):
    translation.activate("fr")
    block = EditionFiguresBlock()
    value = block.to_python({"title": "", "edition": embargoed.edition.pk})
    request = rf.get("/")
    request.user = AnonymousUser()
    with time_machine.travel(BEFORE, tick=False):
        assert "key-figure" not in block.render(value, context={"request": request})
    with time_machine.travel(AFTER, tick=False):
        doc = parse(block.render(value, context={"request": request}))
        assert [dd.text.strip() for dd in doc.find_all("dd", class_="key-figure__value")][0] == "1"


def test_figures_block_of_a_page_sees_the_edition_change_at_once(embargoed, rf):
    """A page's sections read their editions from the fragment cache (label.blocks)."""
    translation.activate("fr")
    block = EditionFiguresBlock()
    request = rf.get("/")
    request.user = AnonymousUser()

    def rendered() -> str:
        [value] = block.bulk_to_python([{"title": "", "edition": embargoed.edition.pk}])
        return block.render(value, context={"request": request})

    with time_machine.travel(AFTER, tick=False):
        assert "key-figure" in rendered()  # the edition is now in the cache
        edition = LabelEdition.objects.get(pk=embargoed.edition.pk)
        edition.results_published_at = AFTER + datetime.timedelta(days=1)
        edition.save()
        assert "key-figure" not in rendered()


def test_sitemap(embargoed, client):
    with time_machine.travel(BEFORE, tick=False):
        assert PAGE not in client.get("/sitemap.xml").content.decode()
    with time_machine.travel(AFTER, tick=False):
        assert PAGE in client.get("/sitemap.xml").content.decode()


def test_congress_link_waits_for_the_results(embargoed):
    with time_machine.travel(BEFORE, tick=False):
        assert PalmaresPage.objects.for_year(2030) is None
    with time_machine.travel(AFTER, tick=False):
        assert PalmaresPage.objects.for_year(2030).pk == embargoed.pk


def test_the_team_sees_everything_before_publication(embargoed, client, admin_user):
    admin_client = client
    with time_machine.travel(BEFORE, tick=False):
        admin_client.force_login(admin_user)  # in 2030: a session opened now would have expired
        page = PalmaresPage.objects.get(pk=embargoed.pk)
        preview = page.make_preview_request()
        assert preview.status_code == 200
        assert "Brumeval-sur-Fibre" in preview.content.decode()
        assert "region-map__svg" in preview.content.decode()

        response = admin_client.get(PAGE)
        assert response.status_code == 200
        assert "Résultats sous embargo" in response.content.decode()
        assert "private" in response["Cache-Control"]
        for url in (CSV, JSON):
            download = admin_client.get(url)
            assert download.status_code == 200
            assert "private" in download["Cache-Control"]
        assert "2030" in admin_client.get(HISTORY).content.decode()


def test_publish_action_publishes_now_after_confirmation(embargoed, admin_user, client):
    from django.test import Client

    admin_client = Client()
    edition = embargoed.edition
    url = f"/admin/label/editions/{edition.pk}/publier/"
    with time_machine.travel(BEFORE, tick=False):
        admin_client.force_login(admin_user)
        listing = admin_client.get("/admin/label/editions/").content.decode()
        assert url in listing and "Publier les résultats" in listing
        confirmation = admin_client.get(url)
        assert confirmation.status_code == 200
        assert "Oui, publier les résultats" in confirmation.content.decode()
        edition.refresh_from_db()
        assert edition.results_published_at == AT  # a GET changes nothing

        admin_client.post(url)
        edition.refresh_from_db()
        assert edition.results_published_at == BEFORE
        assert client.get(PAGE).status_code == 200
        assert url not in admin_client.get("/admin/label/editions/").content.decode()

        # Publishing again is refused with a message; nothing changes.
        response = admin_client.post(url, follow=True)
        assert "déjà publics" in response.content.decode()
        edition.refresh_from_db()
        assert edition.results_published_at == BEFORE


def test_publish_action_needs_the_permission(embargoed, client, django_user_model):
    user = django_user_model.objects.create_user("lecteur", "lecteur@example.org", "motdepasse-long")
    client.force_login(user)
    response = client.post(f"/admin/label/editions/{embargoed.edition.pk}/publier/")
    assert response.status_code in (302, 403)
    embargoed.edition.refresh_from_db()
    assert embargoed.edition.results_published_at == AT


def test_existing_editions_are_published_by_the_migration(make_edition):
    migration = importlib.import_module("label.migrations.0003_edition_results_published_at")
    old = make_edition(2031, published=False)
    old.ceremony_date = datetime.date(2024, 2, 1)
    old.save()
    without_date = make_edition(2032, published=False)
    migration.publish_existing_editions(django_apps, None)
    old.refresh_from_db()
    without_date.refresh_from_db()
    assert old.is_public() and timezone.localtime(old.results_published_at).date() == datetime.date(
        2024, 2, 1
    )
    assert without_date.is_public()


def test_the_demo_editions_are_published(label_demo):
    assert set(LabelEdition.objects.public().values_list("year", flat=True)) >= {2025, 2026}
    assert not LabelEdition.objects.embargoed().exists()
