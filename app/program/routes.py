"""Thin views: the visit log, outcome charts, the coordinator's dashboard and report."""

from __future__ import annotations

import tempfile
import uuid
from datetime import date

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields import SelectChoice

from app.access import get_business_or_404, guard_blueprint, require_coordinator
from app.extensions import db
from app.filters import trade_choices
from app.models import Business, FollowUp, Visit
from app.program import bp, report, services
from app.program import dashboard as board
from app.program.charts import Figure3, change_text, outcome_chart
from app.program.dashboard import Filters
from app.program.forms import FilterForm, VisitForm
from app.program.services import VisitInput
from app.render.formatting import compact_rupiah
from app.responses import download

CHART_MAX_AGE = 300  # seconds; private to the signed-in user

guard_blueprint(bp)


@bp.app_template_global("program_follow_up")
def program_follow_up(business: Business) -> board.BusinessFollowUp:
    """Return a business's visits, status history and view counts for its overview."""
    return board.follow_up_of(business)


# --- visits ------------------------------------------------------------------------------------


def _visit_form(business: Business, visit: Visit | None) -> VisitForm:
    form = VisitForm(today=services.today(), current_status=business.status)
    people = services.mentor_choices(business, current_user)
    if visit is not None:
        known = {person.id for person in people}
        people += [person for person in visit.mentors if person.id not in known]
    form.mentors.choices = [SelectChoice(str(person.id), person.full_name) for person in people]
    if request.method == "GET":
        form.status.data = business.status
        if visit is None:
            form.visited_on.data = services.today().isoformat()
            form.mentors.data = [str(current_user.id)]
        else:
            form.visited_on.data = visit.visited_on.isoformat()
            form.mentors.data = [str(person.id) for person in visit.mentors]
            form.aspects.data = visit.aspects
            for name in ("activities", "problems", "next_actions"):
                getattr(form, name).data = getattr(visit, name)
            for name, column in (
                ("capital", "capital_idr"),
                ("assets", "assets_idr"),
                ("turnover", "monthly_turnover_idr"),
            ):
                value = getattr(visit, column)
                getattr(form, name).data = "" if value is None else str(value)
    return form


def _input_from(form: VisitForm) -> VisitInput:
    return VisitInput(
        visited_on=form.visited_on.clean,
        activities=form.activities.data or "",
        mentor_ids=[uuid.UUID(value) for value in form.mentors.data or []],
        aspects=list(form.aspects.data or []),
        problems=form.problems.data or "",
        next_actions=form.next_actions.data or "",
        capital_idr=form.capital.clean,
        assets_idr=form.assets.clean,
        monthly_turnover_idr=form.turnover.clean,
        status=form.status.data,
        status_reason=form.reason_text(),
        reason_code=form.reason_code.data or None,
    )


@bp.route("/usaha/<uuid:business_id>/kunjungan/baru", methods=["GET", "POST"])
def new_visit(business_id: uuid.UUID):
    """Log a visit: who came, aspects, what was done, problems, next steps, outcomes."""
    business = get_business_or_404(business_id)
    return _visit_page(
        business,
        None,
        lambda data: services.create_visit(business, data, current_user),
        _("Kunjungan tersimpan."),
        url_for("mentor.overview", business_id=business.id),
    )


def _visit_page(business: Business, visit: Visit | None, save, saved: str, done_url: str):
    """Show the visit form; on a valid post save it, say `saved` and go to done_url."""
    form = _visit_form(business, visit)
    if form.validate_on_submit():
        save(_input_from(form))
        flash(saved, "success")
        return redirect(done_url)
    if request.method == "POST":
        flash(_("Ada isian yang perlu diperbaiki. Lihat tanda merah di bawah."), "error")
    return render_template("program/visit_form.html", form=form, business=business, visit=visit)


def _visit_or_404(business: Business, visit_id: uuid.UUID) -> Visit:
    visit = db.session.scalar(
        select(Visit).where(Visit.id == visit_id, Visit.business_id == business.id)
    )
    if visit is None:
        abort(404)
    return visit


@bp.route("/usaha/<uuid:business_id>/kunjungan/<uuid:visit_id>/ubah", methods=["GET", "POST"])
def edit_visit(business_id: uuid.UUID, visit_id: uuid.UUID):
    """Correct a logged visit."""
    business = get_business_or_404(business_id)
    visit = _visit_or_404(business, visit_id)
    return _visit_page(
        business,
        visit,
        lambda data: services.update_visit(visit, data, current_user),
        _("Perubahan kunjungan tersimpan."),
        url_for("program.visits", business_id=business.id),
    )


@bp.route("/usaha/<uuid:business_id>/kunjungan")
def visits(business_id: uuid.UUID):
    """List every visit of a business with the steps ticked during it."""
    business = get_business_or_404(business_id)
    items = services.business_visits(business.id)
    lang = str(get_locale())
    ticks = services.ticks_by_visit([visit.id for visit in items])
    return render_template(
        "program/visits.html",
        business=business,
        visits=items,
        ticks=ticks,
        history=services.status_history(business.id),
        step_title=lambda row: services.step_title(row.checklist_id, row.step_id, lang),
    )


# --- charts ------------------------------------------------------------------------------------


def _png(data: bytes) -> Response:
    response = Response(data, mimetype="image/png")
    response.headers["Cache-Control"] = f"private, max-age={CHART_MAX_AGE}"
    return response


def _figures(baselines_latest: list[tuple[str, int | None, int | None]]) -> list[Figure3]:
    labels = {
        "capital_idr": _("Modal usaha"),
        "assets_idr": _("Aset usaha"),
        "turnover_idr": _("Omzet sebulan"),
    }
    return [Figure3(labels[stem], first, last) for stem, first, last in baselines_latest]


def _day(value: date | None) -> str:
    return report.short_date(value) if value else "—"


@bp.route("/usaha/<uuid:business_id>/hasil.png")
def business_chart(business_id: uuid.UUID):
    """Return the business's outcome chart: baseline and latest capital, assets, turnover."""
    business = get_business_or_404(business_id)
    summary = db.session.get(FollowUp, business.id)
    figures = []
    if summary is not None:
        figures = [
            (stem, getattr(summary, f"baseline_{stem}"), getattr(summary, f"latest_{stem}"))
            for stem in ("capital_idr", "assets_idr", "turnover_idr")
        ]
    subtitle = _(
        "%(first)s – %(last)s",
        first=_day(summary.baseline_on if summary else None),
        last=_day(summary.latest_on if summary else None),
    )
    png = outcome_chart(
        _("Hasil usaha: %(name)s", name=business.name),
        _figures(figures),
        subtitle,
        _("Awal"),
        _("Terakhir"),
        _("Belum ada angka modal, aset atau omzet."),
    )
    return _png(png)


# --- the coordinator's dashboard and report ----------------------------------------------------


def _filter_form() -> tuple[FilterForm, Filters]:
    form = FilterForm(formdata=request.args)
    choices = board.filter_choices(current_user)
    everything = SelectChoice("", _("Semua"))
    form.desa.choices = [everything, *(SelectChoice(v, v) for v in choices["desa"])]
    form.tim.choices = [everything, *(SelectChoice(k, v) for k, v in choices["teams"])]
    form.usaha.choices = [everything, *trade_choices()]
    try:
        team_id = uuid.UUID(form.tim.data) if form.tim.data else None
    except ValueError:
        team_id = None
    filters = Filters(
        desa=form.desa.data or "",
        team_id=team_id,
        trade=form.usaha.data or "",
        status=form.keadaan.data or "",
        days=form.attention_days(board.ATTENTION_DAYS_DEFAULT),
    )
    return form, filters


@bp.route("/program")
def dashboard():
    """Show the coordinator every business of the program: groups, attention list, progress."""
    require_coordinator()
    form, filters = _filter_form()
    page = request.args.get("hal", default=1, type=int)
    data = board.dashboard(current_user, filters, page)
    return render_template(
        "program/dashboard.html",
        form=form,
        filters=filters,
        data=data,
        change=change_text,
        short_rupiah=compact_rupiah,
        words=_row_words(filters.days),
    )


def _row_words(days: int) -> dict:
    """Return the words of a dashboard row, translated once per page, not once per row."""
    return {
        "status": {
            "aktif": _("Aktif"),
            "berhenti_sementara": _("Berhenti sementara"),
            "berhenti": _("Berhenti"),
        },
        "aspect": {
            "produksi": _("Produksi"),
            "kemasan": _("Kemasan"),
            "pemasaran": _("Pemasaran"),
            "legalitas": _("Legalitas"),
        },
        "reason": {
            "no_visit": _("Belum dikunjungi %(n)s hari", n=days),
            "falling": _("Omzet turun"),
        },
        "desa": _("Desa"),
        "steps": _("Langkah"),
        "last_visit": _("Kunjungan terakhir"),
        "turnover": _("Omzet"),
    }


@bp.route("/program/hasil.png")
def program_chart():
    """Return the program's outcome chart: sums over businesses with two recorded figures."""
    require_coordinator()
    _form, filters = _filter_form()
    figures, count = board.program_outcomes(current_user, filters)
    png = outcome_chart(
        _("Hasil usaha di program"),
        _figures(figures) if count else [],
        _("Jumlah dari %(n)s usaha", n=count),
        _("Awal"),
        _("Terakhir"),
        _("Belum ada usaha dengan dua catatan hasil."),
    )
    return _png(png)


def _program_name() -> str | None:
    program = current_user.program
    return program.name if program else None


@bp.route("/program/laporan.<any(csv, xlsx, pdf):fmt>")
def report_download(fmt: str):
    """Download the program report (as filtered) as CSV, XLSX or PDF, streamed."""
    require_coordinator()
    _form, filters = _filter_form()
    filters.program_id = current_user.program_id  # the coordinator's scope, as on the dashboard
    name = f"laporan-pendampingan-{services.today():%Y-%m-%d}.{fmt}"
    rows = report.report_rows(None, filters)
    # Rows stream from the database into a temporary file (an XLSX or PDF is only valid once
    # complete), which is then streamed out: neither rows nor file ever sit in memory whole.
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response generator
    report.export(fmt, rows, spool, report.report_title(_program_name()), report.report_subtitle())
    size = spool.tell()
    spool.seek(0)
    mimetype = report.MIMETYPES[fmt] + ("; charset=utf-8" if fmt == "csv" else "")
    response = download(spool, name, mimetype)
    response.content_length = size
    return response
