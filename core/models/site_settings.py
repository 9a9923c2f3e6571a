"""Settings staff edit for the header and footer (Paramètres > Paramètres du site)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.CharBlock(label=_("Réseau"), max_length=40, help_text=_("Par exemple : LinkedIn"))
    url = blocks.URLBlock(label=_("Adresse"))


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Navigation and footer of the public site, edited by staff (Paramètres > Site)."""

    main_navigation = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        verbose_name=_("navigation principale"),
        blank=True,
        help_text=_("Pages françaises ; la version anglaise du site affiche leur traduction si elle existe."),
    )
    organisation_name = models.CharField(_("nom de l'association"), max_length=120, default="Villes Internet")
    address = models.TextField(_("adresse postale"), blank=True)
    email = models.EmailField(_("adresse électronique"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock(label=_("Lien")))],
        verbose_name=_("réseaux sociaux"),
        blank=True,
    )
    join_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page « Adhérer »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Page française ; proposée à qui ne peut pas ouvrir une page réservée aux adhérents. "
            "La version anglaise du site montre sa traduction."
        ),
    )
    members_resources_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page « Ressources réservées aux membres »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Page française ; l'espace membre y renvoie. La version anglaise du site montre sa traduction."
        ),
    )
    default_share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de partage par défaut"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Montrée quand une page sans image est partagée sur les réseaux sociaux ; "
            "recadrée en 1200 × 630 pixels."
        ),
    )
    legal_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        verbose_name=_("pages légales"),
        blank=True,
        help_text=_("Mentions légales, accessibilité, données personnelles…"),
    )

    # Every page shares the default image when it has none of its own: loaded with the settings.
    select_related = ["default_share_image"]

    panels = [
        FieldPanel("main_navigation"),
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Coordonnées"),
        ),
        FieldPanel("join_page"),
        FieldPanel("members_resources_page"),
        FieldPanel("social_links"),
        FieldPanel("default_share_image"),
        FieldPanel("legal_pages"),
    ]

    class Meta:
        verbose_name = _("paramètres du site")

    @classmethod
    def for_request(cls, request):
        """The settings of the request's site, read once per process until something the header
        and footer show changes (core.fragment_cache): every page reads them. ``for_site``
        (the admin's edit form) still reads the database."""
        from wagtail.models import Site

        from core.fragment_cache import site_settings_for_site

        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        site_settings = site_settings_for_site(cls, site, lambda: cls.for_site(site))
        site_settings._request = request
        setattr(request, attr_name, site_settings)
        return site_settings
