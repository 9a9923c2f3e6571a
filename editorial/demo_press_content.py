"""Text of the demo press room, in French and English.

Written for this project. The facts (places, dates, names of office holders, counts) come
from the 30 January 2026 press release and the 2025 press kit in ../shared/seeds/; no
sentence is copied from them and nobody is quoted.
"""

PRESS_ROOM = {
    "fr": {
        "slug": "presse",
        "title": "Espace presse",
        "introduction": (
            "Communiqués, dossiers de presse, photos et logos de Villes Internet et du Label "
            "Territoires, Villes et Villages Internet, avec les personnes à contacter."
        ),
    },
    "en": {
        "slug": "press",
        "title": "Press room",
        "introduction": (
            "Press releases, press kits, photos and logos of Villes Internet and of the "
            "Territoires, Villes et Villages Internet label, with the people to contact."
        ),
    },
}

# The seed names the agency's press officer with a personal e-mail address and mobile
# number: they are not published here. The demo uses the agency's name and role with a
# fictional address (.test domain, RFC 2606) and a number from the range ARCEP reserves for
# fiction (01 99 00 xx xx).
CONTACTS = [
    {
        "key": "agence",
        "name": "Relations presse du Label",
        "organisation": "Agence Isée",
        "email": "presse@villes-internet.test",
        "phone": "01 99 00 12 34",
        "role": {"fr": "Attachée de presse (agence)", "en": "Press officer (agency)"},
    },
    {
        "key": "association",
        "name": "Délégation générale",
        "organisation": "Villes Internet",
        "email": "contact-presse@villes-internet.test",
        "phone": "01 99 00 56 78",
        "role": {"fr": "Communication de l'association", "en": "The association's communication team"},
    },
]

RELEASE_2026 = {
    "fr": {
        "slug": "palmares-2026-agen",
        "title": "Palmarès 2026 : 213 territoires, villes et villages labellisés à Agen",
        "subtitle": "27e édition du Label Territoires, Villes et Villages Internet",
        "introduction": (
            "Le 29 janvier 2026 à Agen, lors du 7e Congrès national des élus au numérique, le jury "
            "de Villes Internet a remis le Label à 213 collectivités, de 1 à 5 arobases."
        ),
        "body": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Agen a accueilli le jeudi 29 janvier 2026 la cérémonie du Palmarès "
                    "national, au cœur du 7e Congrès national des élus au numérique organisé par "
                    "l'association Villes Internet. La soirée était placée sous le parrainage de "
                    "Gil Avérous, président de Villes de France, et accueillie par Jean Dionis du "
                    "Séjour, maire d'Agen et président de l'Agglomération d'Agen.</p>"
                    "<h2>Qui sont les labellisés 2026 ?</h2>"
                    "<p>Pour cette 27e édition, 213 collectivités reçoivent le Label : 165 villes, "
                    "40 villages et 8 territoires. Ces territoires sont des intercommunalités "
                    "(communautés de communes, d'agglomération, métropoles ou syndicats) qui "
                    "regroupent 480 communes : au total, 686 communes sont concernées, où vivent "
                    "près de 4,6 millions d'habitants.</p>"
                    "<p>Le Label est ouvert chaque année à toutes les collectivités françaises, en "
                    "métropole comme outre-mer, quelle que soit leur taille ou leur couleur "
                    "politique : l'association est transpolitique.</p>"
                ),
            },
            {
                "type": "key_figures",
                "value": {
                    "title": "Le Palmarès 2026 en chiffres",
                    "figures": [
                        {
                            "value": "213",
                            "label": "collectivités labellisées",
                            "detail": "165 villes, 40 villages, 8 territoires",
                        },
                        {
                            "value": "686",
                            "label": "communes concernées",
                            "detail": "dont 480 dans les intercommunalités labellisées",
                        },
                        {"value": "4,6 M", "label": "habitants concernés", "detail": "estimation"},
                        {"value": "10", "label": "Territoires d'excellence numérique", "detail": ""},
                        {"value": "18", "label": "mentions thématiques", "detail": ""},
                        {
                            "value": "14 930",
                            "label": "fiches actions publiées",
                            "detail": "dont plus de 3 000 nouvelles",
                        },
                    ],
                },
            },
            {
                "type": "rich_text",
                "value": (
                    "<h2>Un jury de quatorze personnalités</h2>"
                    "<p>Présidé par Didier Desponds, le jury 2026 réunit quatorze membres venus de "
                    "l'enseignement et de la recherche, des médias, des ministères, des entreprises "
                    "publiques et des associations du numérique local. Il a décerné le titre de "
                    "« Territoire d'excellence numérique » à 10 collectivités et une mention "
                    "thématique à 18 autres : médiation numérique, numérique éducatif, mise en "
                    "commun des infrastructures et usages numériques, transition écologique.</p>"
                    "<h2>Près de 15 000 actions partagées</h2>"
                    "<p>En se portant candidates, les 213 collectivités labellisées ont publié "
                    "14 930 fiches actions, dont plus de 3 000 nouvelles, consultables librement "
                    "sur l'Atlaas, la plateforme de Villes Internet. Chaque action y est classée "
                    "parmi 16 enjeux de développement du territoire, regroupés en quatre familles : "
                    "démocratie et services publics, vivre ensemble, partage des connaissances, "
                    "création de richesses.</p>"
                    "<h2>Le Label depuis 1999</h2>"
                    "<p>De 1999 à 2026, le Label a été attribué 5 798 fois, une ou plusieurs fois à "
                    "la même collectivité. 169 collectivités ont reçu une mention thématique et 47 "
                    "le titre de « Territoire d'excellence numérique ».</p>"
                ),
            },
        ],
    },
    "en": {
        "slug": "2026-awards-agen",
        "title": "2026 awards: 213 territories, towns and villages labelled in Agen",
        "subtitle": "27th edition of the Territoires, Villes et Villages Internet label",
        "introduction": (
            "On 29 January 2026 in Agen, during the 7th national congress of elected officials for "
            "digital affairs, the Villes Internet jury awarded the label to 213 local authorities, "
            "from 1 to 5 @."
        ),
        "body": [
            {
                "type": "rich_text",
                "value": (
                    "<p>Agen hosted the national awards ceremony on Thursday 29 January 2026, as "
                    "part of the 7th national congress organised by Villes Internet, under the "
                    "patronage of Gil Avérous, president of Villes de France, and hosted by Jean "
                    "Dionis du Séjour, mayor of Agen.</p>"
                    "<p>For this 27th edition, 213 local authorities are labelled: 165 towns, 40 "
                    "villages and 8 inter-municipal territories grouping 480 communes, so 686 "
                    "communes and about 4.6 million inhabitants in all. The jury of fourteen, "
                    "chaired by Didier Desponds, named 10 “Territoires d'excellence numérique” and "
                    "gave 18 thematic mentions. The labelled authorities published 14,930 action "
                    "sheets on the Atlaas platform, more than 3,000 of them new.</p>"
                ),
            },
            {
                "type": "key_figures",
                "value": {
                    "title": "The 2026 awards in figures",
                    "figures": [
                        {
                            "value": "213",
                            "label": "labelled local authorities",
                            "detail": "165 towns, 40 villages, 8 territories",
                        },
                        {"value": "686", "label": "communes concerned", "detail": ""},
                        {
                            "value": "5,798",
                            "label": "labels awarded since 1999",
                            "detail": "169 mentions, 47 TEN titles",
                        },
                    ],
                },
            },
        ],
    },
}

KIT_2025 = {
    "slug": "dossier-de-presse-2025-saint-raphael",
    "title": "Dossier de presse 2025 : Congrès de Saint-Raphaël et Palmarès du Label",
    "introduction": (
        "Le 6e Congrès national des élus au numérique, à Saint-Raphaël les 6 et 7 février 2025, "
        "et le Palmarès 2025 du Label : 226 collectivités labellisées."
    ),
    "body": [
        {
            "type": "key_figures",
            "value": {
                "title": "Le Palmarès 2025 en chiffres",
                "figures": [
                    {
                        "value": "226",
                        "label": "collectivités labellisées",
                        "detail": "169 villes, 45 villages, 12 territoires",
                    },
                    {"value": "13", "label": "Territoires d'excellence numérique", "detail": ""},
                    {"value": "10", "label": "mentions thématiques", "detail": ""},
                    {
                        "value": "15 424",
                        "label": "fiches actions publiées",
                        "detail": "par les 226 labellisés",
                    },
                    {"value": "15", "label": "membres du jury", "detail": "présidé par Didier Desponds"},
                    {
                        "value": "460",
                        "label": "membres de l'association",
                        "detail": "du village à l'eurométropole",
                    },
                ],
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>Le 6e Congrès national des élus au numérique</h2>"
                "<p>Les 6 et 7 février 2025, Saint-Raphaël reçoit élus, agents, experts et "
                "partenaires pour deux journées de débats, d'ateliers et de retours d'expérience. "
                "Le format du congrès a été repensé cette année ; il s'achève sur une motion "
                "adressée au gouvernement.</p>"
                "<h2>Le Palmarès 2025</h2>"
                "<p>Le 6 février, 226 collectivités ont reçu le Label lors de sa 26e édition : "
                "169 villes, 45 villages et 12 territoires. Le jury de quinze personnalités, "
                "présidé par Didier Desponds, a distingué 13 « Territoires d'excellence "
                "numérique » et décerné 10 mentions thématiques. Toutes les régions de métropole "
                "sont représentées ; les plus nombreuses sont l'Île-de-France (41 labellisés), "
                "les Hauts-de-France (25), Provence-Alpes-Côte d'Azur (24), le Grand Est (23) et "
                "Auvergne-Rhône-Alpes (20).</p>"
                "<h2>Carte d'identité de Villes Internet</h2>"
                "<p>Association loi 1901 imaginée en 1998 et fondée en 2002, transpolitique, "
                "Villes Internet compte 460 membres et anime un réseau de plus de 11 000 élus, "
                "agents et acteurs locaux. Ses quatre engagements :</p>"
                "<ul><li>garantir l'égalité de l'accès au numérique ;</li>"
                "<li>accompagner la stratégie numérique face à l'urgence climatique ;</li>"
                "<li>piloter les services publics numériques avec les collectivités locales ;</li>"
                "<li>prévenir et réduire durablement les risques numériques.</li></ul>"
            ),
        },
    ],
}

# The demo files are generated, not real: a fact sheet rendered to PDF from this text, and
# two pictures drawn with Pillow that say they are demonstration images.
FACT_SHEET = {
    "title": "Fiche d'identité de Villes Internet (démonstration)",
    "filename": "fiche-identite-villes-internet.pdf",
    "paragraphs": [
        "Villes Internet — fiche d'identité (document de démonstration généré pour ce site)",
        "Association loi 1901, transpolitique, imaginée en 1998 et fondée en 2002.",
        "460 membres, du village rural à l'eurométropole.",
        "Un réseau de plus de 11 000 acteurs publics locaux.",
        "Le Label Territoires, Villes et Villages Internet distingue chaque année "
        "les collectivités, de 1 à 5 @.",
        "Depuis 2019, le Congrès national des élus au numérique adopte chaque année une motion.",
    ],
}
FIGURES_SHEET = {
    "title": "Palmarès 2025 : les chiffres (démonstration)",
    "filename": "palmares-2025-chiffres.pdf",
    "paragraphs": [
        "Palmarès 2025 du Label — chiffres clés (document de démonstration généré pour ce site)",
        "226 collectivités labellisées : 169 villes, 45 villages, 12 territoires.",
        "13 Territoires d'excellence numérique et 10 mentions thématiques.",
        "15 424 fiches actions publiées par les labellisés.",
        "Cérémonie le 6 février 2025 à Saint-Raphaël, lors du 6e Congrès national des élus au numérique.",
    ],
}
PICTURES = [
    {
        "key": "logo",
        "title": "Logo de démonstration Villes Internet",
        "filename": "logo-demonstration.png",
        "lines": ["@ Villes Internet", "logo de démonstration"],
        "size": (600, 300),
        "colors": ("#123b63", "#ffffff"),
        "kind": "logo",
        "alt": "Logo de démonstration : « @ Villes Internet » en blanc sur fond bleu.",
        "caption": "Logo (image générée pour la démonstration)",
        "credit": "Villes Internet — image de démonstration",
    },
    {
        "key": "panneau",
        "title": "Panneau du Label 2025 (illustration de démonstration)",
        "filename": "panneau-label-2025.png",
        "lines": ["Territoires, Villes et", "Villages Internet 2025", "illustration de démonstration"],
        "size": (1200, 800),
        "colors": ("#ffffff", "#a63c0a"),
        "kind": "photo",
        "alt": "Illustration dessinée d'un panneau d'entrée de ville portant le Label 2025.",
        "caption": "Le panneau du Label, symbole des collectivités labellisées",
        "credit": "Villes Internet — illustration générée pour la démonstration",
    },
]
