"""Layout rules: page residue, metadata lines, photo credits, duplicate titles, broken paragraphs.

They run before language detection, so they decide from the page's shape and
from phrase lists kept as data (``newsfix/data/boilerplate/*.tsv`` and
``newsfix/data/layout_*.tsv``), never from a blanket "short line" test:
headlines and one-sentence paragraphs are content.

>>> from newsfix import fix
>>> fix("close\\nclose\\n\\nTalks resume.\\n\\nThe talks resumed on Monday.\\n\\n"
...     "Leave a Comment", translate=False, language="en")
'Talks resume.\\n\\nThe talks resumed on Monday.\\n'
"""

from __future__ import annotations

import datetime as _dt
import difflib
import itertools
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from newsfix.lexicon import UserLexicon, data_files, load
from newsfix.rules.base import Example, Finding, Rule, Scope
from newsfix.rules.preformatted import CODE_LINE_RE, has_code, lower_starters, preformatted
from newsfix.text import WORD_RE, TextAnalysis, months

__all__ = [
    "RULES",
    "BrokenParagraph",
    "DuplicateTitle",
    "ImageAltText",
    "Line",
    "MetadataLine",
    "PageResidue",
    "PhotoCredit",
    "lines_of",
]

#: Link markers and bullets that scrapers keep in front of related-article links.
LINK_MARKER_RE = regex.compile(r"^[\s»›>•▶►▸→*·|-]+")
SPACE_BEFORE_COLON_RE = regex.compile(r"\s+:")
SENTENCE_END_RE = regex.compile(r"[.!?…:;]['\"”’»)\]]*$")


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class Line:
    """A line of the current text: ``start``/``end`` exclude the newline, ``stop`` includes it."""

    start: int
    end: int
    stop: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def lines_of(text: str) -> list[Line]:
    """The lines of ``text`` with their offsets.

    >>> [(x.text, x.start, x.stop) for x in lines_of("a\\n\\nbc")]
    [('a', 0, 2), ('', 2, 3), ('bc', 3, 5)]
    """
    out = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        stop = n if nl < 0 else nl + 1
        out.append(Line(pos, end, stop, text[pos:end]))
        pos = stop
    return out


def normalize_line(text: str) -> str:
    """A line as residue patterns see it: trimmed, case-folded, link markers dropped.

    >>> normalize_line("  »Read more : The plan ")
    'read more: the plan'
    """
    s = unicodedata.normalize("NFC", text).strip()
    s = LINK_MARKER_RE.sub("", s)
    s = SPACE_BEFORE_COLON_RE.sub(":", s)
    return " ".join(s.split()).casefold()


# --------------------------------------------------------------------------- lexicons

#: User lexicon files (``FixConfig.lexicons``), hashable so the tables built from them cache.
Extra = tuple[UserLexicon | str, ...]


@dataclass(frozen=True)
class ResiduePattern:
    language: str
    kind: str  # exact | prefix | regex
    pattern: str
    where: str  # any | edge
    row: str
    compiled: regex.Pattern[str] | None = None

    def matches(self, norm: str) -> bool:
        if self.kind == "exact":
            return norm == self.pattern
        if self.kind == "prefix":
            return norm.startswith(self.pattern) and len(norm) > len(self.pattern)
        assert self.compiled is not None
        return self.compiled.fullmatch(norm) is not None


@cache
def residue_patterns(extra: Extra = ()) -> tuple[ResiduePattern, ...]:
    """Every residue pattern of the package's boilerplate lexicons plus users' files."""
    out = []
    for name in data_files("boilerplate"):
        language = name.rsplit("/", 1)[-1].removesuffix(".tsv")
        for row in load(name, extra):
            kind = row["kind"].strip() or "exact"
            pattern = normalize_line(row["pattern"]) if kind != "regex" else row["pattern"].strip()
            compiled = regex.compile(pattern, regex.IGNORECASE) if kind == "regex" else None
            out.append(ResiduePattern(language, kind, pattern, row["where"].strip() or "edge",
                                      row.where, compiled))
    return tuple(out)


@dataclass(frozen=True)
class _ResidueIndex:
    """The residue patterns by kind: exact ones looked up, the few others tried in turn."""

    exact: dict[str, tuple[int, ...]]
    others: tuple[int, ...]
    patterns: tuple[ResiduePattern, ...]


@cache
def _residue_index(extra: Extra = ()) -> _ResidueIndex:
    patterns = residue_patterns(extra)
    exact: dict[str, list[int]] = {}
    others = []
    for k, p in enumerate(patterns):
        if p.kind == "exact":
            exact.setdefault(p.pattern, []).append(k)
        else:
            others.append(k)
    return _ResidueIndex({key: tuple(v) for key, v in exact.items()}, tuple(others), patterns)


@lru_cache(maxsize=65536)
def match_residue(text: str, extra: Extra = ()) -> ResiduePattern | None:
    """The residue pattern a line matches, the strongest (``any``) first; None if none.

    Patterns are tried in lexicon order; exact ones by look-up (lines repeat across
    a site's pages, so answers are cached too).

    >>> match_residue("Kommentare (0)").language
    'de'
    >>> match_residue("Trump says talks will resume") is None
    True
    """
    norm = normalize_line(text)
    if not norm or len(norm) > 300:
        return None
    index = _residue_index(extra)
    hits = sorted([*index.exact.get(norm, ()),
                   *(k for k in index.others if index.patterns[k].matches(norm))])
    best = None
    for k in hits:
        p = index.patterns[k]
        if p.where == "any":
            return p
        best = best or p
    return best


@cache
def metadata_labels(extra: Extra = ()) -> tuple[tuple[str, str, str], ...]:
    """(label, field, language) rows, longest label first."""
    rows = load("layout_metadata_labels.tsv", extra)
    out = {(r["label"].strip().casefold(), r["field"].strip(), r["language"].strip())
           for r in rows if r["label"].strip()}
    return tuple(sorted(out, key=lambda t: (-len(t[0]), t)))


@cache
def _label_set(extra: Extra = ()) -> frozenset[str]:
    """Every case-folded metadata label (a line is tested against all of them at once)."""
    return frozenset(lab for lab, _, _ in metadata_labels(extra))


@cache
def _label_rows(extra: Extra = ()) -> tuple[tuple[str, str], ...]:
    """(case-folded label, ``file:line``), longest label first."""
    rows = load("layout_metadata_labels.tsv", extra)
    return tuple(sorted(((r["label"].strip().casefold(), r.where) for r in rows
                         if r["label"].strip()), key=lambda t: (-len(t[0]), t)))


def label_row(line: str, extra: Extra = ()) -> str:
    """The row (``file:line``) of the metadata label a line starts with, or ``""``.

    >>> label_row("Published: 12 March 2025").startswith("layout_metadata_labels.tsv:")
    True
    """
    folded = line.strip().casefold()
    return next((where for label, where in _label_rows(extra) if folded.startswith(label)), "")


@cache
def _agency_rows(extra: Extra = ()) -> tuple[tuple[str, str], ...]:
    """(agency, ``file:line``), longest name first."""
    rows = load("layout_photo_agencies.tsv", extra)
    return tuple(sorted(((r["agency"].strip(), r.where) for r in rows if r["agency"].strip()),
                        key=lambda t: (-len(t[0]), t)))


def agency_row(credit: str, extra: Extra = ()) -> str:
    """The row (``file:line``) of the longest agency a photo credit names, or ``""``.

    >>> agency_row("Valentyn Ogirenko / Reuters")
    'layout_photo_agencies.tsv:6'
    """
    return next((where for name, where in _agency_rows(extra) if name in credit), "")


@cache
def agencies(extra: Extra = ()) -> tuple[str, ...]:
    """Photo agency names, longest first."""
    return tuple(dict.fromkeys(name for name, _ in _agency_rows(extra)))


@cache
def continuation_words(extra: Extra = ()) -> dict[str, str]:
    """Function word -> strength (``strong`` wins over ``weak`` across languages)."""
    out: dict[str, str] = {}
    for row in load("layout_continuation_words.tsv", extra):
        for w in row["words"].split():
            if out.get(w) != "strong":
                out[w] = row["strength"].strip()
    return out


@cache
def navigation_words(extra: Extra = ()) -> frozenset[str]:
    """Section and menu words of navigation bars, case-folded, all languages."""
    rows = load("layout_navigation_words.tsv", extra)
    return frozenset(w.casefold() for r in rows for w in r["words"].split())


@cache
def social_networks(extra: Extra = ()) -> frozenset[str]:
    """Names of share-bar buttons (social networks, e-mail, print), case-folded."""
    return frozenset(r["name"].strip().casefold()
                     for r in load("layout_social_networks.tsv", extra) if r["name"].strip())


NAV_SEPARATOR_RE = regex.compile(r"[ \t]*[/|>»›][ \t]*")
NAV_ITEM_RE = regex.compile(r"\p{Lu}[\p{L}\p{M}&'’-]{0,19}(?: \p{Lu}[\p{L}\p{M}&'’-]{0,19}){0,2}")


def navigation_line(text: str, extra: Extra = ()) -> tuple[str, bool] | None:
    """(what, strong) when a line is a navigation bar, breadcrumb or share bar, else None.

    A line made only of share-bar names (``Facebook Twitter WhatsApp Email``)
    or only of section words (``Startseite Politik Ausland``), or a breadcrumb
    of short capitalised items joined by ``/``, ``|``, ``>``, ``»`` or ``›``
    that names a section word (``Home / News / Politics``). Strong (residue
    anywhere) with two share names, three section words or a breadcrumb;
    a single word (``Home``, ``Sport``) or two only at the page's edge, since
    a headline may be one.

    >>> navigation_line("Home/News/Politics/Sport")
    ('breadcrumb', True)
    >>> navigation_line("Facebook Twitter WhatsApp Email")
    ('share bar', True)
    >>> navigation_line("Politics")
    ('navigation bar', False)
    >>> navigation_line("Storm Eowyn leaves thousands without power") is None
    True
    >>> navigation_line("Israel/Gaza") is None
    True
    """
    s = normalize_line(text)
    if not s or len(s) > 120:
        return None
    raw = " ".join(text.split())
    words = s.replace("/", " ").replace("|", " ").split()
    social = social_networks(extra)
    if all(w in social for w in words):
        return "share bar", len(words) >= 2
    items = [x for x in NAV_SEPARATOR_RE.split(LINK_MARKER_RE.sub("", raw)) if x]
    if not items or not all(NAV_ITEM_RE.fullmatch(x) for x in items):
        return None
    nav = navigation_words(extra)
    if len(items) >= 2:
        # A breadcrumb: at least one item must be a section word, so that
        # "Israel/Gaza" or "Rubin | Analysis" headlines stay content.
        item_words = [w.casefold() for x in items for w in x.split()]
        if any(w in nav for w in item_words):
            return "breadcrumb", True
        return None
    if all(w.casefold() in nav for w in items[0].split()):
        return "navigation bar", len(items[0].split()) >= 3
    return None


def user_files(scope: Scope) -> Extra:
    """The user's lexicon files of this run (they extend the layout lexicons)."""
    return tuple(scope.config.lexicons)


# --------------------------------------------------------------------------- photo credits

#: A word of a person's name: capitalised, an initial (``J.``) or a particle.
NAME_WORD = (r"(?:\p{Lu}\.(?:\p{Lu}\.)*|\p{Lu}[\p{L}\p{M}'’-]*"
             r"|(?:de|da|van|von|der|den|al|el|ter)(?=\s))")
CREDIT_LABEL = (r"(?:(?i:photo(?:graph)?|photos|photo credit|foto|bild|zdjęcie|credit|image|"
                r"illustration)(?:[ \t]*:|[ \t]+(?i:by|av|von|par))|(?i:fot\.))")


#: A caption's own credit label (``… on Monday. Photograph: Jane Doe/Reuters``):
#: a word and a colon, not the parenthesised ``(Photo by X/Agency via Getty
#: Images)`` that wire photos carry into scraped text.
CAPTION_LABEL_RE = regex.compile(
    r"(?i:photo(?:graph)?|photos|photo credit|foto|bild|zdjęcie|credit|image|illustration)"
    r"[ \t]*:")


#: Where a credit may start: after a sentence end, a space or at the line's start.
CREDIT_START_RE = regex.compile(r"(?:(?<=^)|(?<=[.!?…”\"’)\]])|(?<=[ \t]))(?=\(?\p{Lu})")
#: How far from the end of a line a credit may start.
CREDIT_REACH = 160


@cache
def credit_re(extra: Extra = ()) -> regex.Pattern[str]:
    """A photo credit: ``Name Surname / Agency [via Agency] [file]`` or ``Photo: …``."""
    agency = "|".join(regex.escape(a) for a in agencies(extra))
    agency_chain = rf"(?:{agency})(?:\s*[/,]\s*(?:{agency}))*(?:\s+via\s+(?:{agency}))?"
    name = rf"{NAME_WORD}(?:[ \t]{NAME_WORD}){{0,3}}"
    tail = r"(?:[ \t]+(?:file|File|archive|Archive|arkiv|Arkiv|Archiv|archiwum))?"
    body = (rf"(?:{name}[ \t]*/[ \t]*{agency_chain}"
            rf"|{CREDIT_LABEL}[ \t]*(?:{name}[ \t]*[/,][ \t]*)?{agency_chain}"
            rf"|{CREDIT_LABEL}[ \t]*{name})")
    return regex.compile(rf"(?P<credit>\(?(?:{body}){tail}\)?)[ \t]*$")


def find_credit(line: str, extra: Extra = ()) -> tuple[int, int, float] | None:
    """(start, end, confidence) of a photo credit at the end of ``line``, or None.

    Glued to a caption after sentence punctuation (``Kyiv.Valentyn Ogirenko /
    Reuters``) or on its own line the credit is certain; glued without
    punctuation the boundary between caption and name is a guess.

    >>> line = "A house damaged before Kyiv.Valentyn Ogirenko / Reuters"
    >>> s, e, c = find_credit(line); line[s:e], c
    ('Valentyn Ogirenko / Reuters', 0.97)
    >>> find_credit("Reuters reported the talks had stalled.") is None
    True
    """
    rx = credit_re(extra)
    best = None
    # Try every start at a word boundary from the left: the longest credit wins
    # only where what precedes it is a sentence end, the line start or a space.
    # A credit is short and ends the line: only starts in its last CREDIT_REACH characters
    # are tried (each try reads to the end of the line; all starts would be quadratic).
    for m in CREDIT_START_RE.finditer(line, max(0, len(line) - CREDIT_REACH)):
        s = m.start()
        c = rx.fullmatch(line, s)
        if c is None:
            continue
        before = line[:s].rstrip()
        conf = 0.97 if not before or regex.search(r"[.!?…”\"’)\]]$", before) else 0.7
        best = (s, c.end(), conf)
        break
    if best is None:
        return None
    s, e, conf = best
    while e > s and line[e - 1] in " \t":
        e -= 1
    return s, e, conf


# --------------------------------------------------------------------------- metadata

ISO_DATE_RE = regex.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:]+(?:Z|[+-]\d\d:?\d\d)?)?")
DMY_DATE_RE = regex.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:,?\s+(?:kl\.\s*)?[\d:.]+)?")


MONTHS = months()
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_MONTH_YEAR_RE = regex.compile(rf"(\d{{1,2}})\.?\s+({MONTH_RE})\s+(\d{{4}})", regex.I)
MONTH_DAY_YEAR_RE = regex.compile(rf"({MONTH_RE})\s+(\d{{1,2}}),?\s+(\d{{4}})", regex.I)


def parse_date(value: str) -> str | None:
    """The ISO form of a date value, or None when it is not a date.

    >>> parse_date("2025-04-25"), parse_date("25.04.2025"), parse_date("the talks")
    ('2025-04-25', '2025-04-25', None)
    >>> parse_date("14 March 2025"), parse_date("March 14, 2025")
    ('2025-03-14', '2025-03-14')
    """
    value = value.strip()
    if m := ISO_DATE_RE.fullmatch(value):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := DMY_DATE_RE.fullmatch(value):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    elif m := DAY_MONTH_YEAR_RE.fullmatch(value):
        d, mo, y = int(m[1]), MONTHS[m[2].casefold()], int(m[3])
    elif m := MONTH_DAY_YEAR_RE.fullmatch(value):
        d, mo, y = int(m[2]), MONTHS[m[1].casefold()], int(m[3])
    else:
        return None
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


PLACE_RE = regex.compile(r"\p{Lu}[\p{L}\p{M}.'’-]*(?:[ ,/-]+\p{Lu}?[\p{L}\p{M}.'’-]*){0,5}")
SOURCE_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}.,/&'’ ()-]{0,80}")


def parse_metadata(text: str, extra: Extra = ()) -> tuple[str, str] | None:
    """(field, value) of a metadata line such as ``date 2025-04-25`` or ``OrtKursk, Russland``.

    >>> parse_metadata("OrtKursk, Russland")
    ('place', 'Kursk, Russland')
    >>> parse_metadata(" date 2025-04-25 ")
    ('date', '2025-04-25')
    >>> parse_metadata("Date night is back") is None
    True
    """
    s = text.strip()
    if not s or len(s) > 100:
        return None
    low = s.casefold()
    for label, field, _lang in metadata_labels(extra):
        if not low.startswith(label):
            continue
        rest = s[len(label):]
        # Place and source need a colon or a glued capitalised value ("Place
        # your bets", "Sources say…" are sentences); a date's value is checked.
        sep = r"[ \t]*:[ \t]*|[ \t]+" if field == "date" else r"[ \t]*:[ \t]*"
        if m := regex.match(sep, rest):
            value = rest[m.end():]
        elif rest[:1].isupper() and s[:1].isupper() and len(rest) > 2:
            value = rest  # label glued to a capitalised value: "OrtKursk"
        else:
            continue
        value = value.strip()
        if not value:
            continue
        if field == "date":
            iso = parse_date(value)
            if iso:
                return field, iso
        elif field == "place":
            if PLACE_RE.fullmatch(value) and len(value.split()) <= 6:
                return field, value
        elif field == "source" and SOURCE_RE.fullmatch(value) \
                and not SENTENCE_END_RE.search(value):
            return field, value
    return None


# --------------------------------------------------------------------------- page analysis


@dataclass(frozen=True)
class PageLine:
    line: Line
    kind: str  # blank | residue | metadata | credit | content
    strong: bool = False
    detail: str = ""


def analyse(scope: Scope) -> list[PageLine]:
    """Each line of the current text classified (once per text, shared by the layout rules)."""
    extra = user_files(scope)
    return scope.analysis.memo(("layout.page", extra),
                               lambda: classify_lines(scope.full_text, extra))


def classify_lines(text: str, extra: Extra = ()) -> list[PageLine]:
    """Classify each line of ``text``: blank, residue, metadata, credit or content."""
    out: list[PageLine] = []
    lines = lines_of(text)
    for k, ln in enumerate(lines):
        if ln.blank:
            out.append(PageLine(ln, "blank"))
            continue
        if out and out[-1].kind == "metadata" and out[-1].detail.startswith("label:"):
            # The value line of a label alone on the line above ("Ort" / "Rovaniemi").
            out[-1] = PageLine(out[-1].line, "metadata", True, out[-1].detail[6:])
            out.append(PageLine(ln, "metadata", True, ""))
            continue
        meta = parse_metadata(ln.text, extra)
        if meta:
            out.append(PageLine(ln, "metadata", True, f"{meta[0]}={meta[1]}"))
            continue
        if k + 1 < len(lines) and (meta := label_value(ln.text, lines[k + 1].text, extra)):
            out.append(PageLine(ln, "metadata", True, f"label:{meta[0]}={meta[1]}"))
            continue
        pat = match_residue(ln.text, extra)
        if pat:
            out.append(PageLine(ln, "residue", pat.where == "any", pat.row))
            continue
        nav = navigation_line(ln.text, extra)
        if nav:
            out.append(PageLine(ln, "residue", nav[1], nav[0]))
            continue
        credit = find_credit(ln.text, extra)
        if credit and credit[0] == len(ln.text) - len(ln.text.lstrip()):
            out.append(PageLine(ln, "credit", True))
            continue
        out.append(PageLine(ln, "content"))
    return out


def label_value(label: str, value: str, extra: Extra = ()) -> tuple[str, str] | None:
    """(field, value) when ``label`` is a metadata label alone and ``value`` its value.

    Scrapers flatten a page's fact box into a label line and a value line.

    >>> label_value("Ort", "Rovaniemi, Finnland")
    ('place', 'Rovaniemi, Finnland')
    >>> label_value("Sources", "The talks resumed on Monday.") is None
    True
    >>> label_value("Quellen", "Kommentare (0)") is None
    True
    """
    low = normalize_line(label).removesuffix(":").strip()
    if not low or not value.strip() or ":" in value or low not in _label_set(extra):
        return None
    if match_residue(value, extra) or navigation_line(value, extra):
        return None  # "Quellen" above "Kommentare (0)": two residue lines, no value
    return parse_metadata(f"{label.strip().removesuffix(':')}: {value.strip()}", extra)


def residue_runs(page: Sequence[PageLine]) -> list[tuple[int, int, bool]]:
    """Runs [i, j) of non-content lines, with whether each is trusted.

    A run is trusted when it touches the top or the bottom of the document or
    holds a strong (``any``) match: that is the position evidence that lets
    an ambiguous word such as ``Share`` or ``Details`` count as residue.
    """
    runs = []
    i, n = 0, len(page)
    while i < n:
        if page[i].kind == "content":
            i += 1
            continue
        j = i
        while j < n and page[j].kind != "content":
            j += 1
        if any(p.kind != "blank" for p in page[i:j]):
            edge = i == 0 or j == n
            strong = any(p.strong for p in page[i:j])
            runs.append((i, j, edge or strong))
        i = j
    return runs


def trusted_lines(page: Sequence[PageLine]) -> dict[int, bool]:
    """Index of every non-content line -> whether its position is trusted."""
    out = {}
    for i, j, trusted in residue_runs(page):
        for k in range(i, j):
            if page[k].kind != "blank":
                out[k] = trusted
    return out


# --------------------------------------------------------------------------- rules


class PageResidue(Rule):
    """Remove page residue lines: menus, share and comment widgets, related-article links, labels.

    A line is residue when it matches a phrase of the boilerplate lexicons
    (one TSV per language, users can add their own), or is a navigation bar,
    breadcrumb or share bar made only of section words and social network
    names (:func:`navigation_line`). Phrases that are only
    residue by position (``close``, ``Share``, ``Details``) are removed only in
    a run of residue at the top or bottom of the page, or next to unambiguous
    residue; elsewhere they are suggested. Headlines and one-sentence
    paragraphs never match a phrase, so they are safe.
    """

    id = "PAGE_RESIDUE"
    category = "boilerplate"
    stage = "layout"
    scope = "document"
    description = "page residue line (menu, widget, related link or label)"
    tiers = {"trusted": 0.97, "position": 0.6}
    lexicons = ("boilerplate/*.tsv", "layout_navigation_words.tsv", "layout_social_networks.tsv")
    examples = (
        Example("⟦close\n⟧⟦close\n⟧\nTalks resume\n\nThe talks resumed on Monday.\n",
                "\nTalks resume\n\nThe talks resumed on Monday.\n",
                note="the blank line left behind is the whitespace rules' to remove"),
        Example("The talks resumed.\n⟦»Read more: Why the talks failed | Rubin\n⟧They ended.",
                "The talks resumed.\nThey ended."),
        Example("Fredsforhandlingene fortsetter.\n\n⟦Details\n⟧⟦Quellen\n⟧\n⟦Kommentare (0)⟧",
                "Fredsforhandlingene fortsetter.\n\n\n", language="nb"),
        Example("Talks resume\n\n⟦Share\n⟧\nThe talks resumed on Monday.",
                "Talks resume\n\n\nThe talks resumed on Monday.", kind="suggest"),
        Example("⟦Home\n⟧⟦News\n⟧⟦Politics\n⟧\nTalks resume\n\nThe talks resumed on Monday.\n\n"
                "⟦Facebook Twitter WhatsApp Email\n⟧",
                "\nTalks resume\n\nThe talks resumed on Monday.\n\n",
                note="navigation and share bars (layout_navigation_words.tsv, "
                     "layout_social_networks.tsv)"),
        Example("The talks resumed on Monday.\n\n⟦Sport\n⟧\nThe match was called off.",
                "The talks resumed on Monday.\n\n\nThe match was called off.", kind="suggest",
                note="a lone section word mid-page may be a heading"),
        Example("The plan\n\nDetails were not published.\n\nShare prices fell.", kind="clean"),
        Example("Talks resume\n\nThe talks resumed on Monday. Read more on page 4.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        page = analyse(scope)
        if not any(p.kind == "content" for p in page):
            return  # a text that is only "residue" is no page: a one-line document is content
        keep = scope.config.keep_boilerplate
        for k, trust in trusted_lines(page).items():
            p = page[k]
            if p.kind != "residue":
                continue
            yield scope.change(p.line.start, p.line.stop, "",
                               tier="trusted" if trust else "position", suggest_only=keep,
                              message=f"page residue line {p.line.text.strip()!r} ({p.detail})")


class MetadataLine(Rule):
    """Extract metadata lines (date, place, source labels) into ``metadata`` and remove them.

    A line is metadata when it starts with a label of the metadata lexicon
    (``date``, ``Ort``, ``Kilde``…, also glued: ``OrtKursk``, or alone on its
    line above the value: ``Ort`` / ``Kursk, Russland``) and its value is
    a valid date, a capitalised place name or a short source name. It is
    removed only in a run of residue at the top or bottom of the page (a
    scraped page header or footer); elsewhere it is suggested. Either way the
    value goes to ``Result.metadata``.
    """

    id = "METADATA_LINE"
    category = "metadata"
    stage = "layout"
    scope = "document"
    description = "metadata line moved to metadata"
    tiers = {"trusted": 0.97, "position": 0.6}
    lexicons = ("layout_metadata_labels.tsv",)
    examples = (
        Example("⟦ date 2025-04-25 \n⟧\nTrump appealed to Putin on Thursday.",
                "\nTrump appealed to Putin on Thursday."),
        Example("Putin er åpen for et møte.\n\n⟦OrtKursk, Russland\n⟧Quellen",
                "Putin er åpen for et møte.\n\nQuellen", language="nb"),
        Example("Putin er åpen for et møte.\n\n⟦Ort\n⟧⟦Kursk, Russland\n⟧Quellen",
                "Putin er åpen for et møte.\n\nQuellen", language="nb",
                note="a fact box flattened into a label line and a value line"),
        Example("Date night is back.\n\nPlace your bets, the coach said.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        page = analyse(scope)
        if not any(p.kind == "content" for p in page):
            return
        keep = scope.config.keep_boilerplate
        for k, trust in trusted_lines(page).items():
            p = page[k]
            if p.kind != "metadata":
                continue
            tier = "trusted" if trust else "position"
            if not p.detail:  # the value line below a label line
                yield scope.change(p.line.start, p.line.stop, "", tier=tier, suggest_only=keep,
                                   message="metadata value line")
                continue
            field, _, value = p.detail.partition("=")
            row = label_row(p.line.text, user_files(scope))
            yield scope.change(p.line.start, p.line.stop, "", tier=tier, suggest_only=keep,
                               facts={field: value},
                              message=f"metadata line: {field} = {value!r}"
                                      + (f" ({row})" if row else ""))


class ImageAltText(Rule):
    """Remove an image's alt text: the line above a credited caption of the same picture.

    Scrapers keep an image's ``alt`` attribute as a line above its caption.
    Evidence required: the next line, in the same block, is a caption that
    ends in a photo credit naming a known agency, and the two lines share at
    least two content words (``Putin … shake hands`` / ``Trump and Putin shake
    hands …``). Ordinary paragraphs are not followed by a credited caption.
    """

    id = "IMAGE_ALT_TEXT"
    category = "boilerplate"
    stage = "layout"
    scope = "document"
    description = "image alt text above a caption"
    tiers = {"shared_words": 0.92}
    lexicons = ("layout_photo_agencies.tsv",)
    examples = (
        Example("Talks began.\n\n⟦Putin and Trump shake hands.\n⟧Trump and Putin shake hands "
                "in Helsinki in 2018.Brendan Smialowski / AFP via Getty Images file\n",
                "Talks began.\n\nTrump and Putin shake hands "
                "in Helsinki in 2018.Brendan Smialowski / AFP via Getty Images file\n"),
        Example("Putin spoke.\nTrump and Putin shake hands in Helsinki.\n", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        extra = user_files(scope)
        lines = lines_of(scope.full_text)
        for a, b in itertools.pairwise(lines):
            if a.blank or b.blank or len(a.text.split()) > 40:
                continue
            credit = find_credit(b.text, extra)
            if credit is None or credit[2] < 0.9:
                continue
            caption = b.text[:credit[0]]
            if len(caption.split()) < 3 or find_credit(a.text, extra):
                continue
            if len(regex.findall(r"[.!?](?:\s|$)", a.text.strip())) > 1:
                continue  # alt text is one sentence at most
            shared = content_words(a.text) & content_words(caption)
            if len(shared) >= 2:
                yield scope.change(a.start, a.stop, "", tier="shared_words",
                                   suggest_only=scope.config.keep_boilerplate,
                                   message="image alt text repeating the caption below it "
                                           f"(shares {', '.join(sorted(shared))})")


def content_words(text: str) -> set[str]:
    return {w.casefold() for w in WORD_RE.findall(text)
            if len(w) > 3 or w[:1].isupper()} - {"the", "and", "with", "from", "that"}


class PhotoCredit(Rule):
    """Remove photo credits, alone on a line or glued to a caption (``Kyiv.Valentyn Ogirenko``).

    A credit must name an agency of the agency lexicon (``Reuters``, ``AFP via
    Getty Images``, ``NTB``…) after a person's name or a ``Photo:`` label;
    that keeps sentences that merely mention Reuters safe. A credit glued to a
    caption after sentence punctuation is cut at the punctuation; one glued
    without punctuation is only suggested, since the name's first word is a
    guess. A labelled credit after the caption and a space (``… on Monday.
    Photograph: Jane Doe/Reuters``) is the publication's own caption format,
    not residue: it is left alone.
    """

    id = "PHOTO_CREDIT"
    category = "boilerplate"
    stage = "layout"
    scope = "document"
    description = "photo credit"
    tiers = {"after_sentence": 0.97, "glued": 0.7}
    lexicons = ("layout_photo_agencies.tsv",)
    examples = (
        Example("A house damaged by a drone before Kyiv.⟦Valentyn Ogirenko / Reuters⟧\n",
                "A house damaged by a drone before Kyiv.\n"),
        Example("Trump and Putin in Helsinki in 2018.⟦ Brendan Smialowski / AFP via Getty Images "
                "file⟧\n", "Trump and Putin in Helsinki in 2018.\n"),
        Example("Talks began.\n⟦Foto: Heiko Junge / NTB\n⟧They ended.", "Talks began.\nThey ended.",
                language="nb"),
        Example("Reuters reported on Monday that the talks had stalled.", kind="clean"),
        Example("Protesters gather in Oslo on Monday. Photograph: Jane Doe/Reuters\n",
                kind="clean"),
        Example("The photograph, taken by a Reuters reporter, was shared widely.", kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        extra = user_files(scope)
        for ln in lines_of(scope.full_text):
            if ln.blank:
                continue
            credit = find_credit(ln.text, extra)
            if credit is None:
                continue
            s, e, conf = credit
            before = ln.text[:s]
            if before.strip() and before[-1:] in " \t" and CAPTION_LABEL_RE.match(ln.text, s):
                continue  # "… on Monday. Photograph: Jane Doe/Reuters": the caption format
            if not before.strip():
                start, stop = ln.start, ln.stop  # the whole line, newline included
            else:
                start = ln.start + len(before.rstrip())
                stop = ln.start + e
            yield scope.change(start, stop, "", tier="after_sentence" if conf > 0.9 else "glued",
                               suggest_only=scope.config.keep_boilerplate,
                              message=f"photo credit {ln.text[s:e]!r} "
                                      f"({agency_row(ln.text[s:e], extra)})")


def _first_lines(page: Sequence[PageLine], limit: int) -> Iterator[int]:
    seen = 0
    for k, p in enumerate(page):
        if p.kind == "content":
            yield k
            seen += 1
            if seen >= limit:
                return


class DuplicateTitle(Rule):
    """Remove a title repeated (exactly or nearly) right below itself at the top of the page.

    Only the first two content lines are compared, so a sentence repeated
    later in the article (a quote, a refrain) is not touched; a near-repeat
    must be at least 95% the same and at least 15 characters long.
    """

    id = "DUPLICATE_TITLE"
    category = "duplicate"
    stage = "layout"
    scope = "document"
    description = "duplicated title"
    tiers = {"identical": 0.99, "similar": 0.7}
    examples = (
        Example("Putin tilbyr Trump-møter!⟦\n\nPutin tilbyr Trump-møter!⟧\n\n"
                "I en uttalelse sa han.",
                "Putin tilbyr Trump-møter!\n\nI en uttalelse sa han.", language="nb"),
        Example("Talks resume in Istanbul⟦\nTalks resume in Istanbul.⟧\n\nThe talks resumed.",
                "Talks resume in Istanbul\n\nThe talks resumed."),
        Example("Talks resume\n\nTalks resume after a pause.\n\nThe talks resumed.",
                kind="clean"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        page = analyse(scope)
        content = list(_first_lines(page, len(page)))
        if len(content) < 2:
            return
        a = page[content[0]].line
        ta = _title_key(a.text)
        if len(ta) > 300 or not ta:
            return
        # Every copy right below the title goes at once (five identical opening
        # lines become one in one run: removing one copy per run is not idempotent).
        copies: list[int] = []
        for k in content[1:]:
            tb = _title_key(page[k].line.text)
            if tb == ta:
                copies.append(k)
                continue
            if not copies and _near_copy(ta, tb):
                b = page[k].line
                yield scope.change(b.start, b.stop, "", tier="similar",
                                   message="title repeated below itself, nearly")
            break
        if not copies:
            return
        last = page[copies[-1]].line
        copied = set(copies)  # a set: `k in copies` over 100k one-letter lines was quadratic
        if all(page[k].kind == "blank" or k in copied for k in range(content[0] + 1, copies[-1])):
            yield scope.change(a.end, last.end, "", tier="identical",
                               message="title repeated below itself"
                                       + (f" ({len(copies)} copies)" if len(copies) > 1 else ""))
            return
        for k in copies:  # residue kept between them stays
            b = page[k].line
            yield scope.change(b.start, b.stop, "", tier="identical",
                               message="title repeated below itself")


def _near_copy(a: str, b: str) -> bool:
    """Whether two title keys differ only by a letter or two inside words (a typo, not a new word).

    >>> _near_copy("putin offers talks", "putin ofers talks")
    True
    >>> _near_copy("talks resume in istanbul today", "talks resume in istanbul tomorrow")
    False
    """
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(a) < 15:
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(diff) == 1 and difflib.SequenceMatcher(None, *diff[0]).ratio() >= 0.8 \
        and abs(len(diff[0][0]) - len(diff[0][1])) <= 1 and min(map(len, diff[0])) >= 4


def _title_key(text: str) -> str:
    return " ".join(regex.sub(r"[\p{P}\s]+", " ", text).split()).casefold()


TITLE_CASE_SMALL = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for",
                    "by", "with", "as", "from", "is", "vs"}


def looks_title_case(text: str) -> bool:
    """Whether most words are capitalised, as in an English headline."""
    words = WORD_RE.findall(text)
    if len(words) < 3:
        return False
    caps = sum(w[0].isupper() for w in words if w.casefold() not in TITLE_CASE_SMALL)
    big = sum(1 for w in words if w.casefold() not in TITLE_CASE_SMALL)
    return big > 0 and caps / big >= 0.75


def _short_line(line: str) -> bool:
    """A heading-like line: capitalised, at most six words, no sentence end, comma or colon.

    >>> _short_line("Key terms"), _short_line("The talks, which had stalled for")
    (True, False)
    """
    return bool(regex.match(r"\p{Lu}", line)) and len(WORD_RE.findall(line)) <= 6 \
        and not SENTENCE_END_RE.search(line) and not regex.search(r"[,;:]", line)


def headings(analysis: TextAnalysis) -> int:
    """How many blocks of the document are one short heading-like line (memoised, linear).

    A document laid out in sections (``Key terms``, ``Basic usage``) has
    several; a paragraph broken mid-sentence leaves a fragment, rarely three
    short capitalised lines without a full stop.
    """
    def compute() -> int:
        text = analysis.text
        return sum(1 for b in analysis.blocks
                   if "\n" not in (block := text[b.start:b.end].strip())
                   and _short_line(block))
    return analysis.memo("broken_paragraph.headings", compute)


class BrokenParagraph(Rule):
    """Join a paragraph broken mid-sentence across a blank line.

    The first part must end without sentence punctuation and either in a
    function word that cannot end a sentence or a heading (``har``, ``the``,
    ``und`` — per-language lists kept as data) or before a part that starts
    in lower case. A heading followed by its paragraph ends in a content word
    (``Konteksten av krigsforhandlingene``) or is title-cased, so it is left
    alone.
    """

    id = "BROKEN_PARAGRAPH"
    category = "paragraph"
    stage = "layout"
    scope = "document"
    description = "paragraph broken mid-sentence"
    tiers = {"certain": 0.95, "comma_capital": 0.8, "weak_word": 0.7}
    lexicons = ("layout_continuation_words.tsv",)
    examples = (
        Example("Putin tilbyr møter\n\nI en fersk uttalelse har⟦\n\n⟧Vladimir Putin signalisert "
                "sin vilje til å organisere et møte.",
                "Putin tilbyr møter\n\nI en fersk uttalelse har Vladimir Putin signalisert "
                "sin vilje til å organisere et møte.", language="nb"),
        Example("The talks, which had stalled for⟦\n\n⟧weeks, resumed on Monday.",
                "The talks, which had stalled for weeks, resumed on Monday."),
        Example("Konteksten av krigsforhandlingene\n\nI løpet av de siste ukene har Russland "
                "forsterket luftangrepene.", kind="clean", language="nb"),
        Example("What Comes Next for the\n\nThe talks resumed on Monday.", kind="clean"),
        Example("In his memoir he wrote:\n\n“It was not a speech.”", kind="clean"),
        Example("## Using it\n\nRun it from the shell:\n\n$ python run.py\n\nand read the output.",
                kind="clean", note="a heading and a shell command are no broken sentences"),
        Example("Call it as:\n\n    fetch(url)\n\nwhere url is a string.", kind="clean",
                note="a code block"),
        Example("About wget\n\nwget fetches files. It is small.\n\nUsage\n\nwget is run "
                "from a shell.", kind="clean",
                note="the document starts sentences with `wget` in lower case: a name"),
    )

    def find(self, scope: Scope) -> Iterable[Finding]:
        text = scope.full_text
        extra = user_files(scope)
        words = continuation_words(extra)
        analysis = scope.analysis
        for a, b in itertools.pairwise(analysis.blocks):
            last_line = text[a.start:a.end].rsplit("\n", 1)[-1].strip()
            first_line = text[b.start:b.end].split("\n", 1)[0].strip()
            if not last_line or not first_line or SENTENCE_END_RE.search(last_line):
                continue
            # Code, commands, headings, tables and URLs end no sentence the next block goes on.
            if preformatted(analysis, a.end - 1, kinds="verbatim table") \
                    or preformatted(analysis, b.start, kinds="verbatim table") \
                    or CODE_LINE_RE.match(last_line) or CODE_LINE_RE.match(first_line) \
                    or has_code(analysis, a.end - len(last_line), a.end) \
                    or analysis.protected(a.end - 1) or analysis.protected(b.start):
                continue
            if regex.search(r"[,\-–—(\[„“\"«]$", last_line) and not last_line.endswith(","):
                continue
            if match_residue(last_line, extra) or match_residue(first_line, extra):
                continue
            if parse_metadata(last_line, extra) or find_credit(last_line, extra):
                continue
            tail = WORD_RE.findall(last_line)
            if tail and tail[-1] not in words and "\n" not in text[a.start:a.end].strip() \
                    and _short_line(last_line) and headings(analysis) >= 3:
                continue  # `Key terms`: one of the document's one-line headings
            if not tail:
                continue
            last_word = tail[-1]
            starts_lower = bool(regex.match(r"\p{Ll}", first_line))
            if starts_lower:
                head = WORD_RE.match(first_line)
                if head and lower_starters(analysis).get(head.group(), 0) >= 2:
                    starts_lower = False  # a name the document writes in lower case
            conf = 0.0
            if last_line.endswith(","):
                conf = 0.95 if starts_lower else 0.8
            elif starts_lower and len(tail) >= 2:
                conf = 0.95
            elif (strength := words.get(last_word)) and len(tail) >= 3 \
                    and not looks_title_case(last_line) and regex.match(r"\p{L}", first_line):
                conf = 0.95 if strength == "strong" else 0.7
            if conf:
                tier = "certain" if conf >= 0.95 else "comma_capital" if conf >= 0.8 \
                    else "weak_word"
                yield scope.change(a.end, b.start, " ", tier=tier,
                                   message=f"paragraph broken after {last_word!r}")


RULES: tuple[type[Rule], ...] = (
    PageResidue, MetadataLine, ImageAltText, PhotoCredit, DuplicateTitle, BrokenParagraph,
)
