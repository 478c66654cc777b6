"""Phrase library (team YAML + personal SQLite), fuzzy picker lookup, placeholder filling and
the tone checker. No Qt: the picker and editor widgets in ``agent_assist.gui`` call these."""

from agent_assist.phrases.frecency import HALF_LIFE_DAYS, bump, decayed
from agent_assist.phrases.library import PhraseLibrary
from agent_assist.phrases.loader import load_phrases
from agent_assist.phrases.matching import Match, PhraseMatcher, normalize_query, pinyin_keys
from agent_assist.phrases.model import (
    EMOTIONS,
    PLACEHOLDER_RE,
    STAGES,
    Phrase,
    PhraseUse,
    placeholders_in,
)
from agent_assist.phrases.placeholders import (
    FilledText,
    Slot,
    context_values,
    fill,
    known_spans,
)
from agent_assist.phrases.rewrite import Rewrite, apply_rewrite, sentence_span
from agent_assist.phrases.store import PhraseError, PhraseStore, migrations
from agent_assist.phrases.tone import ToneChecker, ToneFinding, load_tone_checker, load_tone_rules
from agent_assist.phrases.tone_rules import ToneRule
from agent_assist.phrases.tone_text import fold_traditional, sentence_bounds
from agent_assist.phrases.yamlio import LineDict, line_of, parse_yaml, read_yaml

__all__ = [
    "Rewrite",
    "apply_rewrite",
    "sentence_span",
    "EMOTIONS",
    "HALF_LIFE_DAYS",
    "PLACEHOLDER_RE",
    "STAGES",
    "FilledText",
    "LineDict",
    "Match",
    "Phrase",
    "PhraseError",
    "PhraseLibrary",
    "PhraseMatcher",
    "PhraseStore",
    "PhraseUse",
    "Slot",
    "ToneChecker",
    "ToneFinding",
    "ToneRule",
    "bump",
    "context_values",
    "known_spans",
    "decayed",
    "fill",
    "fold_traditional",
    "line_of",
    "load_phrases",
    "load_tone_checker",
    "load_tone_rules",
    "migrations",
    "normalize_query",
    "parse_yaml",
    "pinyin_keys",
    "placeholders_in",
    "read_yaml",
    "sentence_bounds",
]
