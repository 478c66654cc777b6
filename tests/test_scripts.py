"""Guided scripts: shipped content, runner transitions, loop limits, timing, summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent_assist.knowledge import load_kb
from agent_assist.phrases import load_phrases, parse_yaml
from agent_assist.scripts import (
    END,
    FINISH_LABEL,
    NEXT_LABEL,
    RunSummary,
    ScriptError,
    ScriptRun,
    lint_script,
    load_scripts,
    parse_script,
    scripts_for_kb,
)

REPO = Path(__file__).resolve().parent.parent
REQUIRED = {
    "complaint-four-stage",
    "calm-angry-caller",
    "polite-repetition",
    "repeat-caller",
    "escalation-threat",
    "fast-resolution",
}


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t

    def tick(self, seconds: float) -> None:
        self.t += seconds


def script_from(text: str, name: str = "t.yaml"):
    data, problems = parse_yaml(text, Path(name))
    assert problems == []
    script, problems = parse_script(data, Path(name))
    assert [p for p in problems if p.severity == "error"] == [], problems
    return script


LOOP = """
id: t
title: 测试
stages:
  - id: a
    title: 甲
    target_seconds: 30
    steps:
      - id: start
        title: 开始
        techniques: [倾听]
        branches:
          - {label: 缓和, goto: offer}
          - {label: 坚持, goto: repeat}
      - id: repeat
        title: 礼貌重复
        techniques: [礼貌重复]
        branches:
          - {label: 接受, goto: offer}
          - {label: 仍然坚持, goto: repeat, technique: 口径一致}
          - {label: 要求升级, goto: escalate, escalate: true}
        repeat: {max: 3, then: escalate}
  - id: b
    title: 乙
    steps:
      - id: offer
        title: 方案
        next: done
      - id: escalate
        title: 升级
        escalate: true
        next: done
      - id: done
        title: 结束
        end: true
"""


def test_shipped_scripts_exist_lint_clean_and_reference_real_phrases():
    scripts = load_scripts(REPO / "knowledge" / "scripts")
    assert scripts.problems == []
    assert set(load_scripts()) == set(scripts)  # default folder: the shipped one
    assert set(scripts) >= REQUIRED
    phrases, _ = load_phrases(REPO / "knowledge" / "phrases.yaml")
    ids = {p.id for p in phrases}
    for script in scripts.values():
        assert lint_script(script, ids) == [], script.id
        assert all(pid in ids for pid in script.phrase_ids())
        assert len(script.stages) >= 3 and len(script.steps) >= 6
    four = scripts["complaint-four-stage"]
    assert [s.title for s in four.stages] == ["受理", "解释澄清", "提出方案", "回访"]
    # polite repetition loops are limited and lead to escalation
    rep = scripts["polite-repetition"].step("repeat-loop")
    assert rep.repeat is not None and rep.repeat.then == "offer-escalation"


def test_every_shipped_script_can_be_walked_to_the_end():
    scripts = scripts_for_kb(load_kb(REPO / "knowledge"))
    for script in scripts.values():
        run = ScriptRun(script, clock=Clock())
        for _ in range(100):  # always take the first option: must terminate
            if run.choose(1) is None:
                break
        assert not run.running and run.summary().status == "finished", script.id


def test_transitions_path_choices_and_options():
    clock = Clock()
    run = ScriptRun(script_from(LOOP), clock=clock)
    assert run.current.id == "start"
    assert [(o.key, o.label) for o in run.options()] == [(1, "缓和"), (2, "坚持")]
    assert run.choose(2).id == "repeat"
    assert run.options()[2].escalate is True
    run.choose(1)
    assert run.current.id == "offer"
    assert [o.label for o in run.options()] == [NEXT_LABEL]
    run.choose(1)
    assert [o.label for o in run.options()] == [FINISH_LABEL]
    assert run.options()[0].goto == END
    assert run.choose(1) is None
    s = run.summary()
    assert s.status == "finished" and s.path == ["start", "repeat", "offer", "done"]
    assert [c.label for c in s.choices] == ["坚持", "接受", NEXT_LABEL, FINISH_LABEL]
    assert s.escalated is False
    assert s.techniques == ["倾听", "礼貌重复"]
    with pytest.raises(ScriptError):
        run.choose(1)


def test_bad_option_number_is_refused():
    run = ScriptRun(script_from(LOOP), clock=Clock())
    with pytest.raises(ScriptError):
        run.choose(3)
    with pytest.raises(ScriptError):
        run.choose(0)
    assert run.current.id == "start" and run.choices == []


def test_repeat_limit_redirects_to_escalation():
    run = ScriptRun(script_from(LOOP), clock=Clock())
    run.choose_label("坚持")  # visit 1
    assert run.visits_left() == 2
    run.choose_label("仍然坚持")  # visit 2
    run.choose_label("仍然坚持")  # visit 3
    assert run.current.id == "repeat" and run.visits_left() == 0
    step = run.choose_label("仍然坚持")  # a 4th would exceed max 3
    assert step.id == "escalate"
    s = run.summary()
    assert s.choices[-1].redirected_to == "escalate"
    assert s.loops == {"repeat": 3}
    assert s.escalated is True  # the escalate step marks the run
    assert "口径一致" in s.techniques


def test_escalating_branch_marks_the_run():
    run = ScriptRun(script_from(LOOP), clock=Clock())
    run.choose_label("坚持")
    run.choose_label("要求升级")
    assert run.escalated


def test_stage_times_accumulate_per_stage():
    clock = Clock()
    run = ScriptRun(script_from(LOOP), clock=clock)
    clock.tick(10)
    run.choose_label("坚持")  # still stage a
    clock.tick(25)
    assert run.stage_elapsed() == pytest.approx(35)
    run.choose_label("接受")  # stage b
    clock.tick(7)
    assert run.stage_elapsed() == pytest.approx(7)
    run.choose(1)
    clock.tick(3)
    summary = run.finish()
    assert summary.stage_seconds == {"a": 35.0, "b": 10.0}
    assert summary.duration_seconds == pytest.approx(45)
    assert summary.stage_times[0].over_target is True  # 35 s > target 30 s
    assert summary.last_stage == "乙"
    clock.tick(100)  # time after the end never counts
    assert run.summary().duration_seconds == pytest.approx(45)


def test_abandon_keeps_what_happened_and_the_reason():
    clock = Clock()
    run = ScriptRun(script_from(LOOP), clock=clock)
    run.choose_label("坚持")
    clock.tick(12)
    s = run.abandon("客户挂机")
    assert s.status == "abandoned" and not s.finished
    assert s.abandon_reason == "客户挂机"
    assert s.path == ["start", "repeat"]
    assert "中途放弃" in s.text() and "客户挂机" in s.text()
    assert run.abandon("again").abandon_reason == "客户挂机"  # ending twice changes nothing


def test_summary_dict_is_json_and_round_trips():
    run = ScriptRun(script_from(LOOP), clock=Clock())
    run.choose_label("坚持")
    run.choose_label("要求升级")
    data = run.finish().to_dict()
    text = json.dumps(data, ensure_ascii=False)
    back = json.loads(text)
    for key in (
        "script_id",
        "title",
        "path",
        "choices",
        "stage_seconds",
        "techniques",
        "escalated",
        "status",
    ):
        assert key in back
    assert back["script_id"] == "t" and back["title"] == "测试" and back["escalated"] is True
    assert back["choices"][1]["label"] == "要求升级"
    again = RunSummary.from_dict(back)
    assert again.path == ["start", "repeat", "escalate"] and again.choices[1].goto == "escalate"
    assert "已升级处理" in back["text"]


def test_dangling_target_raises_a_clear_error_instead_of_crashing_later():
    broken = LOOP.replace(
        "goto: offer}\n          - {label: 坚持", "goto: nowhere}\n          - {label: 坚持"
    )
    run = ScriptRun(script_from(broken), clock=Clock())
    with pytest.raises(ScriptError, match="nowhere"):
        run.choose(1)


def test_checklist_ticks_land_in_the_summary():
    text = LOOP.replace(
        "        techniques: [倾听]\n",
        "        techniques: [倾听]\n        checklist: [记下原话, 核验身份]\n",
    )
    run = ScriptRun(script_from(text), clock=Clock())
    run.check("记下原话")
    run.check("核验身份")
    run.check("核验身份", done=False)
    with pytest.raises(ScriptError):
        run.check("不存在的项")
    assert run.finish().to_dict()["checklist"] == {"start": ["记下原话"]}


# --- issue 14 item 5: hand-overs, classification, the new scripts -------------------------------

HANDOFF = """
id: h
title: 交接测试
anytime:
  - {label: 扬言投诉, goto: "script:other"}
stages:
  - id: a
    title: 甲
    steps:
      - id: start
        title: 开始
        branches:
          - {label: 事务型, goto: done, classify: 事务型}
          - {label: 态度型, goto: done, classify: 态度型}
      - id: done
        title: 结束
        end: true
"""


def test_anytime_options_follow_the_steps_own_and_hand_the_call_over():
    run = ScriptRun(script_from(HANDOFF), clock=Clock())
    assert [o.label for o in run.options()] == ["事务型", "态度型", "扬言投诉"]
    assert run.choose(3) is None
    s = run.summary()
    assert s.status == "finished" and s.handoff == "other"
    assert s.choices[-1].label == "扬言投诉" and "转入脚本：other" in s.text()
    # on a plain next / finish step the anytime option comes after 下一步 / 完成
    run = ScriptRun(script_from(HANDOFF), clock=Clock())
    run.choose(1)
    assert [o.label for o in run.options()] == [FINISH_LABEL, "扬言投诉"]


def test_a_classifying_branch_lands_in_the_summary_for_the_note():
    run = ScriptRun(script_from(HANDOFF), clock=Clock())
    run.choose(2)
    run.choose(1)
    s = run.summary()
    assert s.complaint_type == "态度型" and "投诉分类：态度型" in s.text()
    assert type(s).from_dict(s.to_dict()).complaint_type == "态度型"
    plain = ScriptRun(script_from(LOOP), clock=Clock())
    plain.finish()
    assert plain.summary().complaint_type == "" and "投诉分类" not in plain.summary().text()


def test_lint_rejects_unknown_hand_overs_and_classes(tmp_path):
    from agent_assist.scripts import lint_scripts_folder

    (tmp_path / "h.yaml").write_text(
        HANDOFF.replace("classify: 态度型", "classify: 脾气型"), "utf-8"
    )
    _, problems = lint_scripts_folder(tmp_path)
    messages = [p.message for p in problems]
    assert any("unknown script 'other'" in m for m in messages), messages
    assert any("脾气型" in m for m in messages), messages


def test_shipped_scripts_cover_fraud_distress_elderly_abuse_and_opinions():
    scripts = load_scripts(REPO / "knowledge" / "scripts")
    assert len(scripts) >= 11
    assert {"fraud-victim", "distress-caller", "elderly-caller", "abusive-caller"} <= set(scripts)
    # any script can hand a threat over to escalation-threat
    for sid, script in scripts.items():
        if sid != "escalation-threat":
            targets = {b.goto for b in script.anytime}
            assert "script:escalation-threat" in targets, sid
        if sid != "abusive-caller" and sid != "distress-caller":
            assert "script:distress-caller" in {b.goto for b in script.anytime}, sid
    # a fraud victim is not asked what they already tried: the first step is about the money
    fraud = scripts["fraud-victim"]
    first = fraud.step(fraud.first_step)
    assert "other.what-tried" not in first.say and "转" in first.title
    assert "fraud.stop-loss" in fraud.step("police-bank").say
    # distress: self-harm words lead to a safety question and a hand-over to the supervisor
    distress = scripts["distress-caller"]
    assert {b.goto for b in distress.step("stay").branches} >= {"ask-safety"}
    assert all(distress.step(s).escalate for s in ("emergency", "hotline"))
    # escalation-threat: an appeal already filed and media / lawyers go to the supervisor
    threat = scripts["escalation-threat"]
    assert {"appeal-filed", "media-lawyer"} <= {b.goto for b in threat.step("core").branches}
    assert threat.step("appeal-filed").escalate and threat.step("media-lawyer").escalate
    # follow-up: who answered, no answer, backup number
    follow = scripts["followup-call"]
    labels = [b.label for b in follow.step("greet").branches]
    assert any("其他人" in x for x in labels) and any("无人接听" in x for x in labels)
    assert "greet" in {b.goto for b in follow.step("no-answer").branches}
    # the four-stage script classifies as a step, 意见型 has its own path
    four = scripts["complaint-four-stage"]
    kinds = {b.complaint_type: b.goto for b in four.step("classify").branches}
    assert set(kinds) == {"事务型", "态度型", "意见型"} and kinds["意见型"] == "opinion"


def test_walking_the_four_stage_script_records_the_complaint_type():
    scripts = load_scripts(REPO / "knowledge" / "scripts")
    run = ScriptRun(scripts["complaint-four-stage"], clock=Clock())
    run.choose_label("情绪平稳，可以核实")
    run.choose_label("核验通过")
    run.choose_label("意见型（对规则或政策有意见）")
    assert run.current.id == "opinion"
    assert run.finish().complaint_type == "意见型"
