from django.contrib import admin

from .models import Member, StatusChange


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["number", "owner_name", "business_name", "cooperative", "status", "scale"]
    list_filter = ["cooperative", "status", "scale", "sector"]
    search_fields = ["owner_name", "business_name", "nik"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["member", "from_status", "to_status", "date", "actor"]
