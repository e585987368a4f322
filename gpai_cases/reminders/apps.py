from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "gpai_cases.reminders"
    label = "reminders"
    verbose_name = "Messages: reminders, event messages, the inbox"

    def ready(self) -> None:
        from gpai_cases.cases.audit import recorded
        from gpai_cases.obligations.audit import recorded as obligation_recorded

        from .events import on_event, on_obligation_event

        recorded.connect(on_event, dispatch_uid="reminders-event-messages")
        obligation_recorded.connect(
            on_obligation_event, dispatch_uid="reminders-obligation-event-messages"
        )
