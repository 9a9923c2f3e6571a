"""The label demo: the counts the seeds publish, computed from the rows; idempotent."""

import pytest

from label import demo
from label.models import Distinction, DistinctionKind, LabelEdition, Labellisation, PalmaresPage
from label.services.figures import edition_figures

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("year", "labelled", "villes", "villages", "territoires", "ten", "mentions"),
    [(2026, 213, 165, 40, 8, 10, 18), (2025, 226, 169, 45, 12, 13, 10)],
)
def test_demo_figures_match_the_published_palmares(
    label_demo, year, labelled, villes, villages, territoires, ten, mentions
):
    figures = edition_figures(LabelEdition.objects.get(year=year))
    assert Labellisation.objects.filter(edition__year=year).count() == labelled
    assert (figures.labelled, figures.villes, figures.villages, figures.territoires) == (
        labelled,
        villes,
        villages,
        territoires,
    )
    assert figures.unknown_category == 0
    assert (figures.ten, figures.mentions) == (ten, mentions)
    assert sum(figures.by_arobases.values()) == labelled


def test_demo_editions_facts(label_demo):
    edition = LabelEdition.objects.get(year=2026)
    assert (edition.number, edition.ceremony_city, edition.congress_number, edition.jury_size) == (
        27,
        "Agen",
        7,
        14,
    )
    assert edition.jury_president == "Didier Desponds"
    assert "partielle et illustrative" in edition.introduction
    assert "partielle et illustrative" in LabelEdition.objects.get(year=2025).introduction
    ten_2026 = Distinction.objects.filter(labellisation__edition=edition, kind=DistinctionKind.TEN)
    assert "Dijon" in {d.labellisation.collectivity.name for d in ten_2026}
    assert all(d.labellisation.arobases == 5 for d in Distinction.objects.filter(kind=DistinctionKind.TEN))


def test_demo_is_idempotent(label_demo):
    before = (
        list(Labellisation.objects.order_by("pk").values_list("pk", "collectivity_id", "arobases")),
        list(Distinction.objects.order_by("pk").values_list("pk", "kind")),
        list(PalmaresPage.objects.order_by("pk").values_list("pk", "locale__language_code")),
    )
    counts = demo.load(lambda message: None)
    after = (
        list(Labellisation.objects.order_by("pk").values_list("pk", "collectivity_id", "arobases")),
        list(Distinction.objects.order_by("pk").values_list("pk", "kind")),
        list(PalmaresPage.objects.order_by("pk").values_list("pk", "locale__language_code")),
    )
    assert before == after
    assert counts["labellisations"] == 213 + 226
    assert sorted(after[2], key=lambda row: row[1]) and {lang for _pk, lang in after[2]} == {"fr", "en"}
