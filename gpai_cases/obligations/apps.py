from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "gpai_cases.obligations"
    label = "obligations"
    verbose_name = "Obligations after designation (Art 55, Code of Practice)"

    def ready(self) -> None:
        from . import signals  # noqa: F401
