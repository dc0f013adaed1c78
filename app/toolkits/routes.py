"""Thin views: a business's personalised checklists, ticking, printing; the program view."""

from __future__ import annotations

import uuid
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app import plans
from app.access import get_business_or_404, guard_blueprint, require_coordinator
from app.checklists import STALE_AFTER_DAYS, fill_placeholders, is_stale, open_steps
from app.clock import local_date
from app.extensions import db
from app.models import Business
from app.render.bukukas_pdf import buku_kas_pdf
from app.render.checklist_pdf import checklists_pdf
from app.responses import pdf_response
from app.toolkits import bp, printable
from app.toolkits.forms import StepForm

guard_blueprint(bp)


@bp.route("/usaha/<uuid:business_id>/langkah")
def plan(business_id: uuid.UUID):
    """Show a business's checklists, personalised, with progress and next actions."""
    business = get_business_or_404(business_id)
    lang = str(get_locale())
    data = plans.business_plan(business, lang)
    first_step: dict[str, str] = {}  # each checklist's first open step: shown unfolded
    for checklist_id, step in open_steps(data.plan, data.done_keys):
        first_step.setdefault(checklist_id, step.id)
    return render_template(
        "toolkits/plan.html",
        business=business,
        bp=data,
        first_step=first_step,
        fill=lambda text: fill_placeholders(text, data.placeholders, lang),
        form=StepForm(),
        stale_days=STALE_AFTER_DAYS,
        is_stale=lambda day: is_stale(day, plans.today()),
    )


@bp.route("/usaha/<uuid:business_id>/langkah/<checklist_id>/<step_id>", methods=["POST"])
def step(business_id: uuid.UUID, checklist_id: str, step_id: str):
    """Tick or undo one step."""
    business = get_business_or_404(business_id)
    form = StepForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if form.action.data == "tick":
            plans.tick_step(business, checklist_id, step_id, current_user, form.note.data or "")
            flash(_("Langkah dicentang."), "success")
        else:
            plans.undo_step(business, checklist_id, step_id)
            flash(_("Centang dibatalkan."), "info")
    except plans.UnknownStep:
        abort(404)
    target = url_for("toolkits.plan", business_id=business.id)
    return redirect(f"{target}#{checklist_id}--{step_id}")


@bp.route("/usaha/<uuid:business_id>/langkah.pdf")
def plan_pdf(business_id: uuid.UUID):
    """Return the large-print checklists (current and next; ?semua=1: all) as a PDF."""
    business = get_business_or_404(business_id)
    data = plans.business_plan(business)
    full = request.args.get("semua") == "1"
    done = {key: local_date(row.done_at) for key, row in data.progress.items()}
    spec = printable.checklists_spec(data.plan, data.facts, done, plans.today(), full=full)
    pdf = checklists_pdf(spec)
    name = f"langkah-semua-{business.slug}.pdf" if full else f"langkah-{business.slug}.pdf"
    return pdf_response(pdf, name)


@bp.route("/usaha/<uuid:business_id>/buku-kas.pdf")
def buku_kas(business_id: uuid.UUID):
    """Return a printable cash book (buku kas harian) for a month."""
    business = get_business_or_404(business_id)
    month = _month_arg(request.args.get("bulan"))
    trade = plans.toolkits().trades.get(business.trade)
    pdf = buku_kas_pdf(printable.cash_book_spec(business.name, trade, month))
    return pdf_response(pdf, f"buku-kas-{business.slug}-{month:%Y-%m}.pdf")


def _month_arg(value: str | None) -> date:
    today = plans.today()
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


@bp.route("/program/langkah")
def completion():
    """Show, for a coordinator, how far every business has come on each step."""
    require_coordinator()
    businesses = list(db.session.scalars(Business.visible_to(current_user)))
    return render_template(
        "toolkits/completion.html",
        rows=plans.completion_across(businesses),
        count=len(businesses),
    )
