"""The figures block, the template tag and the admin listings."""

import pytest
from django.template import Context, Template
from django.utils import translation

from label.blocks import EditionFiguresBlock
from label.models import Distinction, DistinctionKind, Labellisation
from label.services.figures import edition_figures
from territories.models import Collectivity, CollectivityKind
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(make_edition, make_rows):
    edition = make_edition(2030)
    rows = make_rows(edition, 7)
    make_rows(edition, 2, start=50, population=300, prefix="Hameau")
    Distinction.objects.create(labellisation=rows[4], kind=DistinctionKind.TEN)
    Distinction.objects.create(labellisation=rows[0], kind=DistinctionKind.EDUCATION)
    # An EPCI with three member communes, one of them labelled on its own.
    epci = Collectivity.objects.create(
        name="Communauté de communes du Val de Songe",
        slug="cc-songe",
        kind=CollectivityKind.COMMUNAUTE_COMMUNES,
    )
    members = [
        Collectivity.objects.create(name=f"Membre {n}", slug=f"membre-{n}", kind=CollectivityKind.COMMUNE)
        for n in range(2)
    ]
    epci.member_communes.set([*members, rows[0].collectivity])
    Labellisation.objects.create(collectivity=epci, edition=edition, arobases=3)
    return edition


def test_figures_are_computed_from_the_rows(edition, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        figures = edition_figures(edition)
    assert (figures.labelled, figures.villes, figures.villages, figures.territoires) == (10, 7, 2, 1)
    # 9 labelled communes + 2 members of the EPCI (the third member is already counted).
    assert figures.communes == 11
    assert figures.inhabitants == sum(5000 + n for n in range(7)) + 300 * 2 + 50 + 51
    assert figures.unknown_population == 1  # the EPCI
    assert (figures.ten, figures.mentions) == (1, 1)
    assert figures.by_arobases == {1: 3, 2: 3, 3: 2, 4: 1, 5: 1}


def test_figures_block_renders_live_figures(edition):
    translation.activate("fr")  # another test may leave English active in this thread
    block = EditionFiguresBlock()
    value = block.to_python({"title": "", "edition": edition.pk})
    doc = parse(block.render(value))
    values = [dd.text.strip() for dd in doc.find_all("dd", class_="key-figure__value")]
    assert values[0] == "10"
    assert "Le palmarès 2030 en chiffres" in doc.text
    Labellisation.objects.filter(arobases=1).delete()  # the block follows the data
    doc = parse(block.render(block.to_python({"title": "Nos chiffres", "edition": edition.pk})))
    assert [dd.text.strip() for dd in doc.find_all("dd", class_="key-figure__value")][0] == "7"
    assert doc.find_all("h2")[0].text.strip() == "Nos chiffres"


def test_palmares_url_tag(palmares_page, rf):
    html = Template("{% load label_tags %}[{% palmares_url 2030 %}][{% palmares_url 1990 %}]").render(
        Context({"request": rf.get("/")})
    )
    assert html == "[/label/palmares/2030/][]"


def test_admin_listings(admin_client, edition):
    assert admin_client.get("/admin/label/editions/").status_code == 200
    listing = admin_client.get(
        "/admin/label/labellisations/", {"edition": edition.pk, "arobases": 5, "q": "fictive"}
    )
    assert listing.status_code == 200
    assert "Commune fictive 0004" in listing.content.decode()
    assert "Commune fictive 0000" not in listing.content.decode()


def test_admin_forms_open(admin_client, edition):
    assert admin_client.get("/admin/label/editions/add/").status_code == 200
    assert admin_client.get("/admin/label/labellisations/add/").status_code == 200
    row = Labellisation.objects.filter(distinctions__isnull=False).first()
    response = admin_client.get(f"/admin/label/labellisations/edit/{row.pk}/")
    assert response.status_code == 200
    assert "Distinctions" in response.content.decode()


def test_palmares_pages_are_translatable_with_wagtail_localize(palmares_page):
    from wagtail_localize.models import StringSegment, TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(palmares_page)
    strings = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert "Palmarès 2030" in strings


def test_a_second_page_for_the_same_edition_is_refused(palmares_page):
    from django.core.exceptions import ValidationError

    from label.models import PalmaresPage

    duplicate = PalmaresPage(
        title="Doublon", slug="doublon", edition=palmares_page.edition, locale=palmares_page.locale
    )
    parent = palmares_page.get_parent()
    with pytest.raises(ValidationError) as caught:
        parent.add_child(instance=duplicate)
    assert "déjà sa page de palmarès" in str(caught.value)
