from django.urls import path

from hipcoach.api.views import api

urlpatterns = [path("v1/", api.urls)]
