"""The administration pages, opened by role (Perm.USE_ADMIN) not by is_staff."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse

from oversight.core.roles import Perm


class OversightAdminSite(admin.AdminSite):
    site_header = "PCC Oversight administration"
    site_title = "PCC Oversight administration"
    index_title = "Administration"

    def has_permission(self, request: HttpRequest):
        return request.user.is_active and request.user.has_perm(Perm.USE_ADMIN)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args, **kwargs):
            # Signed in without access: say so, rather than ask to sign in again.
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request: HttpRequest, extra_context=None):
        # One sign-in page for the whole portal.
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
