"""Who may open members-only pages, and querysets without the pages a person cannot open.

Apply :func:`visible_pages` to every listing of pages shown to visitors (search results,
feeds, sitemaps, menus): ``visible_pages(Page.objects.live(), request.user)``.
"""

from __future__ import annotations

from django.db.models import QuerySet

from core.models import SiteSettings, exclude_members_only

from .models import Membership


def can_open_members_only(user) -> bool:
    """Staff, and people of a collectivity whose membership is active or in its grace period."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return Membership.objects.valid().filter(collectivity__member_roles__user=user).exists()


def visible_pages(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` (of Page or a page model) without the members-only pages ``user`` cannot open."""
    if can_open_members_only(user):
        return queryset
    return exclude_members_only(queryset)


def join_page_for(request):
    """The site's "join / renew" page in the request's language, if set and live."""
    join_page = SiteSettings.for_request(request).join_page
    if join_page is None:
        return None
    join_page = join_page.localized
    return join_page if join_page.live else None
