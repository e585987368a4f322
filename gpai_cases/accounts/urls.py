from django.urls import path

from . import views

urlpatterns = [
    path("second-factor/setup/", views.setup, name="second_factor_setup"),
    path("second-factor/verify/", views.verify, name="second_factor_verify"),
    path("second-factor/backup-codes/", views.backup_codes, name="second_factor_backup_codes"),
]
