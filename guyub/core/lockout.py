"""Locking out password and token guessing (django-axes does the counting).

A login is locked per account (however it is capitalised) and per address; a bad API
token has no account, so it counts against its address only: counting it against one
shared name would let anyone lock every program out of the API.
"""

import math

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

API_TOKEN = "api_token"


def client_address(request) -> str | None:
    """The client's address. Behind TRUSTED_PROXY_COUNT proxies the last one of them
    appended it to X-Forwarded-For; anything before that the client may have forged."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                     if a.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def username(request, credentials) -> str | None:
    """The login name as the backend matches it (case-insensitively)."""
    name = (credentials or {}).get("username")
    if name is None and request is not None and not (credentials or {}).get(API_TOKEN):
        name = request.POST.get("username") if request.method == "POST" else None
    return name.strip().lower() if isinstance(name, str) else None


def lockout_parameters(request_or_attempt, credentials) -> list:
    if (credentials or {}).get(API_TOKEN):
        return ["ip_address"]
    return ["username", "ip_address"]


def token_credentials() -> dict:
    return {API_TOKEN: True}


def wait_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def wait_message() -> str:
    minutes = wait_minutes()
    return ngettext(
        "Terlalu banyak percobaan yang gagal. Coba lagi %(minutes)d menit lagi.",
        "Terlalu banyak percobaan yang gagal. Coba lagi %(minutes)d menit lagi.",
        minutes) % {"minutes": minutes}


def retry_after() -> str:
    return str(int(settings.AXES_COOLOFF_TIME.total_seconds()))


def locked_out(request, original_response=None, credentials=None):
    """Axes' lockout answer: a page for people, JSON in the API's shape for programs."""
    if request.path.startswith("/api/"):
        response = api_locked_out()
    else:
        response = render(request, "core/locked_out.html",
                          {"message": wait_message(), "minutes": wait_minutes()}, status=429)
    response["Retry-After"] = retry_after()
    return response


def api_locked_out() -> JsonResponse:
    message = wait_message()
    response = JsonResponse({"detail": message, "errors": {"__all__": [message]}}, status=429)
    response["Retry-After"] = retry_after()
    return response
