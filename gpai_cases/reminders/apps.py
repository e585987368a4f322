from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "gpai_cases.reminders"
    label = "reminders"
    verbose_name = "Reminders and inbox"
