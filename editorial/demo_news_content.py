"""Text of the demo news, in French (and English for the latest articles).

Written for this project; the facts (names, dates, counts) come from the press releases and
the 2025 press kit in ../shared/seeds/. Each article: slug, date, categories (category keys),
tags, title, teaser, body (raw StreamField data), and optionally "en" with its translation.
"""

import datetime

INDEX = {
    "fr": {
        "slug": "actualites",
        "title": "Actualités",
        "introduction": (
            "La vie de l'association, du label Territoires, Villes et Villages Internet, "
            "du Congrès national des élus au numérique et de la plateforme Atlaas."
        ),
    },
    "en": {
        "slug": "news",
        "title": "News",
        "introduction": (
            "News of the association, of the Territoires, Villes et Villages Internet label, "
            "of the national congress of elected officials for digital affairs and of the Atlaas platform."
        ),
    },
}

CATEGORIES = [
    {"key": "label", "fr": ("Label", "label"), "en": ("Label", "label")},
    {"key": "congres", "fr": ("Congrès", "congres"), "en": ("Congress", "congress")},
    {"key": "association", "fr": ("Association", "association"), "en": ("Association", "association")},
    {"key": "atlaas", "fr": ("Atlaas", "atlaas"), "en": ("Atlaas", "atlaas")},
]


def _text(*paragraphs: str) -> dict:
    return {"type": "rich_text", "value": "".join(paragraphs)}


def _figures(title: str, figures: list[tuple[str, str, str]]) -> dict:
    return {
        "type": "key_figures",
        "value": {
            "title": title,
            "figures": [
                {"value": value, "label": label, "detail": detail} for value, label, detail in figures
            ],
        },
    }


ARTICLES = [
    {
        "slug": "5e-congres-palais-du-luxembourg",
        "date": datetime.date(2023, 10, 17),
        "categories": ["congres"],
        "tags": ["Congrès des élus au numérique", "Motion"],
        "title": "Le 5e Congrès des élus au numérique s'est tenu au Palais du Luxembourg",
        "teaser": (
            "Le 16 octobre 2023, élus et agents se sont retrouvés au Sénat pour la 5e édition du "
            "Congrès national des élus au numérique. Leurs travaux nourrissent une nouvelle motion."
        ),
        "body": [
            _text(
                "<p>Pour sa cinquième édition, le Congrès national des élus au numérique a posé ses "
                "valises au Palais du Luxembourg, le 16 octobre 2023. Le choix du Sénat n'est pas "
                "anodin : depuis 2019, chaque congrès cherche à faire entendre auprès de l'État et des "
                "parlementaires ce que les collectivités vivent sur le terrain.</p>",
                "<h2>Une motion écrite à plusieurs mains</h2>"
                "<p>Les idées exprimées pendant les trois mois de préparation, dans les groupes de "
                "travail puis en séance plénière, ont été regroupées par thème pour rédiger une motion "
                "commune. Ce texte servira de socle aux engagements de l'association pour les années "
                "à venir.</p>",
            )
        ],
    },
    {
        "slug": "feuille-de-route-2024-2026",
        "date": datetime.date(2024, 5, 21),
        "categories": ["association"],
        "tags": ["Feuille de route", "Motion"],
        "title": "Feuille de route 2024-2026 : quatre engagements pour un numérique citoyen",
        "teaser": (
            "Issue de la motion du 5e Congrès, la feuille de route de Villes Internet fixe quatre "
            "engagements jusqu'en 2026, portés chacun par un élu membre de l'association."
        ),
        "body": [
            _text(
                "<p>Villes Internet a présenté en mai 2024 sa feuille de route triennale. Elle "
                "reprend les propositions de la motion du 5e Congrès et les organise en quatre "
                "engagements :</p>"
                "<ol><li>garantir l'égalité d'accès au numérique ;</li>"
                "<li>accompagner une stratégie numérique responsable face à l'urgence de la "
                "transition écologique ;</li>"
                "<li>piloter les services publics avec les collectivités locales ;</li>"
                "<li>prévenir et réduire durablement les risques numériques.</li></ol>",
                "<h2>Des élus aux commandes</h2>"
                "<p>Chaque engagement est suivi par un élu membre de la gouvernance, entouré de "
                "membres experts, au fil de groupes de travail, de formations et de projets menés "
                "avec les collectivités adhérentes.</p>",
            )
        ],
    },
    {
        "slug": "jury-du-label-2025",
        "date": datetime.date(2025, 1, 14),
        "categories": ["label"],
        "tags": ["Jury", "Palmarès"],
        "title": "Le jury du label 2025 au travail sous la présidence de Didier Desponds",
        "teaser": (
            "Quinze personnalités examinent les candidatures au 26e label Territoires, Villes et "
            "Villages Internet. Le jury est présidé par le géographe Didier Desponds."
        ),
        "body": [
            _text(
                "<p>Enseignement et recherche, médias, ministères, entreprises publiques, "
                "associations du numérique local : le jury 2025 réunit quinze personnalités aux "
                "regards complémentaires. Il est présidé par Didier Desponds, professeur des "
                "universités en géographie urbaine et sociale à CY Cergy Paris Université.</p>",
                "<p>Souverain dans son évaluation, le jury attribue à chaque collectivité candidate "
                "de une à cinq arobases, distingue les collectivités qui font école par le titre de "
                "Territoire d'excellence numérique et décerne des mentions thématiques.</p>",
            )
        ],
    },
    {
        "slug": "saint-raphael-accueille-le-6e-congres",
        "date": datetime.date(2025, 1, 22),
        "categories": ["congres"],
        "tags": ["Congrès des élus au numérique", "Saint-Raphaël"],
        "title": "Saint-Raphaël accueille le 6e Congrès les 6 et 7 février 2025",
        "teaser": (
            "Le 6e Congrès national des élus au numérique se tiendra à Saint-Raphaël, dans le Var, "
            "les 6 et 7 février 2025, avec un format repensé autour des quatre engagements."
        ),
        "body": [
            _text(
                "<p>Après le Sénat en 2023, le Congrès national des élus au numérique prend la "
                "direction de Saint-Raphaël. Ses deux journées, les 6 et 7 février 2025, sont "
                "placées sous le parrainage de David Lisnard, maire de Cannes.</p>",
                "<h2>Une matinée par engagement</h2>"
                "<p>Les élus qui portent les quatre engagements de la feuille de route animeront "
                "chacun une matinée : bilan de 2024, objectifs pour 2025 et propositions nouvelles, "
                "qui seront transmises aux ministères concernés. Le palmarès du label sera remis "
                "pendant le congrès.</p>",
            )
        ],
    },
    {
        "slug": "palmares-2025-226-collectivites-labellisees",
        "date": datetime.date(2025, 2, 7),
        "categories": ["label"],
        "tags": ["Palmarès", "Territoire d'excellence numérique"],
        "title": "Palmarès 2025 : 226 collectivités labellisées à Saint-Raphaël",
        "teaser": (
            "Le 6 février 2025, le 26e label Territoires, Villes et Villages Internet a distingué "
            "226 collectivités : 169 villes, 45 villages et 12 territoires."
        ),
        "body": [
            _text(
                "<p>La cérémonie du 26e label s'est déroulée le 6 février 2025 pendant le 6e Congrès "
                "national des élus au numérique, à Saint-Raphaël. De la plus petite commune à "
                "l'eurométropole, les lauréats montrent que l'innovation numérique publique n'est "
                "pas réservée aux grandes villes.</p>",
                "<p>Treize collectivités ont reçu le titre de Territoire d'excellence numérique et "
                "dix une mention thématique.</p>",
            ),
            _figures(
                "Le palmarès 2025 en chiffres",
                [
                    ("226", "collectivités labellisées", "169 villes, 45 villages, 12 territoires"),
                    ("13", "Territoires d'excellence numérique", ""),
                    ("10", "mentions thématiques", ""),
                    ("15 424", "fiches actions publiées", "par les collectivités lauréates"),
                ],
            ),
        ],
    },
    {
        "slug": "retour-sur-le-congres-de-saint-raphael",
        "date": datetime.date(2025, 2, 11),
        "categories": ["congres"],
        "tags": ["Congrès des élus au numérique", "Intelligence artificielle", "Cybersécurité"],
        "title": "Retour sur le Congrès de Saint-Raphaël : l'IA et la cybersécurité au cœur des débats",
        "teaser": (
            "Deux jours d'échanges à Saint-Raphaël ont montré combien l'intelligence artificielle "
            "et la protection des systèmes d'information occupent désormais les élus."
        ),
        "body": [
            _text(
                "<p>Les 6 et 7 février 2025, le 6e Congrès national des élus au numérique a réuni "
                "à Saint-Raphaël élus, agents et partenaires. Parrain de l'édition, David Lisnard a "
                "appelé à accompagner la révolution technologique pour en tirer tous les "
                "bénéfices.</p>",
                "<h2>Ce qui a marqué les débats</h2>"
                "<ul><li>L'intelligence artificielle, ses promesses de gain de temps et les "
                "questions qu'elle pose sur les métiers publics.</li>"
                "<li>La cybersécurité, face à la multiplication des attaques contre les "
                "collectivités.</li>"
                "<li>L'inclusion, pour qu'aucun habitant ne reste à l'écart des services "
                "publics numériques.</li></ul>",
            )
        ],
    },
    {
        "slug": "webinaires-c-est-pour-vous-nouvelle-saison",
        "date": datetime.date(2025, 2, 27),
        "categories": ["association"],
        "tags": ["Webinaires"],
        "title": "Webinaires « C'est pour vous » : une nouvelle saison en quatre cycles",
        "teaser": (
            "Présentée en ligne le 27 février 2025, la nouvelle saison des webinaires réservés aux "
            "membres s'organise en quatre cycles thématiques."
        ),
        "body": [
            _text(
                "<p>Annoncée au Congrès de Saint-Raphaël, la nouvelle saison des webinaires "
                "« C'est pour vous » a été présentée à distance le 27 février 2025. Elle s'adresse "
                "à tout le réseau des collectivités membres, élus comme agents.</p>",
                "<p>Quatre cycles thématiques la composent : de quoi suivre l'actualité ensemble, "
                "partager ses questions et ses projets phares, et bénéficier de l'éclairage "
                "d'experts sur les enjeux nationaux.</p>",
            )
        ],
    },
    {
        "slug": "atlaas-nouveau-service-mars-2025",
        "date": datetime.date(2025, 3, 10),
        "categories": ["atlaas"],
        "tags": ["Atlaas", "Fiches actions"],
        "title": "Atlaas : un nouveau service pour valoriser vos actions numériques",
        "teaser": (
            "Depuis mars 2025, les collectivités peuvent tirer de leurs fiches Atlaas des documents "
            "mis en page pour présenter leur politique numérique."
        ),
        "body": [
            _text(
                "<p>Conçue par Villes Internet dès 2016, la plateforme Atlaas rassemble la plus "
                "grande base d'actions numériques locales françaises. Ses interfaces et ses "
                "parcours évoluent pour faciliter la recherche, la mise en commun des réalisations "
                "et l'analyse des politiques publiques numériques.</p>",
                "<h2>Des documents prêts à partager</h2>"
                "<p>Le nouveau service ouvert en mars 2025 produit, à partir des actions "
                "renseignées, des documents synthétiques et mis en page : pour en discuter entre "
                "élus et services, se comparer à des territoires semblables et présenter les "
                "actions phares aux habitants, à l'approche des mandatures de 2026.</p>",
            )
        ],
    },
    {
        "slug": "territoire-d-excellence-numerique",
        "date": datetime.date(2025, 4, 8),
        "categories": ["label"],
        "tags": ["Territoire d'excellence numérique"],
        "title": "Territoire d'excellence numérique : un titre pour les collectivités qui font école",
        "teaser": (
            "Depuis 2021, le jury réserve ce titre aux collectivités labellisées 5 arobases pendant "
            "plus d'un mandat. Explications."
        ),
        "body": [
            _text(
                "<p>Le titre de Territoire d'excellence numérique distingue des collectivités déjà "
                "labellisées au niveau le plus élevé, cinq arobases, pendant plus d'un mandat "
                "électoral, soit plus de sept années consécutives.</p>",
                "<p>Le jury y reconnaît une prise en compte globale du numérique dans toutes les "
                "politiques publiques, et des pratiques qui inspirent le reste du réseau.</p>",
            )
        ],
    },
    {
        "slug": "agen-accueillera-le-7e-congres",
        "date": datetime.date(2026, 1, 8),
        "categories": ["congres"],
        "tags": ["Congrès des élus au numérique", "Agen"],
        "title": "Agen accueillera le 7e Congrès les 29 et 30 janvier 2026",
        "teaser": (
            "Sobriété, inclusion, cybersécurité, intelligence artificielle : le 7e Congrès "
            "national des élus au numérique se réunit à Agen fin janvier 2026."
        ),
        "body": [
            _text(
                "<p>Le Congrès national des élus au numérique se tiendra les 29 et 30 janvier 2026 "
                "à Agen, en Lot-et-Garonne. Ces deux journées aborderont la sobriété numérique, "
                "l'accessibilité des services en ligne, la cybersécurité des collectivités, les "
                "données publiques et l'intelligence artificielle dans l'action publique.</p>",
                "<p>La remise du palmarès 2026 du label aura lieu pendant le congrès.</p>",
            )
        ],
    },
    {
        "slug": "palmares-2026-213-collectivites-labellisees",
        "date": datetime.date(2026, 1, 30),
        "categories": ["label"],
        "tags": ["Palmarès", "Territoire d'excellence numérique"],
        "title": "Palmarès 2026 : 213 collectivités labellisées à Agen",
        "teaser": (
            "Le 29 janvier 2026, le 27e label Territoires, Villes et Villages Internet a distingué "
            "213 collectivités : 165 villes, 40 villages et 8 territoires."
        ),
        "body": [
            _text(
                "<p>Remis pendant le 7e Congrès national des élus au numérique, à Agen, le palmarès "
                "2026 concerne 686 communes et près de 4,6 millions d'habitants. Dix collectivités "
                "ont reçu le titre de Territoire d'excellence numérique et dix-huit une mention "
                "thématique.</p>",
            ),
            _figures(
                "Le palmarès 2026 en chiffres",
                [
                    ("213", "collectivités labellisées", "165 villes, 40 villages, 8 territoires"),
                    ("686", "communes concernées", "près de 4,6 millions d'habitants"),
                    ("10", "Territoires d'excellence numérique", ""),
                    ("18", "mentions thématiques", ""),
                    ("14 930", "fiches actions publiées", "par les collectivités lauréates"),
                ],
            ),
        ],
        "en": {
            "slug": "2026-awards-213-local-authorities-labelled",
            "tags": ["Awards", "Territory of digital excellence"],
            "title": "2026 awards: 213 local authorities labelled in Agen",
            "teaser": (
                "On 29 January 2026, the 27th Territoires, Villes et Villages Internet label "
                "recognised 213 local authorities: 165 towns, 40 villages and 8 territories."
            ),
            "body": [
                _text(
                    "<p>Presented during the 7th national congress of elected officials for digital "
                    "affairs in Agen, the 2026 awards cover 686 municipalities and about 4.6 million "
                    "inhabitants. Ten local authorities received the title of Territory of digital "
                    "excellence and eighteen a thematic mention.</p>",
                ),
                _figures(
                    "The 2026 awards in figures",
                    [
                        ("213", "labelled local authorities", "165 towns, 40 villages, 8 territories"),
                        ("686", "municipalities", "about 4.6 million inhabitants"),
                        ("10", "Territories of digital excellence", ""),
                        ("18", "thematic mentions", ""),
                        ("14,930", "action sheets published", "by the labelled local authorities"),
                    ],
                ),
            ],
        },
    },
    {
        "slug": "agen-lancement-du-tour-de-france-tnt",
        "date": datetime.date(2026, 2, 2),
        "categories": ["congres"],
        "tags": ["Congrès des élus au numérique", "Agen", "Cybersécurité"],
        "title": "À Agen, le lancement du Tour de France de la transformation numérique des territoires",
        "teaser": (
            "Le 7e Congrès a été l'occasion pour l'État de lancer un tour de France de trois ans "
            "à la rencontre des collectivités."
        ),
        "body": [
            _text(
                "<p>Temps fort du congrès d'Agen, les 29 et 30 janvier 2026 : le lancement officiel "
                "du Tour de France de la transformation numérique des territoires. Porté notamment "
                "par la Dinum, l'ANCT et l'Anssi, il décline sur le terrain la feuille de route "
                "nationale 2025-2027.</p>",
                "<h2>Trois ans sur le terrain</h2>"
                "<p>Pendant trois ans, l'initiative ira au-devant des collectivités pour présenter "
                "l'offre de services de l'État et construire avec elles des réponses : outils "
                "numériques souverains mutualisés, accessibilité, cybersécurité, valorisation des "
                "données et usages de l'intelligence artificielle.</p>",
            )
        ],
        "en": {
            "slug": "agen-launch-of-the-digital-transformation-tour",
            "tags": ["Congress", "Cybersecurity"],
            "title": "In Agen, the launch of a tour of France on the digital transformation of territories",
            "teaser": (
                "The 7th congress was the occasion for the State to launch a three-year tour to meet "
                "local authorities."
            ),
            "body": [
                _text(
                    "<p>A highlight of the Agen congress on 29 and 30 January 2026 was the official "
                    "launch of the Tour de France of the digital transformation of territories. Led "
                    "among others by Dinum, ANCT and Anssi, it brings the national 2025-2027 roadmap "
                    "to the field.</p>",
                    "<p>For three years, the tour will meet local authorities to present the State's "
                    "services and build answers with them: shared sovereign digital tools, "
                    "accessibility, cybersecurity, data and the uses of artificial intelligence.</p>",
                )
            ],
        },
    },
    {
        "slug": "jury-2026-le-label-revelateur-des-mutations",
        "date": datetime.date(2026, 2, 9),
        "categories": ["label", "association"],
        "tags": ["Jury", "Palmarès"],
        "title": "Jury 2026 : « le label fonctionne comme un révélateur des mutations en cours »",
        "teaser": (
            "Président du jury, Didier Desponds lit dans la stabilité des chiffres du palmarès 2026 "
            "des usages numériques qui, eux, évoluent vite."
        ),
        "body": [
            _text(
                "<p>Quatorze personnalités composaient le jury de la 27e édition, présidé de "
                "nouveau par Didier Desponds. D'une année sur l'autre, les chiffres du palmarès "
                "restent stables ; ils montrent surtout que les initiatives numériques ne sont pas "
                "l'apanage des grandes villes.</p>",
            ),
            {
                "type": "quote",
                "value": {
                    "quote": (
                        "S'inscrivant dans la durée longue d'un quart de siècle, le label fonctionne "
                        "comme un révélateur des mutations en cours."
                    ),
                    "author": "Didier Desponds",
                    "role": "Président du jury 2026",
                },
            },
        ],
        "en": {
            "slug": "2026-jury-the-label-reveals-ongoing-changes",
            "tags": ["Jury", "Awards"],
            "title": "2026 jury: “the label reveals the changes under way”",
            "teaser": (
                "The president of the jury, Didier Desponds, sees behind the stable figures of the "
                "2026 awards digital practices that change fast."
            ),
            "body": [
                _text(
                    "<p>Fourteen people made up the jury of the 27th edition, chaired again by "
                    "Didier Desponds. The figures of the awards are stable from one year to the "
                    "next; above all they show that digital initiatives are not reserved to large "
                    "cities.</p>",
                ),
                {
                    "type": "quote",
                    "value": {
                        "quote": (
                            "Over a quarter of a century, the label works as a revealer of the "
                            "changes under way."
                        ),
                        "author": "Didier Desponds",
                        "role": "President of the 2026 jury",
                    },
                },
            ],
        },
    },
]
