"""Thin views: a coordinator's list of mentors, new mentor, disable, reset password."""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import guard_blueprint, require_coordinator
from app.account import bp, services
from app.account.forms import ActionForm, NewMentorForm
from app.account.services import AccountError

guard_blueprint(bp)


@bp.before_request
def coordinators_only():
    """Refuse every account screen to anyone but a coordinator."""
    require_coordinator()


def _managed_or_404(user_id: uuid.UUID):
    user = services.managed_user_or_none(current_user, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("")
def index():
    """List the mentors of the coordinator's program."""
    users = services.managed_users(current_user)
    return render_template("account/index.html", users=users, action=ActionForm())


@bp.route("/baru", methods=["GET", "POST"])
def new():
    """Create a mentor with a temporary password, shown once."""
    teams = services.program_teams(current_user)
    form = NewMentorForm()
    form.team_id.choices = [(str(team.id), team.name) for team in teams]
    if form.validate_on_submit():
        team = next(team for team in teams if str(team.id) == form.team_id.data)
        try:
            user, temporary = services.create_mentor(
                current_user, form.username.data, form.full_name.data, team, form.password.data
            )
        except AccountError as exc:
            form.username.errors.append(str(exc))
        else:
            # Rendered, not redirected: the password never travels in a flash cookie.
            return render_template("account/temporary.html", user=user, temporary=temporary)
    return render_template("account/new.html", form=form)


@bp.route("/<uuid:user_id>/nonaktifkan", methods=["POST"])
def disable(user_id: uuid.UUID):
    """Disable a mentor's account; their sessions end at once."""
    user = _managed_or_404(user_id)
    if ActionForm().validate_on_submit():
        try:
            services.set_active(current_user, user, active=False)
        except AccountError as exc:
            flash(str(exc), "error")
        else:
            flash(_("Akun %(name)s dinonaktifkan.", name=user.username), "info")
    return redirect(url_for("account.index"))


@bp.route("/<uuid:user_id>/aktifkan", methods=["POST"])
def enable(user_id: uuid.UUID):
    """Re-enable a disabled mentor's account."""
    user = _managed_or_404(user_id)
    if ActionForm().validate_on_submit():
        services.set_active(current_user, user, active=True)
        flash(_("Akun %(name)s aktif lagi.", name=user.username), "success")
    return redirect(url_for("account.index"))


@bp.route("/<uuid:user_id>/kata-sandi", methods=["POST"])
def reset_password(user_id: uuid.UUID):
    """Give a mentor a new temporary password, shown once."""
    user = _managed_or_404(user_id)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("account.index"))
    try:
        temporary = services.reset_password(current_user, user)
    except AccountError as exc:
        flash(str(exc), "error")
        return redirect(url_for("account.index"))
    return render_template("account/temporary.html", user=user, temporary=temporary)
