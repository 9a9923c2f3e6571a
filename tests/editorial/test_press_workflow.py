"""The "Relecture" workflow: press releases go through a review before going live."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowState

from editorial.services.press import REVIEW_GROUP_NAME, ensure_press_review_workflow
from tests.editorial.press_helpers import make_press_room, release, reload

pytestmark = pytest.mark.django_db


def test_the_workflow_is_created_once(demo_site):
    room = make_press_room(demo_site)

    ensure_press_review_workflow([room])
    ensure_press_review_workflow([room])

    workflow = Workflow.objects.get(name="Relecture")
    assert Workflow.objects.filter(name="Relecture").count() == 1
    assert GroupApprovalTask.objects.filter(name="Relecture presse").count() == 1
    assert [task.name for task in workflow.tasks] == ["Relecture presse"]
    assert GroupApprovalTask.objects.get(name="Relecture presse").groups.get().name == REVIEW_GROUP_NAME
    assert WorkflowPage.objects.get(page=room).workflow == workflow


def test_a_release_submitted_for_review_is_live_only_once_approved(demo_site, client, django_user_model):
    room = make_press_room(demo_site)
    workflow = ensure_press_review_workflow([room])
    author = django_user_model.objects.create_user("redaction", password="x" * 12)
    reviewer = django_user_model.objects.create_user("relecteur", password="x" * 12)
    reviewer.groups.add(Group.objects.get(name=REVIEW_GROUP_NAME))
    page = release(room, title="Communiqué à relire", slug="a-relire", publish=False)

    assert page.get_workflow() == workflow
    page.save_revision(user=author)
    state = workflow.start(page, author)

    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not reload(page).live
    assert client.get("/presse/a-relire/").status_code == 404
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(page, reviewer)
    assert not task_state.task.specific.user_can_access_editor(page, author)

    task_state.approve(user=reviewer)

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert reload(page).live
    assert client.get("/presse/a-relire/").status_code == 200


def test_the_setup_command_assigns_the_workflow_to_every_press_room(demo_site):
    import io

    from django.core.management import call_command

    room = make_press_room(demo_site)
    output = io.StringIO()

    call_command("setup_press_workflow", stdout=output)
    call_command("setup_press_workflow", stdout=io.StringIO())

    assert WorkflowPage.objects.get(page=room).workflow.name == "Relecture"
    assert Workflow.objects.filter(name="Relecture").count() == 1
    assert "1 espace(s) presse" in output.getvalue()
