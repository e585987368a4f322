"""The periodic tasks, kept in the database (django-celery-beat) so they survive restarts.

Created or updated after every ``migrate``; admins may change the times in the admin site.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_migrate
from django.dispatch import receiver

# name → (task, crontab fields)
PERIODIC_TASKS: dict[str, tuple[str, dict[str, str]]] = {
    "Recompute calendar-dependent dates (daily)": (
        "gpai_cases.cases.tasks.recompute_dates",
        {"minute": "15", "hour": "2"},
    ),
    "Lapse requests whose due date passed unanswered (hourly, before the reminders)": (
        "gpai_cases.cases.tasks.lapse_requests",
        {"minute": "1", "hour": "*"},
    ),
    "Send due reminders and escalations (hourly; each is sent once)": (
        "gpai_cases.reminders.tasks.sweep_reminders",
        {"minute": "5", "hour": "*"},
    ),
    "E-mail event messages still pending (every minute; each is sent once)": (
        "gpai_cases.reminders.tasks.deliver_pending_messages",
        {"minute": "*", "hour": "*"},
    ),
    "E-mail the daily digests of messages (07:00)": (
        "gpai_cases.reminders.tasks.send_message_digests",
        {"minute": "0", "hour": "7"},
    ),
    # every minute: a letter requested while the broker was down follows within a minute of its
    # return, and one whose worker died is queued again promptly
    "Queue letters that are due but missing (every minute)": (
        "gpai_cases.letters.tasks.queue_missing_letters",
        {"minute": "*", "hour": "*"},
    ),
    "Remove stored files that no document records (hourly; a crashed render's)": (
        "gpai_cases.documents.tasks.remove_orphan_files",
        {"minute": "35", "hour": "*"},
    ),
}


@receiver(post_migrate)
def ensure_periodic_tasks(sender: Any, **kwargs: Any) -> None:
    if getattr(sender, "label", None) != "core":
        return
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    for name, (task, cron) in PERIODIC_TASKS.items():
        schedule, _ = CrontabSchedule.objects.get_or_create(
            timezone="Europe/Brussels", day_of_week="*", day_of_month="*", month_of_year="*", **cron
        )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": schedule})
    # a task of ours renamed or rescheduled here: its old entry goes
    ours = {task for task, _cron in PERIODIC_TASKS.values()}
    PeriodicTask.objects.filter(task__in=ours).exclude(name__in=list(PERIODIC_TASKS)).delete()
