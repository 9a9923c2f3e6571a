"""Season > cycle > session pages.

A session's registrations hang on its French page (the source of its translations): the
English page shows the same seats, so :meth:`SessionPage.source` gives the page they count on.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.models import BasePage


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Nom"), max_length=120)
    role = blocks.CharBlock(label=_("Fonction"), required=False, max_length=250)

    class Meta:
        icon = "user"
        label = _("Intervenant ou intervenante")


class SeasonPage(BasePage):
    """A season of webinars: its cycles are its children."""

    body = RichTextField(_("présentation"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage", "editorial.StandardPage"]
    subpage_types = ["webinars.CyclePage"]
    template = "webinars/season_page.html"

    class Meta:
        verbose_name = _("saison de webinaires")
        verbose_name_plural = _("saisons de webinaires")

    def cycles(self):
        return CyclePage.objects.live().public().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cycles = list(self.cycles())
        sessions = (
            SessionPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("starts_at", "path")
            .only(
                "title",
                "url_path",
                "path",
                "depth",
                "starts_at",
                "duration_minutes",
                "cancelled_at",
                "locale_id",
            )
        )
        by_cycle: dict[str, list] = {cycle.path: [] for cycle in cycles}
        for session in sessions:
            by_cycle.setdefault(session.path[: -Page.steplen], []).append(session)
        context["cycles"] = [(cycle, by_cycle.get(cycle.path, [])) for cycle in cycles]
        return context


class CyclePage(BasePage):
    """A thematic cycle of a season: its sessions are its children."""

    theme = models.CharField(_("thème"), max_length=150)
    body = RichTextField(_("description"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("theme"), index.SearchField("body")]
    parent_page_types = ["webinars.SeasonPage"]
    subpage_types = ["webinars.SessionPage"]
    template = "webinars/cycle_page.html"

    class Meta:
        verbose_name = _("cycle de webinaires")
        verbose_name_plural = _("cycles de webinaires")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sessions"] = list(
            SessionPage.objects.live().public().child_of(self).order_by("starts_at", "path")
        )
        return context


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Découverte")
    INTERMEDIATE = "intermediate", _("Intermédiaire")
    ADVANCED = "advanced", _("Avancé")


class SessionPageQuerySet(PageQuerySet):
    def upcoming(self, now: datetime.datetime | None = None):
        """Sessions not started nor cancelled, soonest first."""
        return self.filter(starts_at__gt=now or timezone.now(), cancelled_at__isnull=True).order_by(
            "starts_at", "pk"
        )

    def with_seat_counts(self, now: datetime.datetime | None = None):
        """Annotate ``seats_taken`` (registrations holding a seat) and ``waiting`` (the waiting
        list) on each session, as subqueries: no GROUP BY, one query whatever the rows."""
        from django.db.models import OuterRef, Subquery
        from django.db.models.functions import Coalesce

        from .registrations import Registration

        def counted(registrations):
            rows = (
                registrations.filter(session=OuterRef("pk"))
                .order_by()
                .values("session")
                .annotate(n=models.Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(rows), 0)

        return self.annotate(
            seats_taken=counted(Registration.objects.holding_seats(now)),
            waiting=counted(Registration.objects.waiting_list()),
        )


class SessionPage(BasePage):
    """One webinar: when, how long, who speaks, for whom, how many seats, the private visio link
    and the replay."""

    starts_at = models.DateTimeField(_("date et heure"), help_text=_("Heure de Paris."))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=60)
    speakers = StreamField([("speaker", SpeakerBlock())], verbose_name=_("intervenants"), blank=True)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, default=Level.BEGINNER)
    audience = models.CharField(_("public"), max_length=250, blank=True)
    capacity = models.PositiveIntegerField(_("nombre de places"), default=100)
    body = RichTextField(_("description"), blank=True)
    visio_url = models.URLField(
        _("lien de la visioconférence"),
        blank=True,
        help_text=_("Montré seulement aux personnes inscrites et confirmées."),
    )
    replay_url = models.URLField(
        _("lien du replay"),
        blank=True,
        help_text=_("Une carte de lien, jamais un lecteur intégré d'un autre site."),
    )
    replay_video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("vidéo du replay"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Un fichier vidéo déposé sur le site (MP4 ou WebM)."),
    )
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True, editable=False)
    # The date and duration the registrants were last told of ("<start timestamp>|<minutes>").
    announced_schedule = models.CharField(max_length=64, blank=True, editable=False)
    # The SEQUENCE of the calendar invitations: incremented each time the registrants are told
    # of a new date or duration (services.announce_schedule).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = PageManager.from_queryset(SessionPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("duration_minutes")]),
                FieldRowPanel([FieldPanel("level"), FieldPanel("capacity")]),
                FieldPanel("audience"),
            ],
            heading=_("La séance"),
        ),
        FieldPanel("speakers"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("visio_url"), FieldPanel("replay_url"), FieldPanel("replay_video")],
            heading=_("Visio et replay"),
        ),
        InlinePanel("questions", heading=_("Questions facultatives à l'inscription"), label=_("question")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body"), index.FilterField("starts_at")]
    parent_page_types = ["webinars.CyclePage"]
    subpage_types: list[str] = []
    template = "webinars/session_page.html"

    class Meta:
        verbose_name = _("séance de webinaire")
        verbose_name_plural = _("séances de webinaire")

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def has_replay(self) -> bool:
        return bool(self.replay_url or self.replay_video_id)

    def with_content_json(self, content):
        """A revision restored or published keeps the cancellation, which is not content."""
        obj = super().with_content_json(content)
        obj.cancelled_at = self.cancelled_at
        obj.announced_schedule = self.announced_schedule
        obj.sequence = self.sequence
        return obj

    @property
    def schedule(self) -> str:
        return f"{int(self.starts_at.timestamp())}|{self.duration_minutes}"

    def source(self) -> SessionPage:
        """The page the registrations count on: this page's French version (itself if French)."""
        from django.conf import settings

        cached = getattr(self, "_source_page", None)
        if cached is not None:
            return cached
        default = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        if self.locale_id == default.pk:
            return self
        self._source_page = (
            SessionPage.objects.filter(translation_key=self.translation_key, locale=default).first() or self
        )
        return self._source_page

    def json_ld(self, request) -> dict:
        """The session as a schema.org Event (webinars/jsonld.py): the public page, never the
        visio link; the replay, members-only, is referred to by the page's replay section."""
        from django.conf import settings
        from django.utils import translation

        from core.models import SiteSettings

        from ..calendar import session_info
        from ..jsonld import event_jsonld

        source = self.source()
        page_url = self.get_full_url(request)
        site_settings = SiteSettings.for_request(request)  # cached on the request
        return event_jsonld(
            session_info(self, source=source),
            site_settings.organisation_name or settings.WAGTAIL_SITE_NAME,
            page_url,
            f"{page_url}#replay" if source.is_past and source.has_replay else None,
            source.is_cancelled,
            speakers=[block.value["name"] for block in self.speakers if block.block_type == "speaker"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )

    def get_context(self, request, *args, **kwargs):
        from .. import views  # the registration form and what a visitor may see

        context = super().get_context(request, *args, **kwargs)
        context.update(views.session_context(request, self))
        return context


class SessionQuestion(Orderable):
    """A question staff ask at registration; the answer is optional."""

    page = ParentalKey(SessionPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=250)

    panels = [FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label
