"""Benchmark `flask --app app kit build --all --include-unpublished` end to end.

Run: python bench/bench_kit_build.py [N] [--root DIR ...]

The demo program (`flask --app app demo load`: 22 businesses) is loaded once into a
SQLite file; every run then gets a fresh copy of that database, an empty GENERATED_DIR
(the render cache) and an empty output folder, and runs the real command as a new process,
start-up included, exactly as a mentor would type it. Wall time is reported (median and
min of N runs) with the CPU time the command used (user + sys, all its processes).

Compiled Python (.pyc): this project's machines set PYTHONDONTWRITEBYTECODE=1, so every
run would compile the app's ~150 modules from source again (0.25-0.35 s), which a mentor's
machine does once. Each root's app/ is compiled (python -m compileall) before timing and
the commands run without PYTHONDONTWRITEBYTECODE: the figures are those of a second run.

Beside it, measured in the same run:
- the app's start-up: `flask --app app --help` (imports, app factory, toolkits
  validation; no database work, no rendering);
- the floor of the same work: the bare libraries writing the same files. Every file the
  build wrote is read back (PNG: pixel size; PDF: pages, page size and the images on each
  page; SVG, TXT, JPEG) and the same kind of file is written by bench_kit.py's floors
  (Pillow, fpdf2, qrcode, fontTools, str.format), spread over a process pool with as many
  workers as the build uses; plus the bare start-up: a Python process importing those
  libraries, Flask and SQLAlchemy and reading the businesses from the database.
The 5 s target of issue 15 is for the whole command; if the floor's wall is near it or
above it, no rendering code can meet it on this machine.

--root runs the command from another checkout of the project (e.g. an older commit
unpacked with `git archive`), each root one after another in every round, so before and
after are compared under the same load; each root's floor is measured on its own files.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_kit  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402
from fpdf import FPDF  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from pypdf import PdfReader  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_N = 3
TARGET_S = 5.0
JOBS = os.cpu_count() or 1  # `kit build --all` runs one worker per core
# The imports a bare script writing these files needs, and its one read of the database.
BARE_STARTUP = (
    "import sqlite3, sys, flask, sqlalchemy.orm, fpdf, PIL.Image, qrcode, fontTools.ttLib\n"
    "with sqlite3.connect(sys.argv[1]) as c:\n"
    "    c.execute('select * from businesses').fetchall()\n"
    "    c.execute('select * from products').fetchall()\n"
)
# Files that show a product photo when the business has one (foto-*.jpg in its kit).
PHOTO_ITEMS = ("pamphlet-", "post-", "status-", "menu.")


def _flask() -> str:
    return str(Path(sys.executable).with_name("flask"))


def _base_env() -> dict[str, str]:
    """Return this environment without PYTHONDONTWRITEBYTECODE (see the docstring)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _env(db: Path, work: Path) -> dict[str, str]:
    env = _base_env()
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        GENERATED_DIR=str(work / "generated"),
        UPLOAD_DIR=str(work / "uploads"),
        PAGE_GENERATIONS_DIR=str(work / "page-generations"),
        SECRET_KEY="bench-kit-build",
        NIK_KEY="bench-kit-build-nik",
    )
    return env


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Run a command; return its wall time and the CPU time of it and its children."""
    before = _cpu_children()
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(args[1:])} failed in {cwd}:\n{done.stderr}")
    wall = time.perf_counter() - start
    return wall, _cpu_children() - before


def demo_database(root: Path, folder: Path) -> Path:
    """Create the demo program's database (migrated, demo loaded) in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "demo.sqlite"
    env = _env(db, folder)
    _run([_flask(), "--app", "app", "db", "upgrade"], root, env)
    _run([_flask(), "--app", "app", "demo", "load"], root, env)
    return db


def compile_app(root: Path) -> None:
    """Write the .pyc of root's app/ (what a first run does where bytecode is written)."""
    _run([sys.executable, "-m", "compileall", "-q", "app"], root, _base_env())


def build_once(root: Path, demo: Path, scratch: Path) -> tuple[float, float, Path]:
    """Build every kit from a fresh copy of the demo database with an empty cache."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    db = scratch / "kit.sqlite"
    shutil.copy(demo, db)
    out = scratch / "out"
    args = [_flask(), "--app", "app", "kit", "build", "--all", "--include-unpublished"]
    wall, cpu = _run([*args, "--out", str(out)], root, _env(db, scratch))
    return wall, cpu, out


def startup_once(root: Path, demo: Path, scratch: Path) -> tuple[float, float]:
    """Run the app's bare start-up on the same command line: `flask --app app --help`."""
    return _run([_flask(), "--app", "app", "--help"], root, _env(demo, scratch))


def bare_startup_once(demo: Path, scratch: Path) -> tuple[float, float]:
    """Run the floor of start-up: import the libraries, read the businesses."""
    return _run([sys.executable, "-c", BARE_STARTUP, str(demo)], ROOT, _env(demo, scratch))


# The floors: what the bare libraries do to write each file the build wrote.


def _pdf_job(path: Path) -> tuple:
    """Return the floor job of a PDF: page size (mm), and per page its images' kinds."""
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    size = (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4))
    pages = []
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        images = []
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                images.append((int(obj["/Width"]), int(obj["/Height"]), obj.get("/Filter")))
        pages.append(tuple(images))
    if len(pages) == 1 and not pages[0]:
        return ("fpdf", size)
    return ("pdf", size, tuple(pages))


def floor_job(path: Path, kit_has_photos: bool) -> tuple:
    """Return the floor of one file the build wrote: which bare-library writer, which size."""
    name, suffix = path.name, path.suffix.lower()
    if name.startswith("qr") and suffix in (".png", ".svg"):
        return ("qr",)
    if suffix == ".png":
        with Image.open(path) as img:
            size = img.size
        return ("pillow", size, kit_has_photos and name.startswith(PHOTO_ITEMS))
    if suffix in (".jpg", ".jpeg"):
        return ("jpeg",)
    if suffix == ".pdf":
        return _pdf_job(path)
    if suffix == ".svg":
        return ("outline",)
    if suffix == ".txt":
        return ("format",)
    raise ValueError(f"no floor for {path}")


def floor_jobs(out: Path) -> list[tuple]:
    """Return one floor job per file the build wrote, kit by kit."""
    jobs = []
    for kit in sorted(p for p in out.iterdir() if p.is_dir()):
        photos = any(kit.glob("foto-*.jp*g"))
        jobs += [floor_job(p, photos) for p in sorted(kit.iterdir()) if p.is_file()]
    return jobs


def _text_image(i: int, size: tuple[int, int]) -> Image.Image:
    """Return an image of the given size with lines of text: a stand-in for a label."""
    img = Image.new("RGB", size, "#FFFBEB")
    draw = ImageDraw.Draw(img)
    for row in range(max(1, size[1] // 135)):
        draw.text((20, 20 + row * 120), f"Keripik {i} Rp15.000", font=bench_kit._FLOOR_FONT)
    return img


def floor_pdf(i: int, size: tuple[int, int], pages: tuple) -> bytes:
    """Bare fpdf2, several pages: bench_kit.floor_fpdf's page on each, with its images
    (a JPEG photo embedded as is; any other image drawn with text and re-encoded)."""
    pdf = FPDF(unit="mm", format=size)
    pdf.add_font("text", "", str(bench_kit.pdf_font_path("text-regular")))
    for images in pages:
        pdf.add_page()
        pdf.set_font("text", size=14)
        pdf.multi_cell(0, 7, f"{i} {bench_kit._TEXT}")
        for k, (width, height, kind) in enumerate(images):
            source = (
                io.BytesIO(bench_kit.PHOTOS[i % 2])
                if kind == "/DCTDecode"
                else _text_image(i, (width, height))
            )
            pdf.image(source, x=10, y=100 + 5 * k, w=60)
    return bytes(pdf.output())


def run_floor(job: tuple, i: int) -> None:
    """Write one file's floor (in a pool worker); the bytes are dropped."""
    kind, *args = job
    if kind == "qr":
        bench_kit.floor_qr(i)
    elif kind == "pillow":
        bench_kit.floor_pillow(i, args[0], args[1])
    elif kind == "jpeg":
        bench_kit.floor_jpeg(i)
    elif kind == "fpdf":
        bench_kit.floor_fpdf(i, args[0])
    elif kind == "pdf":
        floor_pdf(i, *args)
    elif kind == "outline":
        bench_kit.floor_outline(i)
    else:
        bench_kit.floor_format(i)


def floor_files_once(jobs: list[tuple]) -> tuple[float, float]:
    """Write every file's floor on a pool of JOBS forked workers; return wall and CPU."""
    before = _cpu_self() + _cpu_children()
    start = time.perf_counter()
    with ProcessPoolExecutor(JOBS, mp_context=get_context("fork")) as pool:
        list(pool.map(run_floor, jobs, range(len(jobs)), chunksize=4))
    wall = time.perf_counter() - start
    return wall, _cpu_self() + _cpu_children() - before


def _line(label: str, walls: list[float], cpus: list[float], extra: str = "") -> str:
    return (
        f"{label:46} wall median {statistics.median(walls):6.2f} s  min {min(walls):6.2f} s"
        f"  cpu median {statistics.median(cpus):6.2f} s{extra}"
    )


def _verdict(build: float, floor: float, floor_idle: float) -> str:
    met = "met" if build <= TARGET_S else "NOT met"
    reach = "below" if floor_idle < TARGET_S else "ABOVE"
    return (
        f"  target {TARGET_S:.0f} s: {met} (build median {build:.2f} s); floor wall {floor:.2f} s,"
        f" floor on idle cores ≈ {floor_idle:.2f} s ({reach} the target)"
    )


def _report(root: Path, rows: dict[str, tuple[list, list]], files: int) -> None:
    """Print one root's rows, ratios and the target line."""
    med = {key: (statistics.median(w), statistics.median(c)) for key, (w, c) in rows.items()}
    floor_walls = [a + b for a, b in zip(rows["bare"][0], rows["files"][0], strict=True)]
    floor_cpus = [a + b for a, b in zip(rows["bare"][1], rows["files"][1], strict=True)]
    print(f"{root}:")
    print(_line("  kit build --all (22 demo kits)", *rows["build"], f"  files {files}"))
    print(_line("  app start-up: flask --app app --help", *rows["startup"]))
    print(_line("  floor: bare start-up (imports, one read)", *rows["bare"]))
    print(_line(f"  floor: the same {files} files, {JOBS} workers", *rows["files"]))
    print(_line("  floor: total", floor_walls, floor_cpus))
    floor_wall, floor_cpu = statistics.median(floor_walls), statistics.median(floor_cpus)
    print(
        f"  build / floor: wall {med['build'][0] / floor_wall:.1f}x, "
        f"cpu {med['build'][1] / floor_cpu:.1f}x"
    )
    # On idle cores the floor takes its start-up, then its files' CPU shared by the workers.
    idle = med["bare"][1] + med["files"][1] / JOBS
    print(_verdict(med["build"][0], floor_wall, idle))


def main() -> None:
    """Build the demo program's kits N times per root and print them beside the floors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=DEFAULT_N)
    parser.add_argument("--root", action="append", type=Path, help="checkout to run from")
    options = parser.parse_args()
    roots = [r.resolve() for r in options.root or [ROOT]]
    bench_kit._OUTLINE_FONT = TTFont(str(bench_kit.font_path("display-bold")))
    keys = ("build", "startup", "bare", "files")
    rows = {root: {key: ([], []) for key in keys} for root in roots}
    files = {}
    with tempfile.TemporaryDirectory(prefix="bench-kit-build-") as tmp:
        work = Path(tmp)
        for root in roots:
            compile_app(root)
        demo = demo_database(roots[0], work / "demo")
        for _ in range(options.n):
            for root in roots:
                measured = {
                    "startup": startup_once(root, demo, work / "startup"),
                    "bare": bare_startup_once(demo, work / "startup"),
                }
                wall, cpu, out = build_once(root, demo, work / "run")
                measured["build"] = (wall, cpu)
                jobs = floor_jobs(out)
                files[root] = len(jobs)
                measured["files"] = floor_files_once(jobs)
                for key, (wall, cpu) in measured.items():
                    rows[root][key][0].append(wall)
                    rows[root][key][1].append(cpu)
    load = os.getloadavg()
    print(
        f"{options.n} runs each, {os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f}; "
        "app/ compiled to .pyc before timing, commands run without PYTHONDONTWRITEBYTECODE "
        f"(set here: {'yes' if os.environ.get('PYTHONDONTWRITEBYTECODE') else 'no'})"
    )
    for root in roots:
        _report(root, rows[root], files[root])


if __name__ == "__main__":
    main()
