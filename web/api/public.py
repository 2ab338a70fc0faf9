"""Read-only JSON API of published data: facilities, theme scores, reviews with replies."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from werkzeug.wrappers import Response

from models import Facility
from models.queries import (
    answers_by_review,
    count_published,
    public_facility,
    published_replies,
    published_reviews,
    search_facilities,
    theme_scores,
)
from web import db
from web.api.openapi import document

bp = Blueprint("public_api", __name__, url_prefix="/api/v1")
PAGE_SIZE = 20
MIN_REVIEWS_FOR_AVERAGES = 5


def _page() -> int:
    return min(max(request.args.get("page", 1, type=int) or 1, 1), 10000)


def _facility(f: Facility, published: int | None = None) -> dict[str, Any]:
    return {
        "id": f.id,
        "name": f.name,
        "sector": f.sector,
        "type": f.type,
        "municipality": f.municipality,
        "postcode": f.postcode,
        "places": f.places,
        "income_related_fee": f.income_related_fee,
        "published_reviews": published
        if published is not None
        else count_published(db.session(), f.id or 0),
    }


def _not_found() -> tuple[Response, int]:
    return jsonify(error="Deze voorziening bestaat niet."), 404


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI document of this API."""
    return jsonify(document())


@bp.get("/facilities")
def facilities() -> Response:
    """Search facilities by name, municipality or postcode, and sector."""
    page = _page()
    found = search_facilities(
        db.session(),
        request.args.get("q", "")[:100],
        request.args.get("sector", "")[:40],
        PAGE_SIZE + 1,
        (page - 1) * PAGE_SIZE,
    )
    return jsonify(
        items=[_facility(f) for f in found[:PAGE_SIZE]], page=page, has_next=len(found) > PAGE_SIZE
    )


@bp.get("/facilities/<int:facility_id>")
def facility(facility_id: int) -> Response | tuple[Response, int]:
    """One facility and its per-theme averages (only from five published reviews on)."""
    fac = public_facility(db.session(), facility_id)
    if fac is None:
        return _not_found()
    total = count_published(db.session(), facility_id)
    themes = [
        {
            "theme": s.number,
            "title": s.title,
            "count": s.count,
            "average": round(s.average, 2)
            if s.average is not None and total >= MIN_REVIEWS_FOR_AVERAGES
            else None,
        }
        for s in theme_scores(db.session(), fac)
    ]
    return jsonify(facility=_facility(fac, total), themes=themes)


@bp.get("/facilities/<int:facility_id>/reviews")
def reviews(facility_id: int) -> Response | tuple[Response, int]:
    """Published reviews (redacted texts only), newest first, each with its published replies."""
    session = db.session()
    if public_facility(session, facility_id) is None:
        return _not_found()
    page = _page()
    found = published_reviews(session, facility_id, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    ids = [r.id for r in found[:PAGE_SIZE] if r.id is not None]
    answers, replies = answers_by_review(session, ids), published_replies(session, ids)
    items = [
        {
            "id": r.id,
            "published_at": r.published_at.isoformat() if r.published_at else "",
            "verified": r.verified,
            "story": r.story_redacted or "",
            "answers": [
                {"theme": a.theme, "score": a.score, "text": a.text_redacted or ""}
                for a in answers[r.id or 0]
            ],
            "replies": [
                {
                    "text": p.text_redacted or "",
                    "published_at": p.published_at.isoformat() if p.published_at else "",
                }
                for p in replies[r.id or 0]
            ],
        }
        for r in found[:PAGE_SIZE]
    ]
    return jsonify(items=items, page=page, has_next=len(found) > PAGE_SIZE)
