"""Press room: press releases (with embargo, contacts, documents and a PDF version), press
kits (documents, photos, logos, key figures, a ZIP of everything) and press contacts.

The PDF of a release and the ZIP of a kit are generated documents (`core.documents`): built
by a background task for the page's live revision and stored apart from the page
(`PressReleasePdf`, `PressKitArchive`), so that they never travel in page revisions or
translations: each language's page gets its own files.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BODY_BLOCKS, KeyFiguresBlock
from core.models import BasePage, PageDocument
from core.seo import first_stream_image, news_article_json_ld
from label.blocks import EditionFiguresBlock
from label.models import PalmaresPage

RELEASES_PER_PAGE = 10
KITS_ON_PRESS_ROOM = 5
SEARCH_KEYWORDS = (
    "presse communiqué communiqués communiqué de presse dossier dossiers de presse journaliste "
    "journalistes médias press release releases press kit kits journalist journalists media"
)


class PressContact(TranslatableMixin, index.Indexed, models.Model):
    """A person journalists can call or write to. Shown on releases, kits and the press room."""

    name = models.CharField(_("nom"), max_length=120)
    role = models.CharField(_("fonction"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("adresse électronique"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("phone"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("organisation")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact presse")
        verbose_name_plural = _("contacts presse")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def clean(self) -> None:
        super().clean()
        if not (self.email or self.phone):
            raise ValidationError(
                _(
                    "Indiquez au moins une adresse électronique ou un numéro de téléphone : "
                    "un contact presse sert à être joint."
                )
            )


class ContactLink(Orderable):
    """Base of the ordered links from a page to its press contacts."""

    contact = models.ForeignKey(
        PressContact, verbose_name=_("contact presse"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("contact")]

    class Meta(Orderable.Meta):
        abstract = True


class DocumentLink(Orderable):
    """Base of the ordered documents attached to a release or a kit."""

    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("titre affiché"), max_length=200, blank=True, help_text=_("Laissez vide pour le titre du document.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class PressRoomPage(BasePage):
    """The press room (`/presse/`): latest releases and kits, and the press contacts."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["editorial.PressReleasePage", "editorial.PressKitPage"]
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel("contacts", label=_("Contacts")),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("search_keywords")]

    template = "editorial/press_room_page.html"

    class Meta:
        verbose_name = _("espace presse")
        verbose_name_plural = _("espaces presse")

    def search_keywords(self) -> str:
        """The words people type to find the press room, in both languages, whatever its title
        says (the SQLite search does not stem: "communiqué" does not find "Communiqués")."""
        return SEARCH_KEYWORDS

    def releases(self):
        return PressReleasePage.objects.live().public().child_of(self).order_by("-release_date", "-pk")

    def kits(self):
        return PressKitPage.objects.live().public().child_of(self).order_by("-first_published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.releases(), RELEASES_PER_PAGE)
        context["releases"] = paginator.get_page(request.GET.get("page"))
        context["kits"] = list(self.kits()[:KITS_ON_PRESS_ROOM])
        context["contacts"] = [link.contact for link in self.contacts.select_related("contact")]
        return context


class PressRoomContact(ContactLink):
    page = ParentalKey(PressRoomPage, on_delete=models.CASCADE, related_name="contacts")


class PressPageQuerySet(PageQuerySet):
    """Queries of the press pages the admin home shows. ``in_review`` applies to pages of any
    type: ``PressPageQuerySet(Page).in_review(name)``."""

    def scheduled(self):
        """Pages whose publication is scheduled (an embargo), annotated ``go_live_scheduled_at``,
        soonest first. Wagtail keeps the schedule on the approved revision."""
        from django.db.models import CharField, OuterRef, Subquery
        from django.db.models.functions import Cast
        from wagtail.models import Revision, get_default_page_content_type

        scheduled = Revision.objects.filter(
            base_content_type_id=get_default_page_content_type().pk,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            approved_go_live_at__isnull=False,
        ).order_by("-created_at")
        return (
            self.annotate(go_live_scheduled_at=Subquery(scheduled.values("approved_go_live_at")[:1]))
            .filter(go_live_scheduled_at__isnull=False)
            .order_by("go_live_scheduled_at", "pk")
        )

    def in_review(self, workflow_name: str):
        """Pages with a workflow in progress in the workflow named ``workflow_name``, oldest
        request first (annotated ``review_requested_at``)."""
        from django.db.models import CharField, OuterRef, Subquery
        from django.db.models.functions import Cast
        from wagtail.models import WorkflowState, get_default_page_content_type

        states = WorkflowState.objects.active().filter(
            base_content_type_id=get_default_page_content_type().pk,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            workflow__name=workflow_name,
        )
        return (
            self.annotate(review_requested_at=Subquery(states.values("created_at")[:1]))
            .filter(review_requested_at__isnull=False)
            .order_by("review_requested_at", "pk")
        )


class PressReleasePage(BasePage):
    """A press release. Embargo: set "go live" in the publishing schedule; until then the
    release is neither visible nor listed, and its PDF does not exist."""

    release_date = models.DateField(
        _("date du communiqué"), help_text=_("La date imprimée en tête du communiqué.")
    )
    subtitle = models.CharField(_("sous-titre"), max_length=250, blank=True)
    body = StreamField(
        [*BODY_BLOCKS, ("edition_figures", EditionFiguresBlock())], verbose_name=_("texte du communiqué")
    )
    palmares_year = models.PositiveSmallIntegerField(
        _("palmarès annoncé"),
        null=True,
        blank=True,
        help_text=_(
            "L'année du palmarès que ce communiqué annonce ; le lien n'apparaît que si sa page est publiée."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("release_date"),
        FieldPanel("palmares_year"),
        FieldPanel("introduction", heading=_("Chapeau")),
        FieldPanel("body"),
        InlinePanel("documents", label=_("Documents joints")),
        InlinePanel("contacts", label=_("Contacts presse")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("body"),
        index.FilterField("release_date"),
    ]

    parent_page_types = ["editorial.PressRoomPage"]
    subpage_types: list[str] = []

    template = "editorial/press_release_page.html"

    objects = PageManager.from_queryset(PressPageQuerySet)()

    class Meta:
        verbose_name = _("communiqué de presse")
        verbose_name_plural = _("communiqués de presse")

    og_type = "article"

    def get_og_image(self):
        return first_stream_image(self.body)

    def json_ld(self, request):
        return news_article_json_ld(self, request, published=self.release_date)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attached_documents"] = list(self.documents.select_related("document"))
        context["contacts"] = [link.contact for link in self.contacts.select_related("contact")]
        context["pdf"] = PressReleasePdf.objects.current(self).first()
        context["palmares_url"] = self.palmares_url(request)
        return context

    def palmares_url(self, request) -> str | None:
        """URL of the live palmarès page the release announces, in the active language, or None."""
        if not self.palmares_year:
            return None
        page = PalmaresPage.objects.for_year(self.palmares_year)
        return page.get_url(request) if page is not None else None


class PressReleaseDocument(DocumentLink):
    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="documents")


class PressReleaseContact(ContactLink):
    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="contacts")


class PressKitPage(BasePage):
    """A press kit: documents, photos and logos with their originals, key figures, contacts,
    and one ZIP of the documents and originals rebuilt after each publication."""

    body = StreamField(
        [
            ("key_figures", KeyFiguresBlock()),
            ("edition_figures", EditionFiguresBlock()),
            *[b for b in BODY_BLOCKS if b[0] != "key_figures"],
        ],
        verbose_name=_("contenu"),
        blank=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel("documents", label=_("Documents")),
        InlinePanel("photos", label=_("Photos et logos")),
        InlinePanel("contacts", label=_("Contacts presse")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["editorial.PressRoomPage"]
    subpage_types: list[str] = []

    template = "editorial/press_kit_page.html"

    class Meta:
        verbose_name = _("dossier de presse")
        verbose_name_plural = _("dossiers de presse")

    def get_og_image(self):
        """The first photo of the kit (not a logo), else the first image of its content."""
        photo = next((p for p in self.kit_photos if p.kind == PressKitPhoto.Kind.PHOTO), None)
        return photo.image if photo is not None else first_stream_image(self.body)

    @cached_property
    def kit_photos(self) -> list["PressKitPhoto"]:
        """The photos and logos with their images and renditions, asked once per request (the
        page and its sharing image)."""
        return list(self.photos.select_related("image").prefetch_related("image__renditions"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        photos = self.kit_photos
        context["attached_documents"] = list(self.documents.select_related("document"))
        context["photos"] = [photo for photo in photos if photo.kind == PressKitPhoto.Kind.PHOTO]
        context["logos"] = [photo for photo in photos if photo.kind == PressKitPhoto.Kind.LOGO]
        context["contacts"] = [link.contact for link in self.contacts.select_related("contact")]
        context["archive"] = PressKitArchive.objects.current(self).first()
        return context


class PressKitDocument(DocumentLink):
    page = ParentalKey(PressKitPage, on_delete=models.CASCADE, related_name="documents")


class PressKitPhoto(Orderable):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        LOGO = "logo", _("Logo")

    page = ParentalKey(PressKitPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.PHOTO)
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        help_text=_("Décrivez ce que montre l'image pour les personnes qui ne la voient pas."),
    )
    caption = models.CharField(_("légende"), max_length=250, blank=True)
    credit = models.CharField(_("crédit"), max_length=120)

    panels = [
        FieldPanel("image"),
        FieldPanel("kind"),
        MultiFieldPanel([FieldPanel("alt_text"), FieldPanel("caption"), FieldPanel("credit")]),
    ]


class PressKitContact(ContactLink):
    page = ParentalKey(PressKitPage, on_delete=models.CASCADE, related_name="contacts")


class PressReleasePdf(PageDocument):
    """The PDF version of a release, rendered by a task from its live revision."""

    page = models.OneToOneField(PressReleasePage, on_delete=models.CASCADE, related_name="pdf_version")

    class Meta:
        verbose_name = _("version PDF d'un communiqué")
        verbose_name_plural = _("versions PDF des communiqués")


class PressKitArchive(PageDocument):
    """The ZIP of a kit's documents and photo originals, built from its live revision."""

    page = models.OneToOneField(PressKitPage, on_delete=models.CASCADE, related_name="archive")

    class Meta:
        verbose_name = _("archive ZIP d'un dossier de presse")
        verbose_name_plural = _("archives ZIP des dossiers de presse")
