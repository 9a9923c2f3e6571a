"""The self-assessment report: coverage, percentiles and suggestions checked against values
computed by hand, and only the collectivity's people see it."""

import datetime

import pytest
from django.urls import reverse

from actions.factories import ActionSheetFactory, EnjeuFactory, ServiceFactory
from actions.services.reports import build_report, percentile_rank
from members.factories import MemberRoleFactory
from territories.factories import CollectivityFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_percentile_rank_by_hand():
    assert percentile_rank(3, [1, 2, 3, 4]) == 62.5  # 2 below, 1 equal: (2 + 0.5) / 4
    assert percentile_rank(0, [0, 0]) == 50.0
    assert percentile_rank(5, []) is None


def test_report_by_hand():
    enjeu_a, enjeu_b = EnjeuFactory(), EnjeuFactory()
    a1, a2, b1 = ServiceFactory(enjeu=enjeu_a), ServiceFactory(enjeu=enjeu_a), ServiceFactory(enjeu=enjeu_b)
    me = CollectivityFactory(population=5_000)
    peer1 = CollectivityFactory(population=6_000)
    CollectivityFactory(population=7_000)  # a peer without sheets
    CollectivityFactory(population=60_000)  # another band: not a peer
    ActionSheetFactory(collectivity=me, services=[a1, a2], started_on=D(2024, 2, 1))
    ActionSheetFactory(collectivity=me, services=[a1], started_on=D(2025, 2, 1))
    ActionSheetFactory(
        collectivity=me, services=[b1], started_on=D(2019, 2, 1), ended_on=D(2020, 1, 1)
    )  # too old
    ActionSheetFactory(collectivity=peer1, services=[b1], started_on=D(2025, 1, 1))
    ActionSheetFactory(collectivity=peer1, services=[b1, a1], started_on=D(2025, 1, 1))
    ActionSheetFactory(collectivity=peer1, services=[a2], started_on=D(2025, 1, 1))

    report = build_report(me, 2026)
    assert report.sheet_count == 2
    assert {e.pk: n for e, n in report.enjeux} == {enjeu_a.pk: 2, enjeu_b.pk: 0}
    assert report.services_covered == 2
    assert report.peer_count == 2
    assert report.percentile == 50.0  # peers have 3 and 0 sheets: one below, none equal
    assert [(service.pk, n) for service, n in report.suggestions] == [(b1.pk, 2)]
    assert [y for y, _n in report.evolution][-1] == 2026
    # Coverage drawn by the mosaic and the radar: the services of each enjeu that the
    # collectivity's counting sheets cover (a1 and a2 of enjeu A; none of enjeu B).
    coverage = {
        enjeu.code: (enjeu.covered, enjeu.total) for family in report.coverage for enjeu in family.enjeux
    }
    assert coverage[enjeu_a.code] == (2, 2) and coverage[enjeu_b.code] == (0, 1)


def test_only_the_collectivitys_people_see_its_report(client):
    role = MemberRoleFactory()
    ActionSheetFactory(collectivity=role.collectivity, title="Ma fiche phare", started_on=D(2025, 1, 1))
    ActionSheetFactory(title="Fiche d'ailleurs", started_on=D(2025, 1, 1))
    client.force_login(role.user)
    body = client.get(reverse("actions_portal:report_year", args=[2026])).content.decode()
    assert "Ma fiche phare" in body and "Fiche d'ailleurs" not in body
    # The mosaic and the radar, each with its table of values.
    assert 'class="coverage-chart coverage-chart--mosaic"' in body
    assert 'class="coverage-chart coverage-chart--radar"' in body
    client.logout()
    assert client.get(reverse("actions_portal:report_year", args=[2026])).status_code == 302


@pytest.mark.parametrize("count", [1, 15])
def test_report_page_query_count_is_flat(client, count, django_assert_max_num_queries):
    role = MemberRoleFactory()
    services = [ServiceFactory() for _ in range(3)]
    for index in range(count):
        ActionSheetFactory(collectivity=role.collectivity, services=services[: 1 + index % 3])
        ActionSheetFactory(
            services=services[:2], collectivity=CollectivityFactory(population=role.collectivity.population)
        )
    client.force_login(role.user)
    # Measured: 29 with 1 sheet, 28 with 15 (the portal shell and session included).
    with django_assert_max_num_queries(29):
        response = client.get(reverse("actions_portal:report_year", args=[2026]))
    assert response.status_code == 200
