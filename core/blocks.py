"""StreamField blocks shared by every page type.

`BODY_BLOCKS` is the list a page's body starts from; page types add their own sections
(the home page adds a hero and featured content).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        kwargs.setdefault("label", _("Texte"))
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/blocks/rich_text.html"


class FigureBlock(blocks.StructBlock):
    """An image with mandatory alternative text, an optional caption and credit."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Texte alternatif"),
        max_length=250,
        help_text=_("Décrivez ce que montre l'image pour les personnes qui ne la voient pas."),
    )
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Crédit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citation"))
    author = blocks.CharBlock(label=_("Auteur ou autrice"), required=False, max_length=120)
    role = blocks.CharBlock(label=_("Fonction"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "components/blocks/quote.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Chiffre"), max_length=30, help_text=_("Par exemple : 213"))
    label = blocks.CharBlock(label=_("Libellé"), max_length=120)
    detail = blocks.CharBlock(label=_("Précision ou source"), required=False, max_length=200)


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Chiffres"), min_num=1, max_num=8)

    class Meta:
        icon = "table"
        label = _("Chiffres clés")
        template = "components/blocks/key_figures.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address (exactly one of the two).

    `LinkBlock(optional=True)` may be left entirely empty.
    """

    page = blocks.PageChooserBlock(label=_("Page du site"), required=False)
    url = blocks.URLBlock(label=_("Ou adresse externe"), required=False)
    text = blocks.CharBlock(label=_("Texte du lien"), max_length=80, required=False)

    def clean(self, value):
        value = super().clean(value)
        page, url, text = value.get("page"), value.get("url"), value.get("text")
        if not (page or url or text) and self.meta.optional:
            return value
        errors = {}
        if bool(page) == bool(url):
            errors["url"] = ValidationError(_("Choisissez une page du site ou une adresse externe."))
        if not text:
            errors["text"] = ValidationError(_("Donnez le texte du lien."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "link"
        label = _("Lien")
        optional = False


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), max_length=120)
    text = blocks.TextBlock(label=_("Texte"), required=False)
    link = LinkBlock(label=_("Bouton"))

    class Meta:
        icon = "pick"
        label = _("Appel à l'action")
        template = "components/blocks/call_to_action.html"


class DocumentItemBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Titre affiché"), required=False, help_text=_("Laissez vide pour le titre du document.")
    )


class DocumentListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=120)
    documents = blocks.ListBlock(DocumentItemBlock(), label=_("Documents"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Liste de documents")
        template = "components/blocks/document_list.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question ou intitulé"), max_length=200)
    answer = RichTextBlock(label=_("Réponse"))


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Éléments"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordéon / FAQ")
        template = "components/blocks/accordion.html"


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Titre du tableau"), max_length=200, help_text=_("Lu par les lecteurs d'écran.")
    )
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Texte"))),
            ("number", blocks.DecimalBlock(label=_("Nombre"))),
            ("rich_text", RichTextBlock(features=["bold", "italic", "link"])),
        ],
        label=_("Tableau"),
    )

    class Meta:
        icon = "table"
        label = _("Tableau")
        template = "components/blocks/table.html"


class ExternalMediaBlock(blocks.StructBlock):
    """An embedded video or audio, shown as a link card.

    The public site loads nothing from another origin (Content-Security-Policy), so a
    third-party player is never inlined: the visitor follows the link to watch it.
    """

    url = blocks.URLBlock(label=_("Adresse de la vidéo ou du contenu"))
    title = blocks.CharBlock(label=_("Titre"), max_length=200)
    description = blocks.TextBlock(label=_("Description ou transcription courte"), required=False)
    duration = blocks.CharBlock(label=_("Durée"), required=False, max_length=20)

    class Meta:
        icon = "media"
        label = _("Vidéo ou contenu intégré")
        template = "components/blocks/external_media.html"


BODY_BLOCKS = [
    ("rich_text", RichTextBlock()),
    ("image", FigureBlock()),
    ("quote", QuoteBlock()),
    ("key_figures", KeyFiguresBlock()),
    ("call_to_action", CallToActionBlock()),
    ("documents", DocumentListBlock()),
    ("accordion", AccordionBlock()),
    ("table", TableBlock()),
    ("embed", ExternalMediaBlock()),
]


class HeroBlock(blocks.StructBlock):
    """The opening section of the home page; its title is the page's only <h1>."""

    title = blocks.CharBlock(label=_("Titre"), max_length=150)
    text = blocks.TextBlock(label=_("Texte"), required=False)
    image = ImageChooserBlock(label=_("Image"), required=False)
    image_alt = blocks.CharBlock(
        label=_("Texte alternatif de l'image"),
        required=False,
        max_length=250,
        help_text=_("Obligatoire si vous choisissez une image."),
    )
    link = LinkBlock(label=_("Bouton"), optional=True)

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("image_alt", "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"image_alt": ValidationError(_("Décrivez l'image pour les lecteurs d'écran."))}
            )
        return value

    class Meta:
        icon = "title"
        label = _("Bandeau d'accueil")
        template = "components/blocks/hero.html"


class FeaturedItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    teaser = blocks.TextBlock(
        label=_("Accroche"), required=False, help_text=_("Laissez vide pour la description de la page.")
    )


class FeaturedContentBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), max_length=120)
    items = blocks.ListBlock(FeaturedItemBlock(), label=_("Contenus"), min_num=1, max_num=6)

    class Meta:
        icon = "pick"
        label = _("Contenus à la une")
        template = "components/blocks/featured_content.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["cards"] = featured_cards(value["items"])
        return context


def featured_cards(items) -> list[dict]:
    """Each featured item with the page to link to (its live translation in the active
    language, as ``Page.localized``) and that page's introduction, in two queries at most."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    from core.models.pages import introductions

    pages = [item["page"] for item in items if item["page"] is not None]
    translations = {}
    if pages and getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        locale = Locale.get_active()
        foreign = [page.translation_key for page in pages if page.locale_id != locale.pk]
        if foreign:
            translations = {
                page.translation_key: page
                for page in Page.objects.filter(translation_key__in=foreign, locale=locale, live=True)
            }
    cards = []
    for item in items:
        page = item["page"]
        if page is not None:
            page = translations.get(page.translation_key, page)
        cards.append({"item": item, "page": page})
    summaries = introductions([card["page"] for card in cards if card["page"] is not None])
    for card in cards:
        card["introduction"] = summaries.get(card["page"].pk, "") if card["page"] is not None else ""
    return cards
