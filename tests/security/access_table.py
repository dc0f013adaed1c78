"""Who may use each route: the authorization table that test_authorization.py enforces.

Every (method, rule) of app.url_map needs an entry. The four columns are what each kind of
visitor gets, on a published business of team A:
  anonymous    not signed in
  owner        a mentor of team A (the business's team)
  other        a mentor of team B
  coordinator  the program's coordinator
Outcomes: OK (any answer below 400 that is not a redirect to the login page), LOGIN
(redirected to /masuk), NOT_FOUND (404: the thing is not theirs, so it does not exist for
them), FORBIDDEN (403: the role may never do this).

URL parameters are filled from the test context by name (business_id, slug, user_id, …);
an entry may give `params` (a dict, or a function of the context) and, for POST, `data`
(form fields that make the request valid, so OK can mean 2xx/3xx and not a 400).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

OK = "OK"
LOGIN = "LOGIN"
NOT_FOUND = "NOT_FOUND"
FORBIDDEN = "FORBIDDEN"
ROLES = ("anonymous", "owner", "other", "coordinator")


@dataclass(frozen=True)
class Access:
    """The expected outcome for each role, and how to build a valid request."""

    anonymous: str
    owner: str
    other: str
    coordinator: str
    params: dict | Callable = field(default_factory=dict)
    data: dict | Callable = field(default_factory=dict)

    def expected(self, role: str) -> str:
        """Return the outcome expected for a role."""
        return getattr(self, role)


PUBLIC = Access(OK, OK, OK, OK)  # anyone, signed in or not
SIGNED_IN = Access(LOGIN, OK, OK, OK)  # any signed-in user
TEAM = Access(LOGIN, OK, NOT_FOUND, OK)  # the business's team and the coordinator
COORDINATOR = Access(LOGIN, FORBIDDEN, FORBIDDEN, OK)  # coordinators only


def _step(ctx) -> dict:
    return {"checklist_id": ctx.checklist_id, "step_id": ctx.step_id}


def _visit(ctx) -> dict:
    """Log a visit of the context's business and return its id."""
    from app.clock import today
    from app.extensions import db
    from app.program.services import VisitInput, create_visit

    visit = create_visit(ctx.business, VisitInput(today(), "Kunjungan uji"), None)
    db.session.commit()
    return {"visit_id": visit.id}


def _family(ctx) -> dict:
    """Issue the business's family link and return its token."""
    from app.extensions import db
    from app.storefront.services import issue_family_link

    link = issue_family_link(ctx.business, None)
    db.session.commit()
    return {"token": link.token}


def _family_product(ctx) -> dict:
    return {**_family(ctx), "product_id": ctx.business.products[0].id}


def _family_link(ctx) -> dict:
    """Issue the family link; the mentor's pages about it need one."""
    _family(ctx)
    return {}


def _qris_pending(ctx) -> dict:
    """Put a checked QRIS waiting for confirmation on the business."""
    from app.extensions import db
    from app.qris import read_qris
    from app.storefront.services import submit_qris
    from tests.storefront.qris_samples import STATIC

    submit_qris(ctx.business, read_qris(STATIC), None)
    db.session.commit()
    return {"action": "setujui"}


def _qris_photo(ctx) -> dict:
    """Return the upload of a QRIS sticker photo (the QR rendered as a PNG)."""
    import io

    from app.render.qr import qr_png
    from tests.storefront.qris_samples import STATIC

    return {"photo": (io.BytesIO(qr_png(STATIC, module_px=8)), "qris.png")}


def _qris_shown(ctx) -> dict:
    from app.extensions import db
    from app.qris import read_qris

    ctx.business.qris_payload = read_qris(
        __import__("tests.storefront.qris_samples", fromlist=["STATIC"]).STATIC
    ).payload
    db.session.commit()
    return {}


ROUTES: dict[tuple[str, str], Access] = {
    # auth
    ("GET", "/masuk"): PUBLIC,
    ("POST", "/masuk"): PUBLIC,
    ("POST", "/keluar"): SIGNED_IN,
    ("GET", "/kata-sandi"): SIGNED_IN,
    ("POST", "/kata-sandi"): SIGNED_IN,
    ("POST", "/bahasa/<lang>"): Access(OK, OK, OK, OK, params={"lang": "en"}),
    # accounts
    ("GET", "/akun"): COORDINATOR,
    ("GET", "/akun/baru"): COORDINATOR,
    ("POST", "/akun/baru"): COORDINATOR,
    ("POST", "/akun/<uuid:user_id>/nonaktifkan"): COORDINATOR,
    ("POST", "/akun/<uuid:user_id>/aktifkan"): COORDINATOR,
    ("POST", "/akun/<uuid:user_id>/kata-sandi"): COORDINATOR,
    # mentor
    ("GET", "/"): SIGNED_IN,
    ("GET", "/usaha/baru"): SIGNED_IN,
    ("POST", "/usaha/baru"): SIGNED_IN,
    ("GET", "/usaha/<uuid:business_id>"): TEAM,
    ("GET", "/usaha/<uuid:business_id>/ubah"): TEAM,
    ("POST", "/usaha/<uuid:business_id>/ubah"): TEAM,
    ("POST", "/usaha/<uuid:business_id>/terbitkan"): TEAM,
    ("POST", "/usaha/<uuid:business_id>/tarik"): TEAM,
    ("POST", "/usaha/<uuid:business_id>/nik"): TEAM,
    ("POST", "/usaha/<uuid:business_id>/ekspor"): COORDINATOR,
    ("GET", "/usaha/<uuid:business_id>/hapus"): COORDINATOR,
    ("POST", "/usaha/<uuid:business_id>/hapus"): COORDINATOR,
    # toolkits
    ("GET", "/usaha/<uuid:business_id>/langkah"): TEAM,
    ("POST", "/usaha/<uuid:business_id>/langkah/<checklist_id>/<step_id>"): Access(
        LOGIN, OK, NOT_FOUND, OK, params=_step, data={"action": "tick"}
    ),
    ("GET", "/usaha/<uuid:business_id>/langkah.pdf"): TEAM,
    ("GET", "/usaha/<uuid:business_id>/buku-kas.pdf"): TEAM,
    ("GET", "/program/langkah"): COORDINATOR,
    # kit
    ("GET", "/usaha/<uuid:business_id>/kit"): TEAM,
    ("POST", "/usaha/<uuid:business_id>/kit"): TEAM,
    ("GET", "/usaha/<uuid:business_id>/kit/berkas/<name>"): Access(
        LOGIN, OK, NOT_FOUND, OK, params=lambda ctx: {"name": ctx.kit_file_name}
    ),
    ("GET", "/usaha/<uuid:business_id>/kit.zip"): TEAM,
    ("POST", "/usaha/<uuid:business_id>/kit/logo"): Access(
        LOGIN, OK, NOT_FOUND, OK, data={"logo_style": "stamp"}
    ),
    ("POST", "/usaha/<uuid:business_id>/kit/printer"): Access(
        LOGIN, OK, NOT_FOUND, OK, data={"ruler_mm": "99.5", "offset_x_mm": "0.5"}
    ),
    ("GET", "/usaha/<uuid:business_id>/kit/logo/<design>.png"): Access(
        LOGIN, OK, NOT_FOUND, OK, params={"design": "stamp"}
    ),
    ("POST", "/usaha/<uuid:business_id>/kit/pamflet"): Access(
        LOGIN, OK, NOT_FOUND, OK, data={"format": "square", "template": "foto"}
    ),
    ("GET", "/usaha/<uuid:business_id>/kit/pamflet/<fmt>/<template>.jpg"): Access(
        LOGIN, OK, NOT_FOUND, OK, params={"fmt": "story", "template": "sorot"}
    ),
    ("GET", "/kit/kalibrasi/<preset>.pdf"): Access(
        LOGIN, OK, OK, OK, params=lambda ctx: {"preset": ctx.sheet_preset}
    ),
    # program follow-up: visits, charts, the coordinator's dashboard and reports
    ("GET", "/usaha/<uuid:business_id>/kunjungan"): TEAM,
    ("GET", "/usaha/<uuid:business_id>/kunjungan/baru"): TEAM,
    ("POST", "/usaha/<uuid:business_id>/kunjungan/baru"): TEAM,
    ("GET", "/usaha/<uuid:business_id>/kunjungan/<uuid:visit_id>/ubah"): Access(
        LOGIN, OK, NOT_FOUND, OK, params=_visit
    ),
    ("POST", "/usaha/<uuid:business_id>/kunjungan/<uuid:visit_id>/ubah"): Access(
        LOGIN, OK, NOT_FOUND, OK, params=_visit
    ),
    ("GET", "/usaha/<uuid:business_id>/hasil.png"): TEAM,
    ("GET", "/program"): COORDINATOR,
    ("GET", "/program/hasil.png"): COORDINATOR,
    ("GET", "/program/laporan.<any(csv, xlsx, pdf):fmt>"): Access(
        LOGIN, FORBIDDEN, FORBIDDEN, OK, params={"fmt": "csv"}
    ),
    # the installable, offline-first shell; a photo kept from a refused form (its owner only:
    # a token that is not the user's own, like this one, is not found)
    ("GET", "/manifest.webmanifest"): PUBLIC,
    ("GET", "/sw.js"): PUBLIC,
    ("GET", "/offline"): PUBLIC,
    ("GET", "/csrf"): SIGNED_IN,
    ("GET", "/usaha/foto-sementara/<token>"): Access(
        LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, params={"token": "bukan-token"}
    ),
    # operations: the load balancer's health check answers anyone, and says nothing private
    ("GET", "/healthz"): PUBLIC,
    # public
    ("GET", "/b/<slug>"): PUBLIC,
    ("GET", "/b/<slug>/<any(l, p, s, w):code>"): Access(OK, OK, OK, OK, params={"code": "l"}),
    ("GET", "/b/<slug>/logo.png"): PUBLIC,
    ("GET", "/b/<slug>/og.jpg"): PUBLIC,
    ("GET", "/media/<name>"): Access(OK, OK, OK, OK, params=lambda ctx: {"name": ctx.photo_name}),
    ("GET", "/b/<slug>/pesan"): Access(
        OK, OK, OK, OK, params=lambda ctx: {"p" + ctx.business.products[0].id.hex[:8]: "2"}
    ),
    (
        "POST",
        "/b/<slug>/ketuk/<any(pesan, maps, shopee, instagram, facebook, tiktok):target>",
    ): Access(OK, OK, OK, OK, params={"target": "pesan"}),
    ("GET", "/b/<slug>/kontak.vcf"): PUBLIC,
    ("GET", "/b/<slug>/qris.png"): Access(OK, OK, OK, OK, params=_qris_shown),
    ("GET", "/desa/<slug>"): Access(OK, OK, OK, OK, params={"slug": "tawang-susukan"}),
    ("GET", "/desa/<slug>/poster.pdf"): Access(OK, OK, OK, OK, params={"slug": "tawang-susukan"}),
    ("GET", "/sitemap.xml"): PUBLIC,
    ("GET", "/robots.txt"): PUBLIC,
    # the family's private link: the token is the key, no account
    ("GET", "/k/<token>"): Access(OK, OK, OK, OK, params=_family),
    ("POST", "/k/<token>/hari"): Access(OK, OK, OK, OK, params=_family, data={"keadaan": "closed"}),
    ("POST", "/k/<token>/produk/<uuid:product_id>"): Access(
        OK, OK, OK, OK, params=_family_product, data={"habis": "1"}
    ),
    # the mentor's family-link and QRIS tools
    ("POST", "/usaha/<uuid:business_id>/tautan-keluarga"): TEAM,
    ("POST", "/usaha/<uuid:business_id>/tautan-keluarga/cabut"): TEAM,
    ("GET", "/usaha/<uuid:business_id>/tautan-keluarga.png"): Access(
        LOGIN, OK, NOT_FOUND, OK, params=_family_link
    ),
    ("GET", "/usaha/<uuid:business_id>/tautan-keluarga/cetak"): Access(
        LOGIN, OK, NOT_FOUND, OK, params=_family_link
    ),
    ("GET", "/usaha/<uuid:business_id>/qris"): TEAM,
    ("POST", "/usaha/<uuid:business_id>/qris"): Access(LOGIN, OK, NOT_FOUND, OK, data=_qris_photo),
    ("POST", "/usaha/<uuid:business_id>/qris/simpan"): Access(
        LOGIN,
        OK,
        NOT_FOUND,
        OK,
        data=lambda ctx: {
            "payload": __import__("tests.storefront.qris_samples", fromlist=["STATIC"]).STATIC,
            "belongs": "y",
        },
    ),
    ("POST", "/usaha/<uuid:business_id>/qris/<any(setujui, tolak, hapus):action>"): Access(
        LOGIN, FORBIDDEN, NOT_FOUND, OK, params=_qris_pending
    ),
    ("GET", "/static/<path:filename>"): Access(OK, OK, OK, OK, params={"filename": "app.css"}),
}
