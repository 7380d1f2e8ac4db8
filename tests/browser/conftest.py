"""Fixtures of the browser tests.

Strategy: a real `longarm serve` process on a free loopback port over a fresh store under the
test's tmp folder (one admin key made with `longarm keys create`'s function), driven by
Playwright through Debian's Chromium (`/usr/bin/chromium`, installed by `.ci/run`; Playwright
never downloads a browser). Without Chromium the tests are skipped on a developer's machine
and fail in CI (`CI=true`), so CI cannot pass by skipping them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from serverkit import Server

from longarm.store.database import Store
from longarm.store.keys import Role, create_key

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT_S = 60.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run must install the chromium package")
        pytest.skip("no /usr/bin/chromium (apt-get install chromium)")
    folder = tmp_path_factory.mktemp("browser")
    store = folder / "server.duckdb"
    with Store.open(store) as opened:
        key = create_key(opened, Role.ADMIN, actor="browser-test")[1]
    port = _free_port()
    log = (folder / "server.log").open("w")
    command = [sys.executable, "-c", "from longarm.cli import main; main()", "serve"]
    command += ["--port", str(port), "--store", str(store), "--no-preload-screener"]
    env = {**os.environ, "LONGARM_STORE": str(store)}
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                if httpx.get(url + "/health", timeout=1.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((folder / "server.log").read_text())
            time.sleep(0.2)
        yield Server(url, key, store)
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()
