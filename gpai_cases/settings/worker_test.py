"""A real Celery worker started by the test suite: the test settings, but tasks really queued."""

import os

from .test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False

# Fault injection for the "worker killed while rendering a letter" test.
GPAI_LETTER_RENDER_DELAY_SECONDS = float(os.environ.get("GPAI_LETTER_RENDER_DELAY_SECONDS", "0"))

# A test may point the worker at a real SMTP receiver (tests/reminders/test_messages_real_worker.py).
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", EMAIL_BACKEND)  # noqa: F405
