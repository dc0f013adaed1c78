"""`flask kit build --all` on a terminal: a progress bar, then the closing line."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from PIL import Image

from app.kitfiles import KIT_FILE_NAMES
from tests.conftest import PUBLIC_BASE
from tests.render.render_helpers import decode

ROOT = Path(__file__).resolve().parents[2]


def _run_on_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run a command with its output on a pseudo-terminal; return what the terminal showed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        args, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: every end of the terminal is closed, the command is done
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    shown = b"".join(chunks).decode(errors="replace")
    assert proc.wait(timeout=600) == 0, shown
    return shown


def test_kit_build_all_shows_a_progress_bar_on_a_terminal(app, make_business, tmp_path):
    business = make_business(
        name="Keripik Bu Sri", trade="makanan_ringan", publish=True, products=(("Keripik", 12000),)
    )
    other = make_business(name="Gula Aren Pak Darmo", trade="makanan_ringan")
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "PUBLIC_BASE_URL": PUBLIC_BASE,
        "GENERATED_DIR": str(tmp_path / "generated"),
        "UPLOAD_DIR": app.config["UPLOAD_DIR"],
        "PAGE_GENERATIONS_DIR": str(tmp_path / "page-generations"),
    }
    out = tmp_path / "tty"
    flask = str(Path(sys.executable).with_name("flask"))
    args = ["--app", "app", "kit", "build", "--all", "--include-unpublished", "--jobs", "2"]
    shown = _run_on_terminal([flask, *args, "--out", str(out)], env)
    # click draws the bar on the terminal: its label, and 100 % once both kits are written.
    assert "Membuat kit" in shown
    assert "100%" in shown
    assert f"Kit untuk 2 usaha ditulis ke {out}" in shown
    for slug in (business.slug, other.slug):
        assert set(KIT_FILE_NAMES) <= {p.name for p in (out / slug).iterdir()}
        assert decode(Image.open(out / slug / "qr.png"))[0].endswith(f"/b/{slug}/s")
