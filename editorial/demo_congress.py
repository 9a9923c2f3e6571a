"""Demo congress editions (Saint-Raphaël 2025, Agen 2026), in French and English.

Facts from the seeds in ../shared/seeds/ (press kit 2025, press releases 2026); every sentence
is written for this project. Idempotent: an edition that already exists (same slug under
"Le Congrès") is left as it is. Needs the page tree of home.demo (run it first).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import transaction
from wagtail.models import Locale, Page

from core.demo import ensure_translation
from editorial.models import CongressPage, StandardPage

Log = Callable[[str], None]

VILLES_INTERNET_SPEAKERS_2025 = {
    "fr": [
        ("Carole Déjean-Simoniti", "vice-présidente de Villes Internet, adjointe au maire d'Agen (47)"),
        (
            "Fabien Benoit",
            "trésorier adjoint de Villes Internet, conseiller municipal délégué de Charenton-le-Pont (94)",
        ),
        ("Mathieu Vidal", "président de Villes Internet, adjoint au maire d'Albi (81)"),
        ("Serge Rocchi", "administrateur de Villes Internet, conseiller municipal de Rueil-Malmaison (78)"),
    ],
    "en": [
        ("Carole Déjean-Simoniti", "vice-president of Villes Internet, deputy mayor of Agen (47)"),
        ("Fabien Benoit", "deputy treasurer of Villes Internet, town councillor of Charenton-le-Pont (94)"),
        ("Mathieu Vidal", "president of Villes Internet, deputy mayor of Albi (81)"),
        ("Serge Rocchi", "board member of Villes Internet, town councillor of Rueil-Malmaison (78)"),
    ],
}


def _speakers(pairs: list[tuple[str, str]]) -> list[dict]:
    return [{"name": name, "role": role} for name, role in pairs]


def _session(
    date: datetime.date | None, time: datetime.time | None, title: str, description: str, speakers=()
):
    return {
        "type": "session",
        "value": {
            "date": date,
            "time": time,
            "title": title,
            "description": description,
            "speakers": _speakers(list(speakers)),
        },
    }


def _saint_raphael(lang: str) -> dict:
    feb6, feb7 = datetime.date(2025, 2, 6), datetime.date(2025, 2, 7)
    fr = lang == "fr"
    programme = [
        _session(
            feb6,
            None,
            "Cérémonie du 26e label Territoires, Villes et Villages Internet"
            if fr
            else "Ceremony of the 26th Territoires, Villes et Villages Internet label",
            (
                "Le jury remet le label à 226 collectivités : 169 villes, 45 villages et 12 territoires."
                if fr
                else "The jury awards the label to 226 local authorities: "
                "169 towns, 45 villages and 12 territories."
            ),
            [("Mathieu Vidal", "président de Villes Internet" if fr else "president of Villes Internet")],
        ),
        _session(
            feb6,
            datetime.time(17, 0),
            "Table ronde : communiquer sur les services numériques locaux"
            if fr
            else "Round table: communicating about local digital services",
            (
                "Ce que le nouveau service de l'association, prévu pour mars 2025, apportera aux "
                "collectivités : communication publique envers les citoyens, valorisation des projets, "
                "recul stratégique avant les mandatures de 2026."
                if fr
                else "What the association's new service, planned for March 2025, will bring local "
                "authorities: public communication towards citizens, showcasing projects, and a "
                "strategic step back before the 2026 terms of office."
            ),
            [
                (
                    "Fatima El Ouasdi",
                    "adjointe au maire de Rueil-Malmaison (92)"
                    if fr
                    else "deputy mayor of Rueil-Malmaison (92)",
                ),
                ("Marc Lecerf", "maire de Fleury-sur-Orne (14)" if fr else "mayor of Fleury-sur-Orne (14)"),
                (
                    "Michaël Bideault",
                    "directeur de l'ingénierie des connaissances, "
                    "responsable du laboratoire avec les collectivités"
                    if fr
                    else "head of knowledge engineering, "
                    "in charge of the laboratory run with local authorities",
                ),
            ],
        ),
        _session(
            None,
            None,
            "Matinées thématiques : les quatre engagements de la feuille de route 2024-2026"
            if fr
            else "Themed mornings: the four commitments of the 2024-2026 roadmap",
            (
                "Égalité d'accès au numérique, stratégie numérique responsable, pilotage des services "
                "publics avec les collectivités, prévention des risques numériques : chaque élu "
                "engagé dans la gouvernance de l'association anime une matinée, avec le bilan 2024, "
                "les objectifs 2025 et une nouvelle proposition à transmettre aux ministères."
                if fr
                else "Equal access to digital services, a responsible digital strategy, steering public "
                "services with local authorities, preventing digital risks: each elected official on "
                "the association's board leads a morning, with the 2024 review, the 2025 goals and a "
                "new proposal to send to the ministries."
            ),
            VILLES_INTERNET_SPEAKERS_2025[lang],
        ),
        _session(
            feb7,
            None,
            "Ateliers et retours d'expérience" if fr else "Workshops and experience sharing",
            (
                "Élus, agents, experts et partenaires partagent leurs projets, de la commune rurale "
                "à l'intercommunalité."
                if fr
                else "Elected officials, staff, experts and partners share their projects, from the "
                "rural commune to the intercommunal authority."
            ),
        ),
    ]
    return {
        "slug": "saint-raphael-2025",
        "title": "6e Congrès · Saint-Raphaël 2025" if fr else "6th congress · Saint-Raphaël 2025",
        "introduction": (
            "Les 6 et 7 février 2025, Saint-Raphaël a accueilli une édition repensée du Congrès, "
            "ouverte aux maires, aux agents, aux citoyens et aux entreprises."
            if fr
            else "On 6 and 7 February 2025, Saint-Raphaël hosted a redesigned edition of the congress, "
            "open to mayors, staff, citizens and businesses."
        ),
        "edition_number": 6,
        "start_date": datetime.date(2025, 2, 6),
        "end_date": feb7,
        "city": "Saint-Raphaël",
        "host": (
            "Frédéric Masquelier, maire de Saint-Raphaël, président d'Estérel Côte d'Azur Agglomération"
            if fr
            else "Frédéric Masquelier, mayor of Saint-Raphaël, president of Estérel Côte d'Azur Agglomération"
        ),
        "patron": (
            "David Lisnard, maire de Cannes, président de l'Association des maires de France"
            if fr
            else "David Lisnard, mayor of Cannes, president of the Association of French Mayors"
        ),
        "programme": programme,
        "partners": [
            {"type": "partner", "value": {"name": "SICTIAM", "url": "", "logo": None}},
            {
                "type": "partner",
                "value": {"name": "Département du Var" if fr else "Var département", "url": "", "logo": None},
            },
        ],
        "palmares_year": 2025,
    }


def _agen(lang: str) -> dict:
    jan29, jan30 = datetime.date(2026, 1, 29), datetime.date(2026, 1, 30)
    fr = lang == "fr"
    programme = [
        _session(
            jan29,
            None,
            "Cérémonie du 27e label Territoires, Villes et Villages Internet"
            if fr
            else "Ceremony of the 27th Territoires, Villes et Villages Internet label",
            (
                "213 collectivités labellisées de 1 à 5 @ : 165 villes, 40 villages et 8 territoires ; "
                "10 titres « Territoire d'excellence numérique » et 18 mentions thématiques."
                if fr
                else "213 local authorities awarded 1 to 5 @: 165 towns, 40 villages and 8 territories; "
                "10 “Territoire d'excellence numérique” titles and 18 thematic mentions."
            ),
            [
                ("Mathieu Vidal", "président de Villes Internet" if fr else "president of Villes Internet"),
                ("Didier Desponds", "président du jury 2026" if fr else "president of the 2026 jury"),
            ],
        ),
        _session(
            None,
            None,
            "Lancement du Tour de France de la transformation numérique des territoires"
            if fr
            else "Launch of the tour of France of the digital transformation of territories",
            (
                "L'État lance sa tournée de trois ans auprès des collectivités, portée notamment par la "
                "Dinum, l'ANCT et l'Anssi, pour décliner la feuille de route nationale 2025-2027."
                if fr
                else "The State launches its three-year tour of local authorities, led in particular by "
                "Dinum, ANCT and Anssi, to roll out the 2025-2027 national roadmap."
            ),
        ),
        _session(
            None,
            None,
            "Les défis du numérique local" if fr else "The challenges of local digital policy",
            (
                "Sobriété numérique, accessibilité des services en ligne, cybersécurité des "
                "collectivités, données publiques et intelligence artificielle dans l'action publique."
                if fr
                else "Digital sobriety, accessibility of online services, cybersecurity of local "
                "authorities, public data and artificial intelligence in public action."
            ),
        ),
    ]
    return {
        "slug": "agen-2026",
        "title": "7e Congrès · Agen 2026" if fr else "7th congress · Agen 2026",
        "introduction": (
            "Les 29 et 30 janvier 2026, Agen a accueilli deux jours d'échanges sur la transformation "
            "numérique des territoires et la remise du palmarès 2026."
            if fr
            else "On 29 and 30 January 2026, Agen hosted two days of debate on the digital "
            "transformation of territories and the 2026 awards ceremony."
        ),
        "edition_number": 7,
        "start_date": jan29,
        "end_date": jan30,
        "city": "Agen",
        "host": (
            "Jean Dionis du Séjour, maire d'Agen, président de l'Agglomération d'Agen"
            if fr
            else "Jean Dionis du Séjour, mayor of Agen, president of the Agen agglomeration"
        ),
        "patron": (
            "Gil Avérous, président de Villes de France, maire de Châteauroux"
            if fr
            else "Gil Avérous, president of Villes de France, mayor of Châteauroux"
        ),
        "programme": programme,
        "partners": [],
        "palmares_year": 2026,
    }


EDITIONS = (_saint_raphael, _agen)


@transaction.atomic
def load(log: Log) -> dict[str, int]:
    """Create the two congress editions under "Le Congrès" and their English translations."""

    french = Locale.objects.get(language_code="fr")
    english, _ = Locale.objects.get_or_create(language_code="en")
    parent = StandardPage.objects.filter(locale=french, slug="congres", depth=3).first()
    if parent is None:
        log("  page « Le Congrès » absente : éditions du Congrès non créées")
        return {"éditions du Congrès": CongressPage.objects.count()}
    for build in EDITIONS:
        data = build("fr")
        page = Page.objects.child_of(parent).filter(slug=data["slug"]).specific().first()
        if page is None:
            parent = StandardPage.objects.get(pk=parent.pk)
            page = parent.add_child(instance=CongressPage(locale=french, **data))
            page.save_revision().publish()
            log(f"  page « {page.title} » créée")
        if parent.get_translation_or_none(english) is not None:
            ensure_translation(page, english, build("en"), log)
    return {"éditions du Congrès": CongressPage.objects.count()}
