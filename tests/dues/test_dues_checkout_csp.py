"""The "Payer en ligne" form redirects to Stripe's hosted Checkout page: the CSP's form-action
must allow that origin, or browsers stop the redirect (found by the browser journey)."""

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_public_pages_csp_lets_the_payment_form_reach_stripe_checkout(client):
    policy = client.get("/healthz/")["Content-Security-Policy"]
    form_action = next(part for part in policy.split("; ") if part.startswith("form-action"))
    assert form_action.split() == ["form-action", "'self'", settings.STRIPE_CHECKOUT_ORIGIN]
    assert settings.STRIPE_CHECKOUT_ORIGIN == "https://checkout.stripe.com"
