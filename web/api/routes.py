"""JSON endpoints: live writing hints for the review form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from moderation.privacy import find_personal_data
from moderation.readability import ReadabilityPolicy, language_notice, writing_hints
from moderation.readability.language import detect_language
from web.extensions import hints_limit_per_ip, limiter
from web.text_input import clean_text

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_HINT_CHARS = 20000
_POLICY = ReadabilityPolicy()


@bp.post("/hints")
@limiter.limit(hints_limit_per_ip)
def hints() -> Response | tuple[Response, int]:
    """Return at most three plain-Dutch hints for a text being written."""
    try:
        data: Any = request.get_json(silent=True)
    except RecursionError:  # silent covers bad JSON, not JSON nested thousands deep
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("text", ""), str):
        return jsonify(error="Stuur JSON met een veld 'text'."), 400
    text = clean_text(data.get("text"))[:MAX_HINT_CHARS]
    if not text:
        return jsonify(hints=[], language="unknown", notice=None)
    found = find_personal_data(text)
    out = writing_hints(text, found)
    language = detect_language(text, _POLICY)
    return jsonify(
        hints=[{"code": h.code, "message": h.message} for h in out[:3]],
        language=language,
        # Said in the writer's own language where we can: reviews appear in Dutch.
        notice=language_notice(language),
    )
