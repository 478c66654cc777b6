"""KB Markdown → HTML that is safe and small enough for QTextBrowser.

A process file is untrusted input. Two kinds of harm came from its body reaching the view as-is:

* **resources and links**: ``<img src="file:///dev/zero">`` made Qt read /dev/zero until it
  aborted; ``<a href="/etc/passwd">`` replaced the card with the file. Here the HTML is cleaned
  with nh3 (the Ammonia sanitizer): an allowlist of tags and attributes, no script/style/iframe/
  object/embed/form/meta/link, no event handlers, no ``style`` (so no CSS ``url()``), links only
  to http(s), mailto and ``proc:`` ids. Images keep only a relative ``src``; anything else
  becomes ``blocked:`` and the browser (:mod:`agent_assist.gui.safe_browser`) shows a placeholder.
* **size and depth**: python-markdown is cubic on ``[[[[…`` (5,000 characters: 13 s), Qt's
  rich text is slow on deep nesting and long tables, and html5ever (inside nh3) is quadratic on
  deep nesting. So the Markdown source is cut to :data:`MAX_SOURCE_CHARS`, converted by
  markdown-it-py (linear, nesting-limited), a crude linear pass drops tags nested deeper than
  nh3 can parse quickly, nh3 cleans it, and a streaming pass caps nesting depth, list depth,
  table rows, element count and output length. Whatever was cut is reported
  (``Rendered.truncated``) so the view can say 内容过大，已截断.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

MAX_SOURCE_CHARS = 20_000  # Markdown per block (the sample KB's longest body is ~3,000)
MAX_HTML_CHARS = 300_000  # HTML per block after conversion
MAX_CLEAN_INPUT = 200_000  # HTML handed to the sanitizer
MAX_RAW_DEPTH = 200  # nesting the sanitizer gets to see (it is quadratic in depth)
MAX_DEPTH = 24  # nested elements
MAX_LIST_DEPTH = 8  # nested ul/ol
MAX_TABLE_DEPTH = 2  # a table inside a table, no deeper
MAX_QUOTE_DEPTH = 6  # nested blockquotes
MAX_TABLE_ROWS = 300  # rows per block
MAX_ELEMENTS = 3_000  # tags per block: Qt lays out 10,000 <em> runs in seconds
MAX_INLINE_CHARS = 2_000  # one step of a quick card

_FEED_CHUNK = 8_192

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p",
    "pre", "s", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "tt", "u", "ul",
}  # fmt: skip
# removed together with everything inside them (not just the tag)
CLEAN_CONTENT_TAGS = {
    "script", "style", "iframe", "object", "embed", "form", "textarea", "select", "template",
    "noscript", "title", "svg", "math", "applet", "frameset", "frame", "noembed", "xmp",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"title", "id"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
    "table": {"width", "cellpadding"},
}
URL_SCHEMES = {"http", "https", "mailto", "proc", "blocked"}
BLOCKED_IMAGE = "blocked:image"

_VOID = {"br", "hr", "img", "wbr", "col", "area", "input", "meta", "link", "source", "base",
         "param", "track", "embed", "keygen"}  # fmt: skip
# a start tag that closes an open sibling of the same family (as browsers do)
_CLOSES = {
    "p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr", "td", "th"},
    "td": {"td", "th"}, "th": {"td", "th"},
}  # fmt: skip
_FAMILY_LIMITS = {"ul": "list", "ol": "list", "table": "table", "blockquote": "quote"}
_LIMITS = {"list": MAX_LIST_DEPTH, "table": MAX_TABLE_DEPTH, "quote": MAX_QUOTE_DEPTH}
_END_SEARCH = 64  # an end tag closes a match among the innermost 64 open elements, else ignored
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Rendered:
    """Clean HTML, and whether anything was cut to fit the limits."""

    html: str
    truncated: bool = False


def _relative_image(src: str) -> bool:
    """A path inside the KB as authors write it (``images/x.png``): no scheme, not absolute."""
    s = src.strip()
    return bool(s) and not _SCHEME.match(s) and not s.startswith(("/", "\\")) and "\\" not in s


class _Limiter(HTMLParser):
    """Streams HTML through, keeping nesting, tables and length within the limits.

    Elements nested too deep lose their tags (their text stays); past the row or length limit
    the rest is dropped and every open element closed. Works on any tag soup: it only counts.
    """

    def __init__(self, max_chars: int) -> None:
        super().__init__(convert_charrefs=False)
        self.max_chars = max_chars
        self.out: list[str] = []
        self.size = 0
        self.rows = 0
        self.elements = 0
        self.truncated = False
        self.stopped = False
        self.stack: list[tuple[str, bool]] = []  # (tag, kept)
        self.depth = 0  # kept elements open
        self.family = {"list": 0, "table": 0, "quote": 0}

    def _emit(self, text: str) -> None:
        if self.stopped:
            return
        self.out.append(text)
        self.size += len(text)
        if self.size > self.max_chars:
            self._stop()

    def _stop(self) -> None:
        self.truncated = True
        self.stopped = True

    def _pop(self) -> None:
        tag, kept = self.stack.pop()
        if kept:
            self.depth -= 1
            fam = _FAMILY_LIMITS.get(tag)
            if fam:
                self.family[fam] -= 1
            self.out.append(f"</{tag}>")

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.stopped:
            return
        closes = _CLOSES.get(tag)
        if closes and self.stack and self.stack[-1][0] in closes:
            self._pop()
        self.elements += 1
        if tag == "tr":
            self.rows += 1
        if self.rows > MAX_TABLE_ROWS or self.elements > MAX_ELEMENTS:
            self._stop()
            return
        if tag == "img":  # no src left by the sanitizer, or not a KB path: the placeholder
            src = next((v for k, v in attrs if k == "src"), "") or ""
            attrs = [(k, v) for k, v in attrs if k != "src"]
            attrs.insert(0, ("src", src if _relative_image(src) else BLOCKED_IMAGE))
        text = "<" + tag + "".join(f' {k}="{_html.escape(v or "", quote=True)}"' for k, v in attrs)
        if tag in _VOID:
            self._emit(text + ">")
            return
        fam = _FAMILY_LIMITS.get(tag)
        kept = self.depth < MAX_DEPTH and not (fam and self.family[fam] >= _LIMITS[fam])
        self.stack.append((tag, kept))
        if kept:
            self.depth += 1
            if fam:
                self.family[fam] += 1
            self._emit(text + ">")
        else:
            self.truncated = True

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1][0] == tag:
            self._pop()

    def handle_endtag(self, tag: str) -> None:
        if self.stopped:
            return
        for i in range(len(self.stack) - 1, max(len(self.stack) - _END_SEARCH, 0) - 1, -1):
            if self.stack[i][0] == tag:
                while len(self.stack) > i:
                    self._pop()
                return

    def handle_data(self, data: str) -> None:
        self._emit(_html.escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        self._emit(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._emit(f"&#{name};")

    def finish(self) -> str:
        if not self.stopped:
            self.close()
        while self.stack:
            self._pop()
        return "".join(self.out)


# a whole start or end tag; possessive, so a failed match never backtracks (linear scan)
_RAW_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9-]{0,30})(?:[^<>"']++|"[^"]*+"|'[^']*+')*+>""")
_SELF_CLOSING = _VOID | set(_CLOSES)  # never counted: void, or closed by the next sibling


def flatten_deep_tags(page: str) -> tuple[str, bool]:
    """Drop the tags nested deeper than :data:`MAX_RAW_DEPTH` by a crude linear count
    (start +1, end -1), before the real parser sees the page; (page, any_dropped).

    Only a guard for the sanitizer's cost: real content never nests that deep, so the count's
    crudeness (it knows nothing of implied end tags beyond p/li/td…) never touches it."""
    depth = 0
    dropped = False

    def visit(m: re.Match) -> str:
        nonlocal depth, dropped
        if m.group(2).lower() in _SELF_CLOSING:
            return m.group(0)
        if m.group(1):
            depth = max(depth - 1, 0)
            keep = depth < MAX_RAW_DEPTH
        else:
            depth += 1
            keep = depth <= MAX_RAW_DEPTH
        dropped = dropped or not keep
        return m.group(0) if keep else ""

    return _RAW_TAG.sub(visit, page), dropped


def limit_html(page: str, max_chars: int = MAX_HTML_CHARS) -> Rendered:
    """``page`` with nesting depth, list/table/quote depth, table rows and length capped."""
    limiter = _Limiter(max_chars)
    for start in range(0, len(page), _FEED_CHUNK):
        limiter.feed(page[start : start + _FEED_CHUNK])
        if limiter.stopped:
            break
    out = limiter.finish()
    return Rendered(out, limiter.truncated)


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    """Links keep only an allowed scheme or a ``#fragment``: a relative path (``../../etc/
    passwd``) would lead nowhere in the app, so it becomes plain text rather than a dead link."""
    if tag == "a" and attr == "href":
        v = value.strip()
        m = _SCHEME.match(v)
        if not (v.startswith("#") or (m and m.group(1).lower() in URL_SCHEMES - {"blocked"})):
            return None
    return value


def sanitize(page: str) -> str:
    """The allowlisted subset of ``page`` (nh3 / Ammonia); call on already-limited HTML."""
    import nh3

    return nh3.clean(
        page,
        tags=TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_attribute_filter,
        link_rel=None,
        strip_comments=True,
    )


def clean_html(page: str, max_chars: int = MAX_HTML_CHARS) -> Rendered:
    """Untrusted HTML → sanitized, then limited.

    nh3 goes first: its parser is linear on tag soup (unclosed quotes, ``<a<a<a``) where
    HTMLParser is quadratic, and its well-formed output is what the limiter streams quickly.
    nh3 is quadratic only in nesting depth, which the input cap bounds (20,000 nested divs:
    1 s; the 80,000 characters allowed here: at most ~0.1 s)."""
    cut = len(page) > MAX_CLEAN_INPUT
    if cut:
        page = page[:MAX_CLEAN_INPUT]
    page, flattened = flatten_deep_tags(page)
    limited = limit_html(sanitize(page), max_chars)
    return Rendered(limited.html, cut or flattened or limited.truncated)


_MD = None


def _markdown():
    """The converter, built once (markdown-it-py: CommonMark plus tables, linear time, nesting
    capped by ``maxNesting``); Chinese emphasis next to full-width punctuation is fixed in
    :mod:`agent_assist.gui.markdown_cjk`."""
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        from agent_assist.gui.markdown_cjk import cjk_emphasis

        _MD = (
            MarkdownIt("commonmark", {"breaks": True, "html": True, "maxNesting": 20})
            .enable(["table", "strikethrough"])
            .use(cjk_emphasis)
        )
    return _MD


def cut_text(text: str, limit: int) -> tuple[str, bool]:
    """``text`` cut to ``limit`` characters at a line end if one is near; (text, was_cut)."""
    if len(text) <= limit:
        return text, False
    cut = text.rfind("\n", limit // 2, limit)
    return text[: cut if cut > 0 else limit], True


def markdown_html(text: str, limit: int = MAX_SOURCE_CHARS) -> Rendered:
    """KB Markdown → clean, size-limited HTML. Never raises on content: a converter failure
    (deep recursion, memory) shows the text itself, escaped."""
    source, cut = cut_text(text or "", limit)
    try:
        raw = _markdown().render(source)
    except (RecursionError, MemoryError, ValueError, IndexError):
        escaped = _html.escape(source).replace("\n", "<br>")
        raw, cut = f"<p>{escaped}</p>", True
    out = clean_html(raw)
    return Rendered(out.html, cut or out.truncated)
