"""Nothing doubled: a key made when a form is rendered makes its submission happen once.

The first POST carrying a key claims it (a committed row) before the view runs; when the
view answers with a redirect, the row keeps where it led. The same key sent again — Back and
resubmit, a double tap, a retry on a flaky network, a replay from the offline outbox — gets
that redirect and a note instead of a second record. A submission that fails (a form with
errors, an error page) frees its key, so the corrected form can be sent with it.
"""

from __future__ import annotations

import re
import time
import uuid
from datetime import timedelta

from flask import Flask, flash, g, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app import pending_uploads, transaction
from app.extensions import db
from app.models import IdempotencyKey, utcnow

FIELD = "idem_key"
KEY_PATTERN = re.compile(r"^[0-9a-f]{32}$")
KEEP_FOR = timedelta(days=7)  # longer than any phone stays offline in a program's visit cycle
PRUNE_EVERY_S = 3600
WAIT_FOR_FIRST_S = 10.0  # a double tap waits for the first submission's answer
POLL_S = 0.2
REDIRECTS = (301, 302, 303, 307, 308)


def new_key() -> str:
    """Return a fresh random key."""
    return uuid.uuid4().hex


def submitted_key() -> str | None:
    """Return the well-formed key sent with this request, if any."""
    if request.method != "POST":
        return None
    key = (request.form.get(FIELD) or "").strip().lower()
    return key if KEY_PATTERN.match(key) else None


def form_key() -> str:
    """Return a key for a rendered form: the one sent (its form shown again), else a new one.

    A page with many forms (the checklist's ticks) gets a different key for each.
    """
    if not g.get("idem_reused"):
        g.idem_reused = True
        sent = submitted_key()
        if sent:
            return sent
    return new_key()


def idempotency_field() -> Markup:
    """Return the hidden input carrying the form's key."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, form_key())


def _claim(key: str):
    """Claim the key for this request, or answer with the first submission's result."""
    db.session.add(IdempotencyKey(user_id=current_user.id, key=key))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return _replay(key)
    g.idem_claimed = key
    return None


def _replay(key: str):
    deadline = time.monotonic() + WAIT_FOR_FIRST_S
    stmt = select(IdempotencyKey.result_url).where(
        IdempotencyKey.user_id == current_user.id, IdempotencyKey.key == key
    )
    while True:
        result = db.session.execute(stmt).first()
        db.session.rollback()  # see the other request's commit on the next look
        if result is None:  # the first submission failed and freed the key: this one may try
            return _claim(key)
        if result.result_url:
            flash(_("Sudah tersimpan sebelumnya; tidak disimpan dua kali."), "info")
            return redirect(result.result_url, code=303)
        if time.monotonic() > deadline:
            break
        time.sleep(POLL_S)
    message = _("Formulir ini sedang disimpan. Tunggu sebentar, lalu buka lagi halamannya.")
    return render_template("errors/error.html", title=_("Sedang disimpan"), message=message), 409


def _finish(response):
    key = g.pop("idem_claimed", None)
    if key is None:
        return response
    owner = (IdempotencyKey.user_id == current_user.id) & (IdempotencyKey.key == key)
    # A redirect to the password change comes from the login guard: the view never ran.
    done = response.status_code in REDIRECTS and not current_user.must_change_password
    if done and response.location:
        db.session.execute(
            IdempotencyKey.__table__.update().where(owner).values(result_url=response.location)
        )
    else:
        transaction.rollback()  # nothing of a failed submission is kept
        db.session.execute(delete(IdempotencyKey).where(owner))
    transaction.commit()
    return response


def prune(now=None) -> int:
    """Delete keys older than KEEP_FOR; return how many."""
    cutoff = (now or utcnow()) - KEEP_FOR
    result = db.session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < cutoff))
    db.session.commit()
    return result.rowcount or 0


def init_app(app: Flask) -> None:
    """Claim keys before the views run (after the CSRF check) and record their results."""
    app.add_template_global(idempotency_field)
    state = {"pruned_at": 0.0}

    @app.before_request
    def claim_key():
        key = submitted_key()
        if key is None or not current_user.is_authenticated:
            return None
        if time.monotonic() - state["pruned_at"] > PRUNE_EVERY_S:
            state["pruned_at"] = time.monotonic()
            prune()
            pending_uploads.prune()
        return _claim(key)

    @app.after_request
    def record_result(response):
        return _finish(response)
