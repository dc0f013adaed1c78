"""Thin views: the team's businesses, the business form, overview and publishing."""

from __future__ import annotations

import json
import time
import uuid

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import load_only

from app import audit, idempotency, pending_uploads, privacy
from app.access import get_business_or_404, guard_blueprint, require_coordinator
from app.extensions import db
from app.filters import trade_choices, trade_name
from app.forms import ConfirmForm, DeleteBusinessForm
from app.identity import use_database
from app.mentor import bp, services
from app.mentor.forms import PRODUCT_ROWS_BLANK, BusinessForm, cleaned
from app.mentor.list_cache import list_cache, list_key
from app.mentor.search import search_words, words_match
from app.mentor.services import BusinessInput, ConflictError, NotAllowed, ProductInput
from app.models import Business, Team
from app.oversize import refill_when_too_large
from app.plans import business_plan
from app.responses import download
from app.uploads import check_pixel_budget
from app.validators import InvalidValue, mask_nik

LIST_PAGE_SIZE = 50
LIST_COLUMNS = (
    Business.id,
    Business.name,
    Business.village,
    Business.trade,
    Business.status,
    Business.published,
)
TRIGRAM = 3  # pg_trgm needs at least three characters to use its index
VILLAGES_TTL_S = 300  # how long the list of desa names in use is trusted
CONFLICT_SKIP = {"nik"}  # a blank NIK keeps the stored one; it is never shown back
CONFLICT_FRESH = {"csrf_token", "idem_key", "version"}  # made anew on the conflict screen


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
    cache, key = list_cache(), list_key()  # the key before the data: see list_cache.py
    body = cache.get(key)
    if body is None:
        use_database()  # the user joins the session before its teams are read (identity.py)
        body = _list_page(query).encode()
        cache.put(key, body)
    return current_app.response_class(body, mimetype="text/html")


def _list_page(query: str) -> str:
    """Render the list of businesses matching query."""
    stmt = Business.visible_to(current_user)
    words = search_words(query)
    if len(words) > 1:
        # Several words: each must start a word of the name or desa, in any order.
        stmt = stmt.where(words_match(words, db.session.get_bind().dialect.name))
        stmt = stmt.order_by(Business.name)
    elif query:
        # % and _ typed by the user are literal characters, not wildcards.
        escaped = query.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        stmt = stmt.where(
            or_(
                func.lower(Business.name).like(pattern, escape="\\"),
                func.lower(Business.village).like(pattern, escape="\\"),
            )
        )
        stmt = stmt.order_by(_search_order(query))
    else:
        stmt = stmt.order_by(Business.village, Business.name)  # index ix_businesses_village_name
    # Only the columns the list shows: no encrypted NIK, finances or long texts per row.
    stmt = stmt.options(load_only(*LIST_COLUMNS)).limit(LIST_PAGE_SIZE)
    businesses = list(db.session.scalars(stmt))
    names = {key: trade_name(key) for key in {business.trade for business in businesses}}
    return render_template(
        "mentor/index.html", businesses=businesses, query=query, trade_names=names
    )


def _search_order(query: str):
    """Return the ORDER BY that lets PostgreSQL's planner find the matches fastest.

    A desa name matches thousands of rows: walking the name index stops after the first
    page. A name part matches a few: the trigram indexes (migration 0005) find them, and
    ordering by lower(name), which no b-tree serves, keeps the planner on those indexes.
    """
    wanted = query.lower()
    if len(wanted) < TRIGRAM or any(wanted in village for village in _known_villages()):
        return Business.name
    return func.lower(Business.name)


def _known_villages() -> frozenset[str]:
    """Return the desa names in use, lower-cased, refreshed every few minutes per app."""
    cache = current_app.extensions.setdefault("known_villages", {"at": -VILLAGES_TTL_S})
    now = time.monotonic()
    if now - cache["at"] >= VILLAGES_TTL_S:
        rows = db.session.scalars(select(Business.village).distinct())
        cache["names"] = frozenset(village.lower() for village in rows)
        cache["at"] = now
    return cache["names"]


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
                        "kind": product.kind or "",
                    }
                )
            for field in ("capital_idr", "annual_sales_idr"):
                value = getattr(business, field)
                getattr(form, field).data = "" if value is None else str(value)
            form.nik.data = ""  # never sent back in full; a blank field keeps the stored NIK
        for _ in range(PRODUCT_ROWS_BLANK):
            form.products.append_entry()
    if business is not None and business.nik:
        form.nik.render_kw = {"placeholder": mask_nik(business.nik)}
    return form


def _input_from(form: BusinessForm, keep_nik: bool = False) -> BusinessInput:
    values = {name: cleaned(form[name]) for name in services.BUSINESS_FIELDS}
    values["regency_type"] = values.get("regency_type") or ""
    for name in (
        "tagline",
        "description",
        "opening_hours",
        "district",
        "regency",
        "business_address",
        "home_address",
        "status_reason",
    ):
        values[name] = (values[name] or "").strip()
    products = []
    for entry in form.products.entries:
        row = entry.form
        if row.is_blank():
            continue
        photo = row.photo.data if getattr(row.photo.data, "filename", None) else None
        photo_name = None
        if photo is None and row.pending_photo.data:
            photo_name = pending_uploads.adopt(
                row.pending_photo.data, current_user.id, idempotency.submitted_key() or ""
            )
        products.append(
            ProductInput(
                id=uuid.UUID(row.id.data) if row.id.data else None,
                name=(row.name.data or "").strip(),
                price_idr=cleaned(row.price),
                unit=(row.unit.data or "").strip(),
                net_weight=(row.net_weight.data or "").strip(),
                composition=(row.composition.data or "").strip(),
                kind=row.kind.data or "",
                remove=bool(row.remove.data),
                photo=photo,
                photo_name=photo_name,
                remove_photo=bool(row.remove_photo.data),
            )
        )
    version = int(form.version.data) if (form.version.data or "").isdigit() else None
    if keep_nik and not values.get("nik"):
        values.pop("nik", None)
    return BusinessInput(values, products, form.publish_consent.data, version)


def _valid_product_ids(form: BusinessForm, business: Business | None) -> bool:
    known = {str(product.id) for product in business.products} if business else set()
    return all(
        not entry.form.id.data or entry.form.id.data in known for entry in form.products.entries
    )


def _keep_photos(form: BusinessForm) -> None:
    """Keep the photos of a refused form aside, so they come back with it."""
    key = idempotency.submitted_key() or ""
    rows = [
        entry.form
        for entry in form.products.entries
        if getattr(entry.form.photo.data, "filename", None) and not entry.form.photo.errors
    ]
    try:
        check_pixel_budget([row.photo.data for row in rows])
    except InvalidValue:
        return  # refused for their pixels together: keeping them would decode them all
    for row in rows:
        try:
            row.pending_photo.data = pending_uploads.keep(row.photo.data, current_user.id, key)
        except InvalidValue as exc:
            row.photo.errors = [*row.photo.errors, str(exc)]


def _publish_too(business: Business) -> bool:
    """Publish after the save when "Simpan & terbitkan" was pressed; return whether it did."""
    if not request.form.get("and_publish"):
        return False
    try:
        services.publish(business)
    except NotAllowed as exc:
        flash(str(exc), "error")
        return False
    return True


def _form_page(form: BusinessForm, business: Business | None, **context):
    if request.method == "POST":
        _keep_photos(form)  # the error summary at the top of the form says what to fix
    photos = {str(p.id): p.photo for p in business.products if p.photo} if business else {}
    return render_template(
        "mentor/business_form.html", form=form, business=business, photos=photos, **context
    )


@bp.route("/usaha/baru", methods=["GET", "POST"])
@refill_when_too_large
def new_business():
    """Create a business: the short first save, with the rest in sections opened one by one."""
    teams = _teams_for_user()
    if not teams:
        flash(_("Anda belum masuk tim mana pun. Hubungi koordinator."), "error")
        return redirect(url_for("mentor.index"))
    form = _form_for(None)
    form.first_save = True
    team_id = request.form.get("team_id") or str(teams[0].id)
    if request.method == "GET":
        area = services.team_area(teams[0].id)
        form.district.data, form.regency_type.data, form.regency.data = area
    if form.validate_on_submit() and _valid_product_ids(form, None):
        team = next((t for t in teams if str(t.id) == team_id), None)
        if team is None:
            abort(404)
        try:
            business = services.create_business(team.id, _input_from(form), current_user)
        except InvalidValue as exc:
            flash(str(exc), "error")
        else:
            if _publish_too(business):
                flash(
                    _("Usaha %(name)s tersimpan dan halamannya terbit.", name=business.name),
                    "success",
                )
            else:
                flash(_("Usaha %(name)s tersimpan.", name=business.name), "success")
            return redirect(url_for("mentor.overview", business_id=business.id))
        return _form_page(form, None, teams=teams, team_id=team_id)
    return _form_page(form, None, teams=teams, team_id=team_id)


@bp.route("/usaha/<uuid:business_id>/ubah", methods=["GET", "POST"])
@refill_when_too_large
def edit_business(business_id: uuid.UUID):
    """Edit a business and its products; a stale form is refused, not merged."""
    business = get_business_or_404(business_id)
    form = _form_for(business)
    if form.validate_on_submit():
        if not _valid_product_ids(form, business):
            abort(404)
        try:
            services.update_business(business, _input_from(form, keep_nik=True), current_user)
        except ConflictError:
            return _conflict_page(form, business)
        except InvalidValue as exc:
            flash(str(exc), "error")
        else:
            if _publish_too(business):
                flash(_("Perubahan tersimpan dan halaman terbit."), "success")
            else:
                flash(_("Perubahan tersimpan."), "success")
            return redirect(url_for("mentor.overview", business_id=business.id))
    return _form_page(form, business, teams=[])


def _conflict_page(form: BusinessForm, business: Business):
    """Show both values of every field that differs: the mentor's and the newer saved one."""
    db.session.refresh(business)
    _keep_photos(form)
    rows = []
    for name in services.BUSINESS_FIELDS:
        if name in CONFLICT_SKIP:
            continue
        mine = (request.form.get(name) or "").strip()
        theirs = getattr(business, name)
        theirs_text = "" if theirs is None else str(theirs)
        if mine != theirs_text and cleaned(form[name]) != theirs:
            rows.append((form[name].label.text, name, mine, theirs_text))
    flash(
        _("Data usaha ini baru saja diubah orang lain. Pilih nilai yang benar untuk tiap isian."),
        "error",
    )
    differing = {name for _label, name, _mine, _theirs in rows}
    carry = [
        (key, value)
        for key, value in request.form.items(multi=True)
        if key not in differing and key not in CONFLICT_FRESH
    ]
    carry += [
        (entry.form.pending_photo.name, entry.form.pending_photo.data)
        for entry in form.products.entries
        if entry.form.pending_photo.data
    ]
    carry = [(key, value) for key, value in carry if not key.endswith("-pending_photo") or value]
    return render_template(
        "mentor/conflict.html",
        business=business,
        rows=rows,
        carry=carry,
        version=business.version,
    ), 409


@bp.route("/usaha/foto-sementara/<token>")
def pending_photo(token: str):
    """Show a photo kept from a refused form to the mentor who sent it."""
    path = pending_uploads.path_of(token, current_user.id)
    if path is None:
        abort(404)
    return send_file(path, mimetype="image/jpeg", max_age=0)


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


# --- privacy: NIK reveal, a family's data export and deletion (UU 27/2022 PDP) ---------------

REVEAL_KEY = "reveal_nik"


@bp.route("/usaha/<uuid:business_id>/nik", methods=["POST"])
def reveal_nik(business_id: uuid.UUID):
    """Show the full NIK once, on the next overview; the reveal is written to the audit trail."""
    business = get_business_or_404(business_id)
    if ConfirmForm().validate_on_submit() and business.nik:
        audit.record(business.id, "nik_revealed")
        session[REVEAL_KEY] = str(business.id)  # a flag only: the NIK never enters the cookie
    return redirect(url_for("mentor.overview", business_id=business.id, _anchor="data-pribadi"))


@bp.app_template_global("revealed_nik")
def revealed_nik(business: Business) -> str | None:
    """Return the full NIK if it was just revealed for this business (once), else None."""
    if session.get(REVEAL_KEY) != str(business.id):
        return None
    session.pop(REVEAL_KEY)
    return business.nik


@bp.route("/usaha/<uuid:business_id>/ekspor", methods=["POST"])
def export_data(business_id: uuid.UUID):
    """Download everything stored about a family's business as JSON (coordinators)."""
    require_coordinator()
    business = get_business_or_404(business_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    data = privacy.export_business(business)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return download(body.encode(), f"data-{business.slug}.json", "application/json")


@bp.route("/usaha/<uuid:business_id>/hapus", methods=["GET", "POST"])
def delete_data(business_id: uuid.UUID):
    """Delete a family's business and all its data after typing its name (coordinators)."""
    require_coordinator()
    business = get_business_or_404(business_id)
    form = DeleteBusinessForm()
    if form.validate_on_submit():
        if form.confirm_name.data.strip().casefold() != business.name.strip().casefold():
            form.confirm_name.errors.append(_("Nama usaha tidak sama. Data belum dihapus."))
        else:
            name = business.name
            privacy.delete_business(business)
            flash(_("Semua data usaha %(name)s sudah dihapus.", name=name), "info")
            return redirect(url_for("mentor.index"))
    return render_template("account/delete_business.html", business=business, form=form)
