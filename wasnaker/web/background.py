"""The web app's background worker in embedded mode: what follows an officer's act (its letters rendered, its
notices sent) runs here, one job at a time, so the officer's request answers at once. In server mode a Prefect
stage run does this instead."""

import logging
from concurrent.futures import Future, ThreadPoolExecutor, wait

log = logging.getLogger("wasnaker.web")


class Background:
    def __init__(self):
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wasnaker-background")
        self._jobs: list[Future] = []

    def __call__(self, fn, *args) -> Future:
        job = self._pool.submit(self._run, fn, *args)
        self._jobs = [j for j in self._jobs if not j.done()] + [job]
        return job

    @staticmethod
    def _run(fn, *args):
        try:
            return fn(*args)
        except Exception:  # the act is committed; `documents render` or the next run finishes what failed
            log.exception("background work after an act failed")
            raise

    def drain(self, timeout: float = 60) -> None:
        """Wait for every job handed in so far (tests; shutting down)."""
        wait(self._jobs, timeout=timeout)
