from django.urls import path

from hipcoach.web import calendar, figures, onboarding, progress, pwa, views, your_data

urlpatterns = [
    path("", views.landing, name="landing"),
    path("today/", views.today, name="today"),
    path("today/pre-run/", views.pre_run, name="pre_run"),
    path("today/player/", views.player, name="player"),
    path("pain/", views.pain, name="pain"),
    path("start/", onboarding.about_you, name="onboarding"),
    path("start/measure/", onboarding.measure, name="onboarding_measure"),
    path("start/program/", onboarding.choose_program, name="onboarding_program"),
    path("stop/", onboarding.stop, name="stop"),
    path("stop/cleared/", onboarding.cleared, name="cleared"),
    path("check/", onboarding.safety_check, name="safety_check"),
    path("progress/", progress.page, name="progress"),
    path("measure/", views.measure, name="measure"),
    path("progress/ir.svg", progress.ir_chart, name="ir_chart"),
    path("progress/pain.svg", progress.pain_chart, name="pain_chart"),
    path("account/", views.account, name="account"),
    path("account/export.json", your_data.export_json, name="export_json"),
    path("account/export.csv", your_data.export_csv, name="export_csv"),
    path("account/delete/", your_data.delete_account, name="delete_account"),
    path("account/calendar/", calendar.feed_address, name="calendar_address"),
    path("calendar/<str:key>.ics", calendar.feed, name="calendar_feed"),
    path("exercises/", figures.exercise_list, name="exercises"),
    path("exercises/<slug:exercise_id>/", figures.exercise_page, name="exercise"),
    path("figures/<slug:exercise_id>/<str:side>/<int:index>.png", figures.figure, name="figure"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
]
