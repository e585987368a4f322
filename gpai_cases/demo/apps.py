from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data (``load_demo``), benchmark data (``generate_load_data``) and the benchmark's
    floor view: the top floor, which may use every app and which no app uses."""

    name = "gpai_cases.demo"
    label = "demo"
    verbose_name = "Demo and benchmark tooling"
