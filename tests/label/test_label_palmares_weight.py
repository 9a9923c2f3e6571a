"""The 2026 palmarès (213 rows of demo data) stays light and valid: a DOM node budget, no empty
form action, a table that scrolls by itself at 320 px, a pinned query count."""

from collections import Counter
from html.parser import HTMLParser

import pytest

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
    print(sum(tags.values()), tags.most_common())
    assert sum(tags.values()) < DOM_BUDGET
