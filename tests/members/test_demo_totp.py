"""``manage.py demo_totp`` prints the code the demo staff account's authenticator accepts now,
and refuses outside development or without the demo account."""

import io

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from members import demo

pytestmark = pytest.mark.django_db
NOW = 1_790_000_000  # a fixed instant


def run() -> str:
    out = io.StringIO()
    call_command("demo_totp", stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def demo_admin():
    user = get_user_model().objects.create_superuser(
        username=demo.DEMO_ADMIN_USERNAME, email="admin@villes-internet.test", password="x" * 16
    )
    TOTP.activate(user, demo.DEMO_ADMIN_TOTP_SECRET)
    return user


def test_it_prints_the_code_the_authenticator_accepts_now(demo_admin):
    with time_machine.travel(NOW, tick=False):
        code = run()
        assert TOTP(demo_admin.authenticator_set.get()).validate_code(code)
    assert code == format_hotp_value(hotp_value(demo.DEMO_ADMIN_TOTP_SECRET, NOW // 30))
    assert len(code) == 6 and code.isdigit()


def test_without_the_demo_account_it_says_what_to_do():
    with pytest.raises(CommandError, match="load_demo_data"):
        run()


def test_it_refuses_outside_development(demo_admin, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="DEMO_DATA_ALLOWED"):
        run()
