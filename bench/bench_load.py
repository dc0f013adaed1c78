"""Load: gunicorn on loopback serving a published public page to many concurrent clients.

    python bench/bench_load.py [--clients 50] [--requests 10000] [--workers 4]

Builds a fresh SQLite database in a temporary folder (migrations + demo program), starts
gunicorn on 127.0.0.1, warms the page, then drives it with asyncio clients over keep-alive
HTTP/1.1 connections. Prints requests/s and latency percentiles; exits 1 on any error.
Then sends as many basket orders (/b/<slug>/pesan, answered 303 to WhatsApp) and checks,
after gunicorn stopped and flushed, that the stored daily counts of views and order taps
are exactly the numbers of requests sent.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(folder: Path) -> tuple[dict, str]:
    """Create the database with the demo loaded; return the environment and a published slug."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite'}",
        "SECRET_KEY": "bench-secret",
        "UPLOAD_DIR": str(folder / "uploads"),
        "GENERATED_DIR": str(folder / "generated"),
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "FLASK_APP": "app",
    }
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*flask, "demo", "load"], env=env, cwd=ROOT, check=True, capture_output=True)
    out = subprocess.run(
        [*flask, "businesses", "list", "--json"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    import json

    published = [row["slug"] for row in json.loads(out) if row["published"]]
    if not published:
        raise SystemExit("the demo has no published business")
    return env, published[0]


async def client(host, port, path, count, latencies, errors, expect=b"HTTP/1.1 200"):
    """Send `count` GETs over one keep-alive connection, recording each latency."""
    reader = writer = None
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: bench\r\n\r\n".encode()
    for _ in range(count):
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status_line = await reader.readline()
            length, close = 0, False
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
                elif name.lower() == "connection" and "close" in value.lower():
                    close = True
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if not status_line.startswith(expect):
                errors.append(status_line.decode("latin-1").strip())
            if close:
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError) as exc:
            errors.append(repr(exc))
            if writer is not None:
                writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def drive(host, port, path, clients, total, expect=b"HTTP/1.1 200"):
    """Run `clients` concurrent clients sharing `total` requests."""
    latencies: list[float] = []
    errors: list[str] = []
    share = [total // clients + (1 if n < total % clients else 0) for n in range(clients)]
    started = time.perf_counter()
    await asyncio.gather(*(client(host, port, path, n, latencies, errors, expect) for n in share))
    return time.perf_counter() - started, latencies, errors


def wait_for(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    args = parser.parse_args()
    if shutil.which("gunicorn") is None and not _has_module("gunicorn"):
        raise SystemExit("gunicorn is not installed (pip install gunicorn)")
    folder = Path(tempfile.mkdtemp(prefix="kit-bench-"))
    try:
        env, slug = prepare(folder)
        port = free_port()
        log = (folder / "server.log").open("wb")  # the app's request log, kept off the terminal
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--keep-alive",
                "30",
                "--log-level",
                "warning",
                "app:create_app()",
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        try:
            wait_for(port)
            path = f"/b/{slug}"
            asyncio.run(drive("127.0.0.1", port, path, 4, 200))  # warm every worker
            elapsed, latencies, errors = asyncio.run(
                drive("127.0.0.1", port, path, args.clients, args.requests)
            )
            order = f"/b/{slug}/pesan?{product_field(folder, slug)}=1&dari=l"
            order_elapsed, orders, order_errors = asyncio.run(
                drive("127.0.0.1", port, order, args.clients, args.requests, b"HTTP/1.1 303")
            )
        finally:
            server.terminate()
            server.wait(timeout=20)
            log.close()
        counted = stored_counts(folder, slug)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    print(
        f"page {path}: {args.requests} requests, {args.clients} concurrent clients, "
        f"gunicorn {args.workers} workers × 4 threads"
    )
    print(f"throughput {len(latencies) / elapsed:,.0f} requests/s over {elapsed:.1f} s")
    print(
        f"latency ms: median {statistics.median(latencies) * 1000:.1f}  p90 {pct(0.90):.1f}  "
        f"p99 {pct(0.99):.1f}  max {latencies[-1] * 1000:.1f}"
    )
    print(f"errors {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    assert not errors, "the public page must serve every request"
    assert len(latencies) == args.requests
    print(
        f"basket orders: {len(orders) / order_elapsed:,.0f} redirects/s, errors {len(order_errors)}"
    )
    views_sent = args.requests + 200  # the warm-up's 200 are views too
    print(
        f"stored counts: views {counted.get('direct', 0)} (sent {views_sent}), "
        f"order taps {counted.get('pesan:l', 0)} (sent {args.requests})"
    )
    assert not order_errors
    assert counted.get("direct") == views_sent and counted.get("pesan:l") == args.requests
    return 0


def product_field(folder: Path, slug: str) -> str:
    """Return the basket's quantity field of the business's first product."""
    import sqlite3
    import uuid

    with sqlite3.connect(folder / "bench.sqlite") as conn:
        (product_id,) = conn.execute(
            "SELECT p.id FROM products p JOIN businesses b ON b.id = p.business_id "
            "WHERE b.slug = ? ORDER BY p.position LIMIT 1",
            (slug,),
        ).fetchone()
    return "p" + uuid.UUID(str(product_id)).hex[:8]


def stored_counts(folder: Path, slug: str) -> dict[str, int]:
    """Return the stored counts of the business by key (source, or target:source)."""
    import sqlite3

    with sqlite3.connect(folder / "bench.sqlite") as conn:
        rows = conn.execute(
            "SELECT v.source, SUM(v.count) FROM page_views_daily v JOIN businesses b "
            "ON b.id = v.business_id WHERE b.slug = ? GROUP BY v.source",
            (slug,),
        ).fetchall()
    return dict(rows)


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    sys.exit(main())
