from django.urls import include, path

urlpatterns = [
    path("", include("hipcoach.accounts.urls")),
    path("api/", include("hipcoach.api.urls")),
    path("", include("hipcoach.web.urls")),
]

handler400 = "hipcoach.web.errors.bad_request"
handler403 = "hipcoach.web.errors.permission_denied"
handler404 = "hipcoach.web.errors.not_found"
handler500 = "hipcoach.web.errors.server_error"
