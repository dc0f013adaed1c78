"""Vendor the logo fonts and trade icons from npm packages (run by hand, not at run time).

    mkdir /tmp/npm && cd /tmp/npm && npm pack @fontsource/pacifico @fontsource/alfa-slab-one \
        @fontsource/bebas-neue @fontsource/lilita-one @tabler/icons-webfont
    .venv/bin/python scripts/vendor_brand_fonts.py /tmp/npm

Fontsource ships WOFF files per Unicode range: the "latin" one (ASCII, Latin-1,
punctuation) is unpacked to TTF. Tabler's webfont is subset to the icons the
trades use (ICONS below) and their code points written to a JSON map.
"""

from __future__ import annotations

import json
import re
import sys
import tarfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parents[1] / "app" / "render" / "fonts"
# npm package -> (file inside the package, bundled file name, licence file name)
DISPLAY = {
    "fontsource-pacifico": ("pacifico-latin-400-normal.woff", "Pacifico-Latin.ttf"),
    "fontsource-alfa-slab-one": ("alfa-slab-one-latin-400-normal.woff", "AlfaSlabOne-Latin.ttf"),
    "fontsource-bebas-neue": ("bebas-neue-latin-400-normal.woff", "BebasNeue-Latin.ttf"),
    "fontsource-lilita-one": ("lilita-one-latin-400-normal.woff", "LilitaOne-Latin.ttf"),
}
ICONS = [
    "tools-kitchen-2",
    "bowl-chopsticks",
    "soup",
    "cookie",
    "cake",
    "bread",
    "chef-hat",
    "basket",
    "paper-bag",
    "building-store",
    "shopping-bag",
    "needle-thread",
    "shirt",
    "egg",
    "eggs",
    "paw",
    "leaf",
    "plant",
    "heart-handshake",
    "device-mobile",
    "bolt",
    "droplet",
    "flame",
    "gas-station",
    "bowl",
    "coffee",
    "cup",
    "milk",
    "pepper",
    "grain",
    "salad",
    "meat",
    "bottle",
    "massage",
    "sparkles",
    "star",
    "needle",
    "scissors",
    "carrot",
    "fish",
    "home-heart",
    "brand-whatsapp",
    "map-pin",
    "phone",
]


def _member(folder: Path, prefix: str, inner: str) -> bytes:
    tgz = next(folder.glob(f"{prefix}-*.tgz"))
    with tarfile.open(tgz) as tar:
        return tar.extractfile(f"package/{inner}").read()


def main(folder: Path) -> None:
    """Unpack the display fonts, subset the icon font, copy licences."""
    import io

    for prefix, (woff, out) in DISPLAY.items():
        font = TTFont(io.BytesIO(_member(folder, prefix, f"files/{woff}")))
        font.flavor = None
        font.save(FONTS / out)
        stem = out.split("-")[0]
        (FONTS / f"{stem}-OFL.txt").write_bytes(_member(folder, prefix, "LICENSE"))
    css = _member(folder, "tabler-icons-webfont", "dist/tabler-icons.css").decode()
    points = {}
    for name in ICONS:
        match = re.search(rf"\.ti-{re.escape(name)}:before\s*{{\s*content:\s*\"\\(\w+)\"", css)
        if not match:
            raise SystemExit(f"icon {name} not in the Tabler CSS")
        points[name] = int(match.group(1), 16)
    font = TTFont(
        io.BytesIO(_member(folder, "tabler-icons-webfont", "dist/fonts/tabler-icons.ttf"))
    )
    options = subset.Options()
    options.notdef_outline = True
    options.name_IDs = ["*"]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=points.values())
    sub.subset(font)
    font.save(FONTS / "TablerIcons-Kit.ttf")
    (FONTS / "TablerIcons-Kit.json").write_text(json.dumps(points, indent=1, sort_keys=True) + "\n")
    (FONTS / "TABLER-LICENSE.txt").write_bytes(_member(folder, "tabler-icons-webfont", "LICENSE"))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
