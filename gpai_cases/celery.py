"""The Celery application: broker from REDIS_URL, or a filesystem broker when none is set."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gpai_cases.settings.base")

app = Celery("gpai_cases")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_broker_folders(sender: Celery, **kwargs: object) -> None:
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


def _connect_task_ids() -> None:
    """Log lines written while a task runs carry its id (gpai_cases.core.logs)."""
    from gpai_cases.core.logs import task_finished, task_started

    task_prerun.connect(task_started, weak=False, dispatch_uid="gpai-task-id")
    task_postrun.connect(task_finished, weak=False, dispatch_uid="gpai-task-id-end")


_connect_task_ids()
