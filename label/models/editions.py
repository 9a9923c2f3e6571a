"""Label editions, labellisations (1 to 5 @) and distinctions (TEN title, thematic mentions).

A labelled collectivity's category (village, ville, territoire) is never stored: it is derived
from the collectivity's kind and population by the territories app, in Python
(:attr:`territories.models.Collectivity.category`) and in SQL (:func:`category_case`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from territories.models import Collectivity
from territories.models import category_conditions as collectivity_category_conditions

MIN_AROBASES = 1
MAX_AROBASES = 5


def _prefixed(condition: Q, prefix: str) -> Q:
    """``condition`` with every lookup prefixed by ``prefix__`` (to follow a relation)."""
    result = Q()
    result.connector = condition.connector
    result.negated = condition.negated
    result.children = [
        _prefixed(child, prefix) if isinstance(child, Q) else (f"{prefix}__{child[0]}", child[1])
        for child in condition.children
    ]
    return result


def category_conditions(prefix: str = "collectivity") -> dict[str, Q]:
    """The territories app's category rule, seen from a model that points at a collectivity."""
    return {
        category.value: _prefixed(q, prefix) for category, q in collectivity_category_conditions().items()
    }


def category_case(prefix: str = "collectivity") -> Case:
    """SQL expression of the derived category of the collectivity behind ``prefix``."""
    return Case(
        *(When(q, then=Value(value)) for value, q in category_conditions(prefix).items()),
        default=Value(None),
        output_field=models.CharField(max_length=16, null=True),
    )


def public_condition(prefix: str = "", now=None) -> Q:
    """THE embargo rule: an edition's results are public once ``results_published_at`` is set
    and reached (``now`` defaults to the current time). ``prefix`` follows a relation to the
    edition ("edition__" from a labellisation). Every public surface goes through it, by the
    ``public()`` QuerySet methods below."""
    return Q(**{f"{prefix}results_published_at__lte": now or timezone.now()})


class LabelEditionQuerySet(models.QuerySet):
    def public(self, now=None) -> LabelEditionQuerySet:
        """Editions whose results are published (see :func:`public_condition`)."""
        return self.filter(public_condition("", now))

    def embargoed(self, now=None) -> LabelEditionQuerySet:
        """Editions whose results are not published yet: only staff may see them."""
        return self.exclude(public_condition("", now))


class LabelEdition(models.Model):
    """One year of the label: its ceremony, its congress and its jury."""

    year = models.PositiveSmallIntegerField(
        _("année"), unique=True, validators=[MinValueValidator(1999), MaxValueValidator(2100)]
    )
    number = models.PositiveSmallIntegerField(
        _("numéro de l'édition"), unique=True, help_text=_("26 pour la 26ᵉ édition.")
    )
    ceremony_date = models.DateField(_("date de la cérémonie"), null=True, blank=True)
    ceremony_city = models.CharField(_("ville de la cérémonie"), max_length=100, blank=True)
    congress_name = models.CharField(
        _("congrès"),
        max_length=200,
        blank=True,
        default="Congrès national des élus au numérique",
    )
    congress_number = models.PositiveSmallIntegerField(
        _("numéro du congrès"), null=True, blank=True, help_text=_("7 pour le 7ᵉ congrès.")
    )
    jury_president = models.CharField(_("président·e du jury"), max_length=200, blank=True)
    jury_size = models.PositiveSmallIntegerField(_("nombre de membres du jury"), null=True, blank=True)
    introduction = models.TextField(
        _("présentation"),
        blank=True,
        help_text=_("Reprise dans les données ouvertes de l'édition."),
    )
    results_published_at = models.DateTimeField(
        _("publication des résultats"),
        null=True,
        blank=True,
        help_text=_(
            "Date et heure à partir desquelles le palmarès, les données ouvertes, les chiffres et la "
            "carte de l'édition sont visibles du public. Vide : résultats sous embargo, visibles "
            "de l'équipe seulement."
        ),
    )

    objects = LabelEditionQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("édition du label")
        verbose_name_plural = _("éditions du label")

    def __str__(self) -> str:
        return _("Label %(year)d (%(number)dᵉ édition)") % {"year": self.year, "number": self.number}

    def is_public(self, now=None) -> bool:
        """Whether the results are published (the rule of :func:`public_condition`, in Python)."""
        return self.results_published_at is not None and self.results_published_at <= (now or timezone.now())


def edition_population(prefix: str = "") -> Coalesce:
    """The population of a labelled collectivity as its edition published it: the
    labellisation's own figure when staff recorded one, else the collectivity's."""
    return Coalesce(f"{prefix}population", f"{prefix}collectivity__population")


class LabellisationQuerySet(models.QuerySet):
    def public(self, now=None) -> LabellisationQuerySet:
        """Labellisations of the editions whose results are published."""
        return self.filter(public_condition("edition__", now))

    def with_category(self) -> LabellisationQuerySet:
        """Annotate ``category_value``: the derived category of the labelled collectivity."""
        return self.annotate(category_value=category_case("collectivity"))

    def of_category(self, category: str) -> LabellisationQuerySet:
        return self.filter(category_conditions("collectivity")[category])

    def with_edition_population(self) -> LabellisationQuerySet:
        """Annotate ``population_value``: the population the edition published."""
        return self.annotate(population_value=edition_population())

    def for_table(self) -> LabellisationQuerySet:
        """Everything a palmarès row shows in the query of the rows: category, population,
        collectivity with its department and region, and one ``has_<kind>`` flag per
        distinction (``table_distinctions`` names them)."""
        flags = {
            f"has_{kind}": models.Exists(
                Distinction.objects.filter(labellisation=models.OuterRef("pk"), kind=kind)
            )
            for kind in DistinctionKind
        }
        return (
            self.with_category()
            .with_edition_population()
            .select_related("collectivity__department", "collectivity__region")
            .annotate(**flags)
        )

    def with_distinction(self, kinds) -> LabellisationQuerySet:
        """Labellisations that have at least one distinction of ``kinds`` (each row once)."""
        return self.filter(
            models.Exists(Distinction.objects.filter(labellisation=models.OuterRef("pk"), kind__in=kinds))
        )

    def for_listing(self) -> LabellisationQuerySet:
        """Everything a palmarès row shows, in a constant number of queries."""
        return (
            self.with_category()
            .with_edition_population()
            .select_related("collectivity__department", "collectivity__region", "edition")
            .prefetch_related(models.Prefetch("distinctions", queryset=Distinction.objects.order_by("kind")))
        )


class Labellisation(ClusterableModel):
    """A collectivity labelled in an edition, with 1 to 5 @."""

    collectivity = models.ForeignKey(
        Collectivity,
        verbose_name=_("collectivité"),
        on_delete=models.PROTECT,
        related_name="labellisations",
    )
    edition = models.ForeignKey(
        LabelEdition, verbose_name=_("édition"), on_delete=models.CASCADE, related_name="labellisations"
    )
    arobases = models.PositiveSmallIntegerField(
        _("arobases"),
        validators=[MinValueValidator(MIN_AROBASES), MaxValueValidator(MAX_AROBASES)],
        help_text=_("De 1 à 5 @."),
    )
    population = models.PositiveIntegerField(
        _("population à cette édition"),
        null=True,
        blank=True,
        help_text=_(
            "Le nombre d'habitants que le palmarès de cette édition a publié, s'il diffère de la "
            "population actuelle de la collectivité. Vide : la population de la collectivité."
        ),
    )

    @property
    def table_distinctions(self) -> list[str]:
        """The names of the row's distinctions, in the order of their codes (as
        ``distinctions.all()`` gives them), from the flags of ``for_table()``."""
        return [
            DistinctionKind(kind).label
            for kind in sorted(DistinctionKind)
            if getattr(self, f"has_{kind}", False)
        ]

    objects = LabellisationQuerySet.as_manager()

    class Meta:
        ordering = ["-edition__year", "collectivity__name"]
        verbose_name = _("labellisation")
        verbose_name_plural = _("labellisations")
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity", "edition"],
                name="label_labellisation_unique_per_edition",
                violation_error_message=_("Cette collectivité est déjà labellisée dans cette édition."),
            ),
            models.CheckConstraint(
                condition=Q(arobases__gte=MIN_AROBASES) & Q(arobases__lte=MAX_AROBASES),
                name="label_labellisation_arobases_1_to_5",
                violation_error_message=_("Le nombre d'arobases va de 1 à 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collectivity.name} · {self.edition.year} · {self.arobases}@"

    @property
    def edition_population(self) -> int | None:
        """The population this edition published (:func:`edition_population`, in Python)."""
        return self.population if self.population is not None else self.collectivity.population

    @property
    def category(self):
        return self.collectivity.category

    @property
    def arobases_display(self) -> str:
        return "@" * self.arobases


class DistinctionKind(models.TextChoices):
    TEN = "ten", _("Territoire d'excellence numérique")
    MEDIATION = "mediation_numerique", _("Mention médiation numérique")
    EDUCATION = "numerique_educatif", _("Mention numérique éducatif")
    COMMONS = "mise_en_commun", _("Mention mise en commun des infrastructures et usages numériques")
    ECOLOGY = "transition_ecologique", _("Mention transition écologique")
    DEMOCRACY = "democratie_locale", _("Mention démocratie locale")


MENTION_KINDS = tuple(kind for kind in DistinctionKind if kind != DistinctionKind.TEN)


class Distinction(models.Model):
    """The TEN title or a thematic mention given with a labellisation."""

    labellisation = ParentalKey(
        Labellisation, verbose_name=_("labellisation"), on_delete=models.CASCADE, related_name="distinctions"
    )
    kind = models.CharField(_("distinction"), max_length=32, choices=DistinctionKind.choices)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("distinction")
        verbose_name_plural = _("distinctions")
        constraints = [
            models.UniqueConstraint(
                fields=["labellisation", "kind"],
                name="label_distinction_unique_kind",
                violation_error_message=_("Cette distinction est déjà attribuée à cette labellisation."),
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self) -> None:
        super().clean()
        labellisation = getattr(self, "labellisation", None)
        if self.kind == DistinctionKind.TEN and labellisation and labellisation.arobases != MAX_AROBASES:
            raise ValidationError(
                {"kind": _("Le titre « Territoire d'excellence numérique » est réservé aux labellisés 5 @.")}
            )
