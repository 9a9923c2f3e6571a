"""Admin views: import the attendance of a session; cancel a session; send its replay."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from core.csv_import.forms import CsvImportForm
from core.csv_import.views import CsvImportView

from . import services
from .models import Mailing, SessionPage
from .services.attendance import COLUMNS, import_attendance
from .services.mailings import email_registrants, recipients


class AttendanceImportForm(CsvImportForm):
    session = forms.ModelChoiceField(
        label=gettext_lazy("Séance"),
        queryset=SessionPage.objects.filter(locale__language_code="fr").order_by("-starts_at"),
    )

    field_order = ["session", "file"]


class AttendanceImportView(CsvImportView):
    form_class = AttendanceImportForm
    permissions = ("webinars.change_registration",)
    page_title = gettext_lazy("Importer les présences d'une séance")
    columns = COLUMNS

    def run_import(self, form):
        return import_attendance(form.cleaned_data["session"], form.cleaned_data["file"])

    def success_message(self, form, result):
        return _("%(updated)d présence(s) enregistrée(s), %(unchanged)d déjà notée(s).") % result.counts()


import_attendance_view = AttendanceImportView.as_view()


class SessionActionView(TemplateView):
    """Confirm, then run a staff action on a session (cancel it, send its replay)."""

    template_name = "webinars/admin/session_action.html"
    action = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("webinars.change_registration"):
            raise PermissionDenied
        self.session = get_object_or_404(SessionPage, pk=kwargs["pk"]).source()
        return super().dispatch(request, *args, **kwargs)

    def texts(self) -> tuple[str, str]:
        if self.action == "cancel":
            return (
                _("Annuler la séance « %(title)s »") % {"title": self.session.title},
                _("Toutes les personnes inscrites ou en liste d'attente recevront un courriel."),
            )
        return (
            _("Envoyer le replay de « %(title)s »") % {"title": self.session.title},
            _("Les personnes inscrites qui ne l'ont pas encore reçu recevront un courriel."),
        )

    def get_context_data(self, **kwargs):
        title, explanation = self.texts()
        return super().get_context_data(
            page_title=title, explanation=explanation, session=self.session, **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            if self.action == "cancel":
                count = services.cancel_session(self.session)
                messages.success(
                    request, _("Séance annulée : %(count)d personne(s) prévenue(s).") % {"count": count}
                )
            else:
                count = services.send_replay_follow_up(self.session)
                messages.success(request, _("Replay envoyé à %(count)d personne(s).") % {"count": count})
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("wagtailadmin_explore", self.session.get_parent().pk)


cancel_session_view = SessionActionView.as_view(action="cancel")
send_replay_view = SessionActionView.as_view(action="replay")


class MailingForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Objet"), max_length=200)
    body = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 10}))


class EmailRegistrantsView(FormView):
    """Write to everyone registered to a session; the sending runs as a task."""

    template_name = "webinars/admin/email_registrants.html"
    form_class = MailingForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("webinars.change_registration"):
            raise PermissionDenied
        self.session = get_object_or_404(SessionPage, pk=kwargs["pk"]).source()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Écrire aux inscrits de « %(title)s »") % {"title": self.session.title},
            session=self.session,
            count=recipients(self.session).count(),
            mailings=Mailing.objects.filter(session=self.session)[:10],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            mailing = email_registrants(
                session=self.session,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                author=self.request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field, errors)
            else:
                form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Envoi lancé : %(total)d destinataire(s).") % {"total": mailing.total}
        )
        return redirect("webinars_email_registrants", self.session.pk)


email_registrants_view = EmailRegistrantsView.as_view()
