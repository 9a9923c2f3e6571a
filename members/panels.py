"""The members panel of the admin home: memberships by status and invitations pending.
Registered in wagtail_hooks.py (``construct_homepage_panels``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.admin_panels import Cell, DashboardPanel, PanelTable, count

from .models import Invitation, Membership, MembershipStatus

#: The statuses the panel counts, in the order staff read them.
SHOWN_STATUSES = (
    MembershipStatus.ACTIVE,
    MembershipStatus.GRACE,
    MembershipStatus.LAPSED,
    MembershipStatus.PENDING,
)


class MembersPanel(DashboardPanel):
    name = "members"
    icon = "group"
    order = 20
    permissions = ("members.view_membership", "members.change_membership")

    @property
    def heading(self) -> str:
        return _("Adhérents")

    def get_tables(self, request):
        counts = Membership.objects.status_counts()
        listing = reverse(Membership.snippet_viewset.get_url_name("list"))
        yield PanelTable(
            caption=_("Adhésions par statut"),
            columns=[_("Statut"), _("Adhésions")],
            rows=[
                [
                    Cell(str(status.label)),
                    Cell(count(counts[status.value]), f"{listing}?status={status.value}"),
                ]
                for status in SHOWN_STATUSES
            ],
        )
        yield PanelTable(
            caption=_("Invitations"),
            columns=[_("Invitations"), _("Nombre")],
            rows=[
                [
                    Cell(_("En attente d'acceptation")),
                    Cell(
                        count(Invitation.objects.pending().count()),
                        reverse(Invitation.snippet_viewset.get_url_name("list")),
                    ),
                ]
            ],
        )

    def get_links(self, request):
        yield Cell(_("Toutes les adhésions"), reverse(Membership.snippet_viewset.get_url_name("list")))
        yield Cell(_("Toutes les invitations"), reverse(Invitation.snippet_viewset.get_url_name("list")))
