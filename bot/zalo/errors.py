"""Typed errors raised by the Zalo Bot Platform client, plus token redaction for their text."""

from __future__ import annotations

import re
from urllib.parse import quote

# The token sits in the URL path (`/bot<token>/method`), so any URL that reaches a message must
# lose it. Matching any path segment after `/bot` also covers tokens we were never told about;
# the look-behind keeps a host such as `https://bot-api...` from matching.
_TOKEN_IN_PATH = re.compile(r"(?<!/)/bot[^/\s]+/")


def redact(text: str, token: str | None = None) -> str:
    """Replace `/bot<token>/` (and the bare token, if given) in text with `/bot***/`."""
    if token:
        for form in {token, quote(token, safe=""), quote(token, safe=":")}:
            text = text.replace(form, "***")
    return _TOKEN_IN_PATH.sub("/bot***/", text)


class ZaloError(Exception):
    """Base class for every error the Zalo client raises."""

    def __init__(self, code: int, description: str, *, method: str | None = None) -> None:
        self.code = code
        self.description = redact(description)
        self.method = method
        where = f"Zalo {method}" if method else "Zalo API"
        super().__init__(f"{where} failed with {code}: {self.description}")


class ZaloUnauthorized(ZaloError):
    """401: the token is wrong or was reset; stop and alert an operator."""


class ZaloForbidden(ZaloError):
    """403: a permission problem; retrying blindly will not help."""


class ZaloPollTimeout(ZaloError):
    """408: getUpdates saw nothing within its timeout (the client turns this into None)."""


class ZaloRateLimited(ZaloError):
    """429: a quota was exceeded; back off, for `retry_after` seconds when the server says so."""

    def __init__(
        self,
        code: int,
        description: str,
        *,
        method: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(code, description, method=method)
        self.retry_after = retry_after


class ZaloApiError(ZaloError):
    """Any other failed call (400, 404, 5xx, malformed answers)."""


class ZaloTransportError(ZaloError):
    """The request never got a usable HTTP answer: connection failure, timeout, broken body."""

    def __init__(self, description: str, *, method: str | None = None) -> None:
        # Code 0: there is no HTTP status or API error code to report.
        super().__init__(0, description, method=method)


def error_for_code(
    code: int,
    description: str,
    *,
    method: str | None = None,
    retry_after: float | None = None,
) -> ZaloError:
    """Build the most specific ZaloError subclass for an API error code."""
    if code == 429:
        return ZaloRateLimited(code, description, method=method, retry_after=retry_after)
    if code == 401:
        return ZaloUnauthorized(code, description, method=method)
    if code == 403:
        return ZaloForbidden(code, description, method=method)
    if code == 408:
        return ZaloPollTimeout(code, description, method=method)
    return ZaloApiError(code, description, method=method)
