"""Friendly error pages in Indonesian."""

from __future__ import annotations

import re

from flask import Flask, abort, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

# C0 controls but tab, LF and CR, and DEL: no field stores them, PostgreSQL refuses NUL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# In a path or a query value even CR, LF and tab are never meant.
PATH_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def refuse_control_characters() -> None:
    """Answer 404 for a path and 400 for a query or form with bytes no record can hold."""
    if PATH_CONTROL_CHARACTERS.search(request.path):
        abort(404)
    for key, value in request.args.items(multi=True):
        if PATH_CONTROL_CHARACTERS.search(key) or CONTROL_CHARACTERS.search(value):
            abort(400)
    if request.method in ("POST", "PUT", "PATCH"):
        for key, value in request.form.items(multi=True):
            if CONTROL_CHARACTERS.search(key) or CONTROL_CHARACTERS.search(value):
                abort(400)


def init_app(app: Flask) -> None:
    """Register the error handlers and the guard against control bytes."""
    # First of the app's before_request functions: no view or loader sees such input.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_control_characters)

    def page(code: int, title: str, message: str, back: str | None = None):
        html = render_template("errors/error.html", title=title, message=message, back=back)
        return html, code

    @app.errorhandler(400)
    def bad_request(_error):
        return page(
            400,
            _("Permintaan tidak bisa dibaca"),
            _("Alamat atau isian berisi karakter yang tidak bisa dipakai. Periksa lalu coba lagi."),
        )

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
