"""The login form, and the forms that set a password."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from web.auth.passwords import MAX_LENGTH, MIN_LENGTH


class LoginForm(FlaskForm):  # type: ignore[misc]
    """E-mail, password and, for staff, a code from the authenticator app."""

    email = EmailField("E-mailadres", validators=[DataRequired("Vul je e-mailadres in.")])
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul je wachtwoord in.")])
    code = StringField(
        "Code uit je authenticator-app (voor redactie en beheer)",
        validators=[Optional(), Length(max=8)],
    )


def _new_password(label: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired("Kies een wachtwoord."),
            Length(
                min=MIN_LENGTH,
                max=MAX_LENGTH,
                message=f"Gebruik minstens {MIN_LENGTH} tekens.",
            ),
        ],
    )


def _repeat() -> PasswordField:
    return PasswordField(
        "Herhaal het wachtwoord",
        validators=[EqualTo("password", message="De twee wachtwoorden zijn niet gelijk.")],
    )


class InvitationForm(FlaskForm):  # type: ignore[misc]
    """Name and a new password for a facility account."""

    name = StringField("Je naam", validators=[DataRequired("Vul je naam in."), Length(max=100)])
    password = _new_password(f"Kies een wachtwoord (minstens {MIN_LENGTH} tekens)")
    repeat = _repeat()


class PasswordChangeForm(FlaskForm):  # type: ignore[misc]
    """The current password and a new one."""

    current = PasswordField(
        "Je huidige wachtwoord", validators=[DataRequired("Vul je huidige wachtwoord in.")]
    )
    password = _new_password(f"Nieuw wachtwoord (minstens {MIN_LENGTH} tekens)")
    repeat = _repeat()


class ResetRequestForm(FlaskForm):  # type: ignore[misc]
    """The address to mail a reset link to."""

    email = EmailField(
        "E-mailadres van je account", validators=[DataRequired("Vul je e-mailadres in.")]
    )


class ResetForm(FlaskForm):  # type: ignore[misc]
    """A new password, reached through a reset link."""

    password = _new_password(f"Nieuw wachtwoord (minstens {MIN_LENGTH} tekens)")
    repeat = _repeat()
