"""Locust users for the load bench: families who open the review form and send it.

Run by `bench/load.py` (`locust --headless`); each user opens the form once (CSRF token and
session cookie) and then sends new reviews, each with its own form key and address, like many
families behind one proxy would. Without BENCH_LOAD_PACE a user sends the next review as soon
as the last is answered (the saturated phase); with it, at most that many per second
(`constant_throughput`: the offered phase, users x pace requests per second in all).
"""

from __future__ import annotations

import itertools
import os
import re
import uuid

from locust import FastHttpUser, constant, constant_throughput, task

from bench.texts import distinct_review

FACILITIES = int(os.environ.get("BENCH_LOAD_FACILITIES", "20"))
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
PACE = float(os.environ.get("BENCH_LOAD_PACE") or 0)  # requests per second and user; 0: none
_ids = itertools.count(1)
_texts = itertools.count(1)


class Family(FastHttpUser):
    """Opens the review form of a facility and sends reviews."""

    wait_time = constant_throughput(PACE) if PACE > 0 else constant(0)

    def on_start(self) -> None:
        """Open the form: the session cookie and the CSRF token come with it."""
        self.number = next(_ids)
        self.facility = 1 + self.number % FACILITIES
        page = self.client.get(f"/voorziening/{self.facility}/waardering", name="form")
        match = TOKEN.search(page.text or "")
        if match is None:
            raise RuntimeError(f"no CSRF token on the form (HTTP {page.status_code})")
        self.token = match.group(1)

    @task
    def submit(self) -> None:
        """Send one review; a family is redirected to the 'check your mail' page."""
        key = uuid.uuid4().hex
        data = {
            "csrf_token": self.token,
            "form_key": key,
            "email": f"ouder.{key[:12]}@example.be",
            "story": distinct_review(80, next(_texts) * 7919 + self.number),
        }
        for theme in range(1, 9):
            data[f"score_{theme}"] = str(1 + (theme + self.number) % 5)
            data[f"text_{theme}"] = distinct_review(12, next(_texts) * 7919 + self.number)
        with self.client.post(
            f"/voorziening/{self.facility}/waardering",
            data=data,
            name="submit",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")
