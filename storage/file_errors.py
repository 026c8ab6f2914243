"""Why a file could not be read or written, in Vietnamese (strerror is English)."""

from __future__ import annotations

import errno

from storage.texts import files as texts


def reason(exc: OSError | UnicodeDecodeError) -> str:
    """A short Vietnamese reason; unknown errors keep their errno name for whoever debugs."""
    if isinstance(exc, UnicodeDecodeError):
        return texts.NOT_UTF8
    if exc.errno in texts.REASONS:
        return texts.REASONS[exc.errno]
    name = errno.errorcode.get(exc.errno, "") if exc.errno is not None else ""
    return texts.system_error(name)
