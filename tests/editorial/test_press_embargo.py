"""Embargo through Wagtail's scheduled publishing: before its time a release is not served,
not listed and has no PDF; after `publish_scheduled` runs, it is."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from editorial.models.press import PressReleasePdf
from tests.editorial.press_helpers import make_press_room, release, reload

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
EMBARGO = datetime.datetime(2026, 1, 30, 9, 0, tzinfo=PARIS)


def test_a_scheduled_release_is_hidden_until_its_time(demo_site, client, django_capture_on_commit_callbacks):
    with time_machine.travel(EMBARGO - datetime.timedelta(days=2), tick=False):
        room = make_press_room(demo_site)
        release(room, number=1, title="Communiqué déjà public")
        page = release(room, number=2, title="Palmarès sous embargo", publish=False, slug="sous-embargo")
        page.go_live_at = EMBARGO
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page = reload(page)

        assert not page.live
        assert client.get("/presse/sous-embargo/").status_code == 404
        listing = client.get("/presse/").content.decode()
        assert "Communiqué déjà public" in listing
        assert "Palmarès sous embargo" not in listing
        assert not PressReleasePdf.objects.filter(page=page).exists()

    with time_machine.travel(EMBARGO - datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
        assert client.get("/presse/sous-embargo/").status_code == 404

    with time_machine.travel(EMBARGO + datetime.timedelta(minutes=5), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled", stdout=io.StringIO())

        response = client.get("/presse/sous-embargo/")
        assert response.status_code == 200
        assert "Palmarès sous embargo" in response.content.decode()
        assert "Palmarès sous embargo" in client.get("/presse/").content.decode()
        assert PressReleasePdf.objects.filter(page=page).exists()
