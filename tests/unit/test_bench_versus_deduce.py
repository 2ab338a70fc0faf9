"""The side-by-side bench with deduce: skipped with one clear line when deduce is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import versus_deduce


def test_without_deduce_it_says_so_and_gives_no_figures(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("BENCH_DEDUCE_PYTHON", raising=False)
    monkeypatch.setattr(versus_deduce.importlib.util, "find_spec", lambda name: None)
    assert versus_deduce.run() == []
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "deduce is not installed" in err[0]
    assert err[0].startswith("#")


def test_a_configured_interpreter_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BENCH_DEDUCE_PYTHON", "/opt/peer/bin/python")
    assert versus_deduce.peer_python() == "/opt/peer/bin/python"


def test_texts_come_from_a_stream_when_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stream = tmp_path / "stream.jsonl"
    lines = [{"text": "Heel tevreden over de opvang."}, {"text": ""}, {"text": "Top juffen!"}]
    stream.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("BENCH_VS_TEXTS", str(stream))
    assert versus_deduce._texts() == ["Heel tevreden over de opvang.", "Top juffen!"]


def test_synthetic_texts_fill_every_round(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BENCH_VS_TEXTS", raising=False)
    texts = versus_deduce._texts()
    assert len(texts) == versus_deduce.ROUNDS * versus_deduce.PER_ROUND
    assert len(set(texts)) == len(texts)
