"""The 2026 palmarès (213 rows of demo data) stays light and valid: a DOM node budget, no empty
form action, a table that scrolls by itself at 320 px, a pinned query count."""

from collections import Counter
from html.parser import HTMLParser

import pytest

from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db
URL = "/label/palmares/2026/"
#: EcoIndex B needs a light DOM; the page had 812 elements before its rows were slimmed.
DOM_BUDGET = 600


class ElementCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = Counter()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1


def count_elements(html: str) -> Counter:
    counter = ElementCounter()
    counter.feed(html)
    return counter.tags


def test_the_2026_palmares_stays_under_its_dom_budget(label_demo, client):
    response = client.get(URL)
    assert response.status_code == 200
    tags = count_elements(response.content.decode())
    assert sum(tags.values()) < DOM_BUDGET, tags.most_common()
    # 25 rows of a <tr>, a <th> with its link and five <td>.
    assert tags["tr"] < 60


def test_the_filter_form_has_a_real_action_and_the_table_scrolls_by_itself(label_demo, client):
    doc = parse(client.get(URL).content.decode())
    form = doc.find_all("form", class_="filters")[0]
    assert form.get("action") == "/label/palmares/2026/#liste"
    region = doc.find_all("div", class_="palmares__scroll")[0]
    assert region.get("role") == "region"
    assert region.get("tabindex") == "0"
    caption = doc.find_all("caption", id=region.get("aria-labelledby"))
    assert caption and "Collectivités labellisées en 2026" in caption[0].text
    assert region.find_all("table", class_="palmares__table")


def test_rows_carry_no_decorative_wrappers(label_demo, client):
    doc = parse(client.get(URL, {"tri": "arobases"}).content.decode())
    table = doc.find_all("table", class_="palmares__table")[0]
    first = table.find_all("tbody")[0].find_all("tr")[0]
    assert not first.find_all("span")
    assert first.find_all("td", class_="arobases")[0].text == "5 @"


def test_the_palmares_query_count_is_pinned(label_demo, client, django_assert_max_num_queries):
    client.get(URL)  # warm the caches (site root paths, settings)
    with django_assert_max_num_queries(12):  # the table in one query; 34 before (issue 13)
        assert client.get(URL).status_code == 200
