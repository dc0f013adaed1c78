"""Field conditions for the browser tests and bench/bench_field.py: slow 3G, a typical page."""

from __future__ import annotations

import functools
import io
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image, ImageDraw

from app.extensions import db
from app.mentor import services
from app.mentor.services import BusinessInput, ProductInput
from app.models import Team
from app.transaction import commit

# Lighthouse's "regular 3G" (shared/FACTS.md): 300 ms round trip, 700 Kbps down.
LATENCY_MS = 300
DOWN_KBPS = 700
UP_KBPS = 700
CPU_SLOWDOWN = 4
BUDGET_BYTES = 100 * 1024
BUDGET_LCP_MS = 2500


def photo_jpeg(seed: int = 1) -> io.BytesIO:
    """Return a phone-camera-like JPEG: 1600 × 1200 with detail that resists compression."""
    image = Image.effect_noise((1600, 1200), 60 + seed).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(0, 1600, 40):
        draw.ellipse((i, (i * 7) % 1100, i + 120, (i * 7) % 1100 + 120), fill=(200, 120 + seed, 40))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    buffer.seek(0)
    return buffer


def typical_business(app) -> str:
    """Create a published business with four products, two with photos; return its slug."""
    with app.app_context():
        team = db.session.query(Team).first()
        products = [
            ProductInput(
                name="Keripik tempe 250 g", price_idr=12000, unit="per bungkus", photo=photo_jpeg(1)
            ),
            ProductInput(
                name="Keripik singkong balado",
                price_idr=10000,
                unit="per bungkus",
                photo=photo_jpeg(2),
            ),
            ProductInput(name="Rempeyek kacang", price_idr=15000, unit="per toples"),
            ProductInput(name="Paket oleh-oleh", price_idr=45000, unit="per paket"),
        ]
        values = {
            "name": "Keripik Tempe Bu Narti",
            "owner_name": "Sunarti",
            "trade": "makanan_ringan",
            "village": "Timpik",
            "district": "Susukan",
            "regency": "Kabupaten Semarang",
            "whatsapp": "6281234567890",
            "tagline": "Renyah dan gurih, digoreng setiap pagi",
            "opening_hours": "Setiap hari 08.00–17.00",
            "description": "Usaha keluarga sejak 2019. Bisa pesan untuk hajatan.",
            "shopee_url": "https://shopee.co.id/keripikbunarti",
        }
        business = services.create_business(team.id, BusinessInput(values, products, True), None)
        services.publish(business)
        commit()
        slug = business.slug
        db.session.remove()
    return slug


def measure(browser, url: str) -> dict:
    """Load url on emulated slow 3G; return bytes transferred, LCP and request count."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": DOWN_KBPS * 1000 / 8,
            "uploadThroughput": UP_KBPS * 1000 / 8,
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    sizes: dict[str, float] = {}

    def finished(event) -> None:
        sizes[event["requestId"]] = event["encodedDataLength"]

    cdp.on("Network.loadingFinished", finished)
    page.goto(url, wait_until="networkidle")
    lcp = page.evaluate(
        """() => new Promise(resolve => {
            new PerformanceObserver(list => {
                const entries = list.getEntries();
                resolve(entries[entries.length - 1].startTime);
            }).observe({type: 'largest-contentful-paint', buffered: true});
            setTimeout(() => resolve(-1), 3000);
        })"""
    )
    images_ok = page.evaluate(
        "Array.from(document.images).every(img => img.complete && img.naturalWidth > 0)"
    )
    context.close()
    return {
        "bytes": sum(sizes.values()),
        "lcp_ms": lcp,
        "requests": len(sizes),
        "images_ok": images_ok,
    }


def noise_jpeg(side: int) -> bytes:
    """Return a JPEG of noise: it hardly compresses, so its size grows with its side."""
    buffer = io.BytesIO()
    Image.effect_noise((side, side), 120).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def within_budget(result: dict) -> bool:
    """Return whether a measured page meets the field budget."""
    return 0 <= result["lcp_ms"] <= BUDGET_LCP_MS and result["bytes"] <= BUDGET_BYTES


class QuietStaticHandler(SimpleHTTPRequestHandler):
    """A plain static file server, as a basic web host would be; it logs nothing."""

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        """Drop the access log line."""


def static_server(directory) -> ThreadingHTTPServer:
    """Return a server for a folder on a free loopback port (call serve_forever)."""
    handler = functools.partial(QuietStaticHandler, directory=str(directory))
    return ThreadingHTTPServer(("127.0.0.1", 0), handler)
