"""Benchmark the business import: rows/s and peak memory next to the bare libraries' floor.

Run: python bench/bench_import.py [--rows 5000] [--big 50000] [--db sqlite|postgresql|both]
     [--pg-url postgresql+psycopg://…/bench_import] [--before]

For each database, on a freshly migrated schema, in a fresh subprocess each (so peak RSS is
its own):
- import: the importer (detect, check, validate, batch upsert, commit per batch) on a CSV
  and an XLSX of N rows, then the CSV again (every row an update);
- floor: the bare reader (csv / openpyxl read-only) plus a bare SQLAlchemy Core bulk insert
  of the same rows into businesses and products, one transaction per 500 rows;
- read: openpyxl's read-only iteration of the same XLSX alone, no database (XLSX's own floor);
- memory flat: the importer's tracemalloc peak for N/5 rows and for N rows, and the peak RSS
  of a whole import of --big rows (a fresh process; 0 skips it).
The load (uptime) is printed before and after: figures swing on a shared machine.
--before also runs the importer of commit 0d90a1b (row by row, commit per row), read from git.
Target: >= 1,000 rows/s for 5,000 rows on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.mentor.importer import COLUMNS  # noqa: E402

# Its public schema is dropped and made again: never point it at a database you keep.
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_import"
BEFORE_COMMIT = "0d90a1b"
HEADER = list(COLUMNS)  # the importer's own columns, in its order
VILLAGES = ["Tawang", "Timpik", "Koripan", "Gentan", "Ngasinan", "Bakalrejo", "Susukan"]
TRADES = ["warung_makan", "Makanan Ringan", "kue", "kelontong", "penjahit", "lainnya"]


def rows(count: int) -> list[list[str]]:
    """Return realistic rows: quoted products, rupiah in several spellings, half consenting."""
    out = []
    for i in range(count):
        out.append(
            [
                f'Keripik "Renyah" {i}',
                f"Ibu Sri {i % 997}",
                TRADES[i % len(TRADES)],
                VILLAGES[i % len(VILLAGES)],
                "Susukan",
                "Kab. Semarang",
                f"0812{i:08d}"[:13],
                "Gurih, tanpa pengawet",
                f"Keripik singkong=Rp {8000 + i % 50}; Keripik pisang=9.000",
                "Rp 1.500.000",
                "24 juta",
                "",
                "",
                "",
                "",
                "",
                f"Dusun Krajan RT {i % 9}",
                "ya" if i % 2 else "tidak",
            ]
        )
    return out


def write_csv(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows(count))


def write_xlsx(path: Path, count: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows(count):
        sheet.append(row)
    workbook.save(path)


def fresh_database(kind: str, pg_url: str, folder: Path) -> str:
    """Return the URL of an empty database migrated to head."""
    import logging

    logging.disable(logging.INFO)  # env.py configures alembic's logger to INFO again
    from flask_migrate import upgrade
    from sqlalchemy import create_engine, text

    from app import create_app
    from app.extensions import db

    if kind == "sqlite":
        url = f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:8]}.sqlite'}"
    else:
        url = pg_url
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    app = create_app(config(url, folder))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


def config(url: str, folder: Path) -> dict:
    return {
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "bench",
        "TESTING": False,
        "UPLOAD_DIR": str(folder / "uploads"),
        "GENERATED_DIR": str(folder / "generated"),
        "RATELIMIT_ENABLED": False,
        "REQUEST_LOG": False,
        "IMPORT_MAX_ROWS": 1_000_000,  # the --big run goes past the default 20,000
        "IMPORT_MAX_MB": 200,
    }


def child(args) -> None:
    """Run one measured job in this process and print its figures as JSON."""
    from app import create_app
    from app.extensions import db
    from app.mentor.cli import get_or_create_team

    folder = Path(args.folder)
    app = create_app(config(args.url, folder))
    with app.app_context():
        team = get_or_create_team("Program Bench", "Tim Bench")
        path = Path(args.file)
        count = args.rows
        if args.trace:
            tracemalloc.start()
        started = time.perf_counter()
        if args.job == "import":
            from app.mentor.importer import import_file

            report = import_file(path, team.id)
            assert not report.errors, report.errors[:3]
            done = report.created + report.updated
        elif args.job == "before":
            done = run_before(path, team.id)
        elif args.job == "read":
            done = read_only(path)
        else:
            done = floor(path, team.id, db)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if args.trace else 0
        tracemalloc.stop()
        assert done == count, (done, count)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps({"rows": count, "seconds": seconds, "peak_mb": peak / 2**20, "rss_mb": rss_mb})
    )


def run_before(path: Path, team_id) -> int:
    """Run the importer as it was at BEFORE_COMMIT (commit per row)."""
    import importlib.util

    source = subprocess.run(
        ["git", "show", f"{BEFORE_COMMIT}:app/mentor/importer.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module_path = Path(tempfile.mkdtemp()) / "importer_before.py"
    module_path.write_text(source)
    spec = importlib.util.spec_from_file_location("importer_before", module_path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["importer_before"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    report = module.import_file(path, team_id)
    return report.created + report.updated


def read_only(path: Path) -> int:
    """Iterate the XLSX with openpyxl's read-only mode, values only: reading's own floor."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    done = sum(1 for _row in workbook.active.iter_rows(min_row=2, values_only=True))
    workbook.close()
    return done


def floor(path: Path, team_id, db) -> int:
    """Read the rows with the bare library and bulk-insert them with SQLAlchemy Core."""
    from sqlalchemy import insert

    from app.models import Business, Product

    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
        data = workbook.active.iter_rows(values_only=True)
        next(data)
    else:
        handle = path.open(encoding="utf-8", newline="")
        data = csv.reader(handle)
        next(data)
    done = 0
    batch = []

    def flush():
        businesses, products = [], []
        for number, cells in batch:
            business_id = uuid.uuid4()
            businesses.append(
                {
                    "id": business_id,
                    "slug": f"b{number}",
                    "team_id": team_id,
                    "match_key": str(number),
                    "name": cells[0],
                    "owner_name": cells[1],
                    "trade": "lainnya",
                    "village": cells[3],
                    "district": cells[4],
                    "regency": cells[5],
                    "tagline": cells[7],
                    "home_address": cells[16],
                }
            )
            for position, item in enumerate(cells[8].split(";")):
                products.append(
                    {
                        "id": uuid.uuid4(),
                        "business_id": business_id,
                        "position": position,
                        "name": item.split("=")[0].strip(),
                    }
                )
        db.session.execute(insert(Business.__table__), businesses)
        db.session.execute(insert(Product.__table__), products)
        db.session.commit()

    for number, cells in enumerate(data, start=2):
        batch.append((number, ["" if c is None else str(c) for c in cells]))
        done += 1
        if len(batch) == 500:
            flush()
            batch = []
    if batch:
        flush()
    return done


def measure(job: str, url: str, file: Path, count: int, folder: Path, trace=False) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        job,
        "--url",
        url,
        "--file",
        str(file),
        "--rows",
        str(count),
        "--folder",
        str(folder),
    ]
    if trace:  # tracemalloc slows allocation several times: memory runs are not timed
        command.append("--trace")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{job} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def line(label: str, figures: dict, floor_figures: dict | None = None) -> str:
    rate = figures["rows"] / figures["seconds"]
    text = (
        f"  {label:<34} {figures['rows']:>6} rows {figures['seconds']:7.2f} s "
        f"{rate:8.0f} rows/s  peak RSS {figures['rss_mb']:6.1f} MB"
    )
    if floor_figures:
        text += f"  ({figures['seconds'] / floor_figures['seconds']:.1f}x floor)"
    return text


def bench_database(kind: str, args, files: dict, folder: Path) -> None:
    """Print every figure for one database, each job in a fresh process and schema."""
    print(f"{kind}:")
    small = max(args.rows // 5, 1)
    csv_file, xlsx_file = files[("csv", args.rows)], files[("xlsx", args.rows)]
    url = fresh_database(kind, args.pg_url, folder)
    base = measure("floor", url, csv_file, args.rows, folder)
    print(line("floor: csv + Core bulk insert", base))
    url = fresh_database(kind, args.pg_url, folder)
    new = measure("import", url, csv_file, args.rows, folder)
    print(line("import CSV (all new)", new, base))
    again = measure("import", url, csv_file, args.rows, folder)
    print(line("import CSV again (all updates)", again, base))
    url = fresh_database(kind, args.pg_url, folder)
    xbase = measure("floor", url, xlsx_file, args.rows, folder)
    print(line("floor: openpyxl + Core bulk insert", xbase))
    url = fresh_database(kind, args.pg_url, folder)
    xnew = measure("import", url, xlsx_file, args.rows, folder)
    print(line("import XLSX (all new)", xnew, xbase))
    read = measure("read", url, xlsx_file, args.rows, folder)
    print(line("floor: openpyxl read-only iteration", read))
    print(f"  import XLSX / openpyxl reading alone: {xnew['seconds'] / read['seconds']:.2f}x")
    url = fresh_database(kind, args.pg_url, folder)
    few = measure("import", url, files[("csv", small)], small, folder, trace=True)
    url = fresh_database(kind, args.pg_url, folder)
    many = measure("import", url, csv_file, args.rows, folder, trace=True)
    print(
        f"  memory flat: import's tracemalloc peak {few['peak_mb']:.1f} MB for "
        f"{small} rows, {many['peak_mb']:.1f} MB for {args.rows} rows"
    )
    if args.big:
        url = fresh_database(kind, args.pg_url, folder)
        big = measure("import", url, files[("csv", args.big)], args.big, folder)
        print(line("import CSV (all new), big", big))
        print(
            f"  peak RSS: {new['rss_mb']:.1f} MB for {args.rows} rows, "
            f"{big['rss_mb']:.1f} MB for {args.big} rows"
        )
    if args.before:
        url = fresh_database(kind, args.pg_url, folder)
        old = measure("before", url, csv_file, args.rows, folder)
        print(line(f"before ({BEFORE_COMMIT}, row by row)", old, base))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--big", type=int, default=50_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG))
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--child")
    parser.add_argument("--url")
    parser.add_argument("--file")
    parser.add_argument("--folder")
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args()
    if args.child:
        args.job = args.child
        child(args)
        return
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        small = max(args.rows // 5, 1)
        files = {}
        for count in (small, args.rows, args.big):
            if not count:
                continue
            files[("csv", count)] = folder / f"rows-{count}.csv"
            write_csv(files[("csv", count)], count)
        files[("xlsx", args.rows)] = folder / f"rows-{args.rows}.xlsx"
        write_xlsx(files[("xlsx", args.rows)], args.rows)
        print(f"Import of {args.rows} rows (target >= 1,000 rows/s), each job a fresh process")
        print(f"load: {uptime()}")
        for kind in kinds:
            bench_database(kind, args, files, folder)
        print(f"load: {uptime()}")


def uptime() -> str:
    """Return the load averages, as uptime prints them."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


if __name__ == "__main__":
    main()
