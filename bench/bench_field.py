"""Slow-3G figures for the public page, live from the app and as a static export.

Run: python bench/bench_field.py [RUNS]

Chromium (Debian's, through Playwright) emulates Lighthouse's regular 3G: 300 ms round
trip, 700 Kbps, 4x CPU slowdown, cache disabled. The same typical business (four products,
two photos) is loaded from the app (werkzeug, threaded, on loopback) and from its static
export (a plain static file server). Prints bytes, requests and LCP (median of RUNS).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from app import create_app  # noqa: E402
from app.demo import load_demo  # noqa: E402
from app.public.export import export_site  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.network import (  # noqa: E402
    BUDGET_BYTES,
    BUDGET_LCP_MS,
    measure,
    static_server,
    typical_business,
)

DEFAULT_RUNS = 5


def serve(server) -> str:
    """Run a server in a thread; return its base URL."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def main() -> None:
    """Measure both pages and print the table."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_RUNS
    folder = Path(tempfile.mkdtemp(prefix="field-bench-"))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}",
            "GENERATED_DIR": str(folder / "generated"),
            "UPLOAD_DIR": str(folder / "uploads"),
            "SECRET_KEY": "bench",
            "REQUEST_LOG": False,
        }
    )
    with app.app_context():
        upgrade()
        load_demo(Path(app.root_path) / "demo.toml")
    live = make_server("127.0.0.1", 0, app, threaded=True)
    live_url = serve(live)
    app.config["PUBLIC_BASE_URL"] = live_url
    slug = typical_business(app)
    with app.app_context():
        export_site(folder / "site")
    static_url = serve(static_server(folder / "site"))
    rows = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        measure(browser, f"{live_url}/b/{slug}")  # first view renders the logo and thumbnails
        for name, url in (
            ("app /b/<slug>", f"{live_url}/b/{slug}"),
            ("static export", f"{static_url}/b/{slug}/"),
        ):
            results = [measure(browser, url) for _ in range(runs)]
            rows[name] = results
        browser.close()
    live.shutdown()
    print(f"Slow 3G (300 ms RTT, 700 Kbps, CPU ×4), {runs} runs each, median")
    print(f"{'page':<16}{'KB':>8}{'requests':>10}{'LCP ms':>9}{'LCP max':>9}")
    for name, results in rows.items():
        kb = statistics.median(r["bytes"] for r in results) / 1024
        lcp = [r["lcp_ms"] for r in results]
        requests = statistics.median(r["requests"] for r in results)
        print(
            f"{name:<16}{kb:>8.1f}{requests:>10.0f}{statistics.median(lcp):>9.0f}{max(lcp):>9.0f}"
        )
    print(f"budget: ≤ {BUDGET_BYTES // 1024} KB and LCP ≤ {BUDGET_LCP_MS} ms")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
