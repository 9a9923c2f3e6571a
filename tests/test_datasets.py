"""The shared data sets (tests/datasets.py) leave every test isolated: each starts from the data
set as loaded, whatever the previous test changed, and a test asking for none sees only what
the migrations create."""

import pytest
from wagtail.models import Page, Site

from home.models import HomePage

pytestmark = pytest.mark.django_db

WITNESS = "Changée par un test précédent"


@pytest.mark.parametrize("visit", ["first", "second"])
def test_each_test_starts_from_the_data_set_as_loaded(demo_site, client, visit):
    assert not Page.objects.filter(title=WITNESS).exists()
    assert WITNESS not in client.get("/").content.decode()

    demo_site.title = WITNESS
    demo_site.save_revision().publish()
    Page.objects.filter(slug="association").delete()

    assert WITNESS in client.get("/").content.decode()
    assert client.get("/association/").status_code == 404


def test_a_test_without_data_set_sees_only_what_the_migrations_create(client):
    assert not HomePage.objects.exists()
    assert Site.objects.get().root_page.specific_class is Page  # Wagtail's welcome page
