"""Scale: 100,000 businesses on PostgreSQL; p95 of the mentor list/search and public page.

Run: python bench/bench_scale.py [--businesses 100000] [--requests 300]
     DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test_me) is WIPED.

Seeds one program with 1,000 teams of 100 businesses (three products each, 70 % published)
through bulk inserts, then times requests through the app in this process (no network):
the coordinator's list and a name/desa search over all businesses, a mentor's list and
search over the team, and random public pages. Targets on 2 cores: list/search p95 ≤ 50 ms,
public page p95 ≤ 20 ms. Prints the process's memory (RSS) before and after the requests.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import create_engine, insert, text  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Business, Product, Program, Team, User, team_members  # noqa: E402
from app.validators import match_key  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test_me"
TEAM_SIZE = 100
VILLAGES = ["Tawang", "Timpik", "Koripan", "Gentan", "Ngasinan", "Bakalrejo"]
WORDS = [
    "Keripik",
    "Bakso",
    "Warung",
    "Kue",
    "Sate",
    "Jahit",
    "Besek",
    "Tampir",
    "Jamu",
    "Kelontong",
    "Sembako",
    "Ayam",
    "Galon",
    "Pulsa",
    "Roti",
    "Mie",
    "Peyek",
    "Tempe",
]
OWNERS = ["Sri", "Narti", "Bejo", "Yuni", "Darto", "Siti", "Karyo", "Wati", "Udin", "Ani"]
PASSWORD = "bench-password-123"
TARGET_LIST_MS = 50
TARGET_PAGE_MS = 20


def rss_mb() -> float:
    """Return this process's resident memory in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def seed(app, count: int) -> tuple[str, list[str]]:
    """Insert the program; return the coordinator's username and some published slugs."""
    rng = random.Random(7)
    with app.app_context():
        program = Program(name="Program skala")
        db.session.add(program)
        coordinator = User(
            username="koordinator", full_name="Koordinator", role="coordinator", program=program
        )
        coordinator.set_password(PASSWORD)
        mentor = User(username="pendamping", full_name="Pendamping", role="mentor")
        mentor.set_password(PASSWORD)
        db.session.add_all([coordinator, mentor])
        db.session.commit()
        teams = [
            {"id": uuid.uuid4(), "program_id": program.id, "name": f"Tim {i:04d}"}
            for i in range(count // TEAM_SIZE)
        ]
        db.session.execute(insert(Team), teams)
        db.session.execute(
            insert(team_members), [{"team_id": teams[0]["id"], "user_id": mentor.id}]
        )
        slugs = []
        batch, products = [], []
        for i in range(count):
            name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} Bu {rng.choice(OWNERS)} {i}"
            business_id = uuid.uuid4()
            published = rng.random() < 0.7
            slug = f"{name.lower().replace(' ', '-')}"
            batch.append(
                {
                    "id": business_id,
                    "slug": slug,
                    "team_id": teams[i // TEAM_SIZE]["id"],
                    "name": name,
                    "trade": "makanan_ringan",
                    "tagline": "Renyah dan gurih",
                    "description": "",
                    "opening_hours": "Setiap hari",
                    "village": rng.choice(VILLAGES),
                    "district": "Susukan",
                    "regency": "Kabupaten Semarang",
                    "whatsapp": "6281234567890",
                    "theme": "",
                    "business_address": "",
                    "owner_name": rng.choice(OWNERS),
                    "home_address": "",
                    "status": "aktif",
                    "status_reason": "",
                    "publish_consent": published,
                    "published": published,
                    "version": 1,
                }
            )
            row = batch[-1]  # the natural key, as the model's insert event would set it
            row["match_key"] = match_key(row["name"], row["owner_name"], row["village"])
            products += [
                {
                    "id": uuid.uuid4(),
                    "business_id": business_id,
                    "position": p,
                    "name": f"Produk {p}",
                    "price_idr": 5000 + 1000 * p,
                    "unit": "",
                    "composition": "",
                    "net_weight": "",
                }
                for p in range(3)
            ]
            if published and len(slugs) < 2000:
                slugs.append(slug)
            if len(batch) == 5000:
                db.session.execute(insert(Business), batch)
                db.session.execute(insert(Product), products)
                batch, products = [], []
        if batch:
            db.session.execute(insert(Business), batch)
            db.session.execute(insert(Product), products)
        db.session.commit()
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    return slugs


def timed(client, url: str, n: int) -> list[float]:
    """Return n request latencies in ms (each asserted 200)."""
    values = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url() if callable(url) else url)
        values.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return values


def p95(values: list[float]) -> float:
    """Return the 95th percentile."""
    ordered = sorted(values)
    return ordered[round(0.95 * (len(ordered) - 1))]


def login(app, username: str):
    """Return a test client signed in as username."""
    client = app.test_client()
    client.post("/masuk", data={"username": username, "password": PASSWORD})
    assert client.get("/").status_code == 200
    return client


def main() -> None:
    """Seed, measure, print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--businesses", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "REQUEST_LOG": False,
            "GENERATED_DIR": "/tmp/kit-scale-generated",
        }
    )
    with app.app_context():
        upgrade()
    started = time.perf_counter()
    slugs = seed(app, args.businesses)
    print(f"seeded {args.businesses:,} businesses in {time.perf_counter() - started:.1f} s")
    # What autovacuum does soon after a bulk load: planner statistics, and the GIN indexes'
    # pending lists merged (searched linearly until then).
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("VACUUM ANALYZE businesses"))
    engine.dispose()
    coordinator, mentor, public = (
        login(app, "koordinator"),
        login(app, "pendamping"),
        app.test_client(),
    )
    rng = random.Random(1)
    for slug in slugs[:20]:  # the first view of a page renders its logo once
        public.get(f"/b/{slug}")
    memory_before = rss_mb()
    n = args.requests

    def two_words() -> str:
        return f"/?q={rng.choice(WORDS)}+{rng.choice(WORDS)}"

    rows = {
        "coordinator list (100k)": timed(coordinator, "/", n),
        "coordinator search name": timed(coordinator, two_words, n),
        "coordinator search desa": timed(coordinator, lambda: f"/?q={rng.choice(VILLAGES)}", n),
        "mentor list (team)": timed(mentor, "/", n),
        "mentor search": timed(mentor, lambda: f"/?q={rng.choice(WORDS)}", n),
        "public page /b/<slug>": timed(public, lambda: f"/b/{rng.choice(slugs[:20])}", n),
    }
    memory_after = rss_mb()
    print(f"{'request':<28}{'median ms':>10}{'p95 ms':>9}{'target':>8}")
    for name, values in rows.items():
        target = TARGET_PAGE_MS if name.startswith("public") else TARGET_LIST_MS
        verdict = "OK" if p95(values) <= target else "MISSED"
        print(
            f"{name:<28}{statistics.median(values):>10.1f}{p95(values):>9.1f}{target:>6} {verdict}"
        )
    print(f"RSS before requests {memory_before:.0f} MB, after {memory_after:.0f} MB")


if __name__ == "__main__":
    main()
