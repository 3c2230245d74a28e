"""The pipeline: decode, then run the registered rules stage by stage.

Each rule's changes are applied (or demoted to suggestions) before the next
rule runs, so every rule sees the text as the earlier ones left it. Stages
that repair run to a fixed point (``max_passes``), which makes ``fix``
idempotent.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsfix.aligned import AlignedText, Change, ChangeConflict, Edit, Span, _touches
from newsfix.config import FixConfig
from newsfix.decode import decode  # re-exported: newsfix.pipeline.decode still works
from newsfix.document import Document, LanguageRecord, Paragraph
from newsfix.lexicon import using
from newsfix.result import Result, Segment
from newsfix.rules import STAGES, Rule, registry
from newsfix.rules.base import Finding, Review, run_rule

__all__ = ["Pipeline", "Stage", "decode"]


@dataclass(frozen=True)
class Stage:
    """A named step of the pipeline: either a group of rules or a built-in function."""

    name: str
    rules: tuple[Rule, ...] = ()
    run: Callable[[Document], None] | None = None
    repeat: bool = True


class Pipeline:
    """An ordered list of stages; build one with :meth:`default` and call :meth:`run`.

    >>> p = Pipeline.default()
    >>> [s.name for s in p.stages]
    ['decode', 'layout', 'characters', 'detect', 'translate', 'repair']
    >>> p.run("Hello  world.", FixConfig(translate=False, language="en")).text
    'Hello world.'
    """

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = tuple(stages)

    @classmethod
    def default(cls, rules: Iterable[Rule] | None = None) -> Pipeline:
        """The standard pipeline over ``rules`` (default: the whole registry)."""
        rules = tuple(registry() if rules is None else rules)
        builtins: dict[str, Callable[[Document], None]] = {
            "detect": detect_stage,
            "translate": translate_stage,
        }
        stages = []
        for name in STAGES:
            stages.append(Stage(name, tuple(r for r in rules if r.stage == name),
                                builtins.get(name)))
        return cls(stages)

    def run(self, text: str | bytes, config: FixConfig | None = None, *,
            name: str = "<text>") -> Result:
        """Run every stage on ``text`` and return the traced result.

        The rules' tables include the users' lexicon files of ``config`` for
        this document only (:func:`newsfix.lexicon.using`).
        """
        config = config or FixConfig()
        with using(config.lexicons):
            return self._run(text, config, name)

    def _run(self, text: str | bytes, config: FixConfig, name: str) -> Result:
        warnings: list[dict[str, Any]] = []
        if isinstance(text, bytes):
            text, warnings = decode(text, name=name, encoding=config.encoding)
        if config.block_chars and len(text) > config.block_chars:
            from newsfix.blocks import run_blocks

            whole = replace(config, block_chars=0)
            joined = run_blocks(lambda block: self._run(block, whole, name), text,
                                config.block_chars)
            if joined is not None:
                return replace(joined, warnings=(*warnings, *joined.warnings))
        doc = Document(AlignedText(text), config=config)
        doc.warnings.extend(warnings)
        if config.language:
            doc.language, doc.language_confidence = config.language, 1.0
        suggestions = _Suggestions()
        doc.pending = suggestions  # built-in stages that apply changes move them along
        for stage in self.stages:
            if stage.run is not None:
                stage.run(doc)
            rules = [r for r in stage.rules if config.rule_enabled(r.id, r.category)]
            if rules:
                read_profile(doc, stage.name)
            for _ in range(config.max_passes if stage.repeat else 1):
                if not any([_run_rule(doc, rule, suggestions) for rule in rules]):
                    break
        return _result(doc, suggestions)


@dataclass
class _Suggestion:
    """A change not applied, pinned to the source and followed through later stages.

    ``out`` is its span of the current text, moved along as later changes are
    applied elsewhere; a later change that touches it makes it stale. (The
    source span alone is too coarse inside a translated sentence, where it is
    the whole source sentence.)
    """

    rule: str
    category: str
    source: Span
    current: str
    after: str
    confidence: float
    message: str
    tier: str = ""
    alternatives: tuple[str, ...] = ()
    out: Span = field(default_factory=lambda: Span(0, 0))
    stale: bool = False


class _Suggestions(list[_Suggestion]):
    """The document's suggestions so far, each (rule, place, proposal) once."""

    def __init__(self) -> None:
        super().__init__()
        self._keys: set[tuple[str, Span, Span, str]] | None = set()

    @staticmethod
    def _key(s: _Suggestion) -> tuple[str, Span, Span, str]:
        return (s.rule, s.source, s.out, s.after)

    def add(self, s: _Suggestion) -> None:
        """Keep ``s`` unless a live suggestion proposes the same at the same place now."""
        if self._keys is None:  # spans moved since the last add: rebuild
            self._keys = {self._key(x) for x in self if not x.stale}
        key = self._key(s)
        if key not in self._keys:
            self._keys.add(key)
            self.append(s)

    def follow(self, changes: Sequence[Change]) -> None:
        """Move every live suggestion past ``changes`` just applied (current coordinates).

        A suggestion that a change touches is stale (contact counts for empty
        spans, as in :func:`newsfix.aligned._touches`: coarse, never wrong).
        """
        batch = sorted(changes, key=lambda c: (c.start, c.end))
        if not batch or not self:
            return
        starts = [c.start for c in batch]
        ends = [c.end for c in batch]
        deltas = list(itertools.accumulate(len(c.replacement) - (c.end - c.start)
                                           for c in batch))
        for s in self:
            if s.stale:
                continue
            a, b = s.out.start, s.out.end
            lo = bisect.bisect_left(ends, a)
            hi = bisect.bisect_right(starts, b)
            if any(_touches(c.start, c.end, a, b) for c in batch[lo:hi]):
                s.stale = True
                continue
            before = bisect.bisect_right(ends, a)
            shift = deltas[before - 1] if before else 0
            s.out = Span(a + shift, b + shift)
        self._keys = None


class RuleFailure(RuntimeError):
    """A rule raised, or proposed changes that cannot be applied together (a rule bug)."""


def read_profile(doc: Document, stage: str = "") -> None:
    """Pin the damage profile to the text a stage receives (English paragraphs once known).

    The profile describes what happened to the document, so it is read on the
    text as the stage began, before the stage repairs anything: a repair must
    not weaken the evidence for the next one. It is computed only if a rule
    (or the result) asks for it.
    """
    english = tuple(Span(p.start, p.end) for p in doc.paragraphs() if p.language == "en")
    spans = english if doc.languages or doc.language == "en" else None
    doc.pin_profile(doc.analysis, spans, stage)


def _run_rule(doc: Document, rule: Rule, suggestions: _Suggestions) -> bool:
    """Apply one rule's findings (changes demoted to suggestions below the threshold).

    Returns whether the text changed. A rule that raises, or proposes
    overlapping changes, is a bug that must not lose the document: its
    findings of this pass are dropped and a ``rule-failed`` warning names it,
    unless ``FixConfig.strict`` asks for the exception.
    """
    try:
        findings = run_rule(rule, doc)
        return _apply_findings(doc, rule, findings, suggestions)
    except Exception as exc:
        if doc.config.strict:
            raise
        message = f"rule {rule.id} failed and was skipped: {type(exc).__name__}: {exc}"
        if not any(w.get("code") == "rule-failed" and w.get("rule") == rule.id
                   for w in doc.warnings):
            doc.warn("rule-failed", message, rule=rule.id)
        return False


def _apply_findings(doc: Document, rule: Rule, findings: list[Finding],
                    suggestions: _Suggestions) -> bool:
    threshold = doc.config.threshold
    paragraphs = doc.paragraphs() if "*" not in rule.languages else []
    changes: list[Change] = []
    for f in findings:
        if isinstance(f, Change):
            if not paragraphs or _in_languages(f, paragraphs, rule.languages):
                changes.append(f)
        elif isinstance(f, Review):
            doc.flag_review(Span(f.start, f.end), f.reason)
        else:
            seen = doc.notes.setdefault(f.key, [])
            if f.value not in seen:
                seen.append(f.value)
    if rule.quotation_policy == "guard":
        changes = _guard_quotations(doc, rule, changes, threshold)
    apply: list[Change] = []
    if rule.stage == "repair":
        doc.hits.extend((doc.aligned.to_source(c.span), rule.id) for c in changes)
    for change in changes:
        if change.force or (change.confidence >= threshold and not change.suggest_only):
            apply.append(change)
        else:
            span = doc.aligned.to_source(change.span)
            current = doc.text[change.start:change.end]
            suggestions.add(_Suggestion(rule.id, rule.category, span, current,
                                        change.replacement, change.confidence, change.message,
                                        change.tier, change.alternatives, change.span))
    if not apply:
        return False
    try:
        changed = bool(doc.aligned.apply(apply))
        suggestions.follow(apply)
    except ChangeConflict as exc:
        raise RuleFailure(f"conflicting changes: {exc}") from exc
    for change in apply:
        for fact, value in change.facts:
            doc.metadata.setdefault(fact, value)
    return changed


#: The damage-profile family of a rule category, for the quotation guard.
DAMAGE_FAMILY = {"apostrophe": "apostrophe", "quote": "quote", "case": "case",
                 "untranslated": "untranslated", "spin": "spin", "glue": "glue",
                 "mistranslation": "mt"}


def _guard_quotations(doc: Document, rule: Rule, changes: list[Change],
                      threshold: float) -> list[Change]:
    """Demote a repair inside a quotation to a suggestion unless the document earns it.

    A wrong fix inside a quote in a news story is worse than no fix, and a
    quotation may hold deliberate non-standard words ("[sic]", a German
    slogan, a band called "the the"). A change inside quotes of a rule whose
    quotation policy is ``guard`` is applied only when the same rule also
    repaired the same kind of damage outside quotes in this document
    (machine-translated pages damage their quotes like the rest); otherwise it
    is only suggested. A document whose damage profile shows that family of
    damage throughout (a round trip that stripped every apostrophe) earns it
    as well: its quotations went through the same round trip.
    """
    if not changes:
        return changes
    analysis = doc.analysis
    inside = {id(c) for c in changes if not c.force and analysis.in_quotation(c.start, c.end)}
    if any(id(c) not in inside and c.confidence >= threshold and not c.suggest_only
           for c in changes):
        doc.repaired_outside_quotes.add(rule.id)
    if not inside or rule.id in doc.repaired_outside_quotes:
        return changes
    family = DAMAGE_FAMILY.get(rule.category)
    if family is not None and doc.damage.damaged(family):
        return changes  # the document shows this damage throughout: its quotes have it too
    return [replace(c, suggest_only=True, message=f"{c.message} (inside a quotation)")
            if id(c) in inside else c for c in changes]


def _in_languages(change: Change, paragraphs: list[Paragraph], languages: frozenset[str]) -> bool:
    for p in paragraphs:
        if p.start <= change.start <= p.end:
            return p.language in languages
    return False


def detect_stage(doc: Document) -> None:
    """Detect the language of the document and of each paragraph."""
    paragraphs = doc.paragraphs()
    if doc.config.language:
        code = doc.language
        doc.languages = [LanguageRecord(doc.aligned.to_source(p.span), code, 1.0)
                         for p in paragraphs]
        return
    from newsfix.langid import detect_document

    whole, guesses = detect_document([p.text for p in paragraphs], detector=doc.config.detector)
    doc.language, doc.language_confidence = whole.code, whole.confidence
    doc.languages = [LanguageRecord(doc.aligned.to_source(p.span), g.code, g.confidence)
                     for p, g in zip(paragraphs, guesses)]


def translate_stage(doc: Document) -> None:
    """Translate paragraphs not in the target language, one edit per sentence."""
    if not doc.config.translate:
        return
    target = doc.config.target_language
    todo: dict[str, list[Paragraph]] = {}
    for p in doc.paragraphs():
        if p.language not in (target, "und"):
            todo.setdefault(p.language, []).append(p)
    if not todo:
        return
    from newsfix.langid import translation_sources
    from newsfix.translate import TranslationUnavailable, Translator, warn_missing_model

    for lang, paras in todo.items():
        # The detected code picks the package: nn tries nn→en, then nb→en.
        translator, missing = None, []
        for source in translation_sources(lang):
            try:
                # auto_install None defers to NEWSFIX_AUTO_INSTALL; True opts in here.
                translator = Translator.load(source, target, device=doc.config.device,
                                             beam_size=doc.config.beam_size,
                                             auto_install=doc.config.auto_install or None)
                break
            except TranslationUnavailable as exc:
                missing.append(exc)
        if translator is None:
            doc.warn("no-translation-model", str(missing[0]), language=lang,
                     paragraphs=len(paras))
            warn_missing_model(str(missing[0]))  # a Python warning too, at the caller's line
            continue
        if missing:
            doc.warn("translation-fallback",
                     f"no {lang}→{target} translation package is installed; translated with "
                     f"the {translator.from_code}→{target} package instead ({missing[0]})",
                     language=lang, package=f"{translator.from_code}→{target}",
                     paragraphs=len(paras))
        results = translator.translate_paragraphs([p.text for p in paras])
        changes: list[Change] = []
        for p, sentences in zip(paras, results):
            for s in sentences:
                changes.append(Change(p.start + s.start, p.start + s.end, s.text,
                                      rule="TRANSLATE", category="translation",
                                      confidence=s.score, force=True,
                                      message=f"translated from {lang} to {target}"))
        translated = {doc.aligned.to_source(p.span) for p in paras}
        doc.aligned.apply(changes)
        if doc.pending is not None:
            doc.pending.follow(changes)
        doc.languages = [
            LanguageRecord(r.source, r.language, r.confidence, True)
            if any(r.source.start < t.end and t.start < r.source.end for t in translated)
            else r
            for r in doc.languages
        ]


def _result(doc: Document, pending: list[_Suggestion]) -> Result:
    aligned = doc.aligned
    text = aligned.text
    suggestions: list[Edit] = []
    for s in pending:
        out = s.out
        if s.stale or text[out.slice] != s.current:
            continue  # a later edit replaced that text: the suggestion is stale
        suggestions.append(Edit(s.rule, s.category, s.source, out, doc.source[s.source.slice],
                                s.after, s.confidence, s.message, tier=s.tier,
                                alternatives=s.alternatives))
    suggestions.sort(key=lambda e: (e.source.start, e.source.end, e.rule))
    review_spans = [span for span, _ in doc.review] + [e.source for e in suggestions]
    segments = []
    for p in doc.paragraphs():
        src = aligned.to_source(p.span)
        review = any((r.start < src.end and src.start < r.end) or r.start == src.start
                     for r in review_spans)
        segments.append(Segment("paragraph", src, p.span, p.source_language, p.confidence,
                                p.translated, review))
    output_language = doc.language
    if any(r.translated for r in doc.languages):
        output_language = doc.config.target_language
    language = {"source": doc.language, "output": output_language,
                "confidence": round(doc.language_confidence, 4)}
    # Review flags keep their reason: a warning pinned to the source span.
    reviews = [{"code": "review", "message": reason, "source": span.to_list(),
                "output": aligned.to_output(span).to_list()}
               for span, reason in sorted(doc.review, key=lambda r: r[0])]
    return Result(source=doc.source, text=text, language=language, segments=tuple(segments),
                  edits=aligned.edits, suggestions=tuple(suggestions),
                  metadata=dict(doc.metadata), warnings=(*doc.warnings, *reviews),
                  damage=doc.damage_report() if doc.config.damage_report else {})
