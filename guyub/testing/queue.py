"""Real Celery workers for the tests of the task queue: the embedded broker (a SQLite
file, as `make run` uses) and Redis (as production does), each a real broker; the
worker runs in a thread of the test process (so it sees the test's database and the
test's stand-in jobs) or as a separate `celery worker` process (for what only a
process pool does: time limits)."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import OperationalError

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# A Redis database of its own, emptied before each use, so the tests never read what
# a development server left there. Each xdist worker takes its own.
REDIS_DB = 11 + int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0) % 4


def redis_available() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=0.5):
            return True
    except OSError:
        return False


def broker_url(kind: str, tmp_path: Path) -> str:
    if kind == "sqlite":
        return f"sqla+sqlite:///{tmp_path / 'queue.sqlite3'}"
    if not redis_available():
        if os.environ.get("GUYUB_REQUIRE_REDIS") == "1":
            pytest.fail("Redis is required (GUYUB_REQUIRE_REDIS=1) but not available")
        pytest.skip("Redis not available at 127.0.0.1:6379")
    import redis

    url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
    redis.Redis.from_url(url).flushdb()
    return url


@contextmanager
def broker(app, url: str):
    """Point the app at `url` (no eager tasks) for the duration."""
    from guyub.settings import broker_transport_options

    keys = ("broker_url", "task_always_eager", "broker_transport_options")
    saved = {k: app.conf[k] for k in keys}
    app.conf.update(broker_url=url, task_always_eager=False,
                    broker_transport_options=broker_transport_options(url))
    forget_connections(app)
    try:
        yield
    finally:
        app.conf.update(saved)
        forget_connections(app)


def forget_connections(app):
    """The connection and producer pools belong to the broker they were made for."""
    from kombu import pools

    if app._pool is not None:
        app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    pools.reset()  # kombu's registry of producer pools would hand back a closed one


@contextmanager
def threaded_worker(app, url: str):
    from celery.contrib.testing.worker import start_worker

    with broker(app, url), start_worker(app, pool="solo", perform_ping_check=False,
                                        shutdown_timeout=15, loglevel="WARNING"):
        yield


@contextmanager
def worker_process(url: str, *, include: str = "", concurrency: int = 1):
    """`celery -A guyub worker`, as the Makefile and the systemd unit start it."""
    env = {**os.environ, "CELERY_BROKER_URL": url, "GUYUB_EAGER_TASKS": "0",
           "DJANGO_SETTINGS_MODULE": "guyub.test_settings"}
    command = [sys.executable, "-m", "celery", "-A", "guyub", "worker", "--pool", "prefork",
               "--concurrency", str(concurrency), "--loglevel", "INFO", "--without-heartbeat",
               "--without-mingle", "--without-gossip"]
    if include:
        command += ["--include", include]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for(check, timeout: float = 30, every: float = 0.1):
    """Poll `check` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except OperationalError as error:
            # The test's in-memory SQLite database is shared with the worker's threads
            # (shared cache): while the worker writes, a reader gets "table is locked"
            # at once instead of waiting. That is "not yet", so poll again.
            if "locked" not in str(error):
                raise
            value = None
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"still waiting after {timeout} s")
