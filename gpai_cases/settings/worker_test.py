"""A real Celery worker started by the test suite: the test settings, but tasks really queued."""

import os

from .test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False

# Fault injection for the "worker killed while rendering a letter" test.
GPAI_LETTER_RENDER_DELAY_SECONDS = float(os.environ.get("GPAI_LETTER_RENDER_DELAY_SECONDS", "0"))
