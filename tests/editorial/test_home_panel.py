"""The press panel of the admin home: releases scheduled under embargo and pages waiting in
the "Relecture" workflow, each linked to its editor; a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Workflow, WorkflowState

from editorial.panels import PressPanel
from editorial.services.press import ensure_press_review_workflow
from tests.core.admin_panels import links, render, render_counting, table
from tests.editorial.press_helpers import make_press_room, release

pytestmark = pytest.mark.django_db
SCHEDULED = "Communiqués programmés"
IN_REVIEW = "Pages en attente dans « Relecture »"


def scheduled(room, number, days):
    page = release(room, number=number, title=f"Sous embargo {number}", publish=False)
    page.go_live_at = timezone.now() + datetime.timedelta(days=days)
    page.save_revision().publish()
    return page


def in_review(room, workflow, number, user):
    page = release(room, number=number, title=f"À relire {number}", publish=False)
    page.save_revision(user=user)
    workflow.start(page, user)
    return page


def test_the_panel_lists_embargoed_releases_and_pages_in_review(demo_site, admin_user):
    room = make_press_room(demo_site)
    workflow = ensure_press_review_workflow([room])
    release(room, number=1, title="Déjà public")
    later = scheduled(room, 2, days=5)
    sooner = scheduled(room, 3, days=1)
    to_review = in_review(room, workflow, 4, admin_user)
    approved = in_review(room, workflow, 5, admin_user)
    approved.current_workflow_state.current_task_state.approve(user=admin_user)

    html = render(PressPanel(), admin_user)

    assert list(table(html, SCHEDULED)) == [sooner.title, later.title]
    assert list(table(html, IN_REVIEW)) == [to_review.title]
    found = links(html)
    assert found[sooner.title] == f"/admin/pages/{sooner.pk}/edit/"
    assert found[to_review.title] == f"/admin/pages/{to_review.pk}/edit/"
    assert found["Communiqués et dossiers de presse"] == f"/admin/pages/{room.pk}/"
    workflow_id = Workflow.objects.get(name="Relecture").pk
    assert found["Relectures en cours"] == (
        f"/admin/reports/workflow/?status={WorkflowState.STATUS_IN_PROGRESS}&workflow={workflow_id}"
    )


def test_nothing_scheduled_nor_in_review_says_so(demo_site, admin_user):
    html = render(PressPanel(), admin_user)
    assert "Aucun communiqué programmé." in html
    assert "Aucune page en relecture." in html


def test_the_links_open_the_listings(demo_site, admin_user, admin_client):
    room = make_press_room(demo_site)
    workflow = ensure_press_review_workflow([room])
    page = in_review(room, workflow, 1, admin_user)
    for url in links(render(PressPanel(), admin_user)).values():
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert (
        page.title
        in admin_client.get(links(render(PressPanel(), admin_user))["Relectures en cours"]).content.decode()
    )


def test_the_panel_queries_do_not_grow_with_the_rows(demo_site, admin_user):
    room = make_press_room(demo_site)
    workflow = ensure_press_review_workflow([room])
    scheduled(room, 1, days=1)
    in_review(room, workflow, 2, admin_user)
    _, few = render_counting(PressPanel(), admin_user)
    for number in range(3, 9):
        scheduled(room, number, days=number)
        in_review(room, workflow, 10 + number, admin_user)
    html, many = render_counting(PressPanel(), admin_user)
    assert len(table(html, SCHEDULED)) == 7
    assert many == few <= 6
