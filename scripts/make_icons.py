"""Draw the app's home-screen icons (192 and 512 px) with Pillow into app/static/icons/."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "app" / "render" / "fonts" / "NotoSans-Bold-Latin.ttf"
GREEN = (23, 63, 53)
CREAM = (246, 244, 239)
ORANGE = (217, 119, 6)


def icon(size: int) -> Image.Image:
    """Return the icon: a cream 'KU' on green, inside the maskable safe zone (80 %)."""
    image = Image.new("RGB", (size, size), GREEN)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), int(size * 0.36))
    draw.text((size / 2, size * 0.47), "KU", font=font, fill=CREAM, anchor="mm")
    bar = size * 0.06
    draw.rounded_rectangle(
        (size * 0.3, size * 0.66, size * 0.7, size * 0.66 + bar), radius=bar / 2, fill=ORANGE
    )
    return image


def main() -> None:
    """Write icon-192.png and icon-512.png."""
    folder = ROOT / "app" / "static" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        icon(size).save(folder / f"icon-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
