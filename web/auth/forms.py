"""The login form, and the forms that set a password."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from web.auth.passwords import MAX_LENGTH, MIN_LENGTH


class LoginForm(FlaskForm):  # type: ignore[misc]
    """E-mail, password and, for staff, a code from the authenticator app."""

    email = EmailField(_l("E-mailadres"), validators=[DataRequired(_l("Vul je e-mailadres in."))])
    password = PasswordField(
        _l("Wachtwoord"), validators=[DataRequired(_l("Vul je wachtwoord in."))]
    )
    code = StringField(
        _l("Code uit je authenticator-app (voor redactie en beheer)"),
        validators=[Optional(), Length(max=8)],
    )


def _new_password(label: Any) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired(_l("Kies een wachtwoord.")),
            Length(
                min=MIN_LENGTH,
                max=MAX_LENGTH,
                message=_l("Gebruik minstens %(num)d tekens.", num=MIN_LENGTH),
            ),
        ],
    )


def _repeat() -> PasswordField:
    return PasswordField(
        _l("Herhaal het wachtwoord"),
        validators=[EqualTo("password", message=_l("De twee wachtwoorden zijn niet gelijk."))],
    )


class InvitationForm(FlaskForm):  # type: ignore[misc]
    """Name and a new password for a facility account."""

    name = StringField(
        _l("Je naam"), validators=[DataRequired(_l("Vul je naam in.")), Length(max=100)]
    )
    password = _new_password(_l("Kies een wachtwoord (minstens %(num)d tekens)", num=MIN_LENGTH))
    repeat = _repeat()


class PasswordChangeForm(FlaskForm):  # type: ignore[misc]
    """The current password and a new one."""

    current = PasswordField(
        _l("Je huidige wachtwoord"),
        validators=[DataRequired(_l("Vul je huidige wachtwoord in."))],
    )
    password = _new_password(_l("Nieuw wachtwoord (minstens %(num)d tekens)", num=MIN_LENGTH))
    repeat = _repeat()


class ResetRequestForm(FlaskForm):  # type: ignore[misc]
    """The address to mail a reset link to."""

    email = EmailField(
        _l("E-mailadres van je account"), validators=[DataRequired(_l("Vul je e-mailadres in."))]
    )


class ResetForm(FlaskForm):  # type: ignore[misc]
    """A new password, reached through a reset link."""

    password = _new_password(_l("Nieuw wachtwoord (minstens %(num)d tekens)", num=MIN_LENGTH))
    repeat = _repeat()
