from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "gpai_cases.assessment"
    label = "assessment"
    verbose_name = "Assessment scorecards"
