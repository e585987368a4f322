"""The benchmark's URLs: mounted only when ``GPAI_BENCH_URLS`` is on (``make bench``)."""

from django.urls import path

from . import views

urlpatterns = [path("_floor", views.floor, name="floor")]
