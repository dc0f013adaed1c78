"""Friendly error pages in Indonesian."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    def page(code: int, title: str, message: str, back: str | None = None):
        html = render_template("errors/error.html", title=title, message=message, back=back)
        return html, code

    @app.errorhandler(404)
    def not_found(_error):
        return page(
            404, _("Halaman tidak ditemukan"), _("Alamat ini tidak ada atau sudah ditutup.")
        )

    @app.errorhandler(403)
    def forbidden(_error):
        return page(403, _("Tidak boleh"), _("Anda tidak punya akses ke halaman ini."))

    @app.errorhandler(413)
    def too_large(_error):
        from app import oversize
        from app.pending_uploads import PHOTO_MAX_BYTES

        answer = oversize.refill(app, PHOTO_MAX_BYTES)
        if answer is not None:  # the form again, with what was typed
            return answer
        limit_mb = app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        back = request.path if request.method == "POST" else None
        return page(
            413,
            _("Berkas terlalu besar"),
            _("Berkas maksimal %(mb)s MB. Kecilkan foto lalu coba lagi.", mb=limit_mb),
            back=back,
        )

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return page(
            400,
            _("Formulir kedaluwarsa"),
            _("Formulir ini sudah tidak berlaku. Muat ulang halaman lalu kirim lagi."),
        )

    @app.errorhandler(429)
    def too_many(_error):
        return page(429, _("Terlalu banyak percobaan"), _("Tunggu sebentar lalu coba lagi."))

    @app.errorhandler(500)
    def server_error(_error):
        return page(500, _("Terjadi kesalahan"), _("Maaf, ada yang salah. Data Anda tidak hilang."))
