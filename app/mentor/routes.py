"""Thin views: the team's businesses, the business form, overview and publishing."""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select

from app.access import get_business_or_404, guard_blueprint
from app.extensions import db
from app.filters import trade_choices
from app.mentor import bp, services
from app.mentor.forms import PRODUCT_ROWS_BLANK, BusinessForm, ConfirmForm, cleaned
from app.mentor.services import BusinessInput, ConflictError, NotAllowed, ProductInput
from app.models import Business, Team
from app.toolkits.services import business_plan
from app.validators import InvalidValue

LIST_PAGE_SIZE = 50


guard_blueprint(bp)


def _teams_for_user() -> list[Team]:
    if current_user.is_coordinator:
        stmt = select(Team).order_by(Team.name)
        if current_user.program_id:
            stmt = stmt.where(Team.program_id == current_user.program_id)
        return list(db.session.scalars(stmt))
    return sorted(current_user.teams, key=lambda team: team.name)


@bp.route("/")
def index():
    """List the businesses the user may see, with search by name or desa."""
    query = (request.args.get("q") or "").strip()
    stmt = Business.visible_to(current_user)
    if query:
        pattern = f"%{query.lower()}%"
        stmt = stmt.where(
            or_(func.lower(Business.name).like(pattern), func.lower(Business.village).like(pattern))
        )
    stmt = stmt.order_by(Business.village, Business.name).limit(LIST_PAGE_SIZE)
    businesses = list(db.session.scalars(stmt))
    return render_template("mentor/index.html", businesses=businesses, query=query)


def _form_for(business: Business | None) -> BusinessForm:
    form = BusinessForm(obj=business if request.method == "GET" else None)
    form.trade.choices = trade_choices()
    if request.method == "GET":
        if business is not None:
            form.version.data = business.version
            form.publish_consent.data = business.publish_consent
            while len(form.products.entries):
                form.products.pop_entry()
            for product in business.products:
                form.products.append_entry(
                    {
                        "id": str(product.id),
                        "name": product.name,
                        "price": str(product.price_idr) if product.price_idr is not None else "",
                        "unit": product.unit,
                        "net_weight": product.net_weight,
                        "composition": product.composition,
                    }
                )
            for field in ("capital_idr", "annual_sales_idr"):
                value = getattr(business, field)
                getattr(form, field).data = "" if value is None else str(value)
        for _ in range(PRODUCT_ROWS_BLANK):
            form.products.append_entry()
    return form


def _input_from(form: BusinessForm) -> BusinessInput:
    values = {name: cleaned(form[name]) for name in services.BUSINESS_FIELDS}
    for name in ("tagline", "description", "opening_hours", "district", "regency",
                 "business_address", "home_address", "status_reason"):  # fmt: skip
        values[name] = (values[name] or "").strip()
    products = []
    for entry in form.products.entries:
        row = entry.form
        if row.is_blank():
            continue
        photo = row.photo.data if getattr(row.photo.data, "filename", None) else None
        products.append(
            ProductInput(
                id=uuid.UUID(row.id.data) if row.id.data else None,
                name=(row.name.data or "").strip(),
                price_idr=cleaned(row.price),
                unit=(row.unit.data or "").strip(),
                net_weight=(row.net_weight.data or "").strip(),
                composition=(row.composition.data or "").strip(),
                remove=bool(row.remove.data),
                photo=photo,
            )
        )
    version = int(form.version.data) if (form.version.data or "").isdigit() else None
    return BusinessInput(values, products, form.publish_consent.data, version)


def _valid_product_ids(form: BusinessForm, business: Business | None) -> bool:
    known = {str(product.id) for product in business.products} if business else set()
    return all(
        not entry.form.id.data or entry.form.id.data in known for entry in form.products.entries
    )


@bp.route("/usaha/baru", methods=["GET", "POST"])
def new_business():
    """Create a business and its products on one page."""
    teams = _teams_for_user()
    if not teams:
        flash(_("Anda belum masuk tim mana pun. Hubungi koordinator."), "error")
        return redirect(url_for("mentor.index"))
    form = _form_for(None)
    team_id = request.form.get("team_id") or str(teams[0].id)
    if form.validate_on_submit() and _valid_product_ids(form, None):
        team = next((t for t in teams if str(t.id) == team_id), None)
        if team is None:
            abort(404)
        try:
            business = services.create_business(team.id, _input_from(form), current_user)
        except InvalidValue as exc:
            flash(str(exc), "error")
        else:
            flash(_("Usaha %(name)s tersimpan.", name=business.name), "success")
            return redirect(url_for("mentor.overview", business_id=business.id))
    elif request.method == "POST":
        flash(_("Ada isian yang perlu diperbaiki. Lihat tanda merah di bawah."), "error")
    return render_template(
        "mentor/business_form.html", form=form, business=None, teams=teams, team_id=team_id
    )


@bp.route("/usaha/<uuid:business_id>/ubah", methods=["GET", "POST"])
def edit_business(business_id: uuid.UUID):
    """Edit a business and its products; a stale form is refused, not merged."""
    business = get_business_or_404(business_id)
    form = _form_for(business)
    if form.validate_on_submit():
        if not _valid_product_ids(form, business):
            abort(404)
        try:
            services.update_business(business, _input_from(form), current_user)
        except ConflictError:
            db.session.rollback()
            flash(
                _(
                    "Data usaha ini baru saja diubah orang lain. Perubahan Anda belum "
                    "disimpan: muat ulang halaman, lalu isi lagi."
                ),
                "error",
            )
        except InvalidValue as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(_("Perubahan tersimpan."), "success")
            return redirect(url_for("mentor.overview", business_id=business.id))
    elif request.method == "POST":
        flash(_("Ada isian yang perlu diperbaiki. Lihat tanda merah di bawah."), "error")
    return render_template("mentor/business_form.html", form=form, business=business, teams=[])


@bp.route("/usaha/<uuid:business_id>")
def overview(business_id: uuid.UUID):
    """Show one business: its record, public page status and next steps."""
    business = get_business_or_404(business_id)
    plan = business_plan(business, str(get_locale()))
    return render_template(
        "mentor/overview.html", business=business, confirm=ConfirmForm(), plan=plan
    )


@bp.route("/usaha/<uuid:business_id>/terbitkan", methods=["POST"])
def publish(business_id: uuid.UUID):
    """Publish the business's public page (needs recorded consent)."""
    business = get_business_or_404(business_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.publish(business)
        except NotAllowed as exc:
            flash(str(exc), "error")
        else:
            flash(_("Halaman usaha sudah terbit."), "success")
    return redirect(url_for("mentor.overview", business_id=business.id))


@bp.route("/usaha/<uuid:business_id>/tarik", methods=["POST"])
def unpublish(business_id: uuid.UUID):
    """Take the business's public page down."""
    business = get_business_or_404(business_id)
    if ConfirmForm().validate_on_submit():
        services.unpublish(business)
        flash(_("Halaman usaha sudah ditarik dan tidak bisa dibuka publik."), "info")
    return redirect(url_for("mentor.overview", business_id=business.id))
