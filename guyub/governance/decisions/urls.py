"""decisions pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("keputusan/", views.decision_list, name="decisions"),
    path("keputusan/<int:pk>/", views.decision_detail, name="decision"),
    path("rapat/<int:pk>/acara/<int:item_pk>/putuskan/", views.item_decide,
         name="item_decide"),
    path("rapat/<int:pk>/utusan/", views.meeting_delegates, name="meeting_delegates"),
]
