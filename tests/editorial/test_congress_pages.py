"""Congress pages: where they may be created, what they show, the link to the palmarès."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page

from editorial import demo_congress
from editorial.models import CongressPage, StandardPage
from home.models import HomePage
from label.models import LabelEdition, PalmaresIndexPage, PalmaresPage
from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db


def _congress(slug: str, lang: str = "fr") -> CongressPage:
    return CongressPage.objects.get(slug=slug, locale__language_code=lang)


def test_congress_pages_go_under_a_standard_page_only():
    assert CongressPage.can_create_at(StandardPage())
    assert not CongressPage.can_create_at(HomePage())
    assert not CongressPage.can_create_at(CongressPage())
    assert CongressPage.allowed_subpage_models() == []
    assert CongressPage in StandardPage.allowed_subpage_models()


def test_last_day_before_first_day_is_refused_with_a_french_message():
    page = CongressPage(
        title="8e Congrès",
        slug="8e-congres",
        edition_number=8,
        start_date=datetime.date(2027, 2, 4),
        end_date=datetime.date(2027, 2, 3),
        city="Ailleurs-sur-Songe",
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert error.value.message_dict["end_date"] == [
        "Le dernier jour ne peut pas précéder le premier jour du Congrès."
    ]


def test_demo_creates_both_editions_in_both_languages_once(congress_demo):
    counts = demo_congress.load(lambda message: None)

    assert counts == {"éditions du Congrès": 4}
    assert CongressPage.objects.live().count() == 4
    agen = _congress("agen-2026")
    assert (agen.edition_number, agen.start_date, agen.end_date) == (
        7,
        datetime.date(2026, 1, 29),
        datetime.date(2026, 1, 30),
    )
    assert agen.get_translation(agen.locale.__class__.objects.get(language_code="en")).title == (
        "7th congress · Agen 2026"
    )


def test_congress_page_shows_dates_host_patron_programme_and_partners(congress_demo, client):
    response = client.get("/congres/saint-raphael-2025/")

    assert response.status_code == 200
    doc = parse(response.content)
    assert [h1.text for h1 in doc.find_all("h1")] == ["6e Congrès · Saint-Raphaël 2025"]
    facts = doc.find("dl", class_="congress__facts").text
    assert "6 février 2025" in facts and "7 février 2025" in facts
    assert "Frédéric Masquelier" in facts and "David Lisnard" in facts
    programme = doc.find("section", class_="congress__programme")
    days = [h3.text for h3 in programme.find_all("h3")]
    assert days == ["Jeudi 6 février 2025", "Vendredi 7 février 2025", "Tout au long du Congrès"]
    round_table = next(
        s for s in programme.find_all("li", class_="congress__session") if "Table ronde" in s.text
    )
    assert round_table.find("time").get("datetime") == "2025-02-06T17:00"
    speakers = [li.text for li in round_table.find("ul", class_="congress__speakers").find_all("li")]
    assert [name.split(",")[0] for name in speakers] == [
        "Fatima El Ouasdi",
        "Marc Lecerf",
        "Michaël Bideault",
    ]
    assert "Carole Déjean-Simoniti" in programme.text and "Serge Rocchi" in programme.text
    partners = [li.text for li in doc.find("section", class_="congress__partners").find_all("li")]
    assert partners == ["SICTIAM", "Département du Var"]


def test_english_congress_page(congress_demo, client):
    response = client.get("/en/congress/agen-2026/")

    assert response.status_code == 200
    doc = parse(response.content)
    assert [h1.text for h1 in doc.find_all("h1")] == ["7th congress · Agen 2026"]
    assert "Gil Avérous" in doc.find("dl", class_="congress__facts").text
    assert "Dinum, ANCT and Anssi" in doc.find("section", class_="congress__programme").text


def test_no_palmares_link_while_the_palmares_page_does_not_exist(congress_demo, client):
    doc = parse(client.get("/congres/agen-2026/").content)

    assert not [a for a in doc.find_all("a") if "/palmares/" in (a.get("href") or "")]
    assert "Le palmarès 2026 du label" not in doc.find("main").text


def _publish_child(parent: Page, page: Page) -> Page:
    parent = Page.objects.get(pk=parent.pk).specific
    page.locale = parent.locale
    page = parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _publish_palmares_2026() -> tuple[PalmaresIndexPage, PalmaresPage]:
    """The palmarès index under "Le label" and the palmarès page of the 2026 edition."""
    label = StandardPage.objects.get(slug="label", locale__language_code="fr")
    palmares = _publish_child(label, PalmaresIndexPage(title="Palmarès", slug="palmares"))
    edition = LabelEdition.objects.create(year=2026, number=27, results_published_at=timezone.now())
    year = _publish_child(palmares, PalmaresPage(title="Palmarès 2026", slug="2026", edition=edition))
    return palmares, year


def test_palmares_link_appears_once_the_palmares_page_is_live(congress_demo, client):
    _palmares, year = _publish_palmares_2026()

    doc = parse(client.get("/congres/agen-2026/").content)
    links = [a for a in doc.find_all("a") if a.get("href") == "/label/palmares/2026/"]
    assert [a.text for a in links] == ["Le palmarès 2026 du label"]
    # 2025 has no page: no link on the Saint-Raphaël edition.
    doc_2025 = parse(client.get("/congres/saint-raphael-2025/").content)
    assert not [a for a in doc_2025.find_all("a") if "/palmares/" in (a.get("href") or "")]

    year.unpublish()
    doc = parse(client.get("/congres/agen-2026/").content)
    assert not [a for a in doc.find_all("a") if "/palmares/" in (a.get("href") or "")]


def test_motion_document_is_offered_for_download(congress_demo, client):
    document = Document(title="Motion du 7e Congrès")
    document.file.save("motion-2026.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    document.save()
    page = _congress("agen-2026")
    page.motion = document
    page.save_revision().publish()

    doc = parse(client.get("/congres/agen-2026/").content)
    link = next(a for a in doc.find_all("a") if "Télécharger la motion" in a.text)
    assert link.get("href") == document.url


def test_english_side_links_the_translated_palmares_only(congress_demo, client, locales):
    label = StandardPage.objects.get(slug="label", locale__language_code="fr")
    palmares, year = _publish_palmares_2026()

    # No English translation yet: nothing linked on the English side.
    doc = parse(client.get("/en/congress/agen-2026/").content)
    assert not [
        a
        for a in doc.find_all("a")
        if "palmares" in (a.get("href") or "") or "awards" in (a.get("href") or "")
    ]

    # Translated under other English slugs: the English page is linked.
    english_label = label.get_translation(locales["en"])
    english_palmares = palmares.copy_for_translation(locales["en"])
    english_palmares.slug = "awards"
    english_palmares.save_revision().publish()
    english_year = year.copy_for_translation(locales["en"])
    english_year.save_revision().publish()
    assert english_label.pk == english_palmares.get_parent().pk

    doc = parse(client.get("/en/congress/agen-2026/").content)
    assert [a.get("href") for a in doc.find_all("a", class_="button")] == ["/en/label/awards/2026/"]


def test_staff_open_the_congress_form_under_le_congres(congress_demo, admin_client):
    parent = StandardPage.objects.get(slug="congres", locale__language_code="fr")

    response = admin_client.get(f"/admin/pages/add/editorial/congresspage/{parent.pk}/")

    assert response.status_code == 200
    content = response.content.decode()
    for field in ("edition_number", "start_date", "end_date", "city", "host", "patron", "palmares_year"):
        assert f'name="{field}"' in content
    home = Page.objects.get(pk=congress_demo.pk)
    # Not allowed under the home page: Wagtail sends staff back with a message.
    assert admin_client.get(f"/admin/pages/add/editorial/congresspage/{home.pk}/").status_code == 302
