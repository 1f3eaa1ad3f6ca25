"""minutes pages."""

from django.urls import path

from . import documents, views

urlpatterns = [
    path("rapat/<int:pk>/tutup/", views.meeting_close, name="meeting_close"),
    path("rapat/<int:pk>/notulen/tanda-tangan/", views.minutes_sign, name="minutes_sign"),
    path("rapat/<int:pk>/notulen.pdf", documents.minutes_pdf, name="minutes_pdf"),
]
