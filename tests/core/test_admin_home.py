"""The admin home shows each app's panel (members, dues, webinars, action sheets, press) under the one <h1>,
each with a heading and captioned tables."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_the_admin_home_shows_the_association_panels(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert len(soup.find_all("h1")) == 1
    headings = [h2.get_text(" ", strip=True) for h2 in soup.select("section.vi-dashboard-panel h2")]
    ours = ["Adhérents", "Cotisations", "Webinaires", "Fiches actions", "Presse"]  # other apps may add theirs
    assert [heading for heading in headings if heading in ours] == ours
    for section in soup.select("section.vi-dashboard-panel"):
        for table in section.find_all("table"):
            assert table.caption.get_text(strip=True)
            assert table.find("th", scope="col")
