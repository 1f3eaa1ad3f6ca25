"""meetings pages (names unique in the governance namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("rapat/", views.meeting_list, name="meetings"),
    path("rapat/aturan/", views.governance_settings, name="governance_settings"),
    path("rapat/baru/", views.meeting_new, name="meeting_new"),
    path("rapat/<int:pk>/", views.meeting_detail, name="meeting"),
    path("rapat/<int:pk>/ubah/", views.meeting_edit, name="meeting_edit"),
    path("rapat/<int:pk>/acara/baru/", views.agenda_item_new, name="agenda_item_new"),
    path("rapat/<int:pk>/acara/baku/", views.agenda_standard, name="agenda_standard"),
    path("rapat/<int:pk>/acara/<int:item_pk>/", views.agenda_item_edit,
         name="agenda_item_edit"),
    path("rapat/<int:pk>/acara/<int:item_pk>/pindah/", views.agenda_item_move,
         name="agenda_item_move"),
    path("rapat/<int:pk>/dokumen/baru/", views.document_new, name="document_new"),
    path("rapat/<int:pk>/dokumen/<int:doc_pk>/", views.document, name="document"),
]
