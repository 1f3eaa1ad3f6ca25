"""The help board's pages (papan-bantuan/), for members and officers alike."""

from django.urls import path

from . import views

urlpatterns = [
    path("papan-bantuan/", views.board, name="helpboard"),
    path("papan-bantuan/tulis/", views.post_create, name="post_create"),
    path("papan-bantuan/<int:pk>/", views.post_detail, name="post"),
    path("papan-bantuan/<int:pk>/selesai/", views.post_done, name="post_done"),
    path("papan-bantuan/<int:pk>/sembunyikan/", views.post_hide, name="post_hide"),
    path("papan-bantuan/balasan/<int:pk>/sembunyikan/", views.reply_hide, name="reply_hide"),
    path("papan-bantuan/mentor/", views.mentors, name="mentors"),
    path("papan-bantuan/mentor/saya/", views.mentor_edit, name="mentor_edit"),
]
