from django.urls import path

from . import views

app_name = "ledger"

urlpatterns = [
    path("buku-besar/neraca-saldo/", views.trial_balance, name="trial_balance"),
    path("buku-besar/akun/", views.account_list, name="accounts"),
    path("buku-besar/akun/<int:pk>/", views.account_ledger, name="account"),
    path("buku-besar/akun/<int:pk>/hapus/", views.account_delete, name="account_delete"),
    path("buku-besar/jurnal/", views.journal, name="journal"),
    path("buku-besar/jurnal/<int:pk>/", views.entry_detail, name="entry"),
    path("buku-besar/tutup-buku/", views.close_period, name="close"),
]
