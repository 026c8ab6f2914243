"""The project installed the way the Dockerfile installs it: a wheel in a fresh virtual environment.

Slow by nature (about 40-70 s: building the wheel, then pip unpacking matplotlib, numpy and the
rest into a new venv); the venv is built once per run and shared by the tests below.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import ClientError, ClientSession

from bot import __version__
from tests import databases
from tests.fakes.telegram import FakeTelegramServer
from tests.test_deploy_files import ROOT, build_copies

PRIVATE = 777001
WEBHOOK_SECRET = "s3cr3t-thidua_deploy"


def _clean_env(**extra: str) -> dict[str, str]:
    """The test's environment without anything pointing at the source tree or bot settings."""
    from bot.settings import Settings

    drop = {"PYTHONPATH", "VIRTUAL_ENV", *(name.upper() for name in Settings.model_fields)}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """bin/ of a fresh venv holding the wheel, built from the files the Dockerfile copies."""
    base = tmp_path_factory.mktemp("install")
    source, wheels, venv = base / "src", base / "wheels", base / "venv"
    source.mkdir()
    # Like the Dockerfile's COPY lines: only these reach the build (no egg-info, no tests).
    for name, _ in build_copies():
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, source / name)
    env = _clean_env()
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv / "bin/pip"), "wheel", "--no-deps", "--wheel-dir", str(wheels), str(source)],
    ]
    for step in steps:
        subprocess.run(step, check=True, capture_output=True, env=env, timeout=300)
    [wheel] = wheels.glob("*.whl")
    subprocess.run(
        [str(venv / "bin/pip"), "install", str(wheel)],
        check=True,
        capture_output=True,
        env=env,
        timeout=600,
    )
    yield venv / "bin"


def _thidua(bin_dir: Path, cwd: Path, *args: str, stdin: str = "", **env: str) -> str:
    done = subprocess.run(
        [str(bin_dir / "thidua"), *args],
        cwd=cwd,
        env=_clean_env(**env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_installed_package_is_not_the_source_tree(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(installed / "python"), "-c", "import bot, seeds, storage; print(bot.__file__)"],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )

    assert Path(done.stdout.strip()).is_relative_to(installed.parent)
    assert _thidua(installed, tmp_path, "--version") == f"thidua {__version__}\n"


def test_installed_thidua_migrates_seeds_and_answers(installed: Path, tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'thidua.db'}"

    migrated = _thidua(installed, tmp_path, "migrate", DATABASE_URL=url)
    seeded = _thidua(installed, tmp_path, "seed", DATABASE_URL=url)
    again = _thidua(installed, tmp_path, "seed", DATABASE_URL=url)
    chat = _thidua(installed, tmp_path, "chat", stdin="/khenthuong 2022\n", DATABASE_URL=url)

    assert migrated == "Cơ sở dữ liệu đã ở lược đồ mới nhất.\n"
    assert seeded != again, "the first seed adds records, the second only finds them"
    assert "Khen thưởng năm 2022" in chat


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _get(client: ClientSession, url: str) -> tuple[int, str]:
    async with client.get(url) as response:
        return response.status, await response.text()


async def _wait_healthy(
    client: ClientSession, base: str, process: asyncio.subprocess.Process
) -> None:
    async with asyncio.timeout(60):
        while True:
            assert process.returncode is None, "thidua run exited before serving /healthz"
            try:
                if (await _get(client, base + "/healthz"))[0] == 200:
                    return
            except ClientError:
                pass
            await asyncio.sleep(0.2)


async def test_installed_thidua_run_serves_health_on_postgresql(
    installed: Path, tmp_path: Path
) -> None:
    if databases.pg_url() is None:
        pytest.skip(f"PostgreSQL not configured ({databases.PG_ENV} unset)")
    url = await databases.pg_copy(empty=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        async with FakeTelegramServer() as fake, ClientSession() as client:
            process = await asyncio.create_subprocess_exec(
                str(installed / "thidua"),
                "run",
                cwd=tmp_path,
                env=_clean_env(
                    DATABASE_URL=url,
                    TELEGRAM_BOT_TOKEN=fake.token,
                    TELEGRAM_API_URL=fake.base_url,
                    WEBHOOK_BASE_URL="https://thidua.example",
                    WEBHOOK_SECRET=WEBHOOK_SECRET,
                    HTTP_HOST="127.0.0.1",
                    HTTP_PORT=str(port),
                    LOG_FORMAT="json",
                ),
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            try:
                await _wait_healthy(client, base, process)
                await fake.wait_for_calls("setWebhook")
                delivered = await fake.deliver_webhook(
                    f"{base}/telegram/webhook",
                    fake.message_update(PRIVATE, PRIVATE, "/donvi"),
                    secret_token=WEBHOOK_SECRET,
                )
                [units] = await fake.wait_for_sent(PRIVATE)
                ready_status, ready = await _get(client, base + "/readyz")
                metrics_status, metrics = await _get(client, base + "/metrics")
            finally:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                _, stderr = await asyncio.wait_for(process.communicate(), 30)
    finally:
        await databases.pg_drop(url)

    assert delivered == 200 and (units.text or "").startswith("Mã đơn vị")
    assert ready_status == 200, ready
    assert '"telegram": {"ok": true' in ready
    assert metrics_status == 200
    assert 'thidua_updates_handled_total{command="donvi",platform="telegram"} 1.0' in metrics
    assert process.returncode == 0, stderr.decode()
    assert fake.token not in stderr.decode(), "the token never reaches the logs"
