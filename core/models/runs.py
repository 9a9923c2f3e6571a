"""Background runs: staff start a long job over many objects from the admin (issue the year's
calls, build every member's report...); a task does it one object at a time and records its
progress on a row, which an admin page shows (it reloads itself, no JavaScript).

A concrete run subclasses `BackgroundRun` and adds what it is about (a year...) and its own
counters; `core.runs.execute` walks the objects, saving the progress after each one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("En attente")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Terminée")


class BackgroundRun(models.Model):
    status = models.CharField(_("état"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    total = models.PositiveIntegerField(_("à traiter"), default=0)
    done = models.PositiveIntegerField(_("traités"), default=0)
    errors = models.JSONField(_("erreurs"), default=list, blank=True)
    created_at = models.DateTimeField(_("lancée le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lancée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)

    @property
    def running(self) -> bool:
        return self.status != RunStatus.DONE
