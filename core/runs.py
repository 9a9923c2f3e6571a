"""Execute a background run (`core.models.runs.BackgroundRun`): one object at a time, the
progress saved after each, one object's failure recorded in the run's errors without stopping
the others, and the run marked done whatever happens (it never stays "running" and blocks the
next one)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models.runs import BackgroundRun, RunStatus

logger = logging.getLogger(__name__)


def busy(model: type[BackgroundRun], **scope: Any) -> BackgroundRun | None:
    """The run of ``model`` for ``scope`` (e.g. ``year=2026``) waiting or running, locked; call it
    inside a transaction before creating a new run."""
    return (
        model.objects.select_for_update()
        .filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING], **scope)
        .first()
    )


def execute(
    run: BackgroundRun,
    items: Iterable[Any],
    do_one: Callable[[BackgroundRun, Any], None],
    *,
    label: Callable[[Any], str] = str,
    counters: tuple[str, ...] = (),
) -> BackgroundRun:
    """Call ``do_one(run, item)`` for each item, in its own transaction; ``counters`` are the
    run's own fields that ``do_one`` updates, saved with the progress."""
    if run.status == RunStatus.DONE:
        return run
    items = list(items)
    run.status, run.total, run.done, run.errors = RunStatus.RUNNING, len(items), 0, []
    for name in counters:
        setattr(run, name, 0)
    run.save()
    progress = ["done", "errors", *counters]
    try:
        for item in items:
            try:
                with transaction.atomic():
                    do_one(run, item)
            except ValidationError as error:
                run.errors.append({"item": label(item), "message": " ".join(error.messages)})
            except Exception as error:  # one object's failure must not stop the others'
                logger.exception("background run %s: %s failed", run, label(item))
                run.errors.append(
                    {
                        "item": label(item),
                        "message": _("Erreur inattendue (%(error)s) : rien n'a été fait pour cet élément.")
                        % {"error": type(error).__name__},
                    }
                )
            run.done += 1
            run.save(update_fields=progress)
    finally:
        run.status = RunStatus.DONE
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at", *progress])
    return run
