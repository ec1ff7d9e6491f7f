from django.urls import path

from hipcoach.api import clinic, your_data  # noqa: F401 - their operations join the API
from hipcoach.api.views import api

urlpatterns = [path("v1/", api.urls)]
