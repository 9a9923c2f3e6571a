"""Content-Security-Policy for the public site.

Django 5.2 has no CSP support of its own (it arrives in Django 6.0), and the Wagtail admin
still needs inline scripts, so the header is set here for every path except the admins'.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(settings.CSP_EXCLUDED_PATH_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
