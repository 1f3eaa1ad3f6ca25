from django.contrib import admin

from .models import Member, StatusChange


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["number", "owner_name", "business_name", "cooperative", "status", "scale"]
    list_filter = ["cooperative", "status", "scale", "sector"]
    search_fields = ["owner_name", "business_name", "nik"]
    # A membership begins and ends through members.services (the status change it
    # records, the simpanan refunds): the SHU counts who was a member from those dates,
    # so the admin shows them but does not edit them.
    readonly_fields = ["status", "join_date"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["member", "from_status", "to_status", "date", "actor"]

    # The record of when a membership changed is history: read only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
