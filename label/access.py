"""Who sees a label edition's results before they are published (the embargo of
:func:`label.models.editions.public_condition`): the team, in a Wagtail preview or when
signed in with access to the admin. Everyone else sees only published editions."""

from __future__ import annotations

from django.http import HttpRequest


def sees_embargoed(request: HttpRequest | None) -> bool:
    """Whether ``request`` may show results still under embargo."""
    if request is None:
        return False
    if getattr(request, "is_preview", False):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def mark_private(response):
    """A response showing embargoed results is for the person who asked, never a shared cache."""
    response["Cache-Control"] = "private, no-store"
    return response
