"""Two imports of one file at once, as two processes: one team, one row per business."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from app.extensions import db
from app.models import Business, Product, Team

ROOT = Path(__file__).resolve().parents[2]
NAMES = 120


def test_two_concurrent_imports_give_one_row_per_business(app, tmp_path):
    path = tmp_path / "daftar.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["business_name", "owner_name", "village", "products", "address", "publish_consent"]
        )
        for i in range(NAMES):
            writer.writerow(
                [
                    f"Warung {i}",
                    f"Ibu {i}",
                    "Tawang",
                    "Kopi=3000; Teh=2000",
                    f"Dusun Rahasia {i}",
                    "ya",
                ]
            )
    db.session.remove()
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "GENERATED_DIR": str(tmp_path / "g"),
        "UPLOAD_DIR": str(tmp_path / "u"),
    }
    command = [
        sys.executable,
        "-m",
        "flask",
        "--app",
        "app",
        "businesses",
        "import",
        str(path),
        "--team",
        "Tim Balapan",
        "--program",
        "Program Balapan",
    ]
    runs = [
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=240) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "Traceback" not in err and "Dusun Rahasia" not in out + err
    created = sum(int(out.split("Berkas")[1].split("\n")[1].split()[0]) for out, _ in outputs)
    assert created == NAMES  # each business created by exactly one of the two
    assert db.session.scalar(select(func.count()).select_from(Team)) == 1
    assert db.session.scalar(select(func.count()).select_from(Business)) == NAMES
    assert db.session.scalar(select(func.count()).select_from(Product)) == 2 * NAMES
