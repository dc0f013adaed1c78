"""Benchmark the program follow-up at scale: 10,000 businesses with a year of visits.

Run: python bench/bench_program.py [--businesses N] [--requests N] [--reuse]

Uses PostgreSQL at DATABASE_URL (default: the local test_h5 database, whose schema is
dropped and migrated from scratch unless --reuse finds it already seeded). Seeds with bulk
inserts, then measures:
- the coordinator dashboard (/program, plain and filtered) through the Flask test client
  with a signed-in coordinator: median and p95 over N requests; target <= 300 ms;
- the full XLSX report: seconds and peak memory, in a fresh subprocess so its peak RSS is
  its own; tracemalloc peaks of a small and the full export show memory stays flat;
  target <= 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, insert, select, text  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test_h5"
PASSWORD = "kata-sandi-bench-123"
VILLAGES = [
    "Tawang",
    "Timpik",
    "Koripan",
    "Gentan",
    "Ngasinan",
    "Bakalrejo",
    "Susukan",
    "Sidoharjo",
    "Badran",
    "Muncar",
    "Kemetul",
    "Ketapang",
    "Bakalrejo Kidul",
    "Gentan Lor",
    "Koripan Wetan",
    "Timpik Kulon",
]
TRADES = [
    "warung_makan",
    "makanan_keliling",
    "makanan_ringan",
    "kue",
    "kelontong",
    "jualan_online",
    "penjahit",
    "anyaman_bambu",
    "ternak_kambing",
    "ternak_ayam",
]
PROBLEMS = [
    "Modal habis untuk kebutuhan keluarga.",
    "Pembeli hanya warga sekitar.",
    "Pakan ternak naik, harga jual tetap.",
    "Pemasok jarang datang.",
    "",
    "Keluarga sakit, usaha berhenti sementara.",
    "",
    "",
]
ACTIVITIES = [
    "Membuat akun Shopee dan memotret produk.",
    "Mencetak label kemasan.",
    "Mengajari mencatat kas harian.",
    "Mendaftarkan NIB di OSS.",
    "Mendaftarkan titik di Google Maps.",
    "Memberi semangat dan membahas rencana.",
]
ASPECTS = ("produksi", "kemasan", "pemasaran", "legalitas")
TEAMS = 40
VISITS_PER_YEAR = 24  # about two a month
STEPS = [
    ("bookkeeping", "pisahkan-uang"),
    ("bookkeeping", "cetak-buku-kas"),
    ("bookkeeping", "saldo-awal"),
    ("bookkeeping", "catat-setiap-hari"),
]


def make_app(url: str):
    """Return the app on the benchmark database."""
    from app import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "RATELIMIT_ENABLED": False,
            "NIK_KEY": "00" * 32,
        }
    )


def reset_schema(url: str) -> None:
    """Drop and recreate the public schema, then migrate to head."""
    from flask_migrate import upgrade

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    app = make_app(url)
    with app.app_context():
        upgrade()


def seed(url: str, businesses: int) -> None:
    """Bulk-insert a program, teams, mentors, businesses, a year of visits and some ticks."""
    from app.extensions import db
    from app.models import Business, Program, StepProgress, Team, User, Visit, visit_mentors
    from app.program.followup import rebuild_follow_ups

    rng = random.Random(5)
    app = make_app(url)
    with app.app_context():
        started = time.perf_counter()
        program = Program(name="Program Bench")
        teams = [Team(program=program, name=f"Tim {i + 1:02d}") for i in range(TEAMS)]
        coordinator = User(
            username="koordinator", full_name="Koordinator", role="coordinator", program=program
        )
        coordinator.set_password(PASSWORD)
        mentors = []
        for i, team in enumerate(teams):
            mentor = User(
                username=f"mentor{i:02d}",
                full_name=f"Pendamping {i:02d}",
                role="mentor",
                program=program,
                teams=[team],
            )
            mentor.password_hash = coordinator.password_hash
            mentors.append(mentor)
        db.session.add_all([program, coordinator, *teams, *mentors])
        db.session.commit()
        now = datetime.now(UTC)
        today = date.today()
        rows, visit_rows, mentor_rows, tick_rows = [], [], [], []
        for n in range(businesses):
            business_id = uuid.uuid4()
            team_index = n % TEAMS
            status = rng.choices(["aktif", "berhenti_sementara", "berhenti"], [90, 5, 5])[0]
            rows.append(
                {
                    "id": business_id,
                    "slug": f"usaha-{n:05d}",
                    "team_id": teams[team_index].id,
                    "name": f"Usaha Bench {n:05d}",
                    "trade": rng.choice(TRADES),
                    "village": rng.choice(VILLAGES),
                    "district": "Susukan",
                    "regency": "Kabupaten Semarang",
                    "owner_name": f"Pemilik {n}",
                    "capital_idr": rng.randrange(500_000, 20_000_000, 100_000),
                    "annual_sales_idr": rng.randrange(2_000_000, 200_000_000, 100_000),
                    "whatsapp": "62812" + f"{n:07d}" if n % 2 else None,
                    "status": status,
                    "status_reason": "Modal habis" if status != "aktif" else "",
                    "created_at": now,
                    "updated_at": now,
                }
            )
            start = today - timedelta(days=365 + rng.randrange(0, 10))
            turnover = rng.randrange(500_000, 10_000_000, 50_000)
            capital = rng.randrange(500_000, 20_000_000, 100_000)
            for v in range(VISITS_PER_YEAR - rng.randrange(0, 4)):
                visit_id = uuid.uuid4()
                day = start + timedelta(days=v * 15 + rng.randrange(0, 5))
                if day > today:
                    break
                outcome = v % 3 == 0
                if outcome:
                    turnover = max(0, int(turnover * rng.uniform(0.8, 1.3)))
                    capital = max(0, int(capital * rng.uniform(0.9, 1.2)))
                aspects = set(rng.sample(ASPECTS, rng.randrange(1, 3)))
                visit_rows.append(
                    {
                        "id": visit_id,
                        "business_id": business_id,
                        "visited_on": day,
                        **{f"aspect_{a}": a in aspects for a in ASPECTS},
                        "activities": rng.choice(ACTIVITIES),
                        "problems": rng.choice(PROBLEMS),
                        "next_actions": "Lanjutkan pencatatan kas.",
                        "capital_idr": capital if outcome else None,
                        "assets_idr": capital // 2 if outcome else None,
                        "monthly_turnover_idr": turnover if outcome else None,
                        "created_by_id": mentors[team_index].id,
                        "created_at": now,
                    }
                )
                mentor_rows.append({"visit_id": visit_id, "user_id": mentors[team_index].id})
            for checklist_id, step_id in STEPS[: rng.randrange(0, len(STEPS) + 1)]:
                tick_rows.append(
                    {
                        "id": uuid.uuid4(),
                        "business_id": business_id,
                        "checklist_id": checklist_id,
                        "step_id": step_id,
                        "done_by_id": mentors[team_index].id,
                        "done_at": now,
                        "note": "",
                    }
                )
        for model, data in ((Business, rows), (Visit, visit_rows), (StepProgress, tick_rows)):
            for i in range(0, len(data), 5000):
                db.session.execute(insert(model), data[i : i + 5000])
        for i in range(0, len(mentor_rows), 10000):
            db.session.execute(insert(visit_mentors), mentor_rows[i : i + 10000])
        db.session.commit()
        rolled = rebuild_follow_ups()
        db.session.commit()
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        print(
            f"seeded {len(rows)} businesses, {len(visit_rows)} visits, {len(tick_rows)} ticks, "
            f"{rolled} roll-ups in {time.perf_counter() - started:.1f} s"
        )


def seeded(url: str) -> int:
    """Return how many businesses the database holds (0 when it has no schema)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM businesses")).scalar() or 0
    except Exception:  # noqa: BLE001 - no schema yet
        return 0
    finally:
        engine.dispose()


def bench_dashboard(url: str, requests: int) -> dict:
    """Time /program through the test client as a signed-in coordinator."""
    from app.extensions import db
    from app.models import Team

    app = make_app(url)
    client = app.test_client()
    page = client.get("/masuk").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    response = client.post(
        "/masuk", data={"username": "koordinator", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, response.status_code
    with app.app_context():
        team_id = db.session.scalar(select(Team.id).order_by(Team.name).limit(1))
    results = {}
    for label, url_path in (
        ("plain", "/program"),
        ("filtered", f"/program?desa=Koripan&tim={team_id}&keadaan=aktif"),
        ("page 50", "/program?hal=50&hari=30"),
    ):
        assert client.get(url_path).status_code == 200  # warm-up
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url_path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        times.sort()
        results[label] = {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        }
    return results


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MB (VmHWM; ru_maxrss as a fallback)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    # ru_maxrss survives fork+exec on Linux, so it may show the parent's peak.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export_once(url: str, out: str, trace: bool, team: bool) -> dict:
    """Export the XLSX report once (run in a subprocess); return time and memory figures."""
    from app.extensions import db
    from app.models import Team
    from app.program import report
    from app.program.dashboard import Filters

    app = make_app(url)
    with app.app_context():
        filters = Filters()
        if team:
            filters.team_id = db.session.scalar(select(Team.id).order_by(Team.name).limit(1))
        rss_before = peak_rss_mb()
        if trace:
            tracemalloc.start()
        started, cpu = time.perf_counter(), time.process_time()
        with open(out, "wb") as handle:
            report.export("xlsx", report.report_rows(None, filters), handle, "Laporan bench")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
        rss_after = peak_rss_mb()
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "rss_before_mb": round(rss_before, 1),
        "peak_rss_mb": round(rss_after, 1),
        "tracemalloc_peak_mb": peak and round(peak, 1),
        "file_mb": round(os.path.getsize(out) / 2**20, 2),
    }


def run_export(url: str, trace: bool = False, team: bool = False) -> dict:
    """Run export_once in a fresh interpreter so its peak RSS is its own."""
    out = f"/tmp/bench-program-{os.getpid()}.xlsx"
    args = [sys.executable, __file__, "--export-only", "--out", out]
    args += ["--trace"] if trace else []
    args += ["--team"] if team else []
    result = subprocess.run(
        args, env={**os.environ, "DATABASE_URL": url}, check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    """Seed (unless reused), then print the dashboard and export figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--businesses", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    parser.add_argument("--export-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--team", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if args.export_only:
        print(json.dumps(export_once(url, args.out, args.trace, args.team)))
        return
    if not (args.reuse and seeded(url) >= args.businesses):
        reset_schema(url)
        seed(url, args.businesses)
    print(f"database: {url.rsplit('@', 1)[-1]}, {seeded(url)} businesses")
    for label, figures in bench_dashboard(url, args.requests).items():
        verdict = "OK" if figures["p95_ms"] <= 300 else "SLOW"
        print(
            f"dashboard {label:<9} median {figures['median_ms']:7.1f} ms   "
            f"p95 {figures['p95_ms']:7.1f} ms   (target <= 300 ms) {verdict}"
        )
    full = run_export(url)
    verdict = "OK" if full["seconds"] <= 10 else "SLOW"
    print(
        f"xlsx export full: {full['seconds']:.2f} s ({full['cpu_seconds']:.2f} s CPU), "
        f"peak RSS {full['peak_rss_mb']} MB "
        f"(after start-up {full['rss_before_mb']} MB), {full['file_mb']} MB file "
        f"(target <= 10 s) {verdict}"
    )
    small, large = run_export(url, trace=True, team=True), run_export(url, trace=True)
    print(
        f"xlsx export memory (tracemalloc peak): one team {small['tracemalloc_peak_mb']} MB, "
        f"all businesses {large['tracemalloc_peak_mb']} MB"
    )


if __name__ == "__main__":
    main()
