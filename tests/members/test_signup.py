"""Sign-up asks for the person's first and last name and saves them on the account."""

import pytest
from django.contrib.auth import get_user_model

from tests.editorial.htmlparse import parse

pytestmark = pytest.mark.django_db

FIELDS = {
    "email": "camille.martin@mairie.test",
    "password1": "Un-mot-de-passe-2026",
    "password2": "Un-mot-de-passe-2026",
}


def test_signup_form_asks_for_first_and_last_name(client):
    doc = parse(client.get("/compte/inscription/").content)

    first_name = doc.find("input", name="first_name")
    last_name = doc.find("input", name="last_name")
    assert first_name is not None and "required" in first_name.attrs
    assert last_name is not None and "required" in last_name.attrs
    assert first_name.get("autocomplete") == "given-name"
    assert doc.find("label", for_="id_first_name").text.startswith("Prénom")
    assert doc.find("label", for_="id_last_name").text.startswith("Nom")


def test_signup_saves_the_names_on_the_user(client):
    names = {"first_name": " Camille ", "last_name": "Martin"}
    response = client.post("/compte/inscription/", {**FIELDS, **names})

    assert response.status_code == 302
    user = get_user_model().objects.get(email="camille.martin@mairie.test")
    assert (user.first_name, user.last_name) == ("Camille", "Martin")


def test_signup_without_names_is_refused_and_keeps_what_was_typed(client):
    response = client.post("/compte/inscription/", {**FIELDS, "first_name": "", "last_name": "  "})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Indiquez votre prénom." in content
    assert "Indiquez votre nom." in content
    assert 'value="camille.martin@mairie.test"' in content
    assert not get_user_model().objects.filter(email="camille.martin@mairie.test").exists()
