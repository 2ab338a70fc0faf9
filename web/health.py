"""A health endpoint for monitors: 200 when the platform does its work, 503 when not."""

from __future__ import annotations

from flask import Blueprint, jsonify
from werkzeug.wrappers import Response

from services import health
from web import db

bp = Blueprint("health", __name__)


@bp.get("/gezondheid")
def status() -> tuple[Response, int]:
    """Database, broker, the last periodic sweep, stuck and unsent work (no personal data)."""
    figures = health.check(db.engine(), db.settings())
    return jsonify(figures.as_dict()), 200 if figures.ok else 503
