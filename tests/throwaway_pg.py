"""A PostgreSQL server of a test's own (initdb in a temp folder, a free port) to stop and resume."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SERVER_USER = "postgres"


def find_bin() -> Path | None:
    """The newest PostgreSQL server binaries installed, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def unusable_reason() -> str | None:
    """Why a throwaway server cannot be started here, or None when it can."""
    if find_bin() is None:
        return "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root and there is no {SERVER_USER!r} user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


def free_port() -> int:
    """A TCP port of 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ThrowawayPostgres:
    """A running server: its URL, and stop/resume of every one of its processes."""

    folder: Path
    port: int
    bin: Path

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the `postgres` database (trust authentication)."""
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def pids(self) -> list[int]:
        """The postmaster and every backend it forked."""
        postmaster = int((self.folder / "data" / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(
            ["pgrep", "-P", str(postmaster)], capture_output=True, text=True, check=False
        ).stdout.split()
        return [postmaster, *(int(pid) for pid in children)]

    def freeze(self) -> None:
        """SIGSTOP the whole server: connections hang, nothing answers, nothing is refused."""
        for pid in self.pids():
            os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        """SIGCONT the whole server."""
        for pid in self.pids():
            os.kill(pid, signal.SIGCONT)


def _run(args: list[str], *, check: bool = True) -> None:
    # PostgreSQL refuses to run as root.
    command = ["runuser", "-u", SERVER_USER, "--", *args] if os.geteuid() == 0 else args
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=check)


@contextmanager
def throwaway_postgres() -> Iterator[ThrowawayPostgres]:
    """initdb into a temp folder, start on a free port, stop and delete at the end."""
    bin_dir = find_bin()
    assert bin_dir is not None, unusable_reason()
    folder = Path(tempfile.mkdtemp(prefix="thidua-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, user=SERVER_USER)
    data = folder / "data"
    port = free_port()
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
    _run([*initdb, "-E", "UTF8", "--no-sync"])
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data)]
    _run([*pg_ctl, "-o", options, "-l", str(folder / "log"), "-w", "start"])
    server = ThrowawayPostgres(folder, port, bin_dir)
    try:
        yield server
    finally:
        with contextlib.suppress(OSError, ValueError):  # already gone
            server.thaw()
        _run([*pg_ctl, "-m", "immediate", "stop"], check=False)
        shutil.rmtree(folder, ignore_errors=True)
