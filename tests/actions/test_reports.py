"""The self-assessment report: coverage, percentiles and suggestions checked against values
computed by hand, and only the collectivity's people see it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.factories import ActionSheetFactory, EnjeuFactory, ServiceFactory
from actions.percentiles import percentile_rank
from actions.services import reports
from actions.services.reports import build_report
from members.factories import MemberRoleFactory
from territories.factories import CollectivityFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_percentile_rank_by_hand():
    assert percentile_rank(3, [1, 2, 3, 4]) == 62.5  # 2 below, 1 equal: (2 + 0.5) / 4
    assert percentile_rank(0, [0, 0]) == 50.0
    assert percentile_rank(5, []) is None


def test_the_report_has_one_percentile_implementation():
    # The report ranks with actions.percentiles (database counts), not a list of its own.
    assert not hasattr(reports, "percentile_rank")


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


def test_positions_among_peers_by_hand(django_assert_num_queries):
    enjeu_a, enjeu_b = EnjeuFactory(), EnjeuFactory()
    a1, a2, b1 = ServiceFactory(enjeu=enjeu_a), ServiceFactory(enjeu=enjeu_a), ServiceFactory(enjeu=enjeu_b)
    me = CollectivityFactory(population=5_000)
    peer1, peer2, peer3 = (CollectivityFactory(population=p) for p in (6_000, 7_000, 8_000))
    CollectivityFactory(population=60_000)  # another band: not a peer
    ActionSheetFactory(collectivity=me, services=[a1, a2], started_on=D(2024, 2, 1))
    ActionSheetFactory(collectivity=me, services=[a1], started_on=D(2025, 2, 1))
    ActionSheetFactory(collectivity=peer1, services=[b1], started_on=D(2025, 1, 1))
    ActionSheetFactory(collectivity=peer1, services=[b1, a1], started_on=D(2025, 1, 1))
    ActionSheetFactory(collectivity=peer1, services=[a2], started_on=D(2025, 1, 1))
    ActionSheetFactory(collectivity=peer2, services=[b1], status="draft")  # a draft does not count
    ActionSheetFactory(collectivity=peer3, services=[a1, a2], started_on=D(2025, 1, 1))

    # By hand, for 2026. Me: 2 sheets, 1 enjeu (A), 2 services (a1, a2).
    # Peers (sheets, enjeux, services): peer1 (3, 2, 3), peer2 (0, 0, 0), peer3 (1, 1, 2).
    # sheets: 2 peers below, none equal -> 2 / 3; enjeux: 1 below, 1 equal -> 1.5 / 3;
    # services: 1 below (peer2), 1 equal (peer3) -> 1.5 / 3.
    with django_assert_num_queries(1):
        positions = reports.peer_positions(
            reports.peers_of(me), 2026, {"sheets": 2, "enjeux": 1, "services": 2}
        )
    by_measure = {p.measure: (p.value, p.below, p.equal, p.total) for p in positions}
    assert by_measure == {"sheets": (2, 2, 0, 3), "enjeux": (1, 1, 1, 3), "services": (2, 1, 1, 3)}
    report = build_report(me, 2026)
    assert [(p.measure, p.below, p.equal, p.total) for p in report.positions] == [
        ("sheets", 2, 0, 3),
        ("enjeux", 1, 1, 3),
        ("services", 1, 1, 3),
    ]
    assert report.percentile == pytest.approx(200 / 3)
    assert [p.percentile for p in report.positions] == pytest.approx([200 / 3, 50.0, 50.0])
    assert report.positions[0].above == 1


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


def _report_queries(client, year=2026) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("actions_portal:report_year", args=[year]))
    assert response.status_code == 200
    return len(queries)


def _grow(collectivity, services, sheets: int, peers: int) -> None:
    for index in range(sheets):
        ActionSheetFactory(collectivity=collectivity, services=services[: 1 + index % 3])
    for _ in range(peers):
        peer = CollectivityFactory(population=collectivity.population)
        ActionSheetFactory(collectivity=peer, services=services[1:])
        ActionSheetFactory(collectivity=peer, services=services[:1])


def test_report_page_query_count_is_flat_in_sheets_and_peers(client):
    role = MemberRoleFactory()
    services = [ServiceFactory() for _ in range(4)]
    _grow(role.collectivity, services, sheets=1, peers=1)
    client.force_login(role.user)
    _report_queries(client)  # the session and the caches settle
    small = _report_queries(client)
    _grow(role.collectivity, services, sheets=20, peers=12)
    _report_queries(client)  # saving sheets and collectivities emptied the fragment cache
    large = _report_queries(client)
    assert large == small
    assert small <= 30  # the portal shell and the session included
