"""Members-only pages stay out of the search results of people who cannot open them."""

import pytest

from editorial.models import StandardPage


@pytest.fixture
def members_only_page(demo_site):
    page = demo_site.add_child(
        instance=StandardPage(
            title="Compte rendu zébulon",
            slug="compte-rendu-zebulon",
            introduction="zébulon",
            members_only=True,
        )
    )
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_visitor_search_leaves_out_members_only_pages(members_only_page, client):
    response = client.get("/recherche/", {"q": "zébulon"})
    assert response.status_code == 200
    assert "Compte rendu zébulon" not in response.content.decode()


@pytest.mark.django_db
def test_staff_search_finds_members_only_pages(members_only_page, admin_client):
    response = admin_client.get("/recherche/", {"q": "zébulon"})
    assert response.status_code == 200
    assert "Compte rendu zébulon" in response.content.decode()
