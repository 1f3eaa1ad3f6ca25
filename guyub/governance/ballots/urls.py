"""ballots pages: the officers' vote pages under rapat/, the member's room under
saya/rapat/."""

from django.urls import path

from . import member_views, paper_views, views

urlpatterns = [
    path("rapat/<int:pk>/suara/", views.votes, name="votes"),
    path("rapat/<int:pk>/acara/<int:item_pk>/suara-baru/", views.vote_new, name="vote_new"),
    path("rapat/suara/<int:vote_pk>/", views.vote, name="vote"),
    path("rapat/suara/<int:vote_pk>/buka/", views.vote_open, name="vote_open"),
    path("rapat/suara/<int:vote_pk>/tutup/", views.vote_close, name="vote_close"),
    path("rapat/suara/<int:vote_pk>/tablet/", views.tablet, name="tablet"),
    path("rapat/suara/<int:vote_pk>/hasil/", views.results, name="results"),
    path("rapat/suara/<int:vote_pk>/cek-tanda-terima/", views.receipt_check,
         name="receipt_check"),
    path("rapat/suara/<int:vote_pk>/ekspor/", views.vote_export, name="vote_export"),
    path("rapat/suara/<int:vote_pk>/kertas/", paper_views.paper, name="paper"),
    path("rapat/suara/<int:vote_pk>/kertas/berikan/", paper_views.paper_hand_out,
         name="paper_hand_out"),
    path("rapat/suara/<int:vote_pk>/kertas/entri/", paper_views.paper_enter,
         name="paper_enter"),
    path("rapat/suara/<int:vote_pk>/kertas/<int:batch_pk>/cocokkan/",
         paper_views.paper_confirm, name="paper_confirm"),
    path("saya/rapat/<int:pk>/ruang/", member_views.room, name="room"),
    path("saya/rapat/suara/<int:vote_pk>/beri-suara/", member_views.cast, name="cast"),
]
