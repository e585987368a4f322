from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "gpai_cases.letters"
    label = "letters"
    verbose_name = "Letters"

    def ready(self) -> None:
        from gpai_cases.cases.audit import recorded

        from .handlers import on_event

        recorded.connect(on_event, dispatch_uid="letters-on-event")
