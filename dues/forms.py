"""Forms of the public dues pages: the calculator and the membership application."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from territories.choices import CollectivityKind


class CalculatorForm(forms.Form):
    """A GET form: a collectivity's name or INSEE code, or a kind and a population."""

    q = forms.CharField(label=_("Nom ou code INSEE de la collectivité"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Type de collectivité"), choices=CollectivityKind.choices, required=False
    )
    population = forms.IntegerField(label=_("Population"), required=False, min_value=0, max_value=100_000_000)


def _validate_siret(value: str) -> str:
    """SIRET checked by python-stdnum, in ``dues.identifiers`` (written beside this app)."""
    from dues.identifiers import validate_siret

    return validate_siret(value)


class ApplicationForm(forms.Form):
    collectivity_code = forms.CharField(
        label=_("Code INSEE ou SIREN de la collectivité"),
        max_length=9,
        help_text=_("Commune : son code INSEE (5 caractères). Intercommunalité : son SIREN (9 chiffres)."),
    )
    contact_name = forms.CharField(label=_("Nom et prénom de la personne à contacter"), max_length=150)
    contact_function = forms.CharField(label=_("Fonction"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Adresse électronique"))
    contact_phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    siret = forms.CharField(label=_("SIRET de la collectivité"), max_length=20, help_text=_("14 chiffres."))
    chorus_service_code = forms.CharField(
        label=_("Code service Chorus Pro"),
        max_length=100,
        required=False,
        help_text=_("Si votre collectivité en exige un pour recevoir ses factures."),
    )
    deliberation = forms.FileField(
        label=_("Délibération du conseil (PDF)"),
        help_text=_("La délibération décidant l'adhésion, en PDF, 5 Mo au plus."),
    )

    def clean_collectivity_code(self):
        from territories.models import Collectivity

        code = self.cleaned_data["collectivity_code"].strip().upper()
        found = list(Collectivity.objects.filter(Q(insee_code__iexact=code) | Q(siren=code))[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                _(
                    "Aucune collectivité ne porte ce code INSEE ou ce SIREN. Vérifiez-le ; "
                    "le calculateur des cotisations aide à retrouver le code INSEE."
                )
                if not found
                else _("Ce code désigne plusieurs collectivités : saisissez plutôt le SIREN.")
            )
        return found[0]

    def clean_siret(self):
        return _validate_siret(self.cleaned_data["siret"])

    def clean_deliberation(self):
        upload = self.cleaned_data["deliberation"]
        if upload.size > settings.DUES_DELIBERATION_MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "Le fichier pèse %(size)s Mo : 5 Mo au plus. Réduisez-le ou numérisez-le en "
                    "moins haute résolution."
                )
                % {"size": round(upload.size / 1024 / 1024, 1)}
            )
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("Ce fichier n'est pas un PDF : envoyez la délibération en PDF."))
        return upload


class EngagementNumberForm(forms.Form):
    """The engagement number the collectivity's accountant gave for a call (Chorus Pro)."""

    engagement_number = forms.CharField(
        label=_("Numéro d'engagement"),
        required=False,
        max_length=50,
        help_text=_("Donné par votre service comptable (bon de commande). Laissez vide pour l'effacer."),
    )
