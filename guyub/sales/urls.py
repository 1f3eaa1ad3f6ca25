from django.urls import path

from . import views

app_name = "sales"

urlpatterns = [
    path("pesanan/", views.order_list, name="orders"),
    path("pesanan/<int:pk>/", views.order_detail, name="order"),
    path("pesanan/<int:pk>/bayar/", views.order_payment, name="order_payment"),
    path("pesanan/<int:pk>/batal/", views.order_cancel, name="order_cancel"),
    path("pesanan/<int:pk>/serah/<int:line_pk>/", views.hand_over, name="hand_over"),
]
