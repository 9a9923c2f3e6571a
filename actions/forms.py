"""Forms of the portal (a sheet) and of the public catalogue (its filters)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import Image

from territories.choices import Category

from .models import POPULATION_BANDS, ActionSheet, Enjeu, Family, Service
from .services.images import MAX_ALT_LENGTH, MAX_IMAGE_BYTES, MAX_IMAGES, check_alt, check_image


class ServiceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj.enjeu.name} · {obj.name}"


class ImageChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Image) -> str:
        return obj.description or obj.title


class SheetForm(forms.ModelForm):
    """A sheet in the portal, with one new image at a time (multipart form, no JavaScript)."""

    services = ServiceChoiceField(
        label=_("Services du référentiel"),
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins un service du référentiel.")},
    )
    ongoing = forms.BooleanField(label=_("Action en cours (pas de date de fin)"), required=False)
    image = forms.FileField(
        label=_("Ajouter une image"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("Texte alternatif de l'image"),
        required=False,
        max_length=MAX_ALT_LENGTH,
        help_text=_(
            "Ce que montre l'image, pour les personnes qui ne la voient pas. Obligatoire avec une image."
        ),
    )
    remove_images = ImageChoiceField(
        label=_("Retirer des images"),
        queryset=Image.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ActionSheet
        fields = [
            "title",
            "summary",
            "description",
            "services",
            "started_on",
            "ended_on",
            "ongoing",
            "audience",
            "partners",
            "budget_band",
            "links",
        ]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = Q(pk__in=Service.objects.offered_in(timezone.localdate().year).values("pk"))
        if self.instance.pk:
            # An older sheet keeps the retired services it was filed under.
            offered |= Q(pk__in=self.instance.services.values("pk"))
        self.fields["services"].queryset = Service.objects.filter(offered).select_related("enjeu__family")
        self.fields["ongoing"].initial = self.instance.pk is not None and self.instance.ended_on is None
        self.fields["image"].help_text = _(
            "JPEG, PNG ou WebP, %(size)s au plus ; %(count)d images par fiche au plus. Les personnes "
            "reconnaissables sur une photo doivent avoir accepté sa publication."
        ) % {"size": filesizeformat(MAX_IMAGE_BYTES), "count": MAX_IMAGES}
        self.current_images = list(self.instance.images.order_by("pk")) if self.instance.pk else []
        if self.current_images:
            self.fields["remove_images"].queryset = self.instance.images.order_by("pk")
        else:
            del self.fields["remove_images"]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload:
            check_image(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("ongoing"):
            data["ended_on"] = None
        if data.get("image"):
            try:
                data["image_alt"] = check_alt(data.get("image_alt", ""))
            except ValidationError as error:
                self.add_error(None, error)
            kept = len(self.current_images) - len(data.get("remove_images") or [])
            if kept >= MAX_IMAGES:
                self.add_error(
                    "image",
                    _("Une fiche a au plus %(max)d images : retirez-en une d'abord.") % {"max": MAX_IMAGES},
                )
        elif data.get("image_alt") and "image" not in self.errors:
            self.add_error("image", _("Choisissez l'image que ce texte alternatif décrit."))
        return data


class ModerationForm(forms.Form):
    """Staff's decision on a sheet (admin): the reason the collectivity will read."""

    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Obligatoire pour un retrait : les personnes de la collectivité le liront dans leur espace."
        ),
    )


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    famille = forms.ChoiceField(label=_("Famille"), required=False)
    enjeu = forms.ChoiceField(label=_("Enjeu"), required=False)
    service = forms.ChoiceField(label=_("Service"), required=False)
    region = forms.ChoiceField(label=_("Région"), required=False)
    categorie = forms.ChoiceField(
        label=_("Catégorie"), required=False, choices=[("", _("Toutes")), *Category.choices]
    )
    population = forms.ChoiceField(
        label=_("Population"),
        required=False,
        choices=[("", _("Toutes")), *((value, label) for value, label, _low, _high in POPULATION_BANDS)],
    )

    def __init__(self, *args, families, enjeux, services, regions, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Toutes"))]
        self.fields["famille"].choices = everything + [(f.code, f.name) for f in families]
        self.fields["enjeu"].choices = [("", _("Tous"))] + [(e.code, e.name) for e in enjeux]
        self.fields["service"].choices = [("", _("Tous"))] + [(s.code, s.name) for s in services]
        self.fields["region"].choices = everything + [(r.slug, r.name) for r in regions]


__all__ = ["CatalogFilterForm", "Enjeu", "Family", "ModerationForm", "SheetForm"]
