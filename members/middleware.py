"""Staff open the admins only through allauth's login and with TOTP two-factor authentication."""

from collections.abc import Callable
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

ADMIN_LOGIN_PATHS = ("/admin/login/", "/django-admin/login/")


def may_use_admin(user, path: str) -> bool:
    """Whether ``user`` may open the admin that ``path`` belongs to (Django's or Wagtail's)."""
    if path.startswith("/django-admin/"):
        return user.is_staff
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def needs_admin_two_factor(user) -> bool:
    """True for a logged-in person who may use an admin but has no activated TOTP authenticator."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith(settings.STAFF_TWO_FACTOR_PATH_PREFIXES):
            user = request.user
            if user.is_authenticated and user.is_active and not may_use_admin(user, path):
                # The admin would send this person to its login, which sends them back here.
                response = render(request, "members/admin_forbidden.html", status=403)
                response["Cache-Control"] = "private, no-store"
                return response
            if path in ADMIN_LOGIN_PATHS:
                # The admins' own login forms would skip email verification and TOTP.
                next_url = request.GET.get("next") or path.removesuffix("login/")
                return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
            if needs_admin_two_factor(request.user):
                messages.warning(
                    request,
                    _(
                        "L'administration du site demande la double authentification : activez une "
                        "application d'authentification pour continuer."
                    ),
                )
                return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
