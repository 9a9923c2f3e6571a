"""Helpers of the demo loaders, and the one loader of the page trees written as data.

Every app's ``demo.load(log)`` uses them, and ``manage.py load_demo_data`` runs the loaders
named in ``settings.DEMO_LOADERS``. Nothing here overwrites what exists: running the demo
twice, or after staff edited a page, changes nothing.

A data file (YAML, read by :func:`read_data`) holds the prose and the page tree of an app,
French and English side by side::

    snippets:                      # translatable snippets, created once
      - key: category-label        # how the pages of the file refer to it
        type: editorial.NewsCategory
        match: [slug]              # the fields that find an existing one (French side)
        fields: {...}              # fields shared by both languages
        fr: {name: Label, slug: label}
        en: {name: Label, slug: label}
    pages:                         # a parent before its children
      - key: adherer
        type: editorial.StandardPage
        parent: home               # a key of this file, "root", or a !lookup
        match: [slug]              # the default: a child of the parent with this slug
        fields: {...}
        fr: {slug: adherer, title: Adhérer, introduction: ..., body: [...]}
        en: {slug: join, title: Join, ...}

Rich text is HTML; a StreamField is a list of ``{type, value}`` blocks. Values may refer to
``!page KEY`` (a page of the file, in the language being built), ``!ref KEY`` (a snippet of
the file in that language, or an object the app's loader passes) and ``!lookup {model:
app_label.Model, field: value}`` (an existing row, in that language when the model is
translatable). A block whose reference finds nothing is left out; a page whose parent or field
finds nothing is not created. The French page is the source: the English one is its
translation (same translation key) under the English translation of its parent. A page is
published once, with every block, after the whole tree exists; a date given in the data
(``first_published_at``) is kept. Fields under ``add_to_parent`` are blocks appended to the
parent's body when the page is created (a link from a page another app built).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from taggit.managers import TaggableManager
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin

Log = Callable[[str], None]
SOURCE_LANGUAGE = "fr"
LANGUAGES = (SOURCE_LANGUAGE, "en")


def quiet(message: str) -> None:
    """A log that prints nothing (tests, benchmarks)."""


def publish(page: Page) -> None:
    page.save_revision().publish()


def ensure_locales() -> tuple[Locale, Locale]:
    french, _ = Locale.objects.get_or_create(language_code="fr")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return french, english


@dataclass(frozen=True)
class PageRef:
    key: str


@dataclass(frozen=True)
class Ref:
    key: str


@dataclass(frozen=True)
class Lookup:
    model: str
    filters: dict = field(hash=False)


class Missing(LookupError):
    """A reference that finds nothing."""


class _NotYet(Exception):
    """A page of the file that this run creates later: the field waits for the whole tree."""


class DataLoader(yaml.SafeLoader):
    """Safe YAML plus the three reference tags of the demo data."""


def _lookup(loader: DataLoader, node: yaml.MappingNode) -> Lookup:
    filters = loader.construct_mapping(node, deep=True)
    return Lookup(filters.pop("model"), filters)


DataLoader.add_constructor("!page", lambda loader, node: PageRef(loader.construct_scalar(node)))
DataLoader.add_constructor("!ref", lambda loader, node: Ref(loader.construct_scalar(node)))
DataLoader.add_constructor("!lookup", _lookup)


def read_data(path: Path | str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=DataLoader)  # noqa: S506 (a SafeLoader with three tags)


def _raw(value: Any) -> Any:
    """StreamField raw data: rows become their ids."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {name: _raw(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_raw(item) for item in value]
    return value


@dataclass
class _Created:
    key: str
    page: Page
    language: str
    deferred: dict  # StreamFields that link a page created after this one
    add_to_parent: list


class PageTree:
    """The snippets and pages of a data file, created where missing (see the module's doc)."""

    def __init__(self, data: dict, objects: dict[str, models.Model] | None = None):
        self.data = data
        self.objects = objects or {}
        self.entries: list[dict] = data.get("pages", [])
        self.keys = {entry["key"] for entry in self.entries}
        self.locales = dict(zip(LANGUAGES, ensure_locales(), strict=True))
        self.pages: dict[tuple[str, str], Page] = {}
        self.snippets: dict[tuple[str, str], models.Model] = {}
        self._done: set[tuple[str, str]] = set()
        self._created: list[_Created] = []

    def load(self, log: Log) -> PageTree:
        self.create_snippets(log)
        for language in LANGUAGES:
            self.create_pages(language, log)
        self.publish_created(log)
        return self

    # References

    def resolve(self, value: Any, language: str) -> Any:
        """``value`` with its references replaced by the rows they name in ``language``."""
        if isinstance(value, PageRef):
            return self._page(value.key, language)
        if isinstance(value, Ref):
            return self._ref(value.key, language)
        if isinstance(value, Lookup):
            return self._lookup(value, language)
        if isinstance(value, dict):
            return {name: self.resolve(item, language) for name, item in value.items()}
        if isinstance(value, list):
            return [self.resolve(item, language) for item in value]
        return value

    def _page(self, key: str, language: str) -> Page:
        if (key, language) in self.pages:
            return self.pages[(key, language)]
        if key not in self.keys:
            raise KeyError(f"!page {key} : aucune page de ce fichier n'a cette clé")
        if (key, language) not in self._done:
            raise _NotYet(key)
        raise Missing(f"page « {key} » ({language}) absente")

    def _ref(self, key: str, language: str) -> models.Model:
        if (key, language) in self.snippets:
            return self.snippets[(key, language)]
        if key in self.objects:
            return self.objects[key]
        raise Missing(f"« {key} » absent")

    def _lookup(self, lookup: Lookup, language: str) -> models.Model:
        model = apps.get_model(lookup.model)
        filters = dict(lookup.filters)
        if issubclass(model, TranslatableMixin):
            filters["locale"] = self.locales[language]
        found = model.objects.filter(**filters).first()
        if found is None:
            raise Missing(f"{lookup.model} {lookup.filters} introuvable")
        return found

    @staticmethod
    def _fields(entry: dict, language: str) -> dict:
        return {**entry.get("fields", {}), **entry.get(language, {})}

    # Snippets

    def create_snippets(self, log: Log) -> None:
        for entry in self.data.get("snippets", []):
            model = apps.get_model(entry["type"])
            source = None
            for language in LANGUAGES:
                if language not in entry:
                    continue
                fields = self.resolve(self._fields(entry, language), language)
                locale = self.locales[language]
                if source is None:
                    match = {name: fields[name] for name in entry.get("match", [])}
                    snippet = model.objects.filter(locale=locale, **match).first()
                    if snippet is None:
                        snippet = model.objects.create(locale=locale, **fields)
                        log(f"  ajout : {model._meta.verbose_name} « {snippet} »")
                    source = snippet
                else:
                    snippet = source.get_translation_or_none(locale)
                    if snippet is None:
                        snippet = source.copy_for_translation(locale)
                        for name, value in fields.items():
                            setattr(snippet, name, value)
                        snippet.save()
                        log(f"  ajout : {model._meta.verbose_name} « {snippet} » ({language})")
                self.snippets[(entry["key"], language)] = snippet

    # Pages

    def create_pages(self, language: str, log: Log) -> None:
        """Create the pages of ``language`` that are missing; :meth:`publish_created` publishes
        them."""
        for entry in self.entries:
            if language in entry:
                self._ensure_page(entry, language, log)
            self._done.add((entry["key"], language))

    def _ensure_page(self, entry: dict, language: str, log: Log) -> None:
        model = apps.get_model(entry["type"])
        fields = self._fields(entry, language)
        locale = self.locales[language]
        source = self.pages.get((entry["key"], SOURCE_LANGUAGE))
        try:
            if language == SOURCE_LANGUAGE:
                parent = self._parent(entry["parent"])
                match = {name: self.resolve(fields[name], language) for name in entry.get("match", ["slug"])}
                existing = model.objects.child_of(parent).filter(locale=locale, **match).first()
            elif source is None:
                return
            else:
                existing = source.get_translation_or_none(locale)
                parent = source.get_parent()
                if existing is None and parent.depth > 1:
                    parent = parent.get_translation(locale)
            if existing is not None:
                self.pages[(entry["key"], language)] = existing.specific
                return
            page, deferred = self._build(model, fields, language, log)
        except (Missing, Page.DoesNotExist) as error:
            log(f"  « {fields.get('title', entry['key'])} » non créée : {error}")
            return
        page.locale = locale
        if language != SOURCE_LANGUAGE:
            page.translation_key = source.translation_key
        # Fresh tree columns: the parent may have had children added since it was read.
        Page.objects.get(pk=parent.pk).add_child(instance=page)
        log(f"  {'page' if language == SOURCE_LANGUAGE else 'traduction'} « {page.title} » créée")
        self.pages[(entry["key"], language)] = page
        self._created.append(
            _Created(entry["key"], page, language, deferred, fields.get("add_to_parent", []))
        )

    def _parent(self, parent: str | Lookup) -> Page:
        if parent == "root":
            return Page.get_first_root_node()
        if isinstance(parent, Lookup):
            return self._lookup(parent, SOURCE_LANGUAGE)
        try:
            return self._page(parent, SOURCE_LANGUAGE)
        except _NotYet:
            raise ValueError(f"la page « {parent} » doit précéder ses enfants dans le fichier") from None

    def _build(self, model: type[Page], fields: dict, language: str, log: Log) -> tuple[Page, dict]:
        values, deferred, tags = {}, {}, {}
        for name, value in fields.items():
            if name == "add_to_parent":
                continue
            model_field = model._meta.get_field(name)
            if isinstance(model_field, StreamField):
                try:
                    values[name] = self._stream(model_field, value, language, fields["title"], log)
                except _NotYet:
                    deferred[name] = value
            elif isinstance(model_field, TaggableManager):
                tags[name] = value
            elif model_field.one_to_many:  # the rows of an inline panel (a ParentalKey)
                related = model_field.related_model
                values[name] = [related(**self.resolve(row, language)) for row in value]
            else:
                values[name] = self.resolve(value, language)
        page = model(**values)
        for name, names in tags.items():
            getattr(page, name).add(*names)
        return page, deferred

    def _stream(self, model_field: StreamField, blocks: list, language: str, title: str, log: Log) -> list:
        """The raw data of a StreamField, checked against its blocks; a block whose reference
        finds nothing is left out. Raises _NotYet when a block links a page created later."""
        raw = []
        for block in blocks:
            try:
                raw.append(_raw(self.resolve(block, language)))
            except Missing as error:
                log(f"  « {title} » : bloc « {block['type']} » omis ({error})")
        stream_block = model_field.stream_block
        try:
            stream_block.clean(stream_block.to_python(raw))
        except ValidationError as error:
            raise ValueError(f"« {title} », {model_field.name} : {error}") from error
        return raw

    def publish_created(self, log: Log) -> None:
        """Publish the pages this run created, with the blocks that waited for the tree."""
        for created in self._created:
            page = type(created.page).objects.get(pk=created.page.pk)
            for name, value in created.deferred.items():
                model_field = page._meta.get_field(name)
                setattr(page, name, self._stream(model_field, value, created.language, page.title, log))
            publish(page)
            self.pages[(created.key, created.language)] = page
            if created.add_to_parent:
                self._append_to_parent(page, created.add_to_parent, created.language, log)
        self._created = []

    def _append_to_parent(self, page: Page, blocks: list, language: str, log: Log) -> None:
        parent = page.get_parent().specific
        if not hasattr(parent, "body"):
            return
        stream_block = parent.body.stream_block
        for block in self._stream(parent._meta.get_field("body"), blocks, language, parent.title, log):
            value = stream_block.child_blocks[block["type"]].to_python(block["value"])
            parent.body.append((block["type"], value))
        publish(parent)
        log(f"  « {parent.title} » : lien vers « {page.title} » ajouté")


def load_page_tree(path: Path | str, log: Log, objects: dict[str, models.Model] | None = None) -> PageTree:
    """Create what is missing of the data file at ``path``; return the tree (its pages by key)."""
    return PageTree(read_data(path), objects).load(log)


def add_to_main_navigation(page: Page, log: Log) -> None:
    """Append ``page`` (French) to the main navigation of its site, once, keeping what is there."""
    from core.models import SiteSettings

    site = page.get_site()
    if site is None:
        return
    site_settings = SiteSettings.for_site(site)
    if any(
        block.block_type == "page" and block.value and block.value.pk == page.pk
        for block in site_settings.main_navigation
    ):
        return
    site_settings.main_navigation.append(("page", page))
    site_settings.save()
    log(f"  « {page.title} » ajoutée à la navigation principale")
