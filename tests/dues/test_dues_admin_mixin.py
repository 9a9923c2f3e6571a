"""The admin views whose write is a service call share one mixin, kept in core."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.admin_views import CallsService
from dues.models import DuesTier

pytestmark = pytest.mark.django_db


def test_members_and_dues_use_the_core_mixin():
    import dues.wagtail_hooks as dues_hooks
    import members.wagtail_hooks as members_hooks

    assert dues_hooks.TierEditView.__mro__[1] is CallsService
    assert members_hooks.MemberRoleEditView.__mro__[1] is CallsService
    assert not hasattr(dues_hooks, "CallsService") or dues_hooks.CallsService is CallsService
    assert not hasattr(members_hooks, "CallsService") or members_hooks.CallsService is CallsService


def test_a_service_error_shows_on_the_form_and_writes_nothing(admin_client):
    year = timezone.localdate().year
    DuesTier.objects.create(year=year, kind="commune", population_min=0, amount_cents=10000)
    response = admin_client.post(
        reverse(DuesTier.snippet_viewset.get_url_name("add")),
        {"year": year, "kind": "commune", "population_min": 0, "amount_cents": 20000},
    )
    assert response.status_code == 200
    assert DuesTier.objects.count() == 1
