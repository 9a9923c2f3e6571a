"""The sheets each edition's laureates published: the computation on a small data set, the demo
plan, and the demo giving the seeds' figures."""

import datetime
import random

import pytest

from actions import demo
from actions.factories import ActionSheetFactory
from actions.models import ActionSheet, SheetStatus
from actions.services.figures import laureates_sheet_count
from label.factories import LabelEditionFactory, LabellisationFactory

D = datetime.date


@pytest.mark.django_db
def test_laureates_sheet_count_by_hand():
    edition = LabelEditionFactory(year=2026)
    laureate = LabellisationFactory(edition=edition).collectivity
    ActionSheetFactory(collectivity=laureate, started_on=D(2024, 5, 1), ended_on=D(2024, 6, 1))  # counts
    ActionSheetFactory(collectivity=laureate, started_on=D(2019, 5, 1))  # ongoing: counts
    ActionSheetFactory(collectivity=laureate, started_on=D(2019, 5, 1), ended_on=D(2023, 1, 1))  # too old
    ActionSheetFactory(collectivity=laureate, started_on=D(2025, 5, 1), status=SheetStatus.DRAFT)  # draft
    ActionSheetFactory(started_on=D(2025, 5, 1))  # not a laureate
    assert laureates_sheet_count(2026) == 2


def test_apportion_adds_up_exactly():
    counts = demo.apportion(15_424, {1: 1.0, 2: 2.5, 3: 0.3, 4: 7.7})
    assert sum(counts.values()) == 15_424
    assert counts[4] > counts[2] > counts[1] > counts[3]


def test_plan_gives_each_edition_its_total():
    labelled = {2025: set(range(0, 226)), 2026: set(range(47, 260))}
    plan = demo.plan(labelled, {}, random.Random(1))
    count_2025 = sum(plan[pk][demo.BOTH] + plan[pk][demo.ONLY_2025] for pk in labelled[2025])
    count_2026 = sum(plan[pk][demo.BOTH] + plan[pk][demo.ONLY_2026] for pk in labelled[2026])
    assert (count_2025, count_2026) == (15_424, 14_930)


@pytest.mark.parametrize("kind", [demo.BOTH, demo.ONLY_2025, demo.ONLY_2026, demo.NEITHER])
def test_demo_dates_fall_in_the_right_windows(kind):
    rng = random.Random(7)
    for _ in range(300):
        start, end, status = demo.dates(kind, rng)
        sheet = ActionSheet(started_on=start, ended_on=end, status=status)
        expected = {
            demo.BOTH: (True, True),
            demo.ONLY_2025: (True, False),
            demo.ONLY_2026: (False, True),
            demo.NEITHER: (False, False),
        }[kind]
        assert (sheet.is_eligible_for(2025), sheet.is_eligible_for(2026)) == expected


def test_the_demo_gives_the_seeds_figures(full_demo):
    assert laureates_sheet_count(2025) == 15_424  # press kit 2025
    assert laureates_sheet_count(2026) == 14_930  # press release of 30 January 2026
    assert 15_000 <= ActionSheet.objects.count() <= 20_000


def test_the_home_page_quotes_the_computed_number(full_demo, client):
    from django.utils.formats import number_format
    from django.utils.translation import override

    body = client.get("/").content.decode()
    with override("fr"):
        assert number_format(14_930, force_grouping=True) in body
    assert "collectivités labellisées en 2026" in body
    english = client.get("/en/").content.decode()
    assert "Atlaas" in english
