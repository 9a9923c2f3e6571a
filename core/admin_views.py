"""Helpers shared by the apps' Wagtail admin views (their viewsets live in each app's
wagtail_hooks.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class CallsService:
    """A create or edit view whose write is a service call (:meth:`call_service`).

    The service's ValidationError becomes the form's errors: the page shows them with what was
    typed, and the service's transaction has written nothing.
    """

    def call_service(self, form):
        raise NotImplementedError

    def save_instance(self):
        return self.call_service(self.form)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            if getattr(self.object, "pk", None):
                self.object.refresh_from_db()
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
