"""Documents of members-only pages: kept in a private collection, served only through Django.

Every document (Wagtail's document library) is served by Django's view at
``/documents/<id>/<file name>`` (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), never by the web
server from ``MEDIA_ROOT`` (docs/operations.md). A document is private when its collection, or
one of that collection's ancestors, carries a Wagtail view restriction "connected people"
(``CollectionViewRestriction``, type ``login``). On this site such a restriction means
"members": Wagtail's own ``before_serve_document`` hook asks anonymous people to log in, and
the members app's hook (members/wagtail_hooks.py) refuses logged-in people who may not open
members-only pages.

When a members-only page (flagged, or under a flagged page) is published, the documents it uses
(document choosers, links in rich text, document lists) are moved into the private collection
"Documents réservés aux membres", created on first need. Moving is automatic rather than a
refusal at publication: the page stays publishable, and a document an editor forgot cannot stay
public. A document used both on a public page and on a members-only page becomes private too:
what a members-only page carries is never left readable by everyone.
"""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, Page
from wagtail.models.reference_index import ReferenceIndex

logger = logging.getLogger(__name__)

PRIVATE_COLLECTION_NAME = "Documents réservés aux membres"


def private_collections() -> Q:
    """A filter on collections matching the private ones and their descendants."""
    condition = Q(pk__in=[])
    restricted = Collection.objects.filter(view_restrictions__restriction_type=BaseViewRestriction.LOGIN)
    for path in restricted.values_list("path", flat=True).distinct():
        condition |= Q(path__startswith=path)
    return condition


def is_private(document) -> bool:
    """True if the document sits in a collection restricted to connected people (members)."""
    return any(
        restriction.restriction_type == BaseViewRestriction.LOGIN
        for restriction in document.collection.get_view_restrictions()
    )


def private_collection() -> Collection:
    """The collection where the documents of members-only pages go, created on first need.

    It is found by its restriction, not its name, so that an editor may rename it."""
    found = (
        Collection.objects.filter(view_restrictions__restriction_type=BaseViewRestriction.LOGIN)
        .order_by("path")
        .first()
    )
    if found is not None:
        return found
    with transaction.atomic():
        collection = Collection.get_first_root_node().add_child(name=PRIVATE_COLLECTION_NAME)
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.LOGIN
        )
    return collection


def documents_used_by(page: Page) -> set[int]:
    """Primary keys of the documents a page uses: fields, StreamField blocks, rich text links and
    inline child objects, found the way Wagtail's reference index finds them."""
    document_type = ContentType.objects.get_for_model(get_document_model())
    # Scan the object itself: the reference index is updated by a background task, so it may
    # not know the revision being published yet.
    return {
        int(object_id)
        for content_type_id, object_id, _model_path, _content_path in (
            ReferenceIndex._extract_references_from_object(page)
        )
        if content_type_id == document_type.pk and str(object_id).isdigit()
    }


def make_documents_private(page: Page, descendants: bool = False) -> int:
    """Move the documents of a members-only page into the private collection, with those of its
    live descendants when ``descendants`` is true or the page itself is flagged. Returns how many
    moved."""
    pages = [page]
    if descendants or getattr(page, "members_only", False):
        pages += list(page.get_descendants().live().specific())
    used: set[int] = set()
    for each in pages:
        used |= documents_used_by(each)
    if not used:
        return 0
    Document = get_document_model()
    to_move = Document.objects.filter(pk__in=used).exclude(
        collection__in=Collection.objects.filter(private_collections())
    )
    moved = to_move.update(collection=private_collection()) if to_move.exists() else 0
    if moved:
        logger.info("%s document(s) of members-only page %s moved to the private collection", moved, page.pk)
    return moved


def private_document_headers(response, document) -> None:
    """A private document's answers (the file, a refusal, a redirect) are never kept by a shared
    cache."""
    if is_private(document):
        patch_cache_control(response, private=True, no_store=True)


def serve_document(request, document_id: int, document_filename: str):
    """Wagtail's document view (its ``before_serve_document`` hooks decide who gets the file),
    with the answers about a private document marked ``private, no-store``."""
    from django.http import Http404
    from wagtail.documents.views.serve import serve

    response = serve(request, document_id, document_filename)
    document = get_document_model().objects.filter(pk=document_id).select_related("collection").first()
    if document is None:
        raise Http404
    private_document_headers(response, document)
    return response
