"""Issue 15 around the accounts: rate limits, cookies and headers, hosts, keys, files, Redis."""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import stat
from pathlib import Path
from typing import Any

import pytest
import redis
from sqlmodel import Session, select

from models import Account, Reviewer
from tests.conftest import deliver_outbox, mails
from tests.integration.journey import review_form, submit_review
from tests.integration.test_hardening_auth import post_login

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


# 6. Rate limits ------------------------------------------------------------------------------


def post_review(client: Any, ip: str, facility_id: int = 1, **fields: str) -> Any:
    """Post a review (as `submit_review` does) from the client address `ip`."""
    data = review_form(client, facility_id)
    data.update(
        {
            "score_1": "4",
            "text_1": "De begeleiding is heel warm.",
            "story": "We zijn tevreden over de opvang.",
            "email": "ouder@example.be",
            **fields,
        }
    )
    return client.post(
        f"/voorziening/{facility_id}/waardering",
        data=data,
        environ_overrides={"REMOTE_ADDR": ip},
    )


def test_one_address_can_post_five_reviews_an_hour(client: Any, settings: Any, engine: Any) -> None:
    assert settings.submit_limit_per_address == "5 per hour"
    codes = []
    for i in range(6):
        visitor = client.application.test_client()  # a fresh browser each time: no cookie helps
        answer = post_review(
            visitor,
            f"10.1.0.{i}",
            facility_id=1 + i % 4,
            email=f"Doelwit+{i}@Example.be",  # +tags and case: still one address
        )
        codes.append(answer.status_code)
    assert all(code in (302, 409) for code in codes[:5]), codes
    assert codes[5] == 429
    deliver_outbox(client.application)
    assert len(mails(settings)) == 5  # no sixth mail to the victim's address
    refused = answer.get_data(as_text=True)
    assert "niet verloren" in refused  # the review waits on the page ...
    assert 'name="story"' in refused  # ... to be sent again with one click
    assert answer.headers.get("Retry-After")
    # The limiter's keys in Redis hold neither the address nor an unkeyed hash of it.
    plain = hashlib.sha256(b"doelwit@example.be").hexdigest()[:32]
    keys = redis.Redis.from_url(settings.redis_url).scan_iter("*")
    stored = [k.decode(errors="replace") for k in keys]  # (the LSH index keys are binary)
    assert any(":address:" in k for k in stored)
    assert not any("doelwit" in k.lower() or plain in k for k in stored)


def test_one_client_address_is_limited_too(
    make_settings: Any, redis_server: Any, engine: Any
) -> None:
    from web import create_app

    app = create_app(make_settings(redis_server.url, submit_limit_per_ip="3 per hour"))
    codes = [
        post_review(app.test_client(), "10.2.0.1", email=f"ouder{i}@example.be").status_code
        for i in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    other = post_review(app.test_client(), "10.2.0.2", email="ander@example.be")
    assert other.status_code == 302


def test_live_hints_are_rate_limited_with_a_dutch_message(
    make_settings: Any, redis_server: Any, engine: Any
) -> None:
    from web import create_app

    assert make_settings(redis_server.url).hints_limit_per_ip == "60 per minute"
    app = create_app(make_settings(redis_server.url, hints_limit_per_ip="5 per minute"))
    client = app.test_client()
    answers = [client.post("/api/hints", json={"text": "Het is er fijn."}) for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert answers[-1].is_json
    assert "Te veel pogingen" in answers[-1].get_json()["error"]


def test_too_many_logins_answer_a_dutch_page(client: Any, accounts: Any) -> None:
    codes = [
        post_login(client, accounts["facility"], password="fout", email=f"x{i}@test.be")
        for i in range(11)
    ]
    assert codes[-1].status_code == 429
    assert '<html lang="nl"' in codes[-1].text
    assert "Te veel pogingen na elkaar" in codes[-1].text


# 7. Cookies and headers ----------------------------------------------------------------------


def _set_cookies(response: Any) -> list[str]:
    return response.headers.getlist("Set-Cookie")


def test_session_cookies_really_go_out_samesite_strict(client: Any, accounts: Any) -> None:
    visitor = _set_cookies(client.get("/aanmelden"))  # the CSRF token makes a session
    staff = _set_cookies(post_login(client, accounts["facility"]))
    cookies = [c for c in visitor + staff if not c.split("=", 1)[1].startswith(";")]
    assert any(c.startswith("zr_session=") for c in visitor)
    assert any(c.startswith("zr_staff=") for c in staff)
    for cookie in cookies:
        assert "SameSite=Strict" in cookie, cookie
        assert "HttpOnly" in cookie, cookie


def test_cookies_are_secure_outside_the_embedded_default(
    make_settings: Any, redis_server: Any, engine: Any, accounts: Any
) -> None:
    from web import create_app

    assert make_settings(redis_server.url).secure_cookies is False  # the tests' embedded default
    embedded = make_settings(redis_server.url)
    app = create_app(embedded.model_copy(update={"secure_cookies": True}))
    cookies = _set_cookies(app.test_client().get("/aanmelden"))
    assert cookies
    assert all("Secure" in c for c in cookies)


def _review_token(client: Any, engine: Any) -> str:
    """The private link's token of a new review (the browser never sees it: it is mailed)."""
    sent = submit_review(client)
    assert sent.status_code == 302
    from sqlmodel import Session, col, select

    from models import Review

    with Session(engine) as session:
        review = session.exec(select(Review).order_by(col(Review.id).desc())).first()
        assert review is not None
        return review.author_token


def test_staff_and_private_pages_are_not_stored(client: Any, accounts: Any, engine: Any) -> None:
    token = _review_token(client.application.test_client(), engine)
    family = client.application.test_client()
    private = family.get(f"/mijn-waardering/{token}")
    assert private.status_code == 200
    assert "no-store" in private.headers.get("Cache-Control", "")
    pages = {
        "admin": ["/redactie/", "/redactie/dashboard", "/beheer/"],
        "facility": ["/voorziening-account/", "/voorziening-account/codes/"],
    }
    for role, paths in pages.items():
        staff = client.application.test_client()
        assert post_login(staff, accounts[role]).status_code == 302
        for path in paths:
            answer = staff.get(path)
            assert answer.status_code == 200, path
            assert "no-store" in answer.headers.get("Cache-Control", ""), path
        # Whatever a logged-in account sees, even a public page, is not kept either.
        assert "no-store" in staff.get("/").headers.get("Cache-Control", "")
    # A visitor's public page may be cached.
    assert "no-store" not in client.application.test_client().get("/").headers.get(
        "Cache-Control", ""
    )


def test_only_trusted_hosts_are_answered(
    make_settings: Any, redis_server: Any, engine: Any
) -> None:
    from web import create_app

    app = create_app(
        make_settings(
            redis_server.url,
            base_url="https://zorgwaardering.example",
            trusted_hosts=["www.zorgwaardering.example"],
        )
    )
    client = app.test_client()
    refused = client.get("/", headers={"Host": "evil.example"})
    assert refused.status_code == 400
    assert "Er ging iets mis met je aanvraag" in refused.text  # Dutch, like every error
    assert client.get("/", headers={"Host": "zorgwaardering.example"}).status_code == 200
    assert client.get("/", headers={"Host": "www.zorgwaardering.example"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost"}).status_code == 400
    # The embedded default answers on loopback only.
    local = create_app(make_settings(redis_server.url)).test_client()
    assert local.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert local.get("/", headers={"Host": "evil.example"}).status_code == 400


# 8. Keys, secrets at rest, files, Redis, logs ------------------------------------------------


def test_the_flask_key_opens_no_sealed_address(app: Any, settings: Any) -> None:
    from models.reviewer import open_email, seal_email

    secret = settings.secret_key.get_secret_value().encode()
    flask_key = app.config["SECRET_KEY"]
    flask_key = flask_key if isinstance(flask_key, bytes) else flask_key.encode()
    assert flask_key != secret
    sealed = seal_email("ouder@example.be", secret)
    assert open_email(sealed, secret) == "ouder@example.be"
    assert open_email(sealed, flask_key) is None


def test_addresses_sealed_before_the_key_split_still_open(settings: Any) -> None:
    import base64
    import hashlib

    from cryptography.fernet import Fernet

    from models.reviewer import open_email

    secret = settings.secret_key.get_secret_value().encode()
    old_key = base64.urlsafe_b64encode(hashlib.sha256(b"zr-email-seal:" + secret).digest())
    legacy = Fernet(old_key).encrypt(b"oud@example.be").decode()
    assert open_email(legacy, secret) == "oud@example.be"


def test_keys_differ_per_purpose(settings: Any) -> None:
    from models.keys import EMAIL_SEAL, RATE_LIMITS, SESSIONS, TOKENS, TOTP_SEAL, derive_key

    secret = settings.secret_key.get_secret_value().encode()
    purposes = (SESSIONS, TOKENS, EMAIL_SEAL, TOTP_SEAL, RATE_LIMITS)
    keys = {derive_key(secret, p) for p in purposes}
    assert len(keys) == len(purposes)
    assert secret not in keys


def test_totp_secrets_are_sealed_at_rest_and_plain_ones_still_read(
    client: Any, engine: Any, accounts: Any, settings: Any
) -> None:
    from web.auth.totp import open_totp_secret, seal_totp_secret

    secret = settings.secret_key.get_secret_value().encode()
    moderator = accounts["moderator"]
    plain = moderator.totp_secret
    sealed = seal_totp_secret(plain, secret)
    assert sealed.startswith("s1:")
    assert plain not in sealed
    assert len(sealed) <= 64  # the column, unchanged
    assert open_totp_secret(sealed, secret) == plain
    assert open_totp_secret(plain, secret) == plain  # a legacy plain value
    assert open_totp_secret(sealed, b"another-secret-key-000000") is None

    # A plain secret is sealed in place at its first use; login goes on working.
    assert post_login(client, moderator).status_code == 302
    with Session(engine) as session:
        stored = session.exec(select(Account).where(Account.id == moderator.id)).one().totp_secret
    assert stored is not None
    assert stored.startswith("s1:")
    assert plain not in stored


def test_plain_totp_secrets_are_sealed_in_bulk(
    app: Any, engine: Any, accounts: Any, settings: Any
) -> None:
    from web.auth.totp import seal_plain_secrets

    secret = settings.secret_key.get_secret_value().encode()
    assert seal_plain_secrets(engine, secret) == 3  # moderator, senior, admin
    assert seal_plain_secrets(engine, secret) == 0
    with Session(engine) as session:
        stored = [a.totp_secret for a in session.exec(select(Account)) if a.totp_secret]
    assert len(stored) == 3
    assert all(s.startswith("s1:") for s in stored)
    assert post_login(app.test_client(), accounts["senior"]).status_code == 302


def test_embedded_redis_needs_a_password(tmp_path: Path) -> None:
    from workers.redis_server import RedisServer

    server = RedisServer(workdir=tmp_path / "redis", persist=True).start()
    try:
        assert server.password
        assert redis.Redis.from_url(server.url).ping()
        with pytest.raises((redis.AuthenticationError, redis.ResponseError)):
            redis.Redis(host="127.0.0.1", port=server.port).ping()
        redis.Redis.from_url(server.url).save()
        files = list((tmp_path / "redis").iterdir())
        assert files
        assert stat.S_IMODE((tmp_path / "redis").stat().st_mode) == 0o700
        assert all(stat.S_IMODE(f.stat().st_mode) & 0o077 == 0 for f in files)
    finally:
        server.stop()


def test_run_platform_keeps_var_private(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("run_platform", ROOT / "scripts/run_platform.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    var = tmp_path / "var"
    before = os.umask(0o022)
    try:
        module.private_var(var)
        (var / "zorgreviews.db").write_text("x")
        (var / "mail").mkdir()
    finally:
        os.umask(before)
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    assert stat.S_IMODE((var / "zorgreviews.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((var / "mail").stat().st_mode) == 0o700


def test_no_confirmation_link_in_the_log(
    client: Any, settings: Any, engine: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        assert submit_review(client).status_code == 302
        deliver_outbox(client.application)
    assert mails(settings)  # the link went out by mail ...
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/bevestig/" not in logged  # ... and only there
    with Session(engine) as session:
        assert session.exec(select(Reviewer)).first() is not None
