"""Every error a Dutch page (JSON under /api/), and a 503 when the database is away."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, abort, g, jsonify, render_template, request
from flask_babel import gettext
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from models.themes import N_

log = logging.getLogger(__name__)

BUSY = N_("Het is even te druk.")
# Only say "not lost" where it is true: a confirmation link points at a review that is stored;
# a posted form is not stored yet, but this page carries it so one click sends it again.
AFTER_LINK = N_("Je waardering is niet verloren: open de link uit je mail over een minuut opnieuw.")
AFTER_POST = N_(
    "Wat je instuurde, is nog niet opgeslagen, maar ook niet verloren: het staat klaar op "
    "deze pagina. Druk over een minuut op ‘Opnieuw versturen’."
)
LATER = N_("Probeer het over een minuut opnieuw.")


MESSAGES = {
    400: N_("Er ging iets mis met je aanvraag. Laad de pagina opnieuw en probeer nog eens."),
    403: N_("Je hebt geen toegang tot deze pagina."),
    404: N_("Deze pagina bestaat niet (meer)."),
    405: N_("Zo kan je deze pagina niet gebruiken. Ga terug en probeer opnieuw."),
    413: N_("Wat je stuurde is te groot. Maak je tekst korter en probeer opnieuw."),
    415: N_("Dit formulier kan je alleen vanaf de pagina zelf versturen."),
    429: N_("Te veel pogingen na elkaar. Wacht even en probeer dan opnieuw."),
    500: N_("Er ging bij ons iets mis. Wat je instuurde is niet verloren; probeer later opnieuw."),
    503: N_("Het is even te druk. Probeer het over een minuut opnieuw."),
}
JSON_BLUEPRINTS = frozenset({"api", "public_api"})
# A review refused by a rate limit is carried on the page, as on a busy database: the family
# sends it again later with one click instead of writing it anew. (Never a login form: that
# would put a password in the page.)
KEEP_FORM_ON_LIMIT = frozenset({"review.write"})
TOO_MANY_REVIEWS = N_(
    "Er werden van hieruit of voor dit e-mailadres net veel waarderingen verstuurd. "
    "Wat je schreef, is niet verloren: het staat klaar op deze pagina. "
    "Druk over een uur op ‘Opnieuw versturen’."
)


def init_app(app: Flask) -> None:
    """Dutch pages for HTTP errors; 503 and `Retry-After` for database outages."""
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(OperationalError, busy)
    app.register_error_handler(PoolTimeout, busy)
    app.before_request(refuse_json_forms)


def http_error(err: HTTPException) -> Any:
    """Any HTTP error (CSRF, 404, 405, 413, ...) explained in Dutch; the API answers JSON."""
    code = err.code or 500
    message = MESSAGES.get(code) or MESSAGES[400 if code < 500 else 500]
    # Keep what the error itself says to clients (Allow on a 405, Retry-After on a 429/503).
    headers = [(k, v) for k, v in err.get_headers() if k.lower() != "content-type"]
    if request.path.startswith("/api/"):
        return jsonify(error=message), code, headers
    if code == 429 and request.method == "POST" and request.endpoint in KEEP_FORM_ON_LIMIT:
        fields = list(request.form.items(multi=True))
        page = render_template(
            "busy.html", message=gettext(TOO_MANY_REVIEWS), fields=fields, action=request.path
        )
        return page, code, headers
    try:
        page = render_template("error.html", code=code, message=gettext(message))
    except Exception:  # no URLs to build for a host we do not serve (TRUSTED_HOSTS)
        page = f'<!doctype html><html lang="nl"><title>Fout {code}</title><p>{message}</p></html>'
    return page, code, headers


def refuse_json_forms() -> None:
    """Forms take form posts only: Flask-WTF reads a JSON body as form data and a JSON list,
    number or nested value there is an internal error, not a message."""
    if (
        request.is_json
        and request.method not in ("GET", "HEAD", "OPTIONS")
        and request.blueprint not in JSON_BLUEPRINTS
    ):
        abort(415)


def busy(err: Exception) -> Any:
    """The page a family sees while the database is locked; the request changed nothing."""
    if isinstance(err, DBAPIError) and not err.connection_invalidated:
        log.warning("database busy on %s: %s", request.endpoint, type(err.orig).__name__)
    else:
        log.warning("database unavailable on %s: %s", request.endpoint, type(err).__name__)
    db_session = g.get("db_session")
    if db_session is not None:
        try:
            db_session.rollback()
        except Exception:  # already failing: the page matters more
            log.debug("rollback after a busy database failed", exc_info=True)
    resend = request.method == "POST"
    if resend:
        message = AFTER_POST
    elif request.endpoint == "review.confirm":
        message = AFTER_LINK
    else:
        message = LATER
    fields = list(request.form.items(multi=True)) if resend else []
    try:
        page = render_template(
            "busy.html",
            message=f"{gettext(BUSY)} {gettext(message)}",
            fields=fields,
            action=request.path,
        )
    except Exception:  # the layout may need the database too
        page = f'<!doctype html><html lang="nl"><p>{BUSY} {LATER}</p></html>'
    return page, 503, {"Retry-After": "60"}
