"""Site search does not find a palmarès whose results are under embargo, and finds it once
they are published (label's embargo rule, ``PalmaresPage.objects.embargoed()``)."""

import datetime

import pytest
import time_machine

from editorial.models import StandardPage
from label.models import LabelEdition, PalmaresIndexPage, PalmaresPage

pytestmark = pytest.mark.django_db
AT = datetime.datetime(2030, 2, 1, 18, 0, tzinfo=datetime.UTC)
URL = "/label/palmares/2030/"


@pytest.fixture
def palmares_2030(demo_site):
    label_page = StandardPage.objects.get(slug="label", locale__language_code="fr")
    index = label_page.add_child(
        instance=PalmaresIndexPage(title="Palmarès", slug="palmares", locale=label_page.locale)
    )
    index = PalmaresIndexPage.objects.get(pk=index.pk)
    edition = LabelEdition.objects.create(year=2030, number=31, results_published_at=AT)
    return index.add_child(
        instance=PalmaresPage(
            title="Palmarès 2030 des Villes Internet", slug="2030", edition=edition, locale=label_page.locale
        )
    )


def test_search_hides_an_embargoed_palmares(palmares_2030, client):
    with time_machine.travel(AT - datetime.timedelta(minutes=1), tick=False):
        content = client.get("/recherche/", {"q": "Palmarès 2030"}).content.decode()
        assert f'href="{URL}"' not in content
    with time_machine.travel(AT + datetime.timedelta(minutes=1), tick=False):
        content = client.get("/recherche/", {"q": "Palmarès 2030"}).content.decode()
        assert f'href="{URL}"' in content
