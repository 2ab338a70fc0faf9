"""Run every benchmark module and print its figures; `--json` prints a JSON list instead."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import traceback

# Memory figures come first: the 1M-entry LSH of the reliability bench stays in this process.
MODULES = [
    "privacy",
    "readability",
    "pipeline",
    "versus_deduce",
    "reliability",
    "web",
    "submit",
    "load",
]


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmark modules (all by default)."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print a JSON list of figures")
    parser.add_argument("only", nargs="*", help=f"modules to run (default: {' '.join(MODULES)})")
    args = parser.parse_args(argv)
    figures: list[dict[str, object]] = []
    failed = False
    for name in args.only or MODULES:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError:
            print(f"# bench.{name} is not there yet", file=sys.stderr)
            continue
        try:
            for fig_name, value, unit in module.run():
                figures.append({"name": fig_name, "value": value, "unit": unit})
                if not args.json:
                    print(f"{fig_name} {round(value, 3)} {unit}", flush=True)
        except Exception:
            failed = True
            traceback.print_exc()
    if args.json:
        print(json.dumps(figures, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
