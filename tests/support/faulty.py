"""A deliberately faulty pipeline: the fake that stands in for a rule bug.

The real pipeline's bugs get fixed (the REPEATED_PHRASE crash of issue 14 will
not last), and the library learns to isolate a raising rule, so no real input
is sure to make a document fail next month. The command line and the batch
promise that *whatever* a document raises or however its worker dies, the
other documents go through; these fakes make a document fail on purpose to
hold them to it. Each is a real :class:`~newsfix.pipeline.Pipeline` that
misbehaves only on a text containing its marker, and is picklable (so worker
processes get it as they would get any pipeline).
"""

from __future__ import annotations

import os
from typing import Any

from newsfix.config import FixConfig
from newsfix.pipeline import Pipeline
from newsfix.result import Result

RAISE_MARKER = "RAISE-IN-PIPELINE"
EXIT_MARKER = "KILL-THE-WORKER"


class FaultyRule:
    """Stands in for a rule object: the CLI finds the failing rule's id in the traceback."""

    id = "FAULTY_TEST_RULE"

    def find(self, text: str) -> None:
        raise ValueError(f"{self.id} cannot handle this document")


def misbehave(text: str | bytes) -> None:
    """Raise, or end the process, if ``text`` carries a marker; else nothing."""
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    if EXIT_MARKER in raw:
        os._exit(7)  # like a segfault or the OOM killer: no exception, no cleanup
    if RAISE_MARKER in raw:
        rule = FaultyRule()
        rule.find(raw)


class FaultyPipeline(Pipeline):
    """The default pipeline, except on a marked text: raise, or kill the process."""

    def __init__(self) -> None:
        super().__init__(Pipeline.default().stages)

    def run(self, text: str | bytes, config: FixConfig | None = None, *,
            name: str = "<text>") -> Result:
        misbehave(text)
        return super().run(text, config, name=name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (FaultyPipeline, ())


def patch_default_pipeline() -> None:
    """Make every pipeline of this process faulty (for a command run in a subprocess)."""
    original = Pipeline.run

    def run(self: Pipeline, text: str | bytes, config: FixConfig | None = None, *,
            name: str = "<text>") -> Result:
        misbehave(text)
        return original(self, text, config, name=name)

    Pipeline.run = run  # type: ignore[method-assign]
