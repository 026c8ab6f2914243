# syntax=docker/dockerfile:1
# Thi Đua Bot: build a wheel from pyproject.toml, install it into a virtual environment, and copy
# only that environment into a slim runtime image that runs as a non-root user.

ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN python -m venv /opt/venv
# Only what the wheel is built from; seeds and migrations are package data of the wheel.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY jobs ./jobs
COPY storage ./storage
COPY seeds ./seeds
# One list of dependencies: the wheel's metadata, read from pyproject.toml.
RUN /opt/venv/bin/pip wheel --no-deps --wheel-dir /wheels . \
    && /opt/venv/bin/pip install /wheels/*.whl

FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="thidua-bot" \
      org.opencontainers.image.description="Chat bot for emulation and awards work on Telegram and Zalo"
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HTTP_PORT=8080
RUN groupadd --system --gid 10001 thidua \
    && useradd --system --uid 10001 --gid thidua --home-dir /data --no-create-home thidua \
    && mkdir /data \
    && chown thidua:thidua /data
COPY --from=build /opt/venv /opt/venv
# The working folder holds thidua.db when DATABASE_URL keeps its SQLite default, and backups.
WORKDIR /data
VOLUME ["/data"]
USER 10001:10001
EXPOSE 8080
STOPSIGNAL SIGTERM
# Liveness only (GET /healthz); slim images have no curl, so Python's urllib asks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('HTTP_PORT', '8080'), timeout=4)"]
CMD ["thidua", "run"]
