"""Login, logout, password change and language switch."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import bp, services
from app.auth.forms import ChangePasswordForm, LoginForm
from app.extensions import limiter

LOGIN_LIMIT_PER_ADDRESS = "10 per minute; 50 per hour"
LOGIN_LIMIT_PER_NAME = "20 per hour"  # slows a spread-out guessing attack on one account


def _safe_next(target: str | None) -> str:
    """Return a same-site path to go to after login; anything else (CR/LF too) goes to /."""
    local = target and target.startswith("/") and not target.startswith(("//", "/\\"))
    clean = local and target.isprintable() and "\\" not in target
    if clean and not urlsplit(target).netloc and not urlsplit(target).scheme:
        return target
    return url_for("mentor.index")


def _login_name() -> str:
    """Key the second login limit by the account tried, whatever address the tries come from."""
    return "login-name:" + (request.form.get("username") or "").strip().lower()[:80]


@bp.route("/masuk", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMIT_PER_ADDRESS, methods=["POST"])
@limiter.limit(LOGIN_LIMIT_PER_NAME, methods=["POST"], key_func=_login_name)
def login():
    """Show the login form and sign the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("mentor.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.username.data, form.password.data)
        if user is None:
            flash(_("Nama pengguna atau kata sandi salah."), "error")
        else:
            lang = session.get("lang")
            session.clear()  # a fresh session at login: no fixation
            if lang:
                session["lang"] = lang
            login_user(user)
            if user.must_change_password:
                return redirect(url_for("auth.change_password"))
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/keluar", methods=["POST"])
@login_required
def logout():
    """End this user's sessions everywhere."""
    services.end_sessions(current_user)
    logout_user()
    session.clear()
    flash(_("Anda sudah keluar."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/kata-sandi", methods=["GET", "POST"])
@login_required
def change_password():
    """Let a user replace their password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        error = services.change_password(current_user, form.current.data, form.new.data)
        if error:
            form.new.errors.append(error)
        else:
            login_user(current_user)  # the session version moved on; keep this session
            flash(_("Kata sandi sudah diganti."), "success")
            return redirect(url_for("mentor.index"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/bahasa/<lang>", methods=["POST"])
def set_language(lang: str):
    """Remember the chosen interface language."""
    if lang in ("id", "en"):
        session["lang"] = lang
    return redirect(_safe_next(request.form.get("next")))
