"""`python -m moderation.reliability`: rebuild the stored lemma forms after editing a cue file."""

from __future__ import annotations

from moderation.reliability.cues import refresh_forms

if __name__ == "__main__":
    refresh_forms()
