"""JSON endpoints: live writing hints for the review form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from moderation.privacy import find_personal_data
from moderation.readability import writing_hints
from web.text_input import clean_text

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_HINT_CHARS = 20000


@bp.post("/hints")
def hints() -> Response | tuple[Response, int]:
    """Return at most three plain-Dutch hints for a text being written."""
    data: Any = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("text", ""), str):
        return jsonify(error="Stuur JSON met een veld 'text'."), 400
    text = clean_text(data.get("text"))[:MAX_HINT_CHARS]
    found = find_personal_data(text) if text else []
    out = writing_hints(text, found) if text else []
    return jsonify(hints=[{"code": h.code, "message": h.message} for h in out[:3]])
