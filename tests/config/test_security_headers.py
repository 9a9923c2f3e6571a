"""Content-Security-Policy: on every public response, never under the admins."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/en/", "/association/", "/nexiste-pas/", "/healthz/"])
def test_public_responses_carry_a_strict_csp(demo_site, client, url):
    response = client.get(url)

    policy = response.headers.get("Content-Security-Policy")
    assert policy == settings.CONTENT_SECURITY_POLICY
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy


def test_wagtail_admin_has_no_csp(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers


def test_admin_login_goes_through_the_site_login_with_its_csp(client):
    """The admin's own login form is replaced by allauth's (email, TOTP), a public page."""
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/connexion/?next=%2Fadmin%2F"
    login = client.get(response["Location"])
    assert login.status_code == 200
    assert "default-src 'self'" in login.headers["Content-Security-Policy"]


def test_django_admin_has_no_csp(admin_client):
    response = admin_client.get("/django-admin/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers


def test_public_pages_keep_other_security_headers(demo_site, client):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
