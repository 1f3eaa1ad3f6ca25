"""elections pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("rapat/<int:pk>/acara/<int:item_pk>/pemilihan/", views.election_new,
         name="election_new"),
    path("pemilihan/<int:vote_pk>/", views.election_detail, name="election"),
    path("pemilihan/<int:vote_pk>/tutup/", views.election_close, name="election_close"),
    path("pengurus-pengawas/", views.terms, name="terms"),
]
