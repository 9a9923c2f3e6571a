"""Régions, départements and the collectivities that join Villes Internet or apply for its label.

The label's categories (village, ville, territoire) are derived from a collectivity's kind and
population, never stored: see :func:`category_for` and :meth:`CollectivityQuerySet.with_category`,
which state the same rule in Python and in SQL.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from .choices import EPCI_KINDS, GROUPING_KINDS, Category, CollectivityKind
from .validators import (
    insee_code_consistency_error,
    insee_code_error,
    validate_department_code,
    validate_region_code,
    validate_siren,
)


class Region(models.Model):
    code = models.CharField(_("code INSEE"), max_length=2, unique=True, validators=[validate_region_code])
    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("région")
        verbose_name_plural = _("régions")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, unique=True, validators=[validate_department_code])
    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("région"), on_delete=models.PROTECT, related_name="departments"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")
        verbose_name_plural = _("départements")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


def category_for(kind: str, population: int | None) -> Category | None:
    """Return the label category of a collectivity of ``kind`` with ``population`` inhabitants.

    A commune below ``settings.VILLAGE_POPULATION_THRESHOLD`` is a village, from the threshold
    up a ville, with an unknown population none; every other kind is a territoire. Keep in step
    with :func:`category_conditions`.
    """
    if kind != CollectivityKind.COMMUNE:
        return Category.TERRITOIRE
    if population is None:
        return None
    if population < settings.VILLAGE_POPULATION_THRESHOLD:
        return Category.VILLAGE
    return Category.VILLE


def category_conditions() -> dict[Category, Q]:
    """The SQL form of :func:`category_for`: one condition per category (threshold read now)."""
    threshold = settings.VILLAGE_POPULATION_THRESHOLD
    commune = Q(kind=CollectivityKind.COMMUNE)
    return {
        Category.VILLAGE: commune & Q(population__lt=threshold),
        Category.VILLE: commune & Q(population__gte=threshold),
        Category.TERRITOIRE: ~commune,
    }


class CollectivityQuerySet(models.QuerySet):
    def with_category(self) -> CollectivityQuerySet:
        """Annotate each row with ``category_value`` ("village", "ville", "territoire" or NULL).

        The annotation can be filtered and ordered on in SQL:
        ``Collectivity.objects.with_category().filter(category_value="ville")``.
        """
        return self.annotate(
            category_value=Case(
                *(
                    When(condition, then=Value(category.value))
                    for category, condition in category_conditions().items()
                ),
                default=Value(None),
                output_field=models.CharField(max_length=16, null=True),
            )
        )

    def of_category(self, category: str) -> CollectivityQuerySet:
        """Collectivities whose derived category is ``category`` (a :class:`Category` value)."""
        return self.filter(category_conditions()[Category(category)])

    def villages(self) -> CollectivityQuerySet:
        """Communes below the village threshold."""
        return self.of_category(Category.VILLAGE)

    def villes(self) -> CollectivityQuerySet:
        """Communes at or above the village threshold."""
        return self.of_category(Category.VILLE)

    def territoires(self) -> CollectivityQuerySet:
        """Every collectivity that is not a commune (EPCI, syndicat, département, région)."""
        return self.of_category(Category.TERRITOIRE)

    def communes(self) -> CollectivityQuerySet:
        """Communes, whatever their population."""
        return self.filter(kind=CollectivityKind.COMMUNE)

    def epcis(self) -> CollectivityQuerySet:
        """EPCI à fiscalité propre (communautés and métropoles), syndicats excluded."""
        return self.filter(kind__in=EPCI_KINDS)

    def groupings(self) -> CollectivityQuerySet:
        """Collectivities that may have member communes (EPCI and syndicats)."""
        return self.filter(kind__in=GROUPING_KINDS)

    def search(self, query: str) -> CollectivityQuerySet:
        """Collectivities whose name contains ``query`` or whose INSEE code or SIREN is ``query``
        (case-insensitive), by name."""
        query = query.strip()
        if not query:
            return self.none()
        return self.filter(Q(name__icontains=query) | Q(insee_code__iexact=query) | Q(siren=query)).order_by(
            "name", "pk"
        )


class Collectivity(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(
        _("type"), max_length=32, choices=CollectivityKind.choices, default=CollectivityKind.COMMUNE
    )
    insee_code = models.CharField(
        _("code INSEE"),
        max_length=5,
        null=True,
        blank=True,
        help_text=_(
            "Commune : 5 caractères (« 47001 », « 2A004 »). Département ou région : son propre "
            "code. Vide pour une intercommunalité ou un syndicat."
        ),
    )
    siren = models.CharField(
        _("SIREN"),
        max_length=9,
        null=True,
        blank=True,
        validators=[validate_siren],
        help_text=_("9 chiffres, sans espace."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("année de la population"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text=_("Année du chiffre de population (recensement ou publication)."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("département"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collectivities",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("région"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collectivities",
        help_text=_("Laissez vide pour reprendre la région du département."),
    )
    member_communes = models.ManyToManyField(
        "self",
        verbose_name=_("communes membres"),
        symmetrical=False,
        blank=True,
        related_name="groupings",
        limit_choices_to={"kind": CollectivityKind.COMMUNE},
        help_text=_("Uniquement pour une intercommunalité ou un syndicat."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = CollectivityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("collectivité")
        verbose_name_plural = _("collectivités")
        indexes = [models.Index(fields=["name"]), models.Index(fields=["kind", "population"])]
        constraints = [
            # Communes, départements and régions have separate INSEE code lists ("84" is both
            # the Vaucluse and Auvergne-Rhône-Alpes), so a code is unique within its kind.
            models.UniqueConstraint(
                fields=["kind", "insee_code"],
                condition=Q(insee_code__isnull=False),
                name="territories_collectivity_unique_insee_code",
                violation_error_message=_("Une collectivité de ce type a déjà ce code INSEE."),
            ),
            models.UniqueConstraint(
                fields=["siren"],
                condition=Q(siren__isnull=False),
                name="territories_collectivity_unique_siren",
                violation_error_message=_("Une collectivité a déjà ce SIREN."),
            ),
        ]

    def __str__(self) -> str:
        if self.department_id:
            return f"{self.name} ({self.department.code})"
        return self.name

    @property
    def category(self) -> Category | None:
        """The label category (village, ville, territoire), or None for a commune of unknown size."""
        return category_for(self.kind, self.population)

    def get_category_display(self) -> str:
        """The category in words ("Village", "Ville", "Territoire"), or "" when it is unknown."""
        category = self.category
        return str(category.label) if category else ""

    @property
    def is_epci(self) -> bool:
        """True for an EPCI à fiscalité propre: a communauté (de communes, etc.) or a métropole."""
        return self.kind in EPCI_KINDS

    @property
    def can_have_members(self) -> bool:
        """True for the kinds that group communes (EPCI and syndicats)."""
        return self.kind in GROUPING_KINDS

    def clean(self) -> None:
        super().clean()
        self.insee_code = (self.insee_code or "").strip().upper() or None
        self.siren = (self.siren or "").replace(" ", "") or None
        if self.department_id and not self.region_id:
            self.region_id = self.department.region_id

        errors: dict[str, list[str]] = {}
        department = self.department if self.department_id else None
        region = self.region if self.region_id else None
        if self.insee_code:
            message = insee_code_error(self.kind, self.insee_code) or insee_code_consistency_error(
                self.kind, self.insee_code, department, region
            )
            if message:
                errors["insee_code"] = [message]
        if department and region and department.region_id != region.pk:
            errors["region"] = [
                _("Le département %(department)s appartient à la région %(region)s.")
                % {"department": department, "region": department.region}
            ]
        if member_errors := self.member_communes_errors(self._members_to_validate()):
            errors["member_communes"] = member_errors
        if errors:
            raise ValidationError(errors)

    def _members_to_validate(self) -> list[Collectivity]:
        # An admin form sets ``pending_member_communes`` to the members it is about to save,
        # so that the rule is checked against what the person chose, not what is stored.
        pending = getattr(self, "pending_member_communes", None)
        if pending is not None:
            return list(pending)
        return list(self.member_communes.all()) if self.pk else []

    def member_communes_errors(self, members: list[Collectivity]) -> list[str]:
        """Why ``members`` cannot be this collectivity's member communes (empty list if they can).

        Only EPCI and syndicats have members; members are communes, never the grouping itself;
        a commune belongs to a single EPCI à fiscalité propre (syndicats do not count).
        """
        if not members:
            return []
        if not self.can_have_members:
            return [members_not_allowed_message(self.kind)]
        errors = []
        if not_communes := [m for m in members if m.kind != CollectivityKind.COMMUNE or m.pk == self.pk]:
            errors.append(str(MEMBERS_MUST_BE_COMMUNES) + " " + ", ".join(str(m) for m in not_communes) + ".")
        if self.is_epci:
            elsewhere = (
                Collectivity.member_communes.through.objects.filter(
                    to_collectivity__in=[m.pk for m in members if m.pk],
                    from_collectivity__kind__in=EPCI_KINDS,
                )
                .exclude(from_collectivity=self.pk)
                .values_list("from_collectivity__name", "to_collectivity__name")
            )
            errors.extend(
                str(
                    _("%(commune)s appartient déjà à l'EPCI « %(epci)s » : retirez-la d'abord de celui-ci.")
                    % {"commune": commune, "epci": epci}
                )
                for epci, commune in elsewhere
            )
        return errors


MEMBERS_MUST_BE_COMMUNES = _(
    "Les membres d'une intercommunalité ou d'un syndicat doivent être des communes :"
)


def members_not_allowed_message(kind: str) -> str:
    """Why a collectivity of ``kind`` cannot have member communes."""
    return str(
        _(
            "Une collectivité de type « %(kind)s » ne peut pas avoir de communes membres : "
            "seules les intercommunalités et les syndicats en ont."
        )
        % {"kind": CollectivityKind(kind).label}
    )
