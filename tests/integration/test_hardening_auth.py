"""Staff accounts against an attacker (issue 15): redirects, sessions, TOTP, limits, passwords."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import urlsplit

import pyotp
import pytest
import redis
from sqlmodel import Session, select

from models import Account
from tests.conftest import STAFF_PASSWORD, csrf_from, mails, wait_for

pytestmark = pytest.mark.integration

NEW_PASSWORD = "vier losse woorden: fiets, lamp, oester en wolk"  # noqa: S105


def post_login(
    client: Any,
    account: Account,
    *,
    code: str | None = None,
    password: str = STAFF_PASSWORD,
    query: str = "",
    email: str | None = None,
    ip: str = "127.0.0.1",
) -> Any:
    """Post the login form (CSRF token from the page); `code` defaults to the current TOTP."""
    page = client.get("/aanmelden", environ_overrides={"REMOTE_ADDR": ip})
    if code is None:
        code = pyotp.TOTP(account.totp_secret).now() if account.totp_secret else ""
    return client.post(
        "/aanmelden" + query,
        data={
            "csrf_token": csrf_from(page.text),
            "email": email or account.email,
            "password": password,
            "code": code,
        },
        environ_overrides={"REMOTE_ADDR": ip},
    )


def fresh_step(needed: float = 10.0) -> None:
    """Wait (at most `needed` s) until this TOTP step has `needed` seconds left."""
    left = 30 - time.time() % 30
    if left < needed:
        time.sleep(left + 0.05)


def logout(client: Any) -> Any:
    """Press 'Afmelden' (the form is in every page's header)."""
    page = client.get("/")
    return client.post("/afmelden", data={"csrf_token": csrf_from(page.text)})


def copy_cookies(source: Any, target: Any) -> None:
    """Give `target` every cookie `source` holds (an attacker who copied them)."""
    for cookie in list(source._cookies.values()):
        target.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)


def staff_sid(client: Any) -> str | None:
    """The server-side session id in the staff cookie."""
    cookie = client.get_cookie("zr_staff")
    return cookie.value if cookie else None


def redis_client(settings: Any) -> redis.Redis:
    """A client on the test Redis."""
    return redis.Redis.from_url(settings.redis_url)


def session_keys(app: Any, settings: Any) -> list[bytes]:
    """The server-side session records of this app."""
    prefix = app.config["ZR_LIMIT_PREFIX"]
    return list(redis_client(settings).scan_iter(f"{prefix}:session:*"))


# 1. Open redirect after login ---------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example/",
        "/%0a/evil.example/",
        "/%0d%0a/evil.example/",
        "/%00/evil.example/",
        "%09//evil.example/",
        "/%5Cevil.example/",
        "%5C%5Cevil.example/",
        "/%20/evil.example/",
        "//evil.example/",
        "https://evil.example/",
        "https:evil.example",
        "/%E2%80%8B/evil.example/",  # a zero-width space
    ],
)
def test_login_never_redirects_off_site(client: Any, accounts: Any, target: str) -> None:
    done = post_login(client, accounts["facility"], query=f"?next={target}")
    assert done.status_code == 302
    location = done.headers["Location"]
    # As a browser reads it: control characters and spaces dropped, backslashes are slashes.
    seen = re.sub(r"[\x00-\x20\u200b]", "", location).replace("\\", "/")
    assert not seen.startswith("//"), location
    assert urlsplit(seen).netloc in ("", "localhost"), location
    assert location == "/voorziening-account/"


def test_login_keeps_a_same_site_next(client: Any, accounts: Any) -> None:
    done = post_login(client, accounts["facility"], query="?next=/voorziening-account/codes/")
    assert done.headers["Location"] == "/voorziening-account/codes/"


# 2. Server-side sessions ---------------------------------------------------------------------


def test_a_cookie_copied_before_logout_no_longer_works(
    client: Any, app: Any, accounts: Any, settings: Any
) -> None:
    assert post_login(client, accounts["facility"]).status_code == 302
    thief = app.test_client()
    copy_cookies(client, thief)
    assert thief.get("/voorziening-account/").status_code == 200  # the copy works while logged in
    sid = staff_sid(client)
    assert sid
    assert session_keys(app, settings)
    logout(client)
    assert client.get("/voorziening-account/").status_code == 302
    assert thief.get("/voorziening-account/").status_code == 302  # ... and no longer after
    assert not [k for k in session_keys(app, settings) if k.endswith(sid.encode())]


def test_session_data_is_on_the_server_and_the_id_changes_at_login(
    client: Any, app: Any, accounts: Any, settings: Any
) -> None:
    client.set_cookie("zr_staff", "chosen-by-an-attacker")  # session fixation attempt
    assert post_login(client, accounts["facility"]).status_code == 302
    first = staff_sid(client)
    assert first
    assert first != "chosen-by-an-attacker"
    assert "_user_id" not in client.get_cookie("zr_staff").value
    record = redis_client(settings).get(f"{app.config['ZR_LIMIT_PREFIX']}:session:{first}")
    assert record is not None
    # Logging in again (another account on this browser, say) takes yet another id.
    assert post_login(client, accounts["facility"]).status_code == 302
    second = staff_sid(client)
    assert second
    assert second != first
    assert redis_client(settings).get(f"{app.config['ZR_LIMIT_PREFIX']}:session:{first}") is None


def test_staff_session_ends_after_30_idle_minutes(
    client: Any, app: Any, accounts: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from web.auth import sessions

    assert settings.session_idle_minutes == 30
    assert post_login(client, accounts["moderator"]).status_code == 302
    ttl = redis_client(settings).ttl(f"{app.config['ZR_LIMIT_PREFIX']}:session:{staff_sid(client)}")
    assert 0 < ttl <= 30 * 60  # Redis forgets an idle session by itself too
    start = time.time()
    monkeypatch.setattr(sessions, "now", lambda: start + 29 * 60)
    assert client.get("/redactie/").status_code == 200  # 29 minutes: still there
    monkeypatch.setattr(sessions, "now", lambda: start + 29 * 60 + 31 * 60)
    gone = client.get("/redactie/")
    assert gone.status_code == 302
    assert "/aanmelden" in gone.headers["Location"]
    assert "Je sessie is verlopen" in client.get(gone.headers["Location"]).text


def test_staff_session_ends_12_hours_after_login_however_busy(
    client: Any, accounts: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from web.auth import sessions

    assert settings.session_max_hours == 12
    assert post_login(client, accounts["moderator"]).status_code == 302
    start = time.time()
    statuses = []
    for step in range(1, 31):  # a request every 25 minutes: never idle
        monkeypatch.setattr(sessions, "now", lambda step=step: start + step * 25 * 60)
        statuses.append((step * 25, client.get("/redactie/").status_code))
    assert all(code == 200 for minutes, code in statuses if minutes <= 12 * 60)
    assert all(code == 302 for minutes, code in statuses if minutes > 12 * 60)


def test_flask_login_remember_cookie_does_not_log_in(app: Any, accounts: Any) -> None:
    from flask_login.utils import encode_cookie

    with app.test_request_context():
        forged = encode_cookie(str(accounts["facility"].id))  # signed with the app's own key
    visitor = app.test_client()
    visitor.set_cookie("remember_token", forged)
    assert visitor.get("/voorziening-account/").status_code == 302


# 3. TOTP codes once --------------------------------------------------------------------------


def test_the_same_totp_code_logs_in_only_once(client: Any, app: Any, accounts: Any) -> None:
    moderator = accounts["moderator"]
    code = pyotp.TOTP(moderator.totp_secret).now()
    assert post_login(client, moderator, code=code).status_code == 302
    logout(client)
    again = post_login(app.test_client(), moderator, code=code)
    assert again.status_code == 400
    assert "Deze gegevens kloppen niet" in again.text


def test_the_previous_step_works_only_before_a_later_one_was_used(app: Any, accounts: Any) -> None:
    totp = pyotp.TOTP(accounts["senior"].totp_secret)
    fresh_step()  # five logins below, all within one step
    now = time.time()
    previous, current, older = totp.at(now - 30), totp.at(now), totp.at(now - 60)
    assert post_login(app.test_client(), accounts["senior"], code=older).status_code == 400
    # A clock a little behind: the previous step is accepted while nothing later was used.
    assert post_login(app.test_client(), accounts["senior"], code=previous).status_code == 302
    assert post_login(app.test_client(), accounts["senior"], code=current).status_code == 302
    # Never a step at or before the last one used.
    assert post_login(app.test_client(), accounts["senior"], code=previous).status_code == 400
    assert post_login(app.test_client(), accounts["senior"], code=current).status_code == 400


def test_a_used_step_is_kept_in_redis_with_an_expiry(
    client: Any, app: Any, accounts: Any, settings: Any
) -> None:
    assert post_login(client, accounts["admin"]).status_code == 302
    key = f"{app.config['ZR_LIMIT_PREFIX']}:totp-step:{accounts['admin'].id}"
    stored = redis_client(settings).get(key)
    assert stored is not None
    assert int(time.time()) // 30 - int(stored) in (0, 1)
    assert 0 < redis_client(settings).ttl(key) <= 600


# 4. Throttling per account, equal timing -----------------------------------------------------


def test_failed_logins_are_throttled_per_account_across_addresses(
    client: Any, accounts: Any
) -> None:
    facility = accounts["facility"]
    codes = [
        post_login(client, facility, password=f"fout {i}", ip=f"10.0.0.{i}").status_code
        for i in range(1, 11)
    ]
    assert codes == [400] * 10
    # From yet another address, even with the right password: this account waits.
    blocked = post_login(client, facility, ip="10.0.1.1")
    assert blocked.status_code == 429
    assert "Te veel pogingen" in blocked.text
    # Another account from that address is not blocked.
    assert post_login(client, accounts["moderator"], ip="10.0.1.1").status_code == 302


def test_successful_logins_do_not_use_up_the_account_limit(app: Any, accounts: Any) -> None:
    codes = [
        post_login(app.test_client(), accounts["facility"], ip=f"10.0.2.{i}").status_code
        for i in range(12)
    ]
    assert codes == [302] * 12


@pytest.mark.parametrize("who", ["unknown", "inactive"])
def test_unknown_or_inactive_account_costs_a_password_check(
    client: Any, accounts: Any, engine: Any, monkeypatch: pytest.MonkeyPatch, who: str
) -> None:
    from web import security

    calls: list[str] = []
    real = security._hasher

    class CountingHasher:
        def hash(self, password: str) -> str:
            return real.hash(password)

        def verify(self, stored: str, password: str) -> bool:
            calls.append(stored)
            return real.verify(stored, password)

    monkeypatch.setattr(security, "_hasher", CountingHasher())
    account = accounts["facility"]
    if who == "inactive":
        with Session(engine) as session:
            row = session.get(Account, account.id)
            assert row is not None
            row.active = False
            session.add(row)
            session.commit()
    email = "niemand@test.be" if who == "unknown" else account.email
    answer = post_login(client, account, email=email)
    assert answer.status_code == 400
    assert len(calls) == 1  # one argon2 verification, as for an existing account
    assert calls[0].startswith("$argon2")


# 5. Passwords: blocklist, change, reset ------------------------------------------------------


def _invitation_path(app: Any) -> str:
    from web.auth.invitations import make_invitation

    with app.test_request_context():
        return f"/uitnodiging/{make_invitation(3, 'nieuw@kompas.be')}"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("wachtwoord1234", "te bekend"),
        ("Welkom123456", "te bekend"),
        ("qwertyuiop123", "te bekend"),
        ("aaaaaaaaaaaaaaaa", "te makkelijk"),
        ("nieuw@kompas.be!", "e-mailadres"),
    ],
)
def test_a_new_password_on_the_blocklist_is_refused(
    app: Any, engine: Any, password: str, message: str
) -> None:
    path = _invitation_path(app)
    newcomer = app.test_client()
    form = newcomer.get(path)
    answer = newcomer.post(
        path,
        data={
            "csrf_token": csrf_from(form.text),
            "name": "Nieuw",
            "password": password,
            "repeat": password,
        },
    )
    assert answer.status_code == 400
    assert message in answer.text
    with Session(engine) as session:
        made = session.exec(select(Account).where(Account.email == "nieuw@kompas.be")).first()
    assert made is None


def test_logged_in_staff_change_their_password_and_other_sessions_end(
    app: Any, accounts: Any
) -> None:
    facility = accounts["facility"]
    here, elsewhere = app.test_client(), app.test_client()
    assert post_login(elsewhere, facility).status_code == 302
    assert post_login(here, facility).status_code == 302
    page = here.get("/account/wachtwoord")
    assert page.status_code == 200
    weak = here.post(
        "/account/wachtwoord",
        data={
            "csrf_token": csrf_from(page.text),
            "current": STAFF_PASSWORD,
            "password": "wachtwoord12345",
            "repeat": "wachtwoord12345",
        },
    )
    assert weak.status_code == 400
    done = here.post(
        "/account/wachtwoord",
        data={
            "csrf_token": csrf_from(page.text),
            "current": STAFF_PASSWORD,
            "password": NEW_PASSWORD,
            "repeat": NEW_PASSWORD,
        },
    )
    assert done.status_code == 302
    assert here.get("/voorziening-account/").status_code == 200  # this session goes on
    assert 'href="/account/wachtwoord"' in here.get("/").text  # the way there, in the menu
    assert elsewhere.get("/voorziening-account/").status_code == 302  # the other one ended
    assert post_login(app.test_client(), facility).status_code == 400
    assert post_login(app.test_client(), facility, password=NEW_PASSWORD).status_code == 302


def test_password_change_needs_the_current_password(app: Any, accounts: Any) -> None:
    here = app.test_client()
    assert post_login(here, accounts["facility"]).status_code == 302
    page = here.get("/account/wachtwoord")
    wrong = here.post(
        "/account/wachtwoord",
        data={
            "csrf_token": csrf_from(page.text),
            "current": "niet het wachtwoord",
            "password": NEW_PASSWORD,
            "repeat": NEW_PASSWORD,
        },
    )
    assert wrong.status_code == 400
    assert "niet je huidige wachtwoord" in wrong.text
    assert post_login(app.test_client(), accounts["facility"]).status_code == 302


def _ask_reset(client: Any, email: str, host: str = "localhost") -> Any:
    page = client.get("/wachtwoord-vergeten", headers={"Host": host})
    assert page.status_code == 200
    return client.post(
        "/wachtwoord-vergeten",
        data={"csrf_token": csrf_from(page.text), "email": email},
        headers={"Host": host},
    )


def _reset_links(settings: Any) -> list[str]:
    links = []
    for msg in mails(settings):
        body = msg.get_body(("plain",))
        assert body is not None
        links += re.findall(r"\S+/wachtwoord-herstellen/\S+", body.get_content())
    return links


def test_password_reset_by_mail_works_once_and_links_to_the_base_url(
    app: Any, accounts: Any, settings: Any
) -> None:
    moderator = accounts["moderator"]
    elsewhere = app.test_client()
    # The previous step's code, so that the current one is still free for the login below.
    fresh_step(3)
    earlier = pyotp.TOTP(moderator.totp_secret).at(time.time() - 30)
    assert post_login(elsewhere, moderator, code=earlier).status_code == 302
    answer = _ask_reset(app.test_client(), moderator.email.upper())
    assert answer.status_code == 200
    unknown = _ask_reset(app.test_client(), "niemand@test.be")
    assert unknown.text.replace("niemand@test.be", "") == answer.text.replace(
        moderator.email.upper(), ""
    )  # the same page: no way to learn which addresses have an account
    links = wait_for(lambda: _reset_links(settings))
    assert len(links) == 1
    assert links[0].startswith(settings.base_url.rstrip("/") + "/wachtwoord-herstellen/")
    path = urlsplit(links[0]).path

    browser = app.test_client()
    form = browser.get(path)
    assert form.status_code == 200
    done = browser.post(
        path,
        data={"csrf_token": csrf_from(form.text), "password": NEW_PASSWORD, "repeat": NEW_PASSWORD},
    )
    assert done.status_code == 200
    assert "Je wachtwoord is gewijzigd" in done.text
    assert browser.get("/redactie/").status_code == 302  # a reset does not log in
    assert browser.get(path).status_code == 400  # used once
    assert elsewhere.get("/redactie/").status_code == 302  # sessions with the old password end
    assert post_login(app.test_client(), moderator, password=NEW_PASSWORD).status_code == 302


def test_reset_mail_ignores_a_forged_host_header(app: Any, accounts: Any, settings: Any) -> None:
    # Flask would refuse the forged host outright (TRUSTED_HOSTS); an extra trusted name
    # must still not end up in the link either.
    _ask_reset(app.test_client(), accounts["facility"].email, host="127.0.0.1:5000")
    links = wait_for(lambda: _reset_links(settings))
    assert all(link.startswith(settings.base_url.rstrip("/") + "/") for link in links)
    assert not any("5000" in link for link in links)


def test_reset_link_expires(
    app: Any, accounts: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from itsdangerous.timed import TimestampSigner

    _ask_reset(app.test_client(), accounts["facility"].email)
    path = urlsplit(wait_for(lambda: _reset_links(settings))[0]).path
    later = int(time.time()) + settings.password_reset_minutes * 60 + 5
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    assert app.test_client().get(path).status_code == 400


def test_reset_token_has_its_own_salt(app: Any, accounts: Any) -> None:
    from web.auth.invitations import make_invitation, read_reset_token

    with app.test_request_context():
        invitation = make_invitation(accounts["facility"].id, "x@test.be")
        assert read_reset_token(invitation, 3600) is None
