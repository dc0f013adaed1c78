"""Benchmark `flask --app app kit build --all --include-unpublished` end to end.

Run: python bench/bench_kit_build.py [N] [--root DIR ...]

The demo program (`flask --app app demo load`: 22 businesses) is loaded once into a
SQLite file; every run then gets a fresh copy of that database, an empty GENERATED_DIR
(the render cache) and an empty output folder, and runs the real command as a new process,
start-up included, exactly as a mentor would type it. Wall time is reported (median and
min of N runs) with the CPU time the command used (user + sys, all its processes).

The floor, measured in the same run and the same way: the bare start-up of the same
command line, `flask --app app --help` (imports, app factory, toolkits validation, no
database work, no rendering). The 5 s target of issue 15 is for the whole command, start-up
included; the floor shows how much of it start-up alone takes.

--root runs the command from another checkout of the project (e.g. an older commit
unpacked with `git archive`), each root one after another in every round, so before and
after are compared under the same load.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_N = 3
TARGET_S = 5.0


def _flask() -> str:
    return str(Path(sys.executable).with_name("flask"))


def _env(db: Path, work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        GENERATED_DIR=str(work / "generated"),
        UPLOAD_DIR=str(work / "uploads"),
        PAGE_GENERATIONS_DIR=str(work / "page-generations"),
        SECRET_KEY="bench-kit-build",
        NIK_KEY="bench-kit-build-nik",
    )
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Run a command; return its wall time and the CPU time of it and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(args[1:])} failed in {cwd}:\n{done.stderr}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def demo_database(root: Path, folder: Path) -> Path:
    """Create the demo program's database (migrated, demo loaded) in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "demo.sqlite"
    env = _env(db, folder)
    _run([_flask(), "--app", "app", "db", "upgrade"], root, env)
    _run([_flask(), "--app", "app", "demo", "load"], root, env)
    return db


def build_once(root: Path, demo: Path, scratch: Path) -> tuple[float, float, int]:
    """Build every kit from a fresh copy of the demo database with an empty cache."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    db = scratch / "kit.sqlite"
    shutil.copy(demo, db)
    out = scratch / "out"
    args = [_flask(), "--app", "app", "kit", "build", "--all", "--include-unpublished"]
    wall, cpu = _run([*args, "--out", str(out)], root, _env(db, scratch))
    files = sum(1 for p in out.rglob("*") if p.is_file())
    return wall, cpu, files


def floor_once(root: Path, demo: Path, scratch: Path) -> tuple[float, float]:
    """Run the bare start-up of the same command line: `flask --app app --help`."""
    return _run([_flask(), "--app", "app", "--help"], root, _env(demo, scratch))


def _line(label: str, walls: list[float], cpus: list[float], extra: str = "") -> str:
    return (
        f"{label:34} wall median {statistics.median(walls):6.2f} s  min {min(walls):6.2f} s"
        f"  cpu median {statistics.median(cpus):6.2f} s{extra}"
    )


def main() -> None:
    """Build the demo program's kits N times per root and print wall times beside the floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=DEFAULT_N)
    parser.add_argument("--root", action="append", type=Path, help="checkout to run from")
    options = parser.parse_args()
    roots = [r.resolve() for r in options.root or [ROOT]]
    with tempfile.TemporaryDirectory(prefix="bench-kit-build-") as tmp:
        work = Path(tmp)
        demo = demo_database(roots[0], work / "demo")
        results = {root: ([], [], []) for root in roots}
        floors = {root: ([], []) for root in roots}
        for _ in range(options.n):
            for root in roots:
                wall, cpu = floor_once(root, demo, work / "floor")
                floors[root][0].append(wall)
                floors[root][1].append(cpu)
                wall, cpu, files = build_once(root, demo, work / "run")
                results[root][0].append(wall)
                results[root][1].append(cpu)
                results[root][2].append(files)
    load = os.getloadavg()
    print(f"{options.n} runs each, {os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f}")
    for root in roots:
        walls, cpus, files = results[root]
        fwalls, fcpus = floors[root]
        print(f"{root}:")
        print(_line("  kit build --all (22 demo kits)", walls, cpus, f"  files {files[0]}"))
        print(_line("  floor: flask --app app --help", fwalls, fcpus))
        ratio = statistics.median(walls) / statistics.median(fwalls)
        print(
            f"  build / floor {ratio:.1f}x; target {TARGET_S:.0f} s: "
            f"{'met' if statistics.median(walls) <= TARGET_S else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
