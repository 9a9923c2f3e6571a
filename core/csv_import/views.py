"""The admin page of a CSV import: a form, the file's errors (the first MAX_SHOWN_ERRORS and
how many more) or a summary of what was written.

A subclass gives ``form_class``, ``permissions``, ``page_title``, ``columns``,
``run_import(form)`` and ``success_message(form, result)``, and is registered with Wagtail's
``register_admin_urls`` hook (which requires admin access).
"""

from collections.abc import Sequence

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from .forms import CsvImportForm
from .importer import ImportResult
from .reader import CsvImportError


class CsvImportView(FormView):
    template_name = "core/admin/csv_import.html"
    form_class = CsvImportForm
    #: Every permission the user must have.
    permissions: Sequence[str] = ()
    page_title = ""
    columns: Sequence[str] = ()

    def run_import(self, form) -> ImportResult:
        raise NotImplementedError

    def success_message(self, form, result: ImportResult) -> str:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not all(request.user.has_perm(permission) for permission in self.permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=self.page_title, columns=self.columns, **kwargs)

    def form_valid(self, form):
        try:
            result = self.run_import(form)
        except CsvImportError as error:
            if error.stopped_at:
                message = _(
                    "Le fichier contient au moins %(count)d erreurs : rien n'a été enregistré. "
                    "Corrigez-les puis importez-le à nouveau."
                )
            else:
                message = _(
                    "Le fichier contient %(count)d erreur(s) : rien n'a été enregistré. "
                    "Corrigez-les puis importez-le à nouveau."
                )
            messages.error(self.request, message % {"count": len(error.row_errors)})
            return self.render_to_response(self.get_context_data(form=form, import_error=error))
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(form, result))
        return redirect(self.request.path)
