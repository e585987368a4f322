from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gpai_cases.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import converters, freshness, history, schedule  # noqa: F401

        freshness.connect()
        converters.register()
        history.register()
