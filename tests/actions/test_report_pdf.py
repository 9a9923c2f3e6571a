"""The report's PDF: asked for from the portal page, built by the task worker through the core
generated-document pattern, kept until what the report shows changes, handed out only to the
collectivity's people and staff; the staff's yearly run builds every member's PDF."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pypdf import PdfReader

from actions.factories import ActionSheetFactory, EnjeuFactory, ServiceFactory
from actions.models import CollectivityReport, ReportPdf, ReportRun
from actions.services import report_documents, report_runs
from actions.services.reports import build_report, fingerprint
from members.factories import MemberRoleFactory, MembershipFactory
from territories.factories import CollectivityFactory

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = 2026


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def world():
    """A member with two sheets, a peer with a sheet on a service the member lacks."""
    enjeu_a, enjeu_b = EnjeuFactory(name_fr="Inclusion numérique"), EnjeuFactory(name_fr="Données ouvertes")
    a1 = ServiceFactory(enjeu=enjeu_a, name_fr="Médiation numérique")
    b1 = ServiceFactory(enjeu=enjeu_b, name_fr="Portail open data")
    role = MemberRoleFactory(collectivity=CollectivityFactory(name="Villefictive", population=5_000))
    me = role.collectivity
    ActionSheetFactory(
        collectivity=me, services=[a1], title="Atelier numérique phare", started_on=D(2025, 1, 1)
    )
    ActionSheetFactory(collectivity=me, services=[a1], title="Seconde fiche", started_on=D(2024, 6, 1))
    peer = CollectivityFactory(population=6_000)
    ActionSheetFactory(collectivity=peer, services=[b1, a1], started_on=D(2025, 1, 1))
    return {"role": role, "me": me, "peer": peer, "a1": a1, "b1": b1}


def _page(client):
    return client.get(reverse("actions_portal:report_year", args=[YEAR])).content.decode()


def test_pdf_is_asked_for_shown_in_progress_then_downloaded(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["role"].user)
    page = _page(client)
    pdf_url = reverse("actions_portal:report_pdf", args=[YEAR])
    assert f'action="{pdf_url}"' in page and "Télécharger le rapport (PDF)" in page
    # Asked for, not built yet (the worker has not run): the progress page reloads itself.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert client.post(pdf_url).status_code == 302
    assert callbacks  # the build is queued on commit
    progress = client.get(pdf_url).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in progress
    assert 'aria-live="polite"' in progress and "en préparation" in progress
    assert not ReportPdf.objects.exists()
    # The worker builds it (the immediate task backend runs the queued task).
    for callback in callbacks:
        callback()
    document = ReportPdf.objects.get()
    assert document.report.collectivity == world["me"] and document.content_type == "application/pdf"
    ready = client.get(pdf_url).content.decode()
    download = reverse("actions_portal:report_download", args=[YEAR, world["me"].pk])
    assert "http-equiv" not in ready and "Le rapport est prêt." in ready and download in ready
    assert download in _page(client)  # the page links the stored file directly now
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in (
        "Villefictive",
        "Couverture du référentiel",  # the mosaic and the radar, with their tables
        "Couverture des enjeux du référentiel",
        "Services couverts",
        "Évolution",
        "Atelier numérique phare",  # standout sheets
        "Rang centile",  # percentiles among peers
        "Portail open data",  # suggestion: the peer's service the member lacks
    ):
        assert expected in text, expected


def test_the_pdf_is_kept_until_what_the_report_shows_changes(world, django_capture_on_commit_callbacks):
    me = world["me"]
    document, built = report_documents.build_now(me, YEAR, "fr")
    assert built
    again, built = report_documents.build_now(me, YEAR, "fr")
    assert again.pk == document.pk and not built  # same data: the stored file is kept

    def revision():
        return fingerprint(build_report(me, YEAR))

    kept = revision()
    assert kept == document.revision
    far = CollectivityFactory(population=60_000)  # another population band: not a peer
    ActionSheetFactory(collectivity=far, services=[world["b1"]])  # not shown by the report
    assert revision() == kept
    changes = [
        lambda: ActionSheetFactory(collectivity=me, services=[world["a1"]], started_on=D(2025, 5, 1)),
        lambda: me.action_sheets.filter(title="Seconde fiche").update(title="Seconde fiche, renommée"),
        lambda: ActionSheetFactory(collectivity=world["peer"], services=[world["b1"]]),  # peer's figures
        lambda: type(world["b1"]).objects.filter(pk=world["b1"].pk).update(name_en="Open data portal"),
    ]
    for change in changes:
        before = revision()
        change()
        assert revision() != before
    assert not ReportPdf.objects.current(document.report).exists()
    with django_capture_on_commit_callbacks(execute=True):
        report_documents.request_pdf(collectivity=me, year=YEAR, language="fr")
    rebuilt = ReportPdf.objects.get()
    assert rebuilt.pk != document.pk and rebuilt.revision == revision()


def test_only_the_collectivitys_people_and_staff_download_it(client, world):
    report_documents.build_now(world["me"], YEAR, "fr")
    download = reverse("actions_portal:report_download", args=[YEAR, world["me"].pk])
    assert client.get(download).status_code == 302  # anonymous: asked to log in
    assert client.get(download)["Location"].startswith(reverse("account_login"))
    other = MemberRoleFactory(collectivity=world["peer"])
    client.force_login(other.user)
    assert client.get(download).status_code == 404
    client.force_login(world["role"].user)
    assert client.get(download).status_code == 200
    staff = get_user_model().objects.create_user(
        "staff@example.test", "staff@example.test", "x", is_staff=True
    )
    client.force_login(staff)
    assert client.get(download).status_code == 200


def test_no_pdf_for_a_year_out_of_range(client, world):
    client.force_login(world["role"].user)
    assert client.post(reverse("actions_portal:report_pdf", args=[1990])).status_code == 404
    assert not CollectivityReport.objects.exists()


def test_staff_build_every_members_report_in_one_run(admin_client, world, django_capture_on_commit_callbacks):
    client = admin_client
    MembershipFactory(collectivity=world["me"])
    MembershipFactory(collectivity=world["peer"])
    MembershipFactory(resigned=True)  # a resigned member gets none
    index = reverse("actions_report_runs")
    assert "Générer les rapports de l'année" in client.get(index).content.decode()
    # Bad input: a clear message, nothing started.
    response = client.post(index, {"year": "deux mille"})
    assert response.status_code == 400 and "en chiffres" in response.content.decode()
    response = client.post(index, {"year": "1990"})
    assert response.status_code == 400 and not ReportRun.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(index, {"year": str(YEAR)})
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "actions_report_run", args=[run.pk]
    )
    assert (run.status, run.total, run.done, run.built, run.unchanged, run.errors) == ("done", 2, 2, 2, 0, [])
    assert ReportPdf.objects.count() == 2
    detail = client.get(reverse("actions_report_run", args=[run.pk])).content.decode()
    assert 'role="status"' in detail and "http-equiv" not in detail
    assert reverse("actions_portal:report_download", args=[YEAR, world["me"].pk]) in detail
    # Again: nothing changed, nothing rebuilt.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(index, {"year": str(YEAR)})
    second = ReportRun.objects.order_by("-pk").first()
    assert (second.built, second.unchanged) == (0, 2)


def test_a_run_in_progress_shows_it_and_refuses_another(admin_client, admin_user, world):
    client, admin = admin_client, admin_user
    MembershipFactory(collectivity=world["me"])
    run = report_runs.start_run(actor=admin, year=YEAR)  # queued, its task not run (no commit)
    page = client.get(reverse("actions_report_run", args=[run.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page and "0 traités sur 1" in page
    response = client.post(reverse("actions_report_runs"), {"year": str(YEAR)})
    assert response.status_code == 400 and "déjà en cours" in response.content.decode()
    assert ReportRun.objects.count() == 1


def test_one_failing_report_does_not_stop_the_run(world, monkeypatch):
    MembershipFactory(collectivity=world["me"])
    MembershipFactory(collectivity=world["peer"])
    real = report_documents.build_now

    def flaky(collectivity, year, language):
        if collectivity == world["peer"]:
            raise RuntimeError("boom")
        return real(collectivity, year, language)

    monkeypatch.setattr(report_documents, "build_now", flaky)
    run = ReportRun.objects.create(year=YEAR)
    report_runs.execute_run(run.pk)
    run.refresh_from_db()
    assert (run.status, run.done, run.built) == ("done", 2, 1)
    assert run.errors == [
        {
            "item": world["peer"].name,
            "message": "Erreur inattendue (RuntimeError) : rien n'a été fait pour cet élément.",
        }
    ]


def test_one_pdf_build_computes_its_report_once(world, monkeypatch):
    from actions.services import reports

    calls = []
    real = reports._build_report
    monkeypatch.setattr(reports, "_build_report", lambda *args: calls.append(args) or real(*args))
    document, built = report_documents.build_now(world["me"], YEAR, "fr")
    assert built and len(calls) == 1  # the revision checks and the PDF share it
    assert document.revision == fingerprint(build_report(world["me"], YEAR))  # outside: computed again
    assert len(calls) == 2
