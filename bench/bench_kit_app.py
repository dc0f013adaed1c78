"""Benchmark the kit through the app: cold build per business, cached build, cached fetch.

Run: python bench/bench_kit_app.py

A temporary SQLite database gets the demo program (22 businesses). Each business's kit is
built once cold (nothing in generated/), then again with everything cached, and one file is
fetched through the Flask test client the way the kit page's previews are (200 with the
file, then 304 for a browser that already has it). The bare-library floors of
bench/bench_kit.py are measured in the same run for comparison.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_kit import floor_pillow, floor_qr  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app import create_app  # noqa: E402
from app import kitfiles as services  # noqa: E402
from app.demo import load_demo  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Business  # noqa: E402

TARGET_COLD_MS = 400
TARGET_FETCH_MS = 5
FETCHES = 200


def ms(start: float) -> float:
    """Return milliseconds since start."""
    return (time.perf_counter() - start) * 1000


def pct(values: list[float], q: float) -> float:
    """Return the q-quantile (0..1) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    """Seed, build, fetch and print the table."""
    folder = Path(tempfile.mkdtemp(prefix="kit-bench-"))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}",
            "GENERATED_DIR": str(folder / "generated"),
            "UPLOAD_DIR": str(folder / "uploads"),
            "SECRET_KEY": "bench",
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        upgrade()
        load_demo(Path(app.root_path) / "demo.toml")
    floors = {
        "qrcode PNG": statistics.median(_time(floor_qr, 15)),
        "Pillow 1080² text PNG": statistics.median(_time(floor_pillow, 15)),
    }
    with app.test_request_context():
        businesses = list(db.session.scalars(select(Business).order_by(Business.slug)))
        services.build_kit(businesses[0])  # warm fonts and imports, as a running server is
        # Pass 1: each asset on its own, one after the other, into an empty cache.
        app.config["GENERATED_DIR"] = str(folder / "generated-per-asset")
        per_asset: dict[str, list[float]] = {}
        for business in businesses[1:]:
            for name, kit_file in services.kit_files(business).items():
                asset_start = time.perf_counter()
                kit_file.path()
                per_asset.setdefault(name, []).append(ms(asset_start))
        # Pass 2: the "Buat kit" button, build_kit(), into another empty cache, then again.
        app.config["GENERATED_DIR"] = str(folder / "generated")
        cold, cached = [], []
        for business in businesses[1:]:
            start = time.perf_counter()
            services.build_kit(business)
            cold.append(ms(start))
            start = time.perf_counter()
            services.build_kit(business)
            cached.append(ms(start))
        target = businesses[1]
        url = _file_url(target)
    client = app.test_client()
    client.post("/masuk", data={"username": "koordinator", "password": "susukan-koordinator"})
    fetch, not_modified, static = [], [], []
    for _ in range(FETCHES):
        # The floor: Flask sending a static file of its own, no login, no database.
        start = time.perf_counter()
        assert client.get("/static/app.css").status_code == 200
        static.append(ms(start))
        start = time.perf_counter()
        response = client.get(url)
        fetch.append(ms(start))
        assert response.status_code == 200, response.status_code
        etag = response.headers["ETag"]
        start = time.perf_counter()
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        not_modified.append(ms(start))

    print(f"Kit through the app: {len(cold)} businesses, cold = nothing in generated/")
    print(f"sequential sum of assets, cold: {statistics.median(_sums(per_asset)):.1f} ms median")
    print(f"{'measure':<34}{'median ms':>10}{'p95 ms':>9}")
    for label, values in (
        ("whole kit, cold", cold),
        ("whole kit, cached", cached),
        ("fetch cached file (200)", fetch),
        ("fetch, browser has it (304)", not_modified),
        ("floor: Flask static file (200)", static),
    ):
        print(f"{label:<34}{statistics.median(values):>10.1f}{pct(values, 0.95):>9.1f}")
    print("\nper asset, cold (median ms)")
    for name, values in per_asset.items():
        print(f"  {name:<24}{statistics.median(values):>8.1f}")
    for name, value in floors.items():
        print(f"  floor: {name:<17}{value:>8.1f}")
    print(
        f"\ntarget cold kit ≤ {TARGET_COLD_MS} ms: "
        f"{'OK' if statistics.median(cold) <= TARGET_COLD_MS else 'MISSED'}; "
        f"cached fetch ≤ {TARGET_FETCH_MS} ms: "
        f"{'OK' if statistics.median(fetch) <= TARGET_FETCH_MS else 'MISSED'}"
    )


def _sums(per_asset: dict[str, list[float]]) -> list[float]:
    return [sum(values) for values in zip(*per_asset.values(), strict=True)]


def _time(fn, n: int) -> list[float]:
    values = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        values.append(ms(start))
    return values


def _file_url(business: Business) -> str:
    key = services.kit_files(business)["label.png"].key
    return f"/usaha/{business.id}/kit/berkas/label.png?v={key}"


if __name__ == "__main__":
    main()
