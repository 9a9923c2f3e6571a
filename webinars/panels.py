"""The webinars panel of the admin home: the next sessions, with the seats taken and the
waiting lists. Registered in wagtail_hooks.py (``construct_homepage_panels``)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.admin_panels import Cell, DashboardPanel, PanelTable, count

from .models import Registration, SessionPage

#: How many of the next sessions the panel lists.
NEXT_SESSIONS = 5


class WebinarsPanel(DashboardPanel):
    name = "webinars"
    icon = "date"
    order = 40
    permissions = ("webinars.view_registration", "webinars.change_registration")

    @property
    def heading(self) -> str:
        return _("Webinaires")

    def get_tables(self, request):
        # Registrations hang on the French page of a session (SessionPage.source).
        sessions = (
            SessionPage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .upcoming()
            .with_seat_counts()
            .only("pk", "title", "starts_at", "capacity")[:NEXT_SESSIONS]
        )
        listing = reverse(Registration.snippet_viewset.get_url_name("list"))
        yield PanelTable(
            caption=_("Prochaines séances : places prises et listes d'attente"),
            columns=[_("Séance"), _("Date"), _("Places prises"), _("Liste d'attente")],
            rows=[
                [
                    Cell(session.title, f"{listing}?session={session.pk}"),
                    Cell(formats.date_format(timezone.localtime(session.starts_at), "SHORT_DATETIME_FORMAT")),
                    Cell(
                        _("%(taken)s sur %(capacity)s")
                        % {"taken": count(session.seats_taken), "capacity": count(session.capacity)}
                    ),
                    Cell(count(session.waiting)),
                ]
                for session in sessions
            ],
            empty=_("Aucune séance à venir."),
        )

    def get_links(self, request):
        yield Cell(_("Toutes les inscriptions"), reverse(Registration.snippet_viewset.get_url_name("list")))
