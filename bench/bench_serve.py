"""Requests per second for a public page: the app under gunicorn vs nginx serving its export.

Run: python bench/bench_serve.py [SECONDS]      (needs: apt-get install nginx wrk)

Both servers run on loopback in this one run, on a copy of the demo program in SQLite:
gunicorn with gunicorn.conf.py (workers from the number of cores) serving /b/<slug>, and
nginx serving the same page from `flask site export`. wrk drives each with 50 connections
for SECONDS (default 10) and the table shows requests/s, latency and the ratio.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CONNECTIONS = 50
THREADS = 2
SLUG = "bakso-mas-bejo"
NGINX_CONF = """
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    include /etc/nginx/mime.types;
    sendfile on;
    gzip on;
    gzip_types text/css image/svg+xml;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 20) -> None:
    """Wait until url answers 200."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def wrk(url: str, seconds: int) -> dict:
    """Drive url with wrk; return requests/s, latency figures and errors."""
    out = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "non2xx": int(errors.group(1)) if errors else 0,
        "socket": socket_errors.group(1) if socket_errors else "none",
    }


def main() -> None:
    """Start both servers, measure, print, stop."""
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    for tool in ("nginx", "wrk", "gunicorn"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install nginx wrk; pip install gunicorn")
    work = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    work.chmod(0o755)  # nginx's workers run as an unprivileged user and must read the export
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'app.sqlite'}",
        "GENERATED_DIR": str(work / "generated"),
        "SECRET_KEY": "bench",
        "UPLOAD_DIR": str(work / "uploads"),
    }
    app_port, nginx_port = free_port(), free_port()
    env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{app_port}"
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    for args in (["db", "upgrade"], ["demo", "load"], ["site", "export", str(work / "site")]):
        subprocess.run(flask + args, cwd=ROOT, env=env, check=True, capture_output=True)
    gunicorn = subprocess.Popen(
        [
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{app_port}",
            "app:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    (work / "nginx.conf").write_text(
        NGINX_CONF.format(prefix=work, port=nginx_port, root=work / "site")
    )
    nginx = subprocess.Popen(
        ["nginx", "-c", str(work / "nginx.conf"), "-p", str(work), "-g", "daemon off;"]
    )
    try:
        app_url = f"http://127.0.0.1:{app_port}/b/{SLUG}"
        static_url = f"http://127.0.0.1:{nginx_port}/b/{SLUG}/"
        wait_for(app_url)
        wait_for(static_url)
        wrk(app_url, 2)  # warm the workers: first views render the logo once
        results = {
            "gunicorn: app /b/<slug>": wrk(app_url, seconds),
            "nginx: exported page": wrk(static_url, seconds),
        }
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        nginx.send_signal(signal.SIGQUIT)
        gunicorn.wait(timeout=20)
        nginx.wait(timeout=20)
    print(f"wrk -t{THREADS} -c{CONNECTIONS} -d{seconds}s on loopback, {os.cpu_count()} cores")
    print(f"{'server':<26}{'req/s':>10}{'p50':>10}{'p99':>10}{'non-2xx':>9}  socket errors")
    for name, r in results.items():
        figures = f"{r['rps']:>10.0f}{r['p50']:>10}{r['p99']:>10}{r['non2xx']:>9}"
        print(f"{name:<26}{figures}  {r['socket']}")
    ratio = results["nginx: exported page"]["rps"] / results["gunicorn: app /b/<slug>"]["rps"]
    print(f"nginx serves the exported page {ratio:.1f}× as fast as the app serves it live")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
