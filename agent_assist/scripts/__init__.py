"""Guided de-escalation scripts: YAML model and loader, linter, and the run state machine that
records path, choices, stage times and techniques into a :class:`RunSummary`. No Qt."""

from agent_assist.scripts.lint import lint_kb_scripts, lint_script, lint_scripts_folder
from agent_assist.scripts.loader import (
    ScriptSet,
    load_script,
    load_scripts,
    parse_script,
    script_files,
    script_phrases_path,
    scripts_for_kb,
)
from agent_assist.scripts.model import END, MAX_BRANCHES, Branch, RepeatLimit, Script, Stage, Step
from agent_assist.scripts.runner import (
    FINISH_LABEL,
    NEXT_LABEL,
    RUNNING,
    Option,
    ScriptError,
    ScriptRun,
)
from agent_assist.scripts.summary import ABANDONED, FINISHED, Choice, RunSummary, StageTime

__all__ = [
    "ABANDONED",
    "END",
    "FINISHED",
    "FINISH_LABEL",
    "MAX_BRANCHES",
    "NEXT_LABEL",
    "RUNNING",
    "Branch",
    "Choice",
    "Option",
    "RepeatLimit",
    "RunSummary",
    "Script",
    "ScriptError",
    "ScriptRun",
    "ScriptSet",
    "Stage",
    "StageTime",
    "Step",
    "lint_kb_scripts",
    "lint_script",
    "lint_scripts_folder",
    "load_script",
    "load_scripts",
    "parse_script",
    "script_files",
    "script_phrases_path",
    "scripts_for_kb",
]
