"""The URLs the benchmark measures, found in the database (each may be missing)."""

from __future__ import annotations


def find_targets() -> list[tuple[str, str | None, str]]:
    """[(label, path or None, reason when None)] for every public page type (issue 13): home,
    news index, article, press room, press release, palmarès, collectivity history, search, Atlaas
    catalogue and sheet, webinar season, cycle and session, the join page and the dues calculator."""
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

    def first_live(app_label: str, model_name: str, label: str) -> None:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            targets.append((label, None, f"no {model_name} model"))
            return
        page = model.objects.live().public().filter(locale__language_code="fr").order_by("path").first()
        targets.append((label, page.url, "") if page else (label, None, f"no live {model_name}"))

    article_model = apps.get_model("editorial", "ArticlePage")
    article = article_model.objects.live().filter(locale__language_code="fr").order_by("-date", "-pk").first()
    targets.append(("article", article.url, "") if article else ("article", None, "no live article"))
    first_live("editorial", "PressRoomPage", "press room")
    first_live("editorial", "PressReleasePage", "press release")

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

    targets.append(("search", "/recherche/?q=label", ""))

    from actions.models import ActionSheet, catalogue_page

    catalogue = catalogue_page(french)
    sheet = ActionSheet.objects.published().order_by("pk").first()
    if catalogue is None:
        targets.append(("Atlaas catalogue", None, "no live catalogue"))
        targets.append(("action sheet", None, "no live catalogue"))
    else:
        targets.append(("Atlaas catalogue", catalogue.url, ""))
        if sheet:
            sheet_path = catalogue.reverse_subpage("sheet", args=[sheet.pk]).lstrip("/")
            targets.append(("action sheet", catalogue.url + sheet_path, ""))
        else:
            targets.append(("action sheet", None, "no published sheet"))

    first_live("webinars", "SeasonPage", "webinar season")
    first_live("webinars", "CyclePage", "webinar cycle")
    from webinars.models import SessionPage

    session = SessionPage.objects.live().filter(locale__language_code="fr").upcoming().first()
    targets.append(
        ("webinar session", session.url, "") if session else ("webinar session", None, "no upcoming session")
    )

    from core.models import SiteSettings

    site_settings = SiteSettings.objects.select_related("join_page").first()
    join = site_settings.join_page if site_settings else None
    targets.append(("join page", join.url, "") if join else ("join page", None, "no join page in settings"))
    targets.append(("dues calculator", "/cotisations/?q=Villebrume", ""))
    return targets
