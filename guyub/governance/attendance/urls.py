"""Attendance pages: calling, opening, adjourning and reconvening a meeting; its register,
attendance and quorum meter, the door, proxies; the member's meetings and their card."""

from django.urls import path

from . import member_views, views

urlpatterns = [
    path("rapat/<int:pk>/undang/", views.meeting_call, name="meeting_call"),
    path("rapat/<int:pk>/buka/", views.meeting_open, name="meeting_open"),
    path("rapat/<int:pk>/tunda/", views.meeting_adjourn, name="meeting_adjourn"),
    path("rapat/<int:pk>/lanjutkan/", views.meeting_reconvene, name="meeting_reconvene"),
    path("rapat/<int:pk>/daftar-pemilih/", views.register, name="register"),
    path("rapat/<int:pk>/pintu/", views.door, name="door"),
    path("rapat/<int:pk>/kehadiran/", views.attendance, name="attendance"),
    path("rapat/<int:pk>/kuorum/", views.quorum_meter, name="quorum_meter"),
    path("rapat/<int:pk>/kuasa/", views.proxies, name="proxies"),
    path("saya/rapat/", member_views.my_meetings, name="my_meetings"),
    path("saya/rapat/<int:pk>/", member_views.my_meeting, name="my_meeting"),
    path("saya/rapat/<int:pk>/dokumen/<int:doc_pk>/", member_views.my_document,
         name="my_document"),
    path("saya/rapat/<int:pk>/hadir-daring/", member_views.join_online, name="join_online"),
    path("saya/rapat/<int:pk>/detak/", member_views.heartbeat, name="heartbeat"),
    path("saya/rapat/<int:pk>/kuasa/", member_views.my_proxy, name="my_proxy"),
]
