from django.urls import path

from . import views

app_name = "tenders"

urlpatterns = [
    path("tender/", views.tender_list, name="list"),
    path("tender/baru/", views.tender_create, name="create"),
    path("tender/<int:pk>/", views.tender_detail, name="detail"),
    path("tender/<int:pk>/syarat/", views.tender_terms, name="terms"),
    path("tender/<int:pk>/perbandingan/", views.tender_comparison, name="comparison"),
    path("tender/<int:pk>/pemenang/", views.tender_award, name="award"),
    path("tender/<int:pk>/batal/", views.tender_cancel, name="cancel"),
    # The supplier's portal: the tenders it is invited to, its bids, the results.
    path("saya/tender/", views.my_tenders, name="my_tenders"),
    path("saya/tender/<int:pk>/", views.my_tender, name="my_tender"),
]
