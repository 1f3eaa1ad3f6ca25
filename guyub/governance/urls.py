"""The governance pages, one namespace for its sub-packages."""

from django.urls import include, path

app_name = "governance"

urlpatterns = [
    path("", include("guyub.governance.meetings.urls")),
    path("", include("guyub.governance.attendance.urls")),
    path("", include("guyub.governance.ballots.urls")),
    path("", include("guyub.governance.decisions.urls")),
    path("", include("guyub.governance.elections.urls")),
    path("", include("guyub.governance.minutes.urls")),
]
