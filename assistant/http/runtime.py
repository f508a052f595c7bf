"""The app's one Assistant, which may still be loading (or building its index) when requests arrive."""

from __future__ import annotations

import logging
import threading
import time

from assistant.http.errors import NotReady
from assistant.service import Assistant
from indexer.errors import IndexBusy, PanelQAError
from indexer.settings import Settings

BUSY_RETRY_S = 2.0  # a first build of the bundled papers takes ~20-30 s; checking every 2 s starts soon after

log = logging.getLogger(__name__)


class Runtime:
    """Holds the settings and, once opened, the Assistant every request uses."""

    def __init__(self, settings: Settings, assistant: Assistant | None = None) -> None:
        self.settings = settings
        self.assistant = assistant
        self.failed = False

    def open(self) -> None:
        """Load the index, building it from the corpus on first run (~20-30 s); log a failure."""
        log.info("opening the assistant; a first run builds the index from %s", self.settings.corpus_dir)
        try:
            self.assistant = self._open_when_free()
        except PanelQAError as error:  # expected (e.g. a corpus with no paper): the reason, no traceback
            log.error("the assistant could not open its index: %s", error)
            self.failed = True
            return
        except Exception:
            log.exception("the assistant could not open its index")
            self.failed = True
            return
        log.info("assistant ready: %s", self.assistant.health())

    def _open_when_free(self) -> Assistant:
        """Open the assistant; while another worker is building the first index, wait for it and try again."""
        while True:
            try:
                return Assistant.open(self.settings)
            except IndexBusy as busy:
                log.info("%s: waiting %.0f s", busy, BUSY_RETRY_S)
                time.sleep(BUSY_RETRY_S)

    def open_in_background(self) -> None:
        """Open the assistant on a daemon thread so /healthz can answer 503 meanwhile."""
        if self.assistant is None:
            threading.Thread(target=self.open, name="open-assistant", daemon=True).start()

    def ready(self) -> Assistant:
        """The assistant, or NotReady while it loads (or after it failed to)."""
        if self.assistant is None:
            raise NotReady(failed=self.failed)
        return self.assistant
