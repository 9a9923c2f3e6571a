"""The Congrès national des élus au numérique: one page per edition, under "Le Congrès"."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page, Site
from wagtail.search import index

from core.models import BasePage


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Nom"), max_length=120)
    role = blocks.CharBlock(label=_("Fonction"), required=False, max_length=250)

    class Meta:
        icon = "user"
        label = _("Intervenant ou intervenante")


class SessionBlock(blocks.StructBlock):
    """One slot of the programme: when, what, who."""

    date = blocks.DateBlock(
        label=_("Jour"), required=False, help_text=_("Vide : la séance est annoncée sans jour précis.")
    )
    time = blocks.TimeBlock(label=_("Heure"), required=False)
    title = blocks.CharBlock(label=_("Titre"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("Intervenants"), default=[])

    class Meta:
        icon = "time"
        label = _("Séance")


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Nom"), max_length=150)
    url = blocks.URLBlock(label=_("Site"), required=False)
    logo = ImageChooserBlock(label=_("Logo"), required=False)

    class Meta:
        icon = "group"
        label = _("Partenaire")


class CongressPage(BasePage):
    """One edition of the congress: dates, city, host, patron, programme, partners, motion."""

    edition_number = models.PositiveSmallIntegerField(_("numéro de l'édition"))
    start_date = models.DateField(_("premier jour"))
    end_date = models.DateField(_("dernier jour"))
    city = models.CharField(_("ville"), max_length=120)
    host = models.CharField(
        _("hôte"),
        max_length=250,
        blank=True,
        help_text=_("Par exemple : Jean Dupont, maire de la ville hôte"),
    )
    patron = models.CharField(_("parrain ou marraine"), max_length=250, blank=True)
    programme = StreamField([("session", SessionBlock())], verbose_name=_("programme"), blank=True)
    partners = StreamField([("partner", PartnerBlock())], verbose_name=_("partenaires"), blank=True)
    motion = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("motion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("La motion remise au gouvernement, en PDF."),
    )
    palmares_year = models.PositiveSmallIntegerField(
        _("année du palmarès"),
        null=True,
        blank=True,
        help_text=_("Le lien vers le palmarès de cette année n'apparaît que si sa page est publiée."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("edition_number"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("city"),
                FieldPanel("host"),
                FieldPanel("patron"),
                FieldPanel("palmares_year"),
            ],
            heading=_("L'édition"),
        ),
        FieldPanel("programme"),
        FieldPanel("partners"),
        FieldPanel("motion"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("city"),
        index.SearchField("host"),
        index.SearchField("patron"),
        index.SearchField("programme"),
        index.FilterField("start_date"),
    ]

    parent_page_types = ["editorial.StandardPage"]
    subpage_types: list[str] = []

    template = "editorial/congress_page.html"

    class Meta:
        verbose_name = _("édition du Congrès")
        verbose_name_plural = _("éditions du Congrès")

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Le dernier jour ne peut pas précéder le premier jour du Congrès.")}
            )

    def sessions_by_day(self) -> list[tuple]:
        """The programme grouped by day, in date order, sessions without a day last:
        [(date or None, [session, ...])]."""
        days: dict = {}
        for block in self.programme:
            days.setdefault(block.value.get("date"), []).append(block.value)
        dated = sorted((day, sessions) for day, sessions in days.items() if day is not None)
        return dated + ([(None, days[None])] if None in days else [])

    def palmares_url(self, request: HttpRequest) -> str | None:
        """URL of the live palmarès page `/label/palmares/<year>/` in the active language, or None.

        Resolved through the page tree, so that nothing is linked until that page exists and
        is published (the label app builds it). When the translated tree uses other slugs,
        the French page is found first and its live translation linked; a page with no
        translation in the active language is not linked.
        """
        if not self.palmares_year:
            return None
        site = Site.find_for_request(request)
        if site is None:
            return None
        route = ["label", "palmares", str(self.palmares_year)]
        home = site.root_page.localized.specific
        trees = [home] if home.pk == site.root_page_id else [home, site.root_page.specific]
        for tree in trees:
            try:
                page, args, kwargs = tree.route(request, route)
            except Http404:
                continue
            if args or kwargs:  # a routable page serving the year itself
                home_url = tree.get_url(request) if tree == home else None
                return f"{home_url}label/palmares/{self.palmares_year}/" if home_url else None
            translation = page if tree == home else page.get_translation_or_none(home.locale)
            if translation is not None and translation.live:
                return translation.get_url(request)
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["palmares_url"] = self.palmares_url(request)
        return context

    def json_ld(self, request: HttpRequest) -> dict | None:
        from core.seo import congress_event_json_ld

        return congress_event_json_ld(self, request)
