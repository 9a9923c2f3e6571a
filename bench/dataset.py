"""The benchmark's large dataset: 5,000 collectivities, 300 articles, 27 label editions of
~220 labellisations each.

Articles and label editions belong to apps built separately (editorial's news, the label
app); each part runs only when its models exist and says so otherwise. Every generated name
is visibly fictional ("Bancdessai-…"). Deterministic (fixed random seed). Meant for a
throw-away database (bench/run.py), after ``load_demo_data``.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

Log = Callable[[str], None]
RANDOM_SEED = 20250206


@dataclass(frozen=True)
class Sizes:
    collectivities: int = 5000
    articles: int = 300
    editions: int = 27
    labellisations_per_edition: int = 220


TINY = Sizes(collectivities=30, articles=3, editions=2, labellisations_per_edition=5)


class Skipped(Exception):
    """A part of the dataset cannot be generated here (its models are missing or unknown)."""


def generate(sizes: Sizes = Sizes(), log: Log = print) -> dict[str, int | str]:
    """Generate every part that can be; returns what was made (a count or the reason skipped)."""
    rng = random.Random(RANDOM_SEED)
    report: dict[str, int | str] = {}
    for name, part in (
        ("collectivities", _collectivities),
        ("articles", _articles),
        ("labellisations", _labellisations),
    ):
        try:
            with transaction.atomic():
                report[name] = part(sizes, rng, log)
            log(f"  {name}: {report[name]}")
        except Skipped as reason:
            report[name] = f"skipped: {reason}"
            log(f"  {name}: skipped ({reason})")
    return report


# --- Collectivities -------------------------------------------------------------------------

_NAMES = ("Bancdessai", "Mesureville", "Chronoval", "Latencebourg", "Débitmont")
_SUFFIXES = ("", "-sur-Charge", "-les-Requêtes", "-en-Cache", "-sous-Tampon")


def _collectivities(sizes: Sizes, rng: random.Random, log: Log) -> int:
    from territories.models import Collectivity, CollectivityKind, Department

    departments = list(Department.objects.select_related("region"))
    if not departments:
        raise Skipped("no département in the database (run the migrations first)")
    existing = set(Collectivity.objects.filter(slug__startswith="bench-").values_list("slug", flat=True))
    rows = []
    for number in range(sizes.collectivities):
        slug = f"bench-{number:05d}"
        if slug in existing:
            continue
        department = departments[number % len(departments)]
        epci = number % 40 == 0
        name = (
            f"{_NAMES[number % len(_NAMES)]}{_SUFFIXES[number // len(_NAMES) % len(_SUFFIXES)]} {number:05d}"
        )
        rows.append(
            Collectivity(
                name=("Communauté de communes de " + name) if epci else name,
                slug=slug,
                kind=CollectivityKind.COMMUNAUTE_COMMUNES if epci else CollectivityKind.COMMUNE,
                population=rng.choice([rng.randint(40, 1999), rng.randint(2000, 200_000)]),
                population_year=2022,
                department=department,
                region=department.region,
            )
        )
    Collectivity.objects.bulk_create(rows, batch_size=1000)
    return Collectivity.objects.filter(slug__startswith="bench-").count()


# --- Generic filling of models we do not own --------------------------------------------------


def _required_fields(model) -> list[models.Field]:
    """Concrete fields a row of `model` must be given (no default, not nullable/blank)."""
    from wagtail.models import Page

    own = [field for field in model._meta.concrete_fields if field.model is not Page]
    return [
        field
        for field in own
        if not (field.primary_key or field.has_default() or field.null or field.blank)
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
        and not isinstance(field, models.OneToOneField)  # the multi-table link to Page
    ]


def _value_for(field: models.Field, number: int, rng: random.Random):
    """A plausible value for a required field, or raise Skipped."""
    if field.choices:
        return field.choices[number % len(field.choices)][0]
    if isinstance(field, models.DateTimeField):
        return timezone.now() - datetime.timedelta(days=number)
    if isinstance(field, models.DateField):
        return datetime.date.today() - datetime.timedelta(days=number)
    if isinstance(field, models.IntegerField):
        low, high = 1, 5
        for validator in field.validators:
            limit = getattr(validator, "limit_value", None)
            if isinstance(limit, int):
                if validator.code == "min_value":
                    low = limit
                elif validator.code == "max_value":
                    high = limit
        return rng.randint(low, max(low, high))
    if isinstance(field, models.SlugField):
        return f"bench-{number:05d}"
    if isinstance(field, models.CharField | models.TextField):
        text = f"Texte de banc d'essai {number}"
        return text[: field.max_length] if field.max_length else text
    if isinstance(field, models.JSONField):
        return []
    raise Skipped(f"cannot invent a value for {field.model.__name__}.{field.name} ({type(field).__name__})")


def _model(app_label: str, *names: str):
    if not apps.is_installed(app_label) and app_label != "editorial":
        raise Skipped(f"the {app_label!r} app is not installed")
    for name in names:
        try:
            return apps.get_model(app_label, name)
        except LookupError:
            continue
    raise Skipped(f"no model {' / '.join(names)} in {app_label!r}")


# --- Articles --------------------------------------------------------------------------------


def _articles(sizes: Sizes, rng: random.Random, log: Log) -> int:
    from wagtail.models import Page

    article_model = _model("editorial", "ArticlePage")
    index_model = _model("editorial", "NewsIndexPage")
    index = index_model.objects.live().filter(locale__language_code="fr").first()
    if index is None:
        raise Skipped("no live French NewsIndexPage (load the demo data first)")
    existing = set(
        Page.objects.child_of(index).filter(slug__startswith="bench-").values_list("slug", flat=True)
    )
    required = _required_fields(article_model)
    for number in range(sizes.articles):
        slug = f"bench-{number:05d}"
        if slug in existing:
            continue
        values = {field.name: _value_for(field, number, rng) for field in required}
        values.update(
            title=f"Article de banc d'essai n° {number + 1}",
            slug=slug,
            locale=index.locale,
            live=True,
            first_published_at=timezone.now() - datetime.timedelta(days=number),
        )
        for name in ("date", "publication_date"):
            if any(f.name == name for f in article_model._meta.concrete_fields):
                values[name] = (timezone.now() - datetime.timedelta(days=number)).date()
        parent = Page.objects.get(pk=index.pk)
        parent.add_child(instance=article_model(**values))
    return Page.objects.child_of(index).filter(slug__startswith="bench-").count()


# --- Label editions and labellisations ---------------------------------------------------------


def _labellisations(sizes: Sizes, rng: random.Random, log: Log) -> int:
    from territories.models import Collectivity

    labellisation_model = _model("label", "Labellisation", "Labelling")
    edition_field = collectivity_field = None
    for field in labellisation_model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey):
            if field.related_model is Collectivity:
                collectivity_field = field
            elif field.related_model._meta.app_label == "label" and edition_field is None:
                edition_field = field
    if edition_field is None or collectivity_field is None:
        raise Skipped("Labellisation has no foreign key to an edition and to a collectivity")
    edition_model = edition_field.related_model
    year_field = next((f for f in edition_model._meta.concrete_fields if f.name == "year"), None)
    if year_field is None:
        raise Skipped(f"{edition_model.__name__} has no 'year' field")

    collectivities = list(Collectivity.objects.filter(slug__startswith="bench-").values_list("pk", flat=True))
    if not collectivities:
        raise Skipped("no bench collectivity to label")
    last_year = 2026
    edition_required = [f for f in _required_fields(edition_model) if f.name != "year"]
    row_required = [
        f
        for f in _required_fields(labellisation_model)
        if f.name not in {edition_field.name, collectivity_field.name}
    ]
    created = 0
    # The demo's own editions (2025, 2026) are left as they are and count among the
    # `sizes.editions`; the others go back year by year (2024 is the 25th edition).
    for offset in range(max(sizes.editions - 2, 0)):
        year = last_year - 2 - offset
        edition = edition_model.objects.filter(year=year).first()
        if edition is None:
            values = {field.name: _value_for(field, offset, rng) for field in edition_required}
            for field in edition_required:
                if "number" in field.name or field.name == "edition":
                    values[field.name] = year - 1999
            edition = edition_model.objects.create(year=year, **values)
        if labellisation_model.objects.filter(**{edition_field.name: edition}).exists():
            continue
        chosen = rng.sample(collectivities, min(sizes.labellisations_per_edition, len(collectivities)))
        rows = [
            labellisation_model(
                **{edition_field.name: edition, collectivity_field.attname: pk},
                **{field.name: _value_for(field, number, rng) for field in row_required},
            )
            for number, pk in enumerate(chosen)
        ]
        labellisation_model.objects.bulk_create(rows, batch_size=1000)
        created += len(rows)
    return labellisation_model.objects.count()
