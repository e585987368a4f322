from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "gpai_cases.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from . import signals  # noqa: F401
