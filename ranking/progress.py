"""What a long command is doing, on stderr: the stage it is in and, while it renders or writes one file per
unit, how many of how many with the time so far, on one line rewritten in place. Only on a terminal and
without --quiet; otherwise the command says nothing until its one final line."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

from ranking.errors import Lang
from ranking.i18n import Words

CLEAR_LINE = "\r\x1b[K"  # back to the start of the line and erase it


def live_terminal(stream: TextIO) -> bool:
    """Whether a line may be rewritten in place: a terminal that takes escape sequences (TERM=dumb, e.g. an
    editor's shell or a CI log, shows them as text)."""
    return stream.isatty() and os.environ.get("TERM", "") != "dumb"


@dataclass(frozen=True)
class Progress:
    words: Words
    live: bool
    stream: TextIO
    start: float = field(default_factory=time.monotonic)

    @classmethod
    def on_stderr(cls, lang: Lang, quiet: bool) -> Progress:
        return cls(Words(lang), not quiet and live_terminal(sys.stderr), sys.stderr)

    def elapsed(self) -> str:
        return f"{self.words.num(time.monotonic() - self.start, 1)} s"

    def stage(self, key: str) -> None:
        """Entering a stage: its name (the key of its words), on the live line."""
        self.show(self.words(key))

    def counter(self, key: str) -> StepCounter:
        """A callback for `n / N` of a stage, the shape that write_reports, the forms and collect take."""
        return StepCounter(self, key)

    def clear(self) -> None:
        """Erase the live line, before other text goes to the terminal."""
        if self.live:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()

    def finish(self, key: str = "progress.done", **params: object) -> None:
        """The one line every run of the command ends with, quiet or not."""
        self.clear()
        print(self.words(key, elapsed=self.elapsed(), **params), file=self.stream, flush=True)

    def show(self, text: str) -> None:
        if self.live:
            self.stream.write(CLEAR_LINE + text)
            self.stream.flush()


@dataclass(frozen=True)
class StepCounter:
    progress: Progress
    key: str

    def __call__(self, done: int, total: int) -> None:
        w = self.progress.words
        self.progress.show(w("progress.count", stage=w(self.key), done=done, total=total,
                              elapsed=self.progress.elapsed()))
