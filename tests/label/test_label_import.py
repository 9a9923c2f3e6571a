"""Staff import of a palmarès CSV: every error reported, nothing written; idempotent."""

import pytest

from label.models import Distinction, Labellisation
from label.services.imports import PalmaresImportError, import_palmares
from territories.models import Collectivity, CollectivityKind, Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def collectivities(reference):
    lot = Department.objects.get(code="47")
    var = Department.objects.get(code="83")
    common = {"kind": CollectivityKind.COMMUNE, "population": 3000}
    return {
        "brume": Collectivity.objects.create(
            name="Brumeval", slug="brumeval", insee_code="47950", department=lot, region=lot.region, **common
        ),
        "songe": Collectivity.objects.create(
            name="Songeville", slug="songeville", department=var, region=var.region, **common
        ),
        "epci": Collectivity.objects.create(
            name="Communauté de communes du Val de Chimère",
            slug="cc-chimere",
            kind=CollectivityKind.COMMUNAUTE_COMMUNES,
            siren="200012345",
            department=lot,
            region=lot.region,
        ),
    }


GOOD = (
    "nom;departement;code_insee;siren;arobases;distinctions\n"
    "Brumeval;47;47950;;5;ten|mediation_numerique\n"
    "Songeville;83;;;3;\n"
    "Communauté de communes du Val de Chimère;;;200 012 345;4;"
    "Mention mise en commun des infrastructures et usages numériques\n"
).encode()

BAD = (
    b"nom;departement;code_insee;siren;arobases;distinctions\n"
    b"Brumeval;47;47950;;6;\n"  # line 2: too many @
    b"Inconnue;;99999;;3;\n"  # line 3: unknown INSEE code
    b"Songeville;;;;2;\n"  # line 4: name without département
    b"Songeville;83;;;3;ten\n"  # line 5: TEN with 3 @
    b"Brumeval;47;47950;;4;astronomie\n"  # line 6: Brumeval again, unknown distinction
    b";;;111222333;2;\n"  # line 7: unknown SIREN
    b"Brumeval;47;47950;;2;\n"  # line 8: Brumeval twice
)


def test_bad_file_reports_every_error_and_writes_nothing(make_edition, collectivities):
    edition = make_edition(2030)
    with pytest.raises(PalmaresImportError) as caught:
        import_palmares(edition, BAD)
    errors = [(error.line, error.column) for error in caught.value.row_errors]
    assert errors == [
        (2, "arobases"),
        (3, "code_insee"),
        (4, "departement"),
        (5, "distinctions"),
        (6, "nom"),
        (6, "distinctions"),
        (7, "siren"),
        (8, "nom"),
    ]
    assert all(error.reason for error in caught.value.row_errors)
    assert "ligne 2, colonne arobases" in str(caught.value.messages[0])
    assert Labellisation.objects.count() == 0


def test_bad_header_is_reported(make_edition, collectivities):
    with pytest.raises(PalmaresImportError) as caught:
        import_palmares(make_edition(2030), b"nom;etoiles\nBrumeval;3\n")
    assert {(e.line, e.column) for e in caught.value.row_errors} == {(1, "etoiles"), (1, "arobases")}


def test_good_file_twice_creates_no_duplicate(make_edition, collectivities):
    edition = make_edition(2030)
    first = import_palmares(edition, GOOD)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    second = import_palmares(edition, GOOD)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert Labellisation.objects.filter(edition=edition).count() == 3
    assert sorted(Distinction.objects.values_list("kind", flat=True)) == [
        "mediation_numerique",
        "mise_en_commun",
        "ten",
    ]
    brume = Labellisation.objects.get(collectivity=collectivities["brume"])
    assert brume.arobases == 5
    # A corrected file updates the rows in place.
    third = import_palmares(edition, GOOD.replace(b"Songeville;83;;;3;", b"Songeville;83;;;4;"))
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    assert Labellisation.objects.get(collectivity=collectivities["songe"]).arobases == 4


def test_admin_import_view(admin_client, make_edition, collectivities):
    from django.core.files.uploadedfile import SimpleUploadedFile

    edition = make_edition(2030)
    page = admin_client.get("/admin/label/import/")
    assert page.status_code == 200
    bad = admin_client.post(
        "/admin/label/import/",
        {"edition": edition.pk, "file": SimpleUploadedFile("palmares.csv", BAD, content_type="text/csv")},
    )
    assert bad.status_code == 200
    content = bad.content.decode()
    assert "rien n&#x27;a été enregistré" in content or "rien n'a été enregistré" in content
    assert content.count("<tr><td>") == 8
    assert Labellisation.objects.count() == 0
    good = admin_client.post(
        "/admin/label/import/",
        {"edition": edition.pk, "file": SimpleUploadedFile("palmares.csv", GOOD, content_type="text/csv")},
        follow=True,
    )
    assert good.status_code == 200
    assert "3 labellisation(s) créée(s)" in good.content.decode()
    # The report says how each row found its collectivity.
    assert "Collectivités reconnues : 1 par code INSEE, 1 par SIREN, 1 par nom et département." in (
        good.content.decode()
    )
    assert Labellisation.objects.count() == 3


def test_import_view_is_for_staff_with_permission(client, django_user_model, make_edition):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editeur", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/label/import/")
    assert response.status_code in (302, 403)


def test_bad_file_leaves_an_imported_palmares_as_it_was(make_edition, collectivities):
    edition = make_edition(2030)
    import_palmares(edition, GOOD)
    stored = sorted(Labellisation.objects.values_list("collectivity__name", "arobases"))
    kinds = sorted(Distinction.objects.values_list("labellisation__collectivity__name", "kind"))

    changed_then_bad = GOOD.replace(b"Songeville;83;;;3;", b"Songeville;83;;;4;") + b"Inconnue;;99999;;3;\n"
    with pytest.raises(PalmaresImportError):
        import_palmares(edition, changed_then_bad.replace(b";ten|", b";"))

    assert sorted(Labellisation.objects.values_list("collectivity__name", "arobases")) == stored
    assert sorted(Distinction.objects.values_list("labellisation__collectivity__name", "kind")) == kinds


def test_admin_import_view_lists_the_first_50_errors_then_how_many_more(
    admin_client, make_edition, collectivities
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = b"".join(b"Inconnue %d;;99%03d;;3;\n" % (n, n) for n in range(60))
    response = admin_client.post(
        "/admin/label/import/",
        {
            "edition": make_edition(2030).pk,
            "file": SimpleUploadedFile(
                "palmares.csv", b"nom;departement;code_insee;siren;arobases;distinctions\n" + rows
            ),
        },
    )

    content = response.content.decode()
    assert "Le fichier contient 60 erreur(s)" in content
    assert content.count("<tr><td>") == 50
    assert "aucune collectivité n&#x27;a le code INSEE 99049." in content
    assert "99050" not in content
    assert "… et 10 autres erreurs." in content
    assert Labellisation.objects.count() == 0


def test_admin_import_view_refuses_a_file_over_the_size_cap(
    admin_client, make_edition, collectivities, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.CSV_IMPORT_MAX_BYTES = 100
    response = admin_client.post(
        "/admin/label/import/",
        {"edition": make_edition(2030).pk, "file": SimpleUploadedFile("palmares.csv", GOOD)},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert f"Le fichier est trop volumineux ({len(GOOD)}\xa0octets)" in content
    assert "un import accepte au plus 100\xa0octets" in content
    assert Labellisation.objects.count() == 0
