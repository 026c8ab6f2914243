"""Fault injection for the fake Zalo API: error envelopes, proxy pages and stalled calls."""

from __future__ import annotations

import json
from collections.abc import Mapping

from tests.fakes.zalo_server.records import Failure
from tests.fakes.zalo_server.state import ZaloState


class ZaloFaults(ZaloState):
    """Scripts how the next calls of a method fail; the server consumes them before answering."""

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        times: int = 1,
        retry_after: float | None = None,
        *,
        error_key: str = "error_code",
    ) -> None:
        """Answer the next `times` calls of `method` with an error envelope."""
        body: dict[str, object] = {"ok": False, error_key: error_code, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        status = 200 if self.errors_as_http_200 else error_code
        failure = Failure(status, json.dumps(body).encode(), "application/json", {})
        self._failures[method].extend([failure] * times)

    def fail_next_raw(
        self,
        method: str,
        status: int = 502,
        body: str = "<html><body><h1>502 Bad Gateway</h1></body></html>",
        times: int = 1,
        *,
        content_type: str = "text/html",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with a non-envelope body, like a proxy."""
        failure = Failure(status, body.encode(), content_type, dict(headers or {}))
        self._failures[method].extend([failure] * times)

    def stall_next(self, method: str, times: int = 1) -> None:
        """Hold the next `times` calls of `method` without answering until stop()."""
        self._stalls[method] += times
