"""Token authentication of the API: django-rest-knox's, which stores only a digest of each
token and refuses expired ones, guarded against headers it would choke on."""

import re

from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions

# What knox hands out: hexadecimal characters (with TOKEN_PREFIX: letters, digits, "_", "-").
TOKEN_PATTERN = re.compile(rb"[A-Za-z0-9_-]{1,200}")


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's TokenAuthentication; a token that knox could never have made answers 401.

    knox decodes the header as UTF-8 and looks its first characters up in the database:
    a byte that is no UTF-8 would be a 500, a NUL character a 500 on PostgreSQL.
    """

    def authenticate_credentials(self, token: bytes):
        if not TOKEN_PATTERN.fullmatch(token):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return super().authenticate_credentials(token)
