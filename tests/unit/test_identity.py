"""A reviewer's identity: the HMAC of the normalised e-mail address, never the address."""

from __future__ import annotations

import pytest

from models.reviewer import email_key, normalise_email

SECRET = b"k" * 32


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("  An.Peeters@Telenet.BE ", "an.peeters@telenet.be"),
        ("an+kinderopvang@telenet.be", "an@telenet.be"),
        ("a.n.peeters+x@gmail.com", "anpeeters@gmail.com"),
        ("AnPeeters@googlemail.com", "anpeeters@gmail.com"),
    ],
)
def test_normalise_email(given: str, expected: str) -> None:
    assert normalise_email(given) == expected


def test_same_person_same_key_other_person_other_key() -> None:
    assert email_key("a.n@gmail.com", SECRET) == email_key("AN+x@gmail.com", SECRET)
    assert email_key("an@telenet.be", SECRET) != email_key("an@skynet.be", SECRET)
    assert "telenet" not in email_key("an@telenet.be", SECRET)


def test_key_depends_on_the_server_secret() -> None:
    assert email_key("an@telenet.be", SECRET) != email_key("an@telenet.be", b"j" * 32)


def test_sealed_address_opens_only_with_the_same_secret() -> None:
    from models.reviewer import open_email, seal_email

    sealed = seal_email(" an@telenet.be ", SECRET)
    assert "telenet" not in sealed
    assert open_email(sealed, SECRET) == "an@telenet.be"
    assert open_email(sealed, b"j" * 32) is None
    assert open_email(None, SECRET) is None
