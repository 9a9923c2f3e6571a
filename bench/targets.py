"""The URLs the benchmark measures, found in the database (each may be missing)."""

from __future__ import annotations


def find_targets() -> list[tuple[str, str | None, str]]:
    """[(label, path or None, reason when None)] for home, news index, palmarès, collectivity."""
    from django.apps import apps
    from wagtail.models import Locale

    targets: list[tuple[str, str | None, str]] = [("home", "/", "")]

    try:
        index_model = apps.get_model("editorial", "NewsIndexPage")
    except LookupError:
        targets.append(("news index", None, "no NewsIndexPage model"))
    else:
        index = index_model.objects.live().filter(locale__language_code="fr").first()
        targets.append(("news index", index.url, "") if index else ("news index", None, "no live news index"))

    from django.db.models import Count

    from label.models import PalmaresPage, collectivity_history_url
    from territories.models import Collectivity

    french = Locale.objects.filter(language_code="fr").first()
    palmares = PalmaresPage.objects.published(french).first() if french else None  # the newest edition
    targets.append(
        ("palmarès", palmares.url, "") if palmares else ("palmarès", None, "no live palmarès page")
    )

    # The busiest kind of page: the generated collectivity with the most labellisations.
    collectivity = (
        Collectivity.objects.filter(slug__startswith="bench-")
        .annotate(editions=Count("labellisations"))
        .order_by("-editions", "slug")
        .first()
    )
    url = collectivity_history_url(collectivity) if collectivity else ""
    if collectivity is None:
        targets.append(("collectivity", None, "no collectivity"))
    elif not url:
        targets.append(("collectivity", None, "no live palmarès index to serve the history page"))
    else:
        targets.append(("collectivity", url, ""))

    from webinars.models import SessionPage

    session = SessionPage.objects.live().filter(locale__language_code="fr").upcoming().first()
    targets.append(
        ("webinar session", session.url, "") if session else ("webinar session", None, "no upcoming session")
    )
    return targets
