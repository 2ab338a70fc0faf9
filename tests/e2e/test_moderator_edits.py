"""By keyboard only: toggle a redaction, leave a private note, undo a decision, publish."""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
from sqlmodel import Session, select

from models import AuditEvent, Review, ReviewAnswer, Reviewer, State
from models._base import utcnow
from services.audit_log import move
from tests.e2e.conftest import log_in
from workers.moderation_job import run_moderation

pytestmark = pytest.mark.e2e

STORIES = [
    "Juf Marieke is heel lief voor onze dochter.",  # redaction switched off by the moderator
    "Juf Marieke zingt elke ochtend met de kinderen.",  # redaction kept
    "De tuin is groot en er is veel speelgoed.",  # published, undone, published again
]


def _queue(engine: Any) -> list[int]:
    ids = []
    with Session(engine) as session:
        for n, story in enumerate(STORIES):
            reviewer = Reviewer(email_hmac=f"e{n:063x}")
            session.add(reviewer)
            session.flush()
            assert reviewer.id is not None
            review = Review(
                facility_id=1,
                reviewer_id=reviewer.id,
                story=story,
                form_key=secrets.token_hex(8),
                author_token=secrets.token_hex(8),
                submitted_at=utcnow(),
            )
            session.add(review)
            session.flush()
            assert review.id is not None
            session.add(ReviewAnswer(review_id=review.id, theme=1, score=4))
            move(session, "review", review, State.SUBMITTED, "author")
            session.commit()
            run_moderation(session, "review", review.id)
            ids.append(review.id)
    return ids


def test_toggle_note_undo_by_keyboard(
    page: Any, live_server: str, engine: Any, accounts: Any
) -> None:
    first, second, third = _queue(engine)
    moderator = accounts["moderator"]
    log_in(page, live_server, moderator)
    page.wait_for_selector("#queue")
    page.keyboard.press("j")
    page.keyboard.press("Enter")

    # 1: a private note (n, type, Ctrl+Enter), the name switched off with "1", published.
    page.wait_for_selector(f"#item-title[data-id='{first}']")
    assert "weglakking aan/uit" in page.inner_text("#keys")
    page.keyboard.press("n")
    page.keyboard.type("Voornaam van een begeleider: mag blijven.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("text=Voornaam van een begeleider: mag blijven.")
    page.keyboard.press("n")
    page.keyboard.type("x")
    page.keyboard.press("Escape")  # leaves the field: shortcuts work again
    toggle = page.locator("input[name=redact]").first
    assert toggle.is_checked()
    preview = page.locator("#as-published")
    assert "Marieke" not in preview.inner_text()  # the text as it will be published
    assert "Marieke" in page.inner_text("#composed")  # beside the original
    page.keyboard.press("1")
    assert not toggle.is_checked()
    # The highlight and the preview follow the key, before anything is saved.
    struck = "document.querySelector('mark[data-finding]').classList.contains('off')"
    shown = "document.getElementById('as-published').innerText.includes('Marieke')"
    page.wait_for_function(f"{struck} && {shown}")
    page.keyboard.press("1")
    page.wait_for_function(f"!({struck}) && !({shown})")
    page.keyboard.press("1")
    assert not toggle.is_checked()
    page.keyboard.press("p")

    # 2: published as proposed (the name stays redacted).
    page.wait_for_selector(f"#item-title[data-id='{second}']")
    page.keyboard.press("p")

    # 3: published, then undone with "u": it is back in the queue, then published again.
    page.wait_for_selector(f"#item-title[data-id='{third}']")
    page.keyboard.press("p")
    # (the page still shows the undo of item 2 until the decision on item 3 is saved)
    page.wait_for_selector(f"form.undo[action$='/review/{third}/ongedaan'] #undo")
    page.keyboard.press("u")
    page.wait_for_selector("text=Beslissing ongedaan gemaakt")
    assert page.get_attribute("#item-title", "data-id") == str(third)
    page.keyboard.press("p")
    page.wait_for_selector("text=Beslissing bewaard")

    with Session(engine) as session:
        states = {r.id: r.state for r in session.exec(select(Review))}
        trail = [
            (e.to_state, e.reason_code)
            for e in session.exec(
                select(AuditEvent)
                .where(AuditEvent.subject_id == third, AuditEvent.subject_kind == "review")
                .order_by(AuditEvent.id)  # type: ignore[arg-type]
            )
        ][-3:]
    assert states == {first: State.PUBLISHED, second: State.PUBLISHED, third: State.PUBLISHED}
    assert trail == [
        (State.PUBLISHED, None),
        (State.AWAITING_MODERATION, "undo"),
        (State.PUBLISHED, None),
    ]
    with Session(engine) as session:
        notes = [
            (e.subject_id, e.note)
            for e in session.exec(select(AuditEvent).where(AuditEvent.reason_code == "note"))
        ]
    assert notes == [(first, "Voornaam van een begeleider: mag blijven.")]

    page.goto(f"{live_server}/voorziening/1")
    html = page.content()
    assert "Juf Marieke is heel lief voor onze dochter." in html
    assert "Juf [naam] zingt elke ochtend met de kinderen." in html
    shown = {int(x) for x in re.findall(r'id="waardering-(\d+)"', html)}
    assert shown == {first, second, third}


def test_answers_show_under_their_theme_and_a_selection_still_indexes_the_text(
    page: Any, live_server: str, engine: Any, accounts: Any
) -> None:
    from services.composition import compose
    from services.subjects import subject_parts

    with Session(engine) as session:
        reviewer = Reviewer(email_hmac="f" * 64)
        session.add(reviewer)
        session.flush()
        review = Review(
            facility_id=1,
            reviewer_id=reviewer.id or 0,
            story="De kok heet Gaston en kookt lekker.",
            form_key=secrets.token_hex(8),
            author_token=secrets.token_hex(8),
            submitted_at=utcnow(),
        )
        session.add(review)
        session.flush()
        rid = review.id or 0
        session.add(ReviewAnswer(review_id=rid, theme=2, score=3, text="Het eten is vaak koud."))
        move(session, "review", review, State.SUBMITTED, "author")
        session.commit()
        run_moderation(session, "review", rid)
        text, _ = compose(subject_parts(session, "review", review))
    moderator = accounts["moderator"]
    log_in(page, live_server, moderator)
    page.wait_for_selector("#queue")
    page.goto(f"{live_server}/redactie/review/{rid}")
    titles = page.eval_on_selector_all(
        "#composed .part", "ps => ps.map(p => getComputedStyle(p, '::before').content)"
    )
    assert any("3/5" in t for t in titles), titles  # the answer under its theme and score
    assert '"Verhaal"' in titles
    page.evaluate(
        """() => {
          const box = document.getElementById('composed');
          const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode()) && !node.textContent.includes('kookt')) {}
          const at = node.textContent.indexOf('kookt');
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 5);
          const sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
        }"""
    )
    page.wait_for_function("document.getElementById('sel-start').value !== ''")
    assert page.input_value("#sel-start") == str(text.index("kookt"))
    assert page.input_value("#sel-end") == str(text.index("kookt") + 5)
