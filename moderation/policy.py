"""Every tunable number of the moderation core, with documented defaults."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from typing import Any, TypeVar

from moderation.readability.policy import ReadabilityPolicy
from moderation.reliability.policy import ReliabilityPolicy


@dataclass(frozen=True)
class Policy:
    """The whole policy: one part per check; the web admin and env vars build their own."""

    reliability: ReliabilityPolicy = field(default_factory=ReliabilityPolicy)
    readability: ReadabilityPolicy = field(default_factory=ReadabilityPolicy)


T = TypeVar("T")


class PolicyError(ValueError):
    """The policy file names a setting that does not exist, or gives it the wrong type."""


def _override(part: T, values: dict[str, Any], where: str) -> T:
    known = {f.name: f for f in fields(part)}  # type: ignore[arg-type]
    unknown = set(values) - set(known)
    if unknown:
        raise PolicyError(f"unknown setting(s) in [{where}]: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        default = getattr(part, name)
        if isinstance(default, bool) != isinstance(value, bool) or (
            isinstance(default, int | float) and not isinstance(value, int | float)
        ):
            raise PolicyError(f"[{where}] {name} must be like {default!r}, not {value!r}")
    return replace(part, **values)  # type: ignore[type-var]


def parse_policy(text: str) -> Policy:
    """Build a `Policy` from TOML text: one table per check, keys as in the dataclasses."""
    data = tomllib.loads(text)
    policy = Policy()
    unknown = set(data) - {"reliability", "readability"}
    if unknown:
        raise PolicyError(f"unknown section(s): {', '.join(sorted(unknown))}")
    return Policy(
        reliability=_override(policy.reliability, data.get("reliability", {}), "reliability"),
        readability=_override(policy.readability, data.get("readability", {}), "readability"),
    )


def default_policy_text() -> str:
    """The policy file that ships with the core."""
    return resources.files("moderation").joinpath("policy.toml").read_text(encoding="utf-8")


def load_policy(text: str | None = None) -> Policy:
    """The policy from `text` (a TOML document), or from the file that ships with the core."""
    return parse_policy(default_policy_text() if text is None else text)
