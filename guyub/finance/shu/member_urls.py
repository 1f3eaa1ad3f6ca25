"""The member's own SHU pages: their projection and posted SHU, taking it into simpanan
sukarela, and their SHU statement (PDF)."""

from django.urls import path

from . import member_views, statement_pdf

urlpatterns = [
    path("keuangan/shu-saya/", member_views.my_shu, name="my_shu"),
    path("keuangan/shu-saya/<int:year>/ke-sukarela/", member_views.my_shu_take,
         name="my_shu_take"),
    path("keuangan/shu-saya/<int:year>/pdf/", statement_pdf.my_shu_statement,
         name="my_shu_statement"),
]
