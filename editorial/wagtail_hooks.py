"""Wagtail admin registrations of the editorial app."""

from editorial import press_admin

press_admin.register()
