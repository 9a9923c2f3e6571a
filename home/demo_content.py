"""Text of the demo pages, in French and English.

Written for this project; the facts (names, years, counts) come from the press releases and
the 2025 press kit in ../shared/seeds/. Each page is a dict: slug, title, introduction and
body (raw StreamField data). `{page:<key>}` in a link is replaced by the id of that page.
"""

MAIN_PAGES = [
    {
        "key": "association",
        "fr": {
            "slug": "association",
            "title": "L'association",
            "introduction": (
                "Villes Internet accompagne depuis plus d'un quart de siècle les collectivités "
                "qui font du numérique un service rendu à leurs habitants."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Imaginée dès 1998 par Florence Durand-Tornare et fondée en 2002, "
                        "l'association Villes Internet est régie par la loi de 1901. Elle est "
                        "transpolitique : ses adhérents, des communes rurales jusqu'aux métropoles, "
                        "viennent de toutes les sensibilités.</p>"
                        "<h2>Quatre engagements</h2>"
                        "<ul><li>Garantir l'égalité de l'accès au numérique.</li>"
                        "<li>Accompagner la stratégie numérique face à l'urgence climatique.</li>"
                        "<li>Piloter les services publics numériques avec les collectivités locales.</li>"
                        "<li>Prévenir et réduire durablement les risques numériques.</li></ul>"
                        "<p>Ces engagements forment la feuille de route 2024-2026 de l'association, "
                        "issue de la motion du 5e Congrès national des élus au numérique.</p>"
                    ),
                },
                {
                    "type": "key_figures",
                    "value": {
                        "title": "L'association en chiffres",
                        "figures": [
                            {
                                "value": "460",
                                "label": "membres",
                                "detail": "du village rural à l'eurométropole",
                            },
                            {
                                "value": "11 000",
                                "label": "élus, agents et acteurs locaux",
                                "detail": "dans son réseau",
                            },
                            {
                                "value": "2002",
                                "label": "année de fondation",
                                "detail": "association loi 1901",
                            },
                        ],
                    },
                },
                {
                    "type": "quote",
                    "value": {
                        "quote": "Le label est comme une bannière sur le fronton des mairies.",
                        "author": "Mathieu Vidal",
                        "role": "président de Villes Internet, adjoint au maire d'Albi",
                    },
                },
            ],
        },
        "en": {
            "slug": "association",
            "title": "The association",
            "introduction": (
                "For more than twenty-five years, Villes Internet has supported local authorities "
                "that turn digital technology into a service for their residents."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>First imagined in 1998 by Florence Durand-Tornare and founded in 2002, "
                        "Villes Internet is a non-profit association under the French law of 1901. "
                        "It is cross-party: its members, from rural villages to metropolitan areas, "
                        "come from every political background.</p>"
                        "<h2>Four commitments</h2>"
                        "<ul><li>Guarantee equal access to digital services.</li>"
                        "<li>Support digital strategies that face the climate emergency.</li>"
                        "<li>Steer digital public services together with local authorities.</li>"
                        "<li>Prevent and lastingly reduce digital risks.</li></ul>"
                        "<p>These commitments make up the association's 2024-2026 roadmap, drawn "
                        "from the motion of the 5th national congress of elected officials for "
                        "digital affairs.</p>"
                    ),
                },
                {
                    "type": "key_figures",
                    "value": {
                        "title": "The association in figures",
                        "figures": [
                            {
                                "value": "460",
                                "label": "members",
                                "detail": "from rural villages to a Eurometropolis",
                            },
                            {
                                "value": "11,000",
                                "label": "elected officials, staff and local actors",
                                "detail": "in its network",
                            },
                            {
                                "value": "2002",
                                "label": "year founded",
                                "detail": "French 1901-law association",
                            },
                        ],
                    },
                },
            ],
        },
    },
    {
        "key": "label",
        "fr": {
            "slug": "label",
            "title": "Le label",
            "introduction": (
                "Chaque année depuis 1999, un jury indépendant distingue de 1 à 5 @ les collectivités "
                "qui développent un numérique citoyen."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Créé en 1999 sous le nom de label Villes Internet, il s'appelle "
                        "« Territoires, Villes et Villages Internet » depuis 2015. Toute collectivité "
                        "française, en métropole comme outre-mer, peut se porter candidate : elle "
                        "décrit ses actions dans l'Atlaas, et le jury les évalue.</p>"
                        "<h2>Les distinctions</h2>"
                        "<p>Le jury attribue de 1 à 5 arobases. Depuis 2021, le titre « Territoire "
                        "d'excellence numérique » revient aux collectivités labellisées 5 @ pendant "
                        "plus d'un mandat ; il est accordé pour trois ans. Depuis 2013, des mentions "
                        "thématiques mettent en avant des actions remarquables : médiation numérique, "
                        "numérique éducatif, mise en commun des infrastructures et usages numériques, "
                        "transition écologique, démocratie locale.</p>"
                    ),
                },
                {
                    "type": "key_figures",
                    "value": {
                        "title": "Le label de 1999 à 2026",
                        "figures": [
                            {"value": "27", "label": "éditions", "detail": "de 1999 à 2026"},
                            {
                                "value": "5 798",
                                "label": "labellisations",
                                "detail": "de 1 à 5 @, une ou plusieurs fois",
                            },
                            {"value": "47", "label": "titres de Territoire d'excellence numérique"},
                            {"value": "169", "label": "mentions thématiques"},
                        ],
                    },
                },
                {
                    "type": "accordion",
                    "value": {
                        "title": "Questions fréquentes",
                        "items": [
                            {
                                "question": "Qui compose le jury ?",
                                "answer": (
                                    "<p>Des personnalités de l'enseignement et de la recherche, des "
                                    "médias, des ministères, des entreprises publiques et des "
                                    "associations liées au numérique local. En 2026, il réunissait "
                                    "quatorze membres sous la présidence de Didier Desponds.</p>"
                                ),
                            },
                            {
                                "question": "Combien de collectivités ont été labellisées en 2026 ?",
                                "answer": (
                                    "<p>213 : 165 villes, 40 villages et 8 territoires "
                                    "intercommunaux, soit 686 communes et près de 4,6 millions "
                                    "d'habitants.</p>"
                                ),
                            },
                        ],
                    },
                },
            ],
        },
        "en": {
            "slug": "label",
            "title": "The label",
            "introduction": (
                "Every year since 1999, an independent jury has awarded 1 to 5 @ to local authorities "
                "that develop citizen-centred digital services."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Created in 1999 as the Villes Internet label, it has been called "
                        "“Territoires, Villes et Villages Internet” since 2015. Any French local "
                        "authority, in mainland France or overseas, may apply: it describes its "
                        "actions in the Atlaas, and the jury assesses them.</p>"
                        "<h2>The distinctions</h2>"
                        "<p>The jury awards 1 to 5 at-signs. Since 2021, the title “Territoire "
                        "d'excellence numérique” goes to authorities labelled 5 @ for more than one "
                        "term of office; it is granted for three years. Since 2013, thematic mentions "
                        "have highlighted outstanding actions: digital inclusion, digital education, "
                        "shared infrastructure and uses, ecological transition, local democracy.</p>"
                    ),
                },
                {
                    "type": "key_figures",
                    "value": {
                        "title": "The label from 1999 to 2026",
                        "figures": [
                            {"value": "27", "label": "editions", "detail": "from 1999 to 2026"},
                            {"value": "5,798", "label": "labels awarded", "detail": "1 to 5 @, once or more"},
                            {"value": "47", "label": "“Territoire d'excellence numérique” titles"},
                            {"value": "169", "label": "thematic mentions"},
                        ],
                    },
                },
            ],
        },
    },
    {
        "key": "congres",
        "fr": {
            "slug": "congres",
            "title": "Le Congrès",
            "introduction": (
                "Depuis 2019, le Congrès réunit chaque année élus, agents et partenaires, et remet "
                "au gouvernement une motion sur le numérique local."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>La première édition s'est tenue en 2019 à Paris La Défense. La 5e a eu "
                        "lieu le 16 octobre 2023 au Palais du Luxembourg ; sa motion a été remise à "
                        "la ministre déléguée chargée des Collectivités territoriales et de la "
                        "Ruralité.</p>"
                        "<h2>Les dernières éditions</h2>"
                        "<ul><li>6e Congrès : 6 et 7 février 2025 à Saint-Raphaël, sous le parrainage "
                        "de David Lisnard, maire de Cannes. Le palmarès 2025 y a distingué 226 "
                        "collectivités.</li>"
                        "<li>7e Congrès : 29 et 30 janvier 2026 à Agen, sous le parrainage de Gil "
                        "Avérous, président de Villes de France. Le palmarès 2026 y a distingué 213 "
                        "collectivités, et l'État y a lancé le Tour de France de la transformation "
                        "numérique des territoires.</li></ul>"
                    ),
                },
            ],
        },
        "en": {
            "slug": "congress",
            "title": "The congress",
            "introduction": (
                "Since 2019, the congress has brought together elected officials, staff and partners "
                "every year, and hands a motion on local digital policy to the government."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>The first edition took place in 2019 in Paris La Défense. The 5th was held "
                        "on 16 October 2023 at the Palais du Luxembourg; its motion was handed to the "
                        "minister for local authorities and rural affairs.</p>"
                        "<h2>Recent editions</h2>"
                        "<ul><li>6th congress: 6 and 7 February 2025 in Saint-Raphaël, under the "
                        "patronage of David Lisnard, mayor of Cannes. The 2025 awards recognised 226 "
                        "local authorities.</li>"
                        "<li>7th congress: 29 and 30 January 2026 in Agen, under the patronage of Gil "
                        "Avérous, president of Villes de France. The 2026 awards recognised 213 local "
                        "authorities, and the State launched its tour of France of the digital "
                        "transformation of territories there.</li></ul>"
                    ),
                },
            ],
        },
    },
    {
        "key": "atlaas",
        "fr": {
            "slug": "atlaas",
            "title": "L'Atlaas",
            "introduction": (
                "La plateforme où les collectivités publient leurs fiches actions et partagent leurs "
                "expériences numériques."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Conçu par Villes Internet en 2016, l'Atlaas recense et géolocalise les "
                        "actions numériques locales. Chaque fiche action est classée dans un "
                        "référentiel de 16 enjeux de développement du territoire, regroupés en 4 "
                        "familles, et d'environ 140 services publics numériques.</p>"
                        "<h2>Les quatre familles</h2>"
                        "<ul><li>Démocratie &amp; services publics</li><li>Vivre ensemble</li>"
                        "<li>Partage des connaissances</li><li>Création de richesses</li></ul>"
                        "<p>Les 213 collectivités labellisées en 2026 y ont publié 14 930 fiches, "
                        "dont plus de 3 000 nouvelles.</p>"
                    ),
                },
            ],
        },
        "en": {
            "slug": "atlaas",
            "title": "The Atlaas",
            "introduction": (
                "The platform where local authorities publish their action sheets and share their "
                "digital experience."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Designed by Villes Internet in 2016, the Atlaas lists and maps local "
                        "digital actions. Each action sheet is classified in a framework of 16 local "
                        "development issues, grouped into 4 families, and about 140 digital public "
                        "services.</p>"
                        "<h2>The four families</h2>"
                        "<ul><li>Democracy &amp; public services</li><li>Living together</li>"
                        "<li>Sharing knowledge</li><li>Creating wealth</li></ul>"
                        "<p>The 213 authorities labelled in 2026 published 14,930 sheets there, more "
                        "than 3,000 of them new.</p>"
                    ),
                },
            ],
        },
    },
    {
        "key": "adherer",
        "fr": {
            "slug": "adherer",
            "title": "Adhérer",
            "introduction": "Rejoindre les 460 collectivités membres de Villes Internet.",
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Les maires et présidents d'intercommunalité membres assurent "
                        "l'indépendance de l'association, qui vit des cotisations de ses membres et "
                        "du soutien de partenaires publics et privés.</p>"
                        "<h2>Ce que l'adhésion apporte</h2>"
                        "<ul><li>S'acculturer aux enjeux du numérique.</li><li>Bénéficier d'une "
                        "veille active.</li><li>Faire réseau avec d'autres élus et agents.</li>"
                        "<li>S'auto-évaluer à partir de ses fiches actions.</li><li>Valoriser ses "
                        "initiatives.</li><li>Être accompagné dans ses projets.</li></ul>"
                        "<p>Les membres suivent aussi les webinaires « C'est pour vous », organisés "
                        "en quatre cycles thématiques.</p>"
                    ),
                },
            ],
        },
        "en": {
            "slug": "join",
            "title": "Join",
            "introduction": "Join the 460 member local authorities of Villes Internet.",
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Member mayors and presidents of inter-municipal bodies keep the "
                        "association independent: it lives on its members' dues and on the support "
                        "of public and private partners.</p>"
                        "<h2>What membership brings</h2>"
                        "<ul><li>Understand what is at stake in digital policy.</li><li>Benefit "
                        "from active monitoring.</li><li>Network with other elected officials and "
                        "staff.</li><li>Assess your own policy from your action sheets.</li>"
                        "<li>Showcase your initiatives.</li><li>Get support for your projects.</li></ul>"
                        "<p>Members also follow the “C'est pour vous” webinars, organised in four "
                        "thematic cycles.</p>"
                    ),
                },
            ],
        },
    },
]

LEGAL_PAGES = [
    {
        "key": "mentions-legales",
        "fr": {
            "slug": "mentions-legales",
            "title": "Mentions légales",
            "introduction": "Qui publie ce site.",
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Ce site est édité par l'association Villes Internet, association régie "
                        "par la loi du 1er juillet 1901. Le directeur de la publication est son "
                        "président, Mathieu Vidal.</p>"
                        "<p>Les textes sont publiés par l'équipe de communication de l'association. "
                        "Les photographies sont reproduites avec la mention de leur auteur.</p>"
                    ),
                }
            ],
        },
        "en": {
            "slug": "legal-notice",
            "title": "Legal notice",
            "introduction": "Who publishes this site.",
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>This site is published by Villes Internet, a non-profit association "
                        "under the French law of 1 July 1901. The publication director is its "
                        "president, Mathieu Vidal.</p>"
                        "<p>Texts are published by the association's communication team. "
                        "Photographs are credited to their authors.</p>"
                    ),
                }
            ],
        },
    },
    {
        "key": "accessibilite",
        "fr": {
            "slug": "accessibilite",
            "title": "Accessibilité",
            "introduction": "Ce site se lit et se parcourt au clavier, avec un lecteur d'écran et sans JavaScript.",
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Chaque page propose un lien d'évitement vers le contenu, une structure "
                        "de titres hiérarchisée, des contrastes conformes au niveau AA et un focus "
                        "visible. Toutes les images informatives ont un texte alternatif.</p>"
                        "<p>Si vous rencontrez une difficulté, écrivez-nous : nous vous répondrons "
                        "et vous transmettrons l'information sous une forme accessible.</p>"
                    ),
                }
            ],
        },
        "en": {
            "slug": "accessibility",
            "title": "Accessibility",
            "introduction": "This site can be read and browsed with a keyboard, a screen reader and without JavaScript.",
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Every page offers a skip link to its content, a structured hierarchy of "
                        "headings, AA-level contrast and a visible focus. Every informative image has "
                        "a text alternative.</p>"
                        "<p>If something gets in your way, write to us: we will answer and send you "
                        "the information in an accessible form.</p>"
                    ),
                }
            ],
        },
    },
    {
        "key": "donnees-personnelles",
        "fr": {
            "slug": "donnees-personnelles",
            "title": "Données personnelles",
            "introduction": "Ce que ce site enregistre sur vous, et pourquoi.",
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>La consultation du site public ne dépose aucun cookie de mesure "
                        "d'audience ni de publicité, et aucune ressource n'est chargée depuis un "
                        "autre site. Seules les personnes qui se connectent reçoivent un cookie de "
                        "session, supprimé à la déconnexion ou à son expiration.</p>"
                    ),
                }
            ],
        },
        "en": {
            "slug": "personal-data",
            "title": "Personal data",
            "introduction": "What this site records about you, and why.",
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Reading the public site sets no audience-measurement or advertising "
                        "cookie, and nothing is loaded from another site. Only people who log in "
                        "receive a session cookie, removed when they log out or when it expires.</p>"
                    ),
                }
            ],
        },
    },
]

HOME = {
    "fr": {
        "title": "Villes Internet",
        "introduction": (
            "L'association des collectivités engagées pour un numérique citoyen, accessible et utile "
            "à tous, et le label Territoires, Villes et Villages Internet."
        ),
        "hero": {
            "title": "Le numérique au service des habitants, dans chaque territoire",
            "text": (
                "Villes Internet rassemble 460 collectivités membres, décerne chaque année le label "
                "Territoires, Villes et Villages Internet et organise le Congrès national des élus au "
                "numérique."
            ),
            "link_text": "Découvrir le label",
        },
        "figures_title": "Le palmarès 2026 en chiffres",
        "figures": [
            {
                "value": "213",
                "label": "collectivités labellisées",
                "detail": "165 villes, 40 villages, 8 territoires",
            },
            {"value": "686", "label": "communes concernées", "detail": "près de 4,6 millions d'habitants"},
            {"value": "10", "label": "Territoires d'excellence numérique"},
            {"value": "14 930", "label": "fiches actions publiées", "detail": "par les labellisés 2026"},
        ],
        "featured_title": "À découvrir",
        "cta": {
            "title": "Votre collectivité veut rejoindre le réseau ?",
            "text": "Adhérer, c'est partager ses actions, s'auto-évaluer et échanger avec plus de 11 000 acteurs publics.",
            "link_text": "Adhérer à Villes Internet",
        },
        "closing": (
            "<p>Le 7e Congrès national des élus au numérique s'est tenu à Agen les 29 et 30 janvier "
            "2026. Sobriété numérique, accessibilité, cybersécurité, données publiques et "
            "intelligence artificielle y ont été au cœur des échanges.</p>"
        ),
    },
    "en": {
        "title": "Villes Internet",
        "introduction": (
            "The association of local authorities committed to citizen-centred digital services that "
            "are accessible and useful to all, and the Territoires, Villes et Villages Internet label."
        ),
        "hero": {
            "title": "Digital services for residents, in every territory",
            "text": (
                "Villes Internet brings together 460 member local authorities, awards the Territoires, "
                "Villes et Villages Internet label every year and organises the national congress of "
                "elected officials for digital affairs."
            ),
            "link_text": "Discover the label",
        },
        "figures_title": "The 2026 awards in figures",
        "figures": [
            {
                "value": "213",
                "label": "local authorities labelled",
                "detail": "165 towns, 40 villages, 8 territories",
            },
            {"value": "686", "label": "municipalities involved", "detail": "nearly 4.6 million residents"},
            {"value": "10", "label": "“Territoires d'excellence numérique”"},
            {"value": "14,930", "label": "action sheets published", "detail": "by the 2026 laureates"},
        ],
        "featured_title": "Discover",
        "cta": {
            "title": "Would your local authority like to join the network?",
            "text": "Members share their actions, assess their policy and exchange with more than 11,000 public actors.",
            "link_text": "Join Villes Internet",
        },
        "closing": (
            "<p>The 7th national congress of elected officials for digital affairs took place in Agen "
            "on 29 and 30 January 2026. Digital sobriety, accessibility, cybersecurity, public data "
            "and artificial intelligence were at the heart of the debates.</p>"
        ),
    },
}

SITE_SETTINGS = {"organisation_name": "Villes Internet"}
