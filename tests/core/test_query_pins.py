"""Queries per public page with a warm process (issue 13, "Uncached pages cheaper").

Each page is asked twice and the second request is counted: the first one fills what a running
process keeps (the site and its settings, the header's and footer's links, the restricted
paths). The pins are the counts measured on the full demo (SQLite); the goal is 12 or fewer,
and the pages above it say why. docs/performance.md keeps the table before and after.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from actions.models import ActionSheet
from webinars.models import CyclePage, SeasonPage, SessionPage

GOAL = 12

# name: (URL, or None for one found in the data; queries now; queries before issue 13)
# The French home is the site's root page, which a warm process keeps with its site (the
# fragment cache); its sections come from the fragment cache too. The English home is found by
# translation, with its sections' page choosers.
PAGES = {
    "home fr": ("/", 1, 50),
    "home en": ("/en/", 6, 52),
    "news index": ("/actualites/", 5, 36),
    "article": ("/actualites/jury-du-label-2025/", 5, 42),
    "press room": ("/presse/", 6, 31),
    "press release": ("/presse/palmares-2026-agen/", 6, 40),
    "press kit": ("/presse/dossier-de-presse-2025-saint-raphael/", 7, 39),
    "standard page": ("/association/", 2, 26),
    "standard page en": ("/en/association/", 4, 27),
    "congress page": ("/congres/agen-2026/", 3, 31),
    "palmarès index": ("/label/palmares/", 4, 29),
    "palmarès 2026": ("/label/palmares/2026/", 8, 38),
    "collectivity history": ("/label/palmares/collectivites/agen/", 6, 30),
    "search": ("/recherche/?q=label", 5, 33),
    "search prompt": ("/recherche/", 0, 17),
    "atlaas catalogue": ("/label/atlaas/", 7, 32),
    "atlaas sheet": (None, 5, 29),
    "webinars season": (None, 4, 29),
    "webinars cycle": (None, 3, 29),
    "webinars session": (None, 6, 34),
    "adhérer": ("/adherer/", 2, 26),
    "dues calculator": ("/cotisations/", 2, 19),
    "legal notice": ("/mentions-legales/", 2, 26),
}


def found_url(name: str) -> str:
    french = Locale.objects.get(language_code="fr")
    if name == "atlaas sheet":
        sheet = ActionSheet.objects.published().order_by("pk").first()
        return f"/label/atlaas/fiches/{sheet.pk}/"
    model = {"webinars season": SeasonPage, "webinars cycle": CyclePage, "webinars session": SessionPage}[
        name
    ]
    return model.objects.live().filter(locale=french).order_by("path").first().url


def warm_count(client, url: str):
    client.get(url)
    connection.queries_log.clear()  # a full log (9,000 queries) would capture nothing
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries.captured_queries)


@pytest.mark.parametrize("name", list(PAGES))
def test_public_page_queries_with_a_warm_process(full_demo, client, name):
    url, pinned, _before = PAGES[name]
    response, count = warm_count(client, url or found_url(name))

    assert response.status_code == 200
    assert count > 0 or pinned == 0
    assert count <= pinned, f"{name}: {count} queries, pinned at {pinned}"


MEMBER_PAGES = {
    "members resources": ("/ressources-membres/", 9, 34),
    "members-only page": ("/ressources-membres/kit-communication-labellises/", 7, 35),
}


@pytest.mark.parametrize("name", list(MEMBER_PAGES))
def test_members_only_page_queries_for_a_member(full_demo, client, name):
    url, pinned, _before = MEMBER_PAGES[name]
    client.force_login(get_user_model().objects.get(email="referent.active@villes-internet.test"))
    response, count = warm_count(client, url)

    assert response.status_code == 200
    assert count > 0 or pinned == 0
    assert count <= pinned, f"{name}: {count} queries, pinned at {pinned}"


def test_the_shell_asks_for_the_locale_once(full_demo, client):
    client.get("/en/association/")
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/association/")
    locale_queries = [q["sql"] for q in queries.captured_queries if 'FROM "wagtailcore_locale"' in q["sql"]]
    assert len(locale_queries) <= 1, locale_queries
