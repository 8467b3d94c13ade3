from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

import oversight.delivery.admin  # noqa: F401 (registers the delivery plan's pages)
import oversight.peel.admin  # noqa: F401 (registers the PEEL register's pages)
import oversight.transparency.admin  # noqa: F401 (registers the decisions register's pages)
from oversight.core.models import RoleChange
from oversight.core.roles import Role
from oversight.plan.models import Deliverable, Objective, Plan, Priority


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    fields = ("code", "title", "is_demo")


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title", "period", "start_date", "end_date", "is_current")
    inlines = [PriorityInline]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan")
    list_filter = ("plan",)
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "priority", "is_demo")
    list_filter = ("priority__plan", "priority")
    search_fields = ("code", "title")


@admin.register(Deliverable)
class DeliverableAdmin(admin.ModelAdmin):
    list_display = ("action", "objective", "owner", "due_date", "progress")
    list_filter = ("objective__priority__plan", "objective__priority")
    list_select_related = ("objective__priority",)
    search_fields = ("action", "owner")
    date_hierarchy = "due_date"


# Users get their access from roles (oversight/roles.py) and nothing else:
# no per-user permissions, no superuser or staff flags from this screen.
admin.site.unregister(User)
admin.site.unregister(Group)
# The worker's jobs are looked after with `manage.py procrastinate`; an upload's
# own page says how its jobs went.
for job_model in apps.get_app_config("procrastinate").get_models():
    if admin.site.is_registered(job_model):
        admin.site.unregister(job_model)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "roles", "is_active",
                    "last_login")
    list_filter = ("groups", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal details", {"fields": ("first_name", "last_name", "email")}),
        ("Access", {"fields": ("is_active", "groups"),
                    "description": "A user's role decides what they may open."}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="Roles")
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all()) or "None"

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            # Nobody changes their own roles, or switches their own account off.
            return (*fields, "groups", "is_active")
        return fields

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "groups":
            kwargs["label"] = "Roles"
            kwargs["queryset"] = Group.objects.filter(name__in=list(Role))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """Roles are declared in code; here they can be read, not changed."""

    readonly_fields = ("name", "permissions")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    """Every role given or taken: recorded by triggers, never edited here."""

    list_display = ("pgh_created_at", "user", "change", "group", "changed_by")
    list_filter = ("pgh_label", "group")
    list_select_related = ("user", "group", "pgh_context")
    search_fields = ("user__username",)
    ordering = ("-pgh_created_at", "-pgh_id")

    @admin.display(description="Change")
    def change(self, event):
        return "Role given" if event.pgh_label == "role.given" else "Role taken away"

    def get_queryset(self, request: HttpRequest):
        # pghistory's middleware records the signed-in user's id with each change.
        by = User.objects.filter(pk=OuterRef("by_id")).values("username")[:1]
        return super().get_queryset(request).annotate(
            by_id=Cast(KeyTextTransform("user", "pgh_context__metadata"), IntegerField()),
            by_username=Subquery(by))

    @admin.display(description="By")
    def changed_by(self, event):
        return event.by_username or "Not recorded (not made on a web page)"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


# Authenticator devices are not managed in the admin: whoever could reset
# them there could take over an account whose password they can also reset.
# A lost authenticator is reset on the server (manage.py reset_two_factor).
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)

