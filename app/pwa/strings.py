"""The words the offline outbox (outbox.js) shows, translated on the server for the page."""

from __future__ import annotations

from flask_babel import gettext as _


def outbox_strings() -> dict[str, str]:
    """Return the outbox's texts in the current language, keyed as outbox.js reads them."""
    return {
        "pending": _("%(n)s perubahan belum terkirim", n="%(n)s"),
        "sent": _("%(n)s perubahan terkirim.", n="%(n)s"),
        "queued": _("Tersimpan di ponsel. Akan dikirim sendiri saat ada sinyal."),
        "queuedTick": _("✓ Dicentang di ponsel, menunggu sinyal."),
        "offline": _(
            "Tanpa sinyal: halaman ini salinan di ponsel. Yang Anda simpan menunggu sinyal."
        ),
        "choose": _("Pilih nilai"),
        "fix": _("Perbaiki"),
        "sendNow": _("Kirim sekarang"),
        "check": _("perlu dicek"),
        "reasonConflict": _("Diubah orang lain sesudah Anda. Pilih nilai yang benar."),
        "reasonInvalid": _("Ada isian yang ditolak. Perbaiki lalu simpan."),
        "reasonError": _(
            "Server menolak (kode %(code)s). Coba kirim lagi atau buang.", code="%(code)s"
        ),
        "kept": _(
            "Perubahan ini masih tersimpan di ponsel dan belum terkirim. Ia tetap ada sampai"
            " Anda menyimpannya atau membuangnya."
        ),
        "discard": _("Buang perubahan ini"),
        "discardAsk": _("Buang perubahan ini? Isian yang belum terkirim hilang dari ponsel."),
        "discardYes": _("Ya, buang"),
        "discardNo": _("Jangan buang"),
        "discarded": _("Perubahan dibuang."),
        "retry": _("Kirim lagi"),
        "keptHeading": _("Perubahan di ponsel"),
        "steps": _("Langkah usaha"),
    }
