from django.urls import include, path

urlpatterns = [
    path("", include("hipcoach.accounts.urls")),
    path("api/", include("hipcoach.api.urls")),
    path("", include("hipcoach.web.urls")),
]

handler404 = "hipcoach.web.errors.not_found"
handler500 = "hipcoach.web.errors.server_error"
