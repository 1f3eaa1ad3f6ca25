from django.urls import path

from . import views

urlpatterns = [
    path("sumber-daya/laporan-pemakaian/", views.usage, name="usage"),
]
