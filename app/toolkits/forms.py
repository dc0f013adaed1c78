"""Forms for ticking checklist steps."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import AnyOf, Length, Optional


class StepForm(FlaskForm):
    """Tick (with an optional note) or undo one step."""

    action = HiddenField(validators=[AnyOf(["tick", "undo"])])
    note = StringField(_l("Catatan (boleh kosong)"), validators=[Optional(), Length(max=500)])
