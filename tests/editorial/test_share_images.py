"""The image shared on social networks (og:image) and in the NewsArticle JSON-LD, on real pages
rendered by the client: each page type's own image, else the site's default sharing image."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images.models import Image
from wagtail.models import Site

from core.models import SiteSettings
from editorial import demo_congress
from editorial.models import CongressPage, PressKitPhoto
from home.models import HomePage
from tests.editorial import press_helpers
from tests.editorial.htmlparse import parse
from tests.editorial.news_helpers import make_article, make_index
from tests.editorial.test_seo_tags import json_ld, og

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def forget_renditions():
    """Wagtail caches renditions by image id, and SQLite gives a rolled-back image's id to the
    next one: without this, a test could be shown the rendition of another test's image."""
    cache.clear()


def picture(name: str, size: tuple[int, int] = (1600, 900)) -> Image:
    """A real Wagtail image whose file is called ``<name>.png``."""
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, "teal").save(buffer, format="PNG")
    return Image.objects.create(title=name, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{name}.png"))


def shared(client, url: str) -> tuple[dict[str, list[str]], list[dict]]:
    response = client.get(url)
    assert response.status_code == 200, url
    doc = parse(response.content)
    return og(doc), json_ld(doc)


def assert_shares(tags: dict[str, list[str]], name: str) -> str:
    """og:image is the 1200×630 rendition of the image called ``name``; returns its URL."""
    [url] = tags["og:image"]
    rendition = Image.objects.get(title=name).get_rendition("fill-1200x630")
    assert url == f"http://testserver{rendition.url}", url
    assert (tags["og:image:width"], tags["og:image:height"]) == (["1200"], ["630"])
    return url


def figure(image: Image) -> dict:
    value = {"image": image.pk, "alt_text": "Une image", "caption": "", "credit": ""}
    return {"type": "image", "value": value}


def body_figure(image: Image) -> list[dict]:
    """A body whose first image is ``image`` (after some text), followed by another one."""
    return [
        {"type": "rich_text", "value": "<p>Un texte avant l'image.</p>"},
        figure(image),
        figure(picture("seconde")),
    ]


def test_article_shares_its_image_in_open_graph_and_json_ld(demo_site, client):
    index = make_index(demo_site)
    make_article(
        index,
        slug="avec-image",
        date=datetime.date(2026, 1, 30),
        image=picture("ceremonie"),
        image_alt="Les lauréats sur scène",
        body=body_figure(picture("dans-le-texte")),
    )

    tags, [data] = shared(client, "/actualites/avec-image/")

    url = assert_shares(tags, "ceremonie")  # its own image before the images of its text
    assert tags["og:type"] == ["article"]
    assert data["@type"] == "NewsArticle"
    assert data["image"] == url
    assert data["datePublished"] == "2026-01-30T12:00:00+01:00"


def test_article_without_image_shares_the_first_image_of_its_text(demo_site, client):
    make_article(make_index(demo_site), slug="sans-image", body=body_figure(picture("dans-le-texte")))

    tags, [data] = shared(client, "/actualites/sans-image/")

    assert data["image"] == assert_shares(tags, "dans-le-texte")


def test_news_article_and_press_release_share_one_structured_data_builder(demo_site, client):
    index = make_index(demo_site)
    make_article(index, title="Une actualité", slug="actualite", date=datetime.date(2026, 2, 3))
    room = press_helpers.make_press_room(demo_site)
    press_helpers.release(
        room,
        title="Un communiqué",
        slug="communique",
        release_date=datetime.date(2026, 1, 29),
        introduction="Le chapeau du communiqué.",
        body=body_figure(picture("communique-photo")),
    )

    article_tags, [article] = shared(client, "/actualites/actualite/")
    release_tags, [release] = shared(client, "/presse/communique/")

    assert article["@type"] == release["@type"] == "NewsArticle"
    assert set(release) == set(article) | {"image"}  # the same fields, from the same builder
    assert (release["headline"], release["description"]) == ("Un communiqué", "Le chapeau du communiqué.")
    assert release["datePublished"] == "2026-01-29T12:00:00+01:00"  # the date printed on it
    assert release["url"] == "http://testserver/presse/communique/"
    assert release["publisher"] == article["publisher"]
    assert release["publisher"]["name"] == "Villes Internet"
    assert release["image"] == assert_shares(release_tags, "communique-photo")
    assert release_tags["og:type"] == article_tags["og:type"] == ["article"]
    assert "og:image" not in article_tags  # no image, and no default image set


def test_press_kit_shares_its_first_photo_not_a_logo(demo_site, client):
    room = press_helpers.make_press_room(demo_site)
    press_helpers.kit(
        room,
        slug="dossier",
        photos=[
            (picture("logo-du-label"), PressKitPhoto.Kind.LOGO),
            (picture("photo-de-groupe"), PressKitPhoto.Kind.PHOTO),
            (picture("autre-photo"), PressKitPhoto.Kind.PHOTO),
        ],
    )

    tags, _data = shared(client, "/presse/dossier/")

    assert_shares(tags, "photo-de-groupe")


def test_congress_shares_its_sharing_image(demo_site, client):
    demo_congress.load(lambda message: None)
    tags, _data = shared(client, "/congres/agen-2026/")
    assert "og:image" not in tags

    page = CongressPage.objects.get(slug="agen-2026", locale__language_code="fr")
    page.share_image = picture("affiche-agen")
    page.save_revision().publish()

    tags, [event] = shared(client, "/congres/agen-2026/")
    assert_shares(tags, "affiche-agen")
    assert event["@type"] == "Event"


def test_home_page_shares_its_hero_image(demo_site, client):
    home = HomePage.objects.get(pk=demo_site.pk)
    body = list(home.body.get_prep_value())
    [hero] = [block for block in body if block["type"] == "hero"]
    hero["value"].update(image=picture("bandeau").pk, image_alt="Des élus devant un écran")
    body.append(figure(picture("plus-bas")))
    home.body = body
    home.save_revision().publish()

    tags, _data = shared(client, "/")

    assert_shares(tags, "bandeau")


def test_default_share_image_for_pages_without_their_own(demo_site, client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.default_share_image = picture("villes-internet")
    settings.save()
    index = make_index(demo_site)
    make_article(index, title="Sans image", slug="sans-image")
    make_article(index, slug="avec-image", image=picture("ceremonie"), image_alt="Les lauréats")

    association, _data = shared(client, "/association/")
    english, _data = shared(client, "/en/association/")
    without, [data] = shared(client, "/actualites/sans-image/")
    own, _data = shared(client, "/actualites/avec-image/")

    assert_shares(association, "villes-internet")
    assert_shares(english, "villes-internet")
    assert data["image"] == assert_shares(without, "villes-internet")
    assert_shares(own, "ceremonie")


def test_a_sharing_image_whose_file_is_lost_is_left_out(demo_site, client):
    image = picture("perdue")
    make_article(make_index(demo_site), slug="image-perdue", image=image, image_alt="Une image perdue")
    image.file.storage.delete(image.file.name)

    response = client.get("/actualites/image-perdue/")

    assert response.status_code == 200
    tags, [data] = og(parse(response.content)), json_ld(parse(response.content))
    assert "og:image" not in tags and "image" not in data


def test_staff_choose_the_default_share_image_in_the_site_settings(demo_site, admin_client):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])
    assert 'name="default_share_image"' in admin_client.get(url).content.decode()

    image = picture("partage")
    data = nested_form_data(
        {
            "main_navigation": streamfield([]),
            "organisation_name": "Villes Internet",
            "address": "",
            "email": "",
            "phone": "",
            "social_links": streamfield([]),
            "default_share_image": image.pk,
            "legal_pages": streamfield([]),
        }
    )
    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert SiteSettings.for_site(site).default_share_image == image
    tags, _data = shared(admin_client, "/association/")
    assert_shares(tags, "partage")
