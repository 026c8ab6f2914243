"""The Dockerfile, compose files and .env.example, checked without a Docker engine."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import SecretStr

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILES = (
    "docker-compose.yml",
    "docker-compose.webhook.yml",
    "docker-compose.telegram-api.yml",
)
# ${NAME}, ${NAME:-default}, ${NAME:?error}; `$${NAME}` is an escaped dollar for the container.
VARIABLE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")
ENV_LINE = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$")


# ---------------------------------------------------------------------------- Dockerfile


@dataclass
class Instruction:
    """One Dockerfile instruction with its arguments as written (continuations joined)."""

    keyword: str
    args: str
    line: int

    def exec_form(self) -> list[str] | None:
        """The JSON array of an exec-form CMD/ENTRYPOINT/RUN, None for the shell form."""
        text = self.args.strip()
        if not text.startswith("["):
            return None
        value = json.loads(text)
        assert isinstance(value, list) and all(isinstance(v, str) for v in value)
        return value


@dataclass
class Stage:
    """A build stage: its base image, optional name and instructions."""

    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        """Instructions of this kind, in order."""
        return [i for i in self.instructions if i.keyword == keyword]


def parse_dockerfile(text: str) -> tuple[list[Instruction], list[Stage]]:
    """Instructions before the first FROM (ARGs), and the stages."""
    instructions: list[Instruction] = []
    pending = ""
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue  # comments inside a continued instruction are dropped by Docker too
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        whole = pending + stripped
        pending = ""
        keyword, _, args = whole.partition(" ")
        instructions.append(Instruction(keyword.upper(), args.strip(), start))
    assert not pending, "the Dockerfile ends inside a continued line"
    header: list[Instruction] = []
    stages: list[Stage] = []
    for instruction in instructions:
        if instruction.keyword == "FROM":
            words = instruction.args.split()
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            stages.append(Stage(words[0], name))
        elif stages:
            stages[-1].instructions.append(instruction)
        else:
            header.append(instruction)
    return header, stages


def dockerfile() -> tuple[list[Instruction], list[Stage]]:
    """The project's Dockerfile, parsed."""
    return parse_dockerfile((ROOT / "Dockerfile").read_text(encoding="utf-8"))


def build_copies() -> list[tuple[str, str]]:
    """(source, destination) of each COPY of the build stage: what the wheel is built from."""
    _, stages = dockerfile()
    copies: list[tuple[str, str]] = []
    for instruction in stages[0].all("COPY"):
        *sources, destination = shlex.split(instruction.args)
        copies.extend((source, destination) for source in sources)
    return copies


def test_dockerfile_is_multi_stage_from_python_slim() -> None:
    header, stages = dockerfile()
    args = {i.args.split("=", 1)[0]: i.args.split("=", 1)[1] for i in header if "=" in i.args}

    assert args["PYTHON_IMAGE"] == "python:3.11-slim"
    assert [s.base for s in stages] == ["${PYTHON_IMAGE}", "${PYTHON_IMAGE}"]
    assert [s.name for s in stages] == ["build", "runtime"]
    [copied] = [i for i in stages[1].all("COPY") if "--from=" in i.args]
    assert copied.args == "--from=build /opt/venv /opt/venv", "only the venv reaches the image"


def test_dockerfile_installs_the_wheel_built_from_pyproject() -> None:
    _, stages = dockerfile()
    runs = " && ".join(i.args for i in stages[0].all("RUN"))

    assert "pip wheel --no-deps --wheel-dir /wheels ." in runs
    assert "pip install /wheels/*.whl" in runs
    for stage in stages:
        for instruction in stage.all("RUN"):
            for command in re.split(r"&&|;", instruction.args):
                words = shlex.split(command)
                if words[1:2] == ["install"] and words[0].endswith("pip"):
                    targets = [w for w in words[2:] if not w.startswith("-")]
                    # No second list of dependencies: only the project's own wheel is installed.
                    assert targets == ["/wheels/*.whl"], command
    copied = {source for source, _ in build_copies()}
    assert {"pyproject.toml", "bot", "jobs", "storage", "seeds"} <= copied


def test_dockerfile_runs_thidua_as_a_non_root_user_with_a_data_folder() -> None:
    _, stages = dockerfile()
    runtime = stages[-1]
    [user] = runtime.all("USER")
    [workdir] = runtime.all("WORKDIR")
    [volume] = runtime.all("VOLUME")
    [cmd] = runtime.all("CMD")

    assert user.args.split(":")[0] not in ("root", "0", "")
    assert runtime.instructions.index(user) > max(
        runtime.instructions.index(i) for i in runtime.all("RUN")
    ), "everything after USER runs unprivileged"
    assert workdir.args == "/data"
    assert json.loads(volume.args) == ["/data"]
    assert cmd.exec_form() == ["thidua", "run"]
    assert runtime.all("ENTRYPOINT") == []
    assert "PATH=/opt/venv/bin:$PATH" in " ".join(i.args for i in runtime.all("ENV"))


def test_dockerfile_healthcheck_asks_healthz_with_python() -> None:
    _, stages = dockerfile()
    [check] = stages[-1].all("HEALTHCHECK")
    options, _, command = check.args.partition("CMD ")
    words = json.loads(command)

    assert "--interval=" in options and "--timeout=" in options and "--start-period=" in options
    assert words[:2] == ["python", "-c"]
    assert "urllib.request.urlopen" in words[2] and "/healthz" in words[2]
    assert "HTTP_PORT" in words[2]
    compile(words[2], "HEALTHCHECK", "exec")


def test_dockerignore_keeps_secrets_and_databases_out() -> None:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    rules = [line for line in lines if line and not line.startswith("#")]

    assert rules[0] == "*", "only what is allowed back in is sent to the builder"
    allowed = {rule[1:].rstrip("/") for rule in rules if rule.startswith("!")}
    assert allowed == {source for source, _ in build_copies()} | {"README.md"}
    assert {"**/.env", "**/*.db"} <= set(rules)


# ---------------------------------------------------------------------------- compose


def compose(name: str = "docker-compose.yml") -> dict[str, Any]:
    """A compose file, parsed (YAML anchors and merge keys resolved)."""
    data = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def env_example() -> dict[str, str]:
    """Every NAME of .env.example, commented out or not, with its example value."""
    found: dict[str, str] = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        match = ENV_LINE.match(line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def test_compose_services_start_in_order() -> None:
    services = compose()["services"]

    assert set(services) == {"db", "redis", "migrate", "bot"}
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert services["bot"]["depends_on"] == {
        "migrate": {"condition": "service_completed_successfully"},
        "redis": {"condition": "service_started"},
    }
    assert services["bot"]["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert services["migrate"]["command"] == ["sh", "-c", "thidua migrate && thidua seed"]
    assert services["bot"]["command"] == ["thidua", "run"]
    assert services["migrate"]["image"] == services["bot"]["image"]
    assert services["migrate"]["build"] == services["bot"]["build"] == "."


def test_compose_database_has_a_volume_and_a_pg_isready_healthcheck() -> None:
    data = compose()
    db = data["services"]["db"]

    assert db["image"] == "postgres:16"
    assert db["healthcheck"]["test"][0] == "CMD-SHELL"
    assert db["healthcheck"]["test"][1].startswith("pg_isready ")
    volume, _, target = db["volumes"][0].partition(":")
    assert target == "/var/lib/postgresql/data"
    assert volume in data["volumes"], "a named volume, kept across upgrades"


def test_compose_bot_restarts_reads_env_and_stops_gracefully() -> None:
    data = compose()
    bot, migrate = data["services"]["bot"], data["services"]["migrate"]

    assert bot["restart"] == "unless-stopped"
    assert migrate["restart"] == "no"
    assert bot["env_file"] == migrate["env_file"] == ".env"
    assert bot["stop_grace_period"] == "60s"
    url = bot["environment"]["DATABASE_URL"]
    assert url.startswith("postgresql+asyncpg://") and "@db:5432/" in url
    assert bot["volumes"] == ["botdata:/data"] and "botdata" in data["volumes"]
    assert "ports" not in bot, "polling mode needs no open port"
    assert migrate["healthcheck"] == {"disable": True}


def test_webhook_override_publishes_the_http_port_only() -> None:
    override = compose("docker-compose.webhook.yml")

    assert set(override["services"]) == {"bot"}
    assert set(override["services"]["bot"]) == {"ports"}
    [port] = override["services"]["bot"]["ports"]
    assert port.startswith("${HTTP_PUBLISH_ADDRESS:-127.0.0.1}:")
    assert port.endswith(":${HTTP_PORT:-8080}")


def test_telegram_api_override_points_the_bot_at_its_server() -> None:
    override = compose("docker-compose.telegram-api.yml")
    server = override["services"]["telegram-api"]

    assert server["image"].startswith("aiogram/telegram-bot-api")
    assert set(server["environment"]) == {"TELEGRAM_API_ID", "TELEGRAM_API_HASH"}
    assert override["services"]["bot"]["environment"] == {
        "TELEGRAM_API_URL": "http://telegram-api:8081"
    }
    assert server["volumes"][0].split(":")[0] in override["volumes"]


@pytest.mark.parametrize("name", COMPOSE_FILES)
def test_every_variable_the_compose_files_use_is_in_env_example(name: str) -> None:
    used = set(VARIABLE.findall((ROOT / name).read_text(encoding="utf-8")))

    assert used, name
    assert sorted(used - set(env_example())) == []


def test_env_example_lists_every_setting_with_a_comment() -> None:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    listed = env_example()
    settings = {name.upper() for name in Settings.model_fields}

    assert sorted(settings - set(listed)) == []
    for number, line in enumerate(lines):
        if ENV_LINE.match(line):
            above = lines[number - 1]
            assert above.startswith("# ") and not ENV_LINE.match(above), f"no comment: {line}"


def test_env_example_loads_and_holds_no_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    env = tmp_path / ".env"
    env.write_text((ROOT / ".env.example").read_text(encoding="utf-8"), encoding="utf-8")

    settings = Settings(_env_file=env)

    assert settings.telegram_bot_token is None and settings.zalo_bot_token is None
    assert settings.webhook_base_url is None and settings.log_format == "json"
    secrets = [
        name for name in Settings.model_fields if isinstance(getattr(settings, name), SecretStr)
    ]
    assert secrets == []
    assert env_example()["POSTGRES_PASSWORD"].startswith("change-me")
