"""The registration form of a session page, the confirmation and the cancellation links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.access import join_page_for
from members.services import current_collectivity, is_referent

from . import services
from .forms import AnswersForm, VisitorRegistrationForm
from .models import Registration, SessionPage, Status


def session_context(request: HttpRequest, page: SessionPage, form=None) -> dict:
    """What the session page shows this person: seats, their registration, the visio link if
    they hold a seat, the replay if they are a member, and the form."""
    source = page.source()
    user = request.user
    registration = None
    if user.is_authenticated and user.email:
        registration = (
            Registration.objects.filter(session=source, email_normalised=user.email.strip().lower())
            .exclude(status__in=[Status.CANCELLED, Status.EXPIRED])
            .first()
        )
    member = services.is_member(user)
    questions = _questions(page, source)
    if form is None:
        form = AnswersForm(questions=questions) if member else VisitorRegistrationForm(questions=questions)
    open_for_registration = not source.is_cancelled and not source.is_past and registration is None
    return {
        "source": source,
        "seats_left": services.seats_left(source) if open_for_registration else None,
        "registration": registration,
        "show_visio": bool(registration and registration.status == Status.CONFIRMED and source.visio_url),
        "is_member": member,
        "form": form,
        "open_for_registration": open_for_registration,
        "can_see_replay": member,
        "join_page": None if member else join_page_for(request),
        "cancel_token": services.cancel_token(registration) if registration else None,
    }


def _questions(page: SessionPage, source: SessionPage) -> list:
    """The questions in the page's language: its own when translated, else the French ones."""
    questions = list(page.questions.all())
    return questions if questions or page.pk == source.pk else list(source.questions.all())


def _session(page_id: int) -> SessionPage:
    page = SessionPage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page


@require_POST
def register(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _session(page_id)
    source = page.source()
    questions = _questions(page, source)
    member = services.is_member(request.user)
    form_class = AnswersForm if member else VisitorRegistrationForm
    form = form_class(request.POST, questions=questions)
    if form.is_valid():
        try:
            if member:
                registration = services.register_member(
                    session=page, user=request.user, answers=form.answers(), language=get_language()
                )
                if registration.status == Status.CONFIRMED:
                    messages.success(request, _("Vous êtes inscrit : le lien de la visio est ci-dessous."))
                else:
                    messages.info(request, _("La séance est complète : vous êtes en liste d'attente."))
            else:
                services.register_visitor(
                    session=page,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    collectivity_name=form.cleaned_data["collectivity_name"],
                    answers=form.answers(),
                    language=get_language(),
                )
                messages.success(
                    request,
                    _(
                        "Presque fini : ouvrez le lien du courriel que nous venons d'envoyer pour "
                        "confirmer votre inscription."
                    ),
                )
            return redirect(page.url)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
    context = page.get_context(request)
    context.update(session_context(request, page, form=form))
    return TemplateResponse(request, page.get_template(request), context, status=400)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners open links), POST confirms."""
    registration = Registration.objects.select_related("session").filter(token=token).first()
    if request.method == "POST":
        try:
            registration = services.confirm(token)
        except ValidationError as error:
            return render(request, "webinars/confirm.html", {"error": error.messages[0]}, status=400)
        return render(request, "webinars/confirmed.html", _result(registration))
    if registration is None:
        return render(
            request,
            "webinars/confirm.html",
            {"error": _("Ce lien de confirmation n'est pas valable.")},
            status=404,
        )
    return render(
        request,
        "webinars/confirm.html",
        {"registration": registration, "session": _translated(registration.session)},
    )


def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """No login needed: the link is signed. GET asks, POST cancels."""
    try:
        registration = services.registration_for_cancel_token(token)
    except ValidationError as error:
        return render(request, "webinars/cancel.html", {"error": error.messages[0]}, status=404)
    if request.method == "POST":
        registration = services.cancel(registration)
        return render(
            request, "webinars/cancel.html", {"done": True, "session": _translated(registration.session)}
        )
    return render(
        request,
        "webinars/cancel.html",
        {"registration": registration, "session": _translated(registration.session), "token": token},
    )


def _translated(session: SessionPage) -> SessionPage:
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=get_language()).first()
    return (session.get_translation_or_none(locale) if locale else None) or session


def _result(registration: Registration) -> dict:
    page = _translated(registration.session)
    return {
        "registration": registration,
        "session": page,
        "show_visio": registration.status == Status.CONFIRMED and bool(registration.session.visio_url),
        "visio_url": registration.session.visio_url,
        "cancel_token": services.cancel_token(registration),
    }


def certificate(request: HttpRequest, token: str) -> HttpResponse:
    """The attendance certificate (PDF) of someone who attended; the registration's signed link,
    no login. 404 for a bad link or someone who did not attend."""
    from core.models import SiteSettings

    from .calendar import certificate_info
    from .certificates import certificate_filename, render_certificate_pdf

    try:
        registration = services.registration_for_cancel_token(token)
    except ValidationError:
        raise Http404 from None
    if not registration.attended:
        raise Http404
    info = certificate_info(registration, _translated(registration.session))
    organisation = SiteSettings.for_request(request).organisation_name or "Villes Internet"
    response = HttpResponse(
        render_certificate_pdf(info, organisation, get_language()), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(info)}"'
    return response


def calendar_feed(request: HttpRequest) -> HttpResponse:
    """The public iCalendar feed of the sessions to come (no visio link), to subscribe to."""
    from . import ics
    from .calendar import feed_sessions

    response = HttpResponse(ics.feed(feed_sessions(get_language())), content_type=ics.FEED_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="webinaires.ics"'
    return response


@login_required
def collectivity_registrations(request: HttpRequest) -> HttpResponse:
    """For a référent: who of the collectivity registered to which session, and who attended
    (registrations made from a member account of the collectivity, or with the address of one of
    its people)."""
    collectivity = current_collectivity(request.user)
    if collectivity is None or not is_referent(request.user, collectivity):
        raise Http404
    registrations = Registration.objects.for_collectivity(collectivity).select_related("session")
    return render(
        request,
        "webinars/collectivity_registrations.html",
        {"collectivity": collectivity, "registrations": registrations},
    )
