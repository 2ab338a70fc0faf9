"""Public pages: search facilities, a facility's scores and published reviews, the rules."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from models.queries import (
    answers_by_review,
    count_published,
    facility_summaries,
    facility_types,
    public_facility,
    published_period,
    published_replies,
    published_reviews,
    theme_scores,
)
from models.themes import N_
from services import search as facility_search
from web import db

bp = Blueprint("public", __name__, template_folder="templates")

PAGE_SIZE = 10
LAST_PAGE = 10_000  # an OFFSET beyond what a 64-bit integer holds is a database error

MIN_REVIEWS_FOR_AVERAGES = 5
REVIEW_SORTS = {
    "nieuwste": N_("nieuwste eerst"),
    "oudste": N_("oudste eerst"),
    "hoogste": N_("hoogste score eerst"),
    "laagste": N_("laagste score eerst"),
}


def _page() -> int:
    """The `pagina` asked for, between 1 and LAST_PAGE."""
    return min(max(request.args.get("pagina", 1, type=int) or 1, 1), LAST_PAGE)


@bp.get("/")
def home() -> str:
    """The start page: one search box."""
    return render_template("public/home.html")


@bp.get("/zoeken")
def search() -> str:
    """Search facilities by name, municipality or postcode, and by sector."""
    q = request.args.get("q", "")[:100]
    sector = request.args.get("sector", "")[:40]
    kind = request.args.get("type", "")[:80]
    sort = request.args.get("sorteer", "naam")
    sort = sort if sort in facility_search.SORTS else "naam"
    page = _page()
    meant, results = facility_search.search(
        db.session(), q, sector, kind, sort, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE
    )
    return render_template(
        "public/search.html",
        q=q,
        meant=meant,
        sort=sort,
        sector=sector,
        results=results[:PAGE_SIZE],
        kind=kind,
        types=facility_types(db.session()),
        page=page,
        has_next=len(results) > PAGE_SIZE,
    )


@bp.get("/voorziening/<int:facility_id>")
def facility(facility_id: int) -> str:
    """A facility: objective information, per-theme averages and published reviews."""
    session = db.session()
    fac = public_facility(session, facility_id)
    if fac is None:
        abort(404)
    page = _page()
    theme = request.args.get("thema", type=int)
    theme = theme if theme in range(1, 9) else None
    score = request.args.get("score", type=int)
    score = score if score in range(1, 6) else None
    sort = request.args.get("sorteer", "nieuwste")
    sort = sort if sort in REVIEW_SORTS else "nieuwste"
    total = count_published(session, facility_id)
    reviews = published_reviews(
        session, facility_id, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE, theme, sort, score
    )
    ids = [r.id for r in reviews[:PAGE_SIZE] if r.id is not None]
    return render_template(
        "public/facility.html",
        facility=fac,
        total=total,
        scores=theme_scores(session, fac),
        show_averages=total >= MIN_REVIEWS_FOR_AVERAGES,
        min_reviews=MIN_REVIEWS_FOR_AVERAGES,
        reviews=reviews[:PAGE_SIZE],
        answers=answers_by_review(session, ids),
        replies=published_replies(session, ids),
        page=page,
        has_next=len(reviews) > PAGE_SIZE,
        theme=theme,
        score=score,
        sort=sort,
        sorts=REVIEW_SORTS,
        period=published_period(session, facility_id),
        overall=facility_summaries(session, [facility_id]).get(facility_id, (None, 0)),
    )


@bp.get("/hoe-we-controleren")
def how() -> str:
    """How reviews are checked and verified (EU consumer review rules)."""
    return render_template("public/how.html")


@bp.get("/gedragscode")
def code_of_conduct() -> str:
    """The code of conduct that moderators apply."""
    return render_template("public/code_of_conduct.html")
