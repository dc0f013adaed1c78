"""Requests per second: the app's pages under gunicorn beside bare Flask and nginx.

Run: python bench/bench_serve.py [SECONDS]      (needs: apt-get install nginx wrk)

Everything runs on loopback in this one run, on a copy of the demo program in SQLite:
gunicorn with gunicorn.conf.py serving the public page /b/<slug> and a signed-in mentor's
business list /, the same gunicorn settings serving a bare Flask app that returns a 4.8 KB
string (bench/bare_flask.py: the framework's floor), and nginx serving the page from
`flask site export`. wrk drives each with 50 connections for SECONDS (default 10). The
table shows requests/s, latency and each figure as a share of bare Flask; afterwards the
page's view count is read back and must equal the requests wrk completed (exact counts).
Each row also gives the server's CPU time per request (its processes' utime + stime from
/proc): on a loaded machine req/s swings with the neighbours, CPU per request hardly does.

A plain GET of the page (no cookie, no query: most visitors) is answered by the app's fast
path, which replays the app's own last answer while the page's version holds and skips
Flask (app/public/fast.py): it can beat bare Flask. The row "page, Flask path" asks for the
same page with a query string, which goes through Flask, its hooks and the page cache.
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
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CONNECTIONS = 50
THREADS = 2
SLUG = "bakso-mas-bejo"
MENTOR = ("pendamping1", "susukan-tim-satu")  # a demo account (app/demo.toml)
TARGET_PAGE = 0.50  # of bare Flask's requests/s
TARGET_LIST = 0.25
# The browser the mentor signs in with and then uses: one User-Agent for both. (Flask-Login's
# session protection marks a session whose browser changed as not fresh, re-signing its
# cookie on every request: not what a browser that stays the same costs.)
USER_AGENT = "Mozilla/5.0 (Linux; Android 13) bench_serve"
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


def wait_for(url: str, seconds: float = 180) -> None:
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


def wrk(url: str, seconds: int, cookie: str = "") -> dict:
    """Drive url with wrk; return requests/s, latency figures, request count and errors."""
    header = ["-H", f"Cookie: {cookie}", "-H", f"User-Agent: {USER_AGENT}"] if cookie else []
    out = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", *header, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "non2xx": int(errors.group(1)) if errors else 0,
        "socket": socket_errors.group(1) if socket_errors else "none",
        "requests": requests,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) of a server: master, live and recycled workers."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid:  # utime, stime, and those of workers that have exited
            total += sum(int(value) for value in fields[11:15]) / tick
        elif int(fields[1]) == pid:  # a live worker (fields[1]: its parent): utime, stime
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def measured(pid: int, url: str, seconds: int, cookie: str = "") -> dict:
    """Run wrk on url and add the server's CPU milliseconds per request (load-proof)."""
    before = cpu_seconds(pid)
    result = wrk(url, seconds, cookie)
    result["cpu_ms"] = (cpu_seconds(pid) - before) * 1000 / max(result["requests"], 1)
    return result


def sign_in(base: str) -> str:
    """Sign the demo mentor in through the login form; return the session cookie header."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    with opener.open(f"{base}/masuk") as response:
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.read().decode())
    form = {"username": MENTOR[0], "password": MENTOR[1], "csrf_token": token.group(1)}
    with opener.open(f"{base}/masuk", urllib.parse.urlencode(form).encode()) as response:
        if response.status != 200 or "/masuk" in response.url:
            raise SystemExit("could not sign in the demo mentor")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def page_views(env: dict) -> int:
    """Return the recorded views of the bench page (every source, every day)."""
    code = (
        "from app import create_app; from app.extensions import db; "
        "from app.models import Business, PageViewDaily; from sqlalchemy import select, func\n"
        "with create_app().app_context():\n"
        f"    b = db.session.scalar(select(Business.id).where(Business.slug == {SLUG!r}))\n"
        "    print(db.session.scalar(select(func.coalesce(func.sum(PageViewDaily.count), 0))"
        ".where(PageViewDaily.business_id == b)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return int(out.split()[-1])


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
    app_port, nginx_port, bare_port = free_port(), free_port(), free_port()
    env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{app_port}"
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    for args in (["db", "upgrade"], ["demo", "load"], ["site", "export", str(work / "site")]):
        subprocess.run(flask + args, cwd=ROOT, env=env, check=True, capture_output=True)
    env["RATELIMIT_ENABLED"] = "0"  # wrk is one address; the limits are not what is measured
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
    bare = subprocess.Popen(
        [
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{bare_port}",
            "--pythonpath",
            str(ROOT / "bench"),
            "bare_flask:app",
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
        base = f"http://127.0.0.1:{app_port}"
        app_url = f"{base}/b/{SLUG}"
        bare_url = f"http://127.0.0.1:{bare_port}/b/{SLUG}"
        static_url = f"http://127.0.0.1:{nginx_port}/b/{SLUG}/"
        for url in (app_url, bare_url, static_url):
            wait_for(url)
        cookie = sign_in(base)
        list_url = f"{base}/"
        warm = wrk(app_url, 2)  # warm the workers: first views render the logo
        wrk(bare_url, 2)
        results = {
            "bare Flask (floor)": measured(bare.pid, bare_url, seconds),
            "app: public page": measured(gunicorn.pid, app_url, seconds),
            # The same page through Flask: a link with a query (as shared links carry), which
            # the fast path (app/public/fast.py) leaves to the app.
            "app: page, Flask path": measured(gunicorn.pid, f"{app_url}?utm_source=wa", seconds),
            "app: signed-in list": measured(gunicorn.pid, list_url, seconds, cookie),
            "nginx: exported page": measured(nginx.pid, static_url, seconds),
        }
    finally:
        for server in (gunicorn, bare):
            server.send_signal(signal.SIGTERM)
        nginx.send_signal(signal.SIGQUIT)
        for server in (gunicorn, bare, nginx):
            server.wait(timeout=30)
    floor = results["bare Flask (floor)"]["rps"]
    print(
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{seconds}s on loopback, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at the end"
    )
    floor_cpu = results["bare Flask (floor)"]["cpu_ms"]
    print(
        f"{'server':<24}{'req/s':>9}{'÷bare':>7}{'p50':>10}{'p99':>10}"
        f"{'cpu ms/req':>11}{'bare÷':>7}{'non-2xx':>9}  socket"
    )
    for name, r in results.items():
        figures = f"{r['rps']:>9.0f}{r['rps'] / floor:>7.2f}{r['p50']:>10}{r['p99']:>10}"
        cpu = f"{r['cpu_ms']:>11.3f}{floor_cpu / r['cpu_ms'] if r['cpu_ms'] else 0:>7.2f}"
        print(f"{name:<24}{figures}{cpu}{r['non2xx']:>9}  {r['socket']}")
    print(
        "cpu ms/req: the server's own CPU time (all its processes) per completed request;"
        " bare÷ = bare Flask's over this one, a share that the machine's load hardly moves"
    )
    for name, target in (("app: public page", TARGET_PAGE), ("app: signed-in list", TARGET_LIST)):
        share = results[name]["rps"] / floor
        print(
            f"{name}: {share:.0%} of bare Flask (target ≥ {target:.0%}: "
            f"{'OK' if share >= target else 'MISSED'})"
        )
    # The start-up check, the warm-up and the measured runs all viewed the page. wrk leaves
    # out what was still in flight when each of its three runs stopped (at most one request
    # per connection) and the requests it gave up on (timeouts): the server counted those.
    runs = (warm, results["app: public page"], results["app: page, Flask path"])
    sent = 1 + sum(run["requests"] for run in runs)
    slack = sum(CONNECTIONS + run["timeouts"] for run in runs)
    counted = page_views(env)
    verdict = "exact" if 0 <= counted - sent <= slack else "WRONG"
    print(
        f"views counted for /b/{SLUG}: {counted}; requests wrk completed: {sent} "
        f"(+ up to {slack} in flight or timed out): {verdict}"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
