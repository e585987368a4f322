from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from health_check.views import HealthCheckView

from gpai_cases.accounts import language as account_language
from gpai_cases.accounts import pages
from gpai_cases.accounts import views as account_views
from gpai_cases.accounts.middleware import second_factor_exempt
from gpai_cases.cases import views as case_views
from gpai_cases.core import health
from gpai_cases.core import views as core_views
from gpai_cases.letters import views as letter_views
from gpai_cases.obligations import views as obligation_views
from gpai_cases.portal.views import account as portal_account
from gpai_cases.reminders import views as reminder_views

handler400 = "gpai_cases.core.views.bad_request"
handler403 = "gpai_cases.core.views.permission_denied"
handler404 = "gpai_cases.core.views.page_not_found"
handler500 = "gpai_cases.core.views.server_error"

admin.site.site_header = "GPAI Cases — administration"
admin.site.site_title = "GPAI Cases"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz", second_factor_exempt(core_views.healthz), name="healthz"),
    # per dependency (django-health-check): docker-compose's health checks of web and worker
    path(
        "health/",
        second_factor_exempt(HealthCheckView.as_view(checks=health.WEB_CHECKS)),
        name="health",
    ),
    path(
        "health/worker/",
        second_factor_exempt(HealthCheckView.as_view(checks=health.WORKER_CHECKS)),
        name="health_worker",
    ),
    path("language/", account_language.set_language, name="set_language"),
    path("inbox/", reminder_views.inbox, name="inbox"),
    path("inbox/<id:pk>/open/", reminder_views.inbox_open, name="inbox_open"),
    path("inbox/preferences/", reminder_views.preferences, name="message_preferences"),
    path("calendar/", reminder_views.calendar, name="calendar"),
    path("calendar/renew/", reminder_views.calendar_renew, name="calendar_renew"),
    path("calendar/revoke/", reminder_views.calendar_revoke, name="calendar_revoke"),
    path(
        "calendar/<token:token>/deadlines.ics",
        second_factor_exempt(reminder_views.calendar_feed),
        name="calendar_feed",
    ),
    path("documents/<id:pk>/download/", case_views.document_download, name="document_download"),
    path(
        "obligations/files/<id:pk>/download/",
        obligation_views.file_download,
        name="obligation_file_download",
    ),
    path("letters/verify/", letter_views.letter_verify, name="letter_verify"),
    path("workspace/", include("gpai_cases.workspace.urls")),
    path("portal/", include("gpai_cases.portal.urls")),
    path("api/", include("gpai_cases.api.urls")),
    # signing in and out never asks for the second factor (the views themselves say so)
    path("accounts/login/", second_factor_exempt(auth_views.LoginView.as_view()), name="login"),
    path("accounts/logout/", second_factor_exempt(auth_views.LogoutView.as_view()), name="logout"),
    path("accounts/", include("gpai_cases.accounts.urls")),
    # joining a provider, asking to be registered, and the pages every public service owes
    path("accounts/invitation/<token:token>/", portal_account.invitation, name="invitation"),
    path("providers/request/", portal_account.registration_request, name="registration_request"),
    *(path(f"{name.replace('_', '-')}/", pages.page(name), name=name) for name in pages.PAGES),
    path("admin/", admin.site.urls),
    path("", include("gpai_cases.register.urls")),
]
if settings.GPAI_BENCH_URLS:  # the benchmark's floor view (make bench), never in production
    urlpatterns.append(path("", include("gpai_cases.demo.urls")))
