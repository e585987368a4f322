from django.urls import path

from . import pages, views

urlpatterns = [
    path("second-factor/setup/", views.setup, name="second_factor_setup"),
    path("second-factor/verify/", views.verify, name="second_factor_verify"),
    path("second-factor/backup-codes/", views.backup_codes, name="second_factor_backup_codes"),
    # password reset by e-mail: Django's own views (gpai_cases.accounts.pages)
    path("password-reset/", pages.password_reset, name="password_reset"),
    path("password-reset/sent/", pages.password_reset_done, name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        pages.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password-reset/done/", pages.password_reset_complete, name="password_reset_complete"),
]
