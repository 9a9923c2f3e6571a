"""The Congrès national des élus au numérique: one page per edition, under "Le Congrès"."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index

from core.models import BasePage
from core.seo import congress_event_json_ld
from label.models import PalmaresPage


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
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de partage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "L'affiche ou une photo de l'édition, montrée quand la page est partagée sur les "
            "réseaux sociaux ; sinon l'image de partage par défaut du site."
        ),
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
    promote_panels = [*BasePage.promote_panels, FieldPanel("share_image")]
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
        """URL of the live palmarès page of ``palmares_year`` in the active language, or None:
        nothing is linked until that page exists, is published and translated."""
        if not self.palmares_year:
            return None
        page = PalmaresPage.objects.for_year(self.palmares_year)
        return page.get_url(request) if page is not None else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["palmares_url"] = self.palmares_url(request)
        return context

    def get_og_image(self):
        return self.share_image

    def json_ld(self, request: HttpRequest) -> dict | None:
        return congress_event_json_ld(self, request)
