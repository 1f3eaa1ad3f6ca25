from django.contrib import admin

from .models import ApiToken, AuditLog, Cooperative, CoopRole


@admin.register(Cooperative)
class CooperativeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "coop_type", "province", "regency"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CoopRole)
class CoopRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "cooperative", "role", "granted_at"]
    list_filter = ["role", "cooperative"]
    search_fields = ["user__username"]


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "cooperative", "actor", "action", "object_repr"]
    list_filter = ["cooperative", "action"]

    # The audit log is evidence: nobody edits or deletes it, not even here.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "cooperative", "key_hint", "created_at", "revoked_at"]
    readonly_fields = ["key_hash", "key_hint"]
