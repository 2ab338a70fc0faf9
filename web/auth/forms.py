"""The login form."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Optional


class LoginForm(FlaskForm):
    """E-mail, password and, for staff, a code from the authenticator app."""

    email = EmailField("E-mailadres", validators=[DataRequired("Vul je e-mailadres in.")])
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul je wachtwoord in.")])
    code = StringField(
        "Code uit je authenticator-app (voor redactie en beheer)",
        validators=[Optional(), Length(max=8)],
    )
