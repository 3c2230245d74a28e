"""The rule catalog, derived from the registry: ``newsfix rules`` and docs/rules.md."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import textwrap
from collections.abc import Sequence

from newsfix.rules import registry

__all__ = ["catalog", "main", "markdown", "plain"]

_MARKUP_RE = re.compile(r"``(.+?)``|`(.+?)`|\*\*(.+?)\*\*")


def catalog() -> list[dict[str, object]]:
    """One entry per rule: id, category, stage, languages, description, examples.

    >>> next(r for r in catalog() if r["id"] == "SPACE_RUN")["category"]
    'spacing'
    """
    return [{
        "id": r.id,
        "category": r.category,
        "stage": r.stage,
        "languages": sorted(r.languages),
        "description": (r.__doc__ or r.description).strip().split("\n")[0],
        "scope": r.scope,
        "quotations": r.quotation_policy,
        "tiers": {t: r.confidence(t) for t in r.tiers},
        "requires": sorted(r.requires),
        "provides": sorted(r.provides),
        "lexicons": list(r.lexicons),
        "examples": [{"kind": e.kind, "text": e.input, "marked": e.text, "expected": e.expected,
                      "language": e.language, "known_failure": e.known_failure}
                     for e in r.examples],
    } for r in registry()]


def markdown() -> str:
    """The catalog as Markdown (what docs/rules.md holds)."""
    lines = ["# Rules catalog", "",
             "Generated from the registry by `newsfix rules --markdown`; do not edit by hand.",
             "Rules run in this order, stage by stage. Disable one with "
             "`--disable RULE_ID` (or a category). In examples, `⟦…⟧` marks the span "
             "that changes.", "",
             "Built in (not a rule of the registry): `TRANSLATE`, category *translation*, "
             "stage `translate` — one edit per translated sentence, applied whatever the "
             "threshold; turned off by `--no-translate` / `translate=False` "
             "(see translation.md).", ""]
    for r in catalog():
        langs = ", ".join(r["languages"])  # type: ignore[arg-type]
        tiers = ", ".join(f"`{t}` {c:.2f}" for t, c in r["tiers"].items())  # type: ignore[attr-defined]
        lines += [f"## `{r['id']}`", "",
                  f"*{r['category']}* · stage `{r['stage']}` · languages: {langs} · "
                  f"scope: {r['scope']} · quotations: {r['quotations']}", "",
                  str(r["description"]), "", f"Evidence tiers (calibrated confidence): {tiers}"]
        for key, label in (("requires", "Requires notes"), ("provides", "Provides notes"),
                           ("lexicons", "Lexicons")):
            if r[key]:
                lines.append(f"{label}: " + ", ".join(f"`{x}`" for x in r[key]))  # type: ignore[attr-defined]
        lines.append("")
        for e in r["examples"]:  # type: ignore[attr-defined]
            failing = f" (known failure: {e['known_failure']})" if e["known_failure"] else ""
            if e["kind"] == "fix":
                lines.append(f"- fix: `{e['marked']!r}` → `{e['expected']!r}`{failing}")
            elif e["kind"] == "review":
                lines.append(f"- flags for review: `{e['marked']!r}`{failing}")
            elif e["kind"] == "suggest":
                lines.append(f"- suggests: `{e['marked']!r}` → `{e['expected']!r}`{failing}")
            else:
                lines.append(f"- unchanged: `{e['text']!r}`")
        lines.append("")
    return "\n".join(lines)


def _plain_text(text: str) -> str:
    """Docstring markup (double or single backquotes, double stars) as plain text.

    >>> _plain_text("Turn ``CRLF`` into `LF`, **always**.")
    'Turn CRLF into LF, always.'
    """
    return _MARKUP_RE.sub(lambda m: next(g for g in m.groups() if g is not None), text)


def plain(width: int | None = None) -> str:
    """The catalog as plain text: one rule a line, or wrapped to ``width`` columns.

    Without ``width`` (output to a pipe or a file) each rule is one line, for
    grep; with it (a terminal) descriptions wrap under their own column, or
    under the rule on a narrow terminal.

    >>> lines = plain(72).splitlines()
    >>> lines[0].split()[:3], max(map(len, lines)) <= 72, "``" in plain()
    (['REMOVE_BOM', 'unicode', 'decode'], True, False)
    """
    rows = [(str(r["id"]), str(r["category"]), str(r["stage"]),
             _plain_text(str(r["description"]))) for r in catalog()]
    w_id = max(len(r[0]) for r in rows) + 2
    w_cat = max(len(r[1]) for r in rows) + 2
    w_stage = max(len(r[2]) for r in rows) + 2
    indent = w_id + w_cat + w_stage
    lines = []
    for rule_id, category, stage, description in rows:
        head = f"{rule_id:<{w_id}}{category:<{w_cat}}{stage:<{w_stage}}"
        if width is None:
            lines.append(head + description)
        elif width - indent >= 40:
            wrapped = textwrap.wrap(description, width - indent) or [""]
            lines.append(head + wrapped[0])
            lines += [" " * indent + more for more in wrapped[1:]]
        else:  # narrow: the description under the rule
            lines.append(head.rstrip())
            lines += textwrap.wrap(description, max(width, 24), initial_indent="    ",
                                   subsequent_indent="    ")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``newsfix rules [--json | --markdown]``: list the rules."""
    p = argparse.ArgumentParser(prog="newsfix rules", description="List the rules, in order.")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", action="store_true")
    g.add_argument("--markdown", action="store_true")
    args = p.parse_args(argv)
    if args.json:
        print(json.dumps(catalog(), ensure_ascii=False, indent=1))
    elif args.markdown:
        print(markdown(), end="")
    else:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        sys.stdout.write(plain(width))
    return 0
