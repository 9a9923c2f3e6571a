import pytest

from tests.dues.stripe_fake import FakeStripe

WEBHOOK_SECRET = "whsec_test_secret"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def stripe_fake(settings):
    """A local Stripe fake; settings point the gateway at it, with test keys and no retries."""
    fake = FakeStripe()
    fake.start()
    settings.STRIPE_API_BASE = fake.base_url
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    yield fake
    fake.stop()
