"""The review form: eight themes with a 1-5 score and optional text, a story and an e-mail."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from models.themes import SCORE_WORDS
from web.i18n import wtforms_messages
from web.text_input import clean_text

MAX_THEME_CHARS = 2000
MAX_STORY_CHARS = 5000
MAX_EXPERIENCE_YEARS = 3


def _disposable_domains() -> frozenset[str]:
    from disposable_email_domains import blocklist

    return frozenset(blocklist)


_DISPOSABLE: frozenset[str] | None = None


def check_email(_form: Any, field: Any) -> None:
    """Syntax check without DNS; refuse throw-away addresses."""
    global _DISPOSABLE
    try:
        info = validate_email(field.data or "", check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(gettext("Dit e-mailadres klopt niet. Kijk het even na.")) from exc
    if _DISPOSABLE is None:
        _DISPOSABLE = _disposable_domains()
    if info.domain.lower() in _DISPOSABLE:
        raise ValidationError(
            gettext(
                "Dit is een wegwerpadres. Gebruik een adres dat je blijft gebruiken: "
                "we sturen je er een bevestiging naartoe."
            )
        )


def check_experience(_form: Any, field: Any) -> None:
    """A month in the last three years, not in the future."""
    if not field.data:
        return
    try:
        year, month = (int(x) for x in field.data.split("-")[:2])
        when = date(year, month, 1)
    except ValueError as exc:
        raise ValidationError(gettext("Kies een maand en een jaar.")) from exc
    today = date.today()
    if when > today:
        raise ValidationError(gettext("Die datum ligt in de toekomst."))
    if (today.year - year) * 12 + today.month - month > MAX_EXPERIENCE_YEARS * 12:
        raise ValidationError(
            gettext(
                "We nemen alleen ervaringen van de laatste 3 jaar op, zodat ze nog iets zeggen "
                "over de voorziening vandaag."
            )
        )


_SCORE_CHOICES: dict[str, list[tuple[str, str]]] = {}


def score_choices() -> list[tuple[str, str]]:
    """The five answers, "4 – goed", in the page's language (built once per language).

    Eight fields ask for them two or three times each per request; nobody changes the list.
    """
    locale = str(get_locale())
    choices = _SCORE_CHOICES.get(locale)
    if choices is None:
        choices = [(str(n), f"{n} – {gettext(w)}") for n, w in SCORE_WORDS.items()]
        _SCORE_CHOICES[locale] = choices
    return choices


class ReviewForm(FlaskForm):  # type: ignore[misc]
    """Eight themes (score_1..8, text_1..8), a story, when it happened, and an e-mail."""

    class Meta:
        """WTForms' messages from a catalogue read once per language."""

        def get_translations(self, form: Any) -> Any:
            """The page language's catalogue of WTForms' own messages."""
            return wtforms_messages()

    # Stored as the review's double-submit key (64 characters): whatever comes back must fit.
    form_key = HiddenField(filters=[lambda v: clean_text(v)[:64]])
    experience = StringField(
        _l("Wanneer was je ervaring? (maand en jaar)"), validators=[Optional(), check_experience]
    )
    story = TextAreaField(
        _l("Wil je nog iets vertellen? (mag je leeg laten)"),
        filters=[clean_text],
        validators=[
            Length(
                max=MAX_STORY_CHARS,
                message=_l(
                    "Je verhaal is te lang. Houd het onder %(max)d tekens.", max=MAX_STORY_CHARS
                ),
            )
        ],
    )
    code = StringField(
        _l("Kreeg je een code van de voorziening? Vul ze hier in (mag je leeg laten)"),
        filters=[lambda v: (v or "").strip()],
        validators=[Optional(), Length(max=20, message=_l("Deze code is te lang."))],
    )
    email = EmailField(
        _l("Je e-mailadres (we tonen het nooit)"),
        validators=[DataRequired(_l("Vul je e-mailadres in.")), check_email],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The list itself, not the callable: WTForms inspects a callable's signature each
        # time it resolves one, eight times per form.
        choices = score_choices()
        for score, _ in self.score_fields():
            score.choices = choices

    def score_fields(self) -> list[tuple[Any, Any]]:
        """(score field, text field) per theme in order."""
        return [(getattr(self, f"score_{n}"), getattr(self, f"text_{n}")) for n in range(1, 9)]

    def validate(self, extra_validators: Any = None) -> bool:
        """Also require at least one answered theme."""
        ok = super().validate(extra_validators)
        for score, _ in self.score_fields():
            if score.errors:
                score.errors = [gettext("Kies een score van 1 tot 5.")]
        if not any(score.data for score, _ in self.score_fields()):
            self.score_1.errors = [
                *self.score_1.errors,
                gettext("Geef minstens één thema een score."),
            ]
            ok = False
        return bool(ok)

    def ensure_key(self) -> None:
        """Give a fresh form a key, so a double submit makes one review, not two."""
        if not self.form_key.data:
            self.form_key.data = uuid.uuid4().hex


for _n in range(1, 9):
    setattr(
        ReviewForm,
        f"score_{_n}",
        RadioField(choices=score_choices, validators=[Optional()], validate_choice=True),
    )
    setattr(
        ReviewForm,
        f"text_{_n}",
        TextAreaField(
            filters=[clean_text],
            validators=[
                Length(
                    max=MAX_THEME_CHARS,
                    message=_l(
                        "Deze tekst is te lang. Houd het onder %(max)d tekens.",
                        max=MAX_THEME_CHARS,
                    ),
                )
            ],
        ),
    )


class ReviewEditForm(ReviewForm):
    """The same form for the author's edit: the address (and any code) is already known."""

    email = None
    code = None
    form_key = None
