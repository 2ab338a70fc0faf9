"""Benchmarks: `python -m bench` prints one line per figure (`name value unit`)."""
