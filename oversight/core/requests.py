"""What a view may take for granted about its request."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, on a page only signed-in users reach (sign-in is
    required everywhere but the public pages, so this never refuses there)."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user


# Whoever reads a page: visibility rules take this (sign-in is not yet known).
Reader = User | AnonymousUser
