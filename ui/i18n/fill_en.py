#!/usr/bin/env python3
"""Refresh the English translation: lupdate → fill from the glossary → lrelease.

Chinese (zh_CN) is the source language in the code; ``agent_assist_en.ts`` is the English
catalogue Qt Linguist can edit. This script (re)extracts every ``tr()`` / ``translate()`` string
from ``agent_assist/gui``, fills entries that have no translation yet from ``EN`` below (an
existing translation — e.g. one improved in Linguist — is never overwritten), compiles the .qm
and lists what is still untranslated (exit 1 if anything is).

usage:  python ui/i18n/fill_en.py            (from the repository root)
        python ui/i18n/fill_en.py --check    (CI: exit 1 if anything is missing or stale)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
TS = HERE / "agent_assist_en.ts"
QM = HERE / "agent_assist_en.qm"

EN: dict[str, str] = {
    # key facts block (quick card)
    "关键信息": "Key facts",
    "费用": "Fee",
    "时限": "Time limit",
    "证件材料": "Documents",
    "办理渠道": "Channel",
    "身份核验": "Identity check",
    "待本中心填写": "to be filled in by your centre",
    "全部 (%1)": "All (%1)",
    "收起": "Less",
    # tiers, categories, feedback kinds, ratings
    "已掌握": "Known",
    "不确定": "Unsure",
    "未掌握": "Not learned",
    "全部": "All",
    "咨询": "Info",
    "查询": "Lookup",
    "办理": "Service",
    "投诉": "Complaint",
    "内容错误": "Wrong",
    "已过时": "Outdated",
    "不清楚": "Unclear",
    "缺少流程": "Missing process",
    "重来": "Again",
    "困难": "Hard",
    "良好": "Good",
    "简单": "Easy",
    # main window
    "坐席助手": "Agent Assist",
    "有一个面板没能打开：%1": "A panel could not be opened: %1",
    "流程": "Process",
    "脚本": "Script",
    "记录": "Note",
    "历史": "History",
    "回访": "Follow-ups",
    "学习": "Study",
    "报表": "Reports",
    "通话模式 (F9)": "Call mode (F9)",
    "小窗置顶：只留搜索和速查卡 (F9)": "Small window on top: just search and the quick card (F9)",
    "新通话": "New call",
    "清空本次通话的上下文，开始下一通 (Ctrl+Shift+N)": "Clear this call's context and start the next one (Ctrl+Shift+N)",
    "设置": "Settings",
    "我的话术": "My phrases",
    "快捷键": "Shortcuts",
    "退出": "Quit",
    "文件": "File",
    "视图": "View",
    "话术脚本": "Scripts",
    "帮助": "Help",
    "话术脚本模块不可用": "The scripts module is not available",
    "（没有可用的脚本）": "(no scripts available)",
    "回到搜索框": "Back to the search box",
    "选择并打开流程": "Choose and open a process",
    "类别：全部/咨询/查询/办理/投诉": "Category: all / info / lookup / service / complaint",
    "设为 已掌握 / 不确定 / 未掌握": "Set known / unsure / not learned",
    "从流程页回到搜索": "From the process back to search",
    "通话模式（小窗置顶）": "Call mode (small window on top)",
    "切换标签页": "Switch tabs",
    "学习页": "Study tab",
    "空格 显示答案，1–4 评分": "Space shows the answer, 1–4 rate it",
    # call mode
    "坐席助手 · 通话模式": "Agent Assist · Call mode",
    "返回主窗口 (F9)": "Back to main window (F9)",
    "Ctrl+K 搜索 · Enter 打开 · 1/2/3 设掌握程度": "Ctrl+K search · Enter open · 1/2/3 set how well you know it",
    # process view and rendering
    "相关流程": "Related processes",
    "维护：": "Owner: ",
    "更新：": "Updated: ",
    "步骤": "Steps",
    "常见追问": "Follow-up questions",
    "注意事项": "Notes",
    "客户常这样说：": "Customers say: ",
    "关键词：": "Keywords: ",
    "您已掌握这个流程。": "You know this process.",
    "展开全文": "Show the full text",
    "我的掌握程度：": "How well I know it:",
    "按 %1 键设为「%2」": "Press %1 to set “%2”",
    "改为「不确定」": "Change to “Unsure”",
    "不用了": "No thanks",
    "✓ 已学会，标记为「已掌握」": "✓ Learned — mark as “Known”",
    "反馈给知识库维护人：": "Tell the KB owners:",
    "补充说明（可选），再点左侧按钮": "Comment (optional), then click a button on the left",
    "在左侧搜索并按 Enter 打开流程。\n\n不确定的流程显示速查卡，未掌握的显示完整学习页。": "Search on the left and press Enter to open a process.\n\n"
    "Unsure processes open as a quick card, ones you haven't learned as the full learning page.",
    "只看速查卡": "Quick card only",
    "显示全文": "Full text",
    "▶ 开始话术脚本": "▶ Start the guided script",
    "推荐脚本：%1": "Recommended script: %1",
    "最近 7 天您已多次（3 次以上）查看这个流程，要把它改为「不确定」，以后直接显示速查卡吗？": "You opened this process 3 or more times in the last 7 days. Change it to “Unsure” so it opens as a quick card?",
    "已记录「%1」反馈，谢谢！知识库维护人会看到。": "Feedback “%1” recorded, thank you! The KB owners will see it.",
    # profile dialog
    "欢迎使用坐席助手": "Welcome to Agent Assist",
    "请填写您的姓名和工号。掌握程度、学习进度和记录都按工号保存；话术里的 {工号} 也会自动填好。可以跳过，之后在「设置」里修改。": "Please enter your name and agent number. Your knowledge tiers, study progress and notes are kept "
    "per agent number, and {工号} in phrases is filled in for you. You can skip this and change it later in Settings.",
    "姓名": "Name",
    "工号": "Agent no.",
    "例如：王芳": "e.g. Wang Fang",
    "例如：10086123": "e.g. 10086123",
    "保存": "Save",
    "跳过": "Skip",
    "请至少填写姓名或工号，或者点「跳过」。": "Enter at least a name or an agent number, or click “Skip”.",
    "工号只能包含字母和数字，例如 10086123。": "The agent number may contain only letters and digits, e.g. 10086123.",
    # search panel
    "搜索流程：关键词、客户原话或拼音首字母  (Ctrl+K)": "Search processes: keywords, the customer's words or pinyin initials  (Ctrl+K)",
    "只看「%1」类流程 (Alt+%2)": "Only “%1” processes (Alt+%2)",
    "全部类别 (Alt+%2)": "All categories (Alt+%2)",
    "已掌握 {n} 项": "{n} known",
    "已掌握 {n} 项：{titles}": "{n} known: {titles}",
    "正在准备索引…": "Preparing the index…",
    "%1 条结果": "%1 results",
    "（其中已掌握 %1 项已折叠）": " (%1 known, folded)",
    "没有找到。试试客户的原话、同义词或拼音首字母；也可以在流程页反馈「缺少流程」。": "Nothing found. Try the customer's own words, a synonym or pinyin initials — or report a missing process.",
    "搜索出错：%1": "Search failed: %1",
    "最近使用": "Recently used",
    "常用": "Most used",
    "输入即可搜索；↑/↓ 选择，Enter 打开": "Type to search; ↑/↓ to choose, Enter to open",
    "输入即可搜索：关键词、客户原话或拼音首字母。↑/↓ 选择，Enter 打开": "Type to search: keywords, the customer's words or pinyin initials. ↑/↓ to choose, Enter to open",
    # settings
    "知识库文件夹": "Knowledge base folder",
    "选择…": "Choose…",
    "重新索引": "Re-index",
    "坐席信息": "Agent",
    "外观与语言": "Appearance and language",
    "浅色": "Light",
    "深色": "Dark",
    "主题": "Theme",
    "字号": "Font size",
    "界面语言": "Language",
    "当前：%1 个流程": "Now: %1 processes",
    "「%1」不是一个文件夹，请重新选择。": "“%1” is not a folder; please choose another.",
    "选择知识库文件夹": "Choose the knowledge base folder",
    "「%1」里没有 .md 流程文件。": "“%1” contains no .md process files.",
    "「%1」里没有流程文件（带 front matter 的 .md），仍使用原来的知识库。": "“%1” contains no process files (.md with front matter); still using the current knowledge base.",
    "正在索引 %1 … 可以继续使用，完成后自动切换。": "Indexing %1 … keep working; the app switches over when done.",
    "完成：%1 个流程": "Done: %1 processes",
    "；%1 个文件有问题被跳过（例如 %2）": "; %1 files with problems were skipped (e.g. %2)",
    "索引失败：%1": "Indexing failed: %1",
    # study
    "学习：未掌握和不确定的流程，按遗忘规律安排复习": "Study: processes you haven't learned or are unsure of, spaced to beat forgetting",
    "显示答案（空格）": "Show answer (Space)",
    "标记为「已掌握」": "Mark as “Known”",
    "暂不": "Not now",
    "现在没有要复习的卡片。\n\n把流程标为「未掌握」或「不确定」，它就会进入学习队列；通话间隙再来看看。": "No cards to review right now.\n\nMark a process “Not learned” or “Unsure” and it joins the study queue; "
    "come back between calls.",
    "待复习 %1 张": "%1 cards due",
    "您已多次顺利回忆「%1」，要把它标记为「已掌握」吗？": "You recalled “%1” well several times. Mark it as “Known”?",
    # status bar
    "待复习 %1": "%1 to study",
    "学习页里待复习的卡片（通话间隙再看）": "Study cards due (look between calls)",
    "回访 %1": "Follow-ups %1",
    "（逾期 %1）": " (%1 overdue)",
    "坐席：%1": "Agent: %1",
    "未登记坐席": "No agent signed in",
    "正在建立索引…": "Building the index…",
    "知识库：%1 个流程": "Knowledge base: %1 processes",
    "正在建立索引 %1/%2": "Building the index %1/%2",
    "%1 个知识库文件有问题，已跳过（运行 agent-assist lint-kb 查看）": "%1 knowledge files have problems and were skipped (run agent-assist lint-kb)",
    "反馈「缺少流程」：告诉知识库维护人这次没搜到": "Report a missing process: tell the KB owners this search found nothing",
    "没有找到。试试客户的原话、同义词或拼音首字母。": "Nothing found. Try the customer's own words, a synonym or pinyin initials.",
    "已反馈缺少流程：“%1”。谢谢！": "Reported as missing: “%1”. Thank you!",
    # --- panels of the notes and phrases/scripts modules ---
    "已完成": "Done",
    "%1天": "%1 d",
    "%1小时": "%1 h",
    "%1分钟": "%1 min",
    "逾期 %1": "overdue %1",
    "剩 %1": "%1 left",
    "原因代码帕累托": "Reason-code Pareto",
    "次数": "Count",
    "累计占比 %": "Cumulative %",
    "代码（悬停看名称）": "Code (hover for the name)",
    "情绪变化：开始 → 结束": "Emotion: start → end",
    "结束：": "End: ",
    "开始：": "Start: ",
    "其他部门导致的来电": "Calls caused by other departments",
    "本部门/无 %1": "Ours/none %1",
    "各原因成本（元，每分钟 %1 元）": "Cost per reason (CNY, %1 CNY per minute)",
    "成本": "Cost",
    "修正小结 #%1": "Amend note #%1",
    "为什么修正，如“复听录音后更正情绪”": "Why the amendment, e.g. “emotion corrected after listening to the recording”",
    "修正人工号": "Amended by (agent no.)",
    "修正原因": "Reason for the amendment",
    "修正人 *": "Amended by *",
    "原记录不会被覆盖：每处修改都会记下原值、修正人和时间。": "The original is never overwritten: every change keeps the old value, who changed it and when.",
    "保存修正 (Ctrl+Enter)": "Save amendment (Ctrl+Enter)",
    "没有修改任何内容。": "Nothing was changed.",
    "待回访 %1 个": "%1 follow-ups open",
    "，其中 %1 个已逾期": ", %1 overdue",
    "话术编辑器不可用": "The phrase editor is not available",
    "草稿已自动保存 %1": "Draft saved automatically %1",
    "有 %1 项需要修改：": "%1 fields need fixing:",
    "已提交小结 #%1": "Note #%1 submitted",
    "有未提交的小结草稿（%1，%2）。": "There is an unsubmitted note draft (%1, %2).",
    "共 %1 份。": "%1 in total.",
    "（本次通话未使用引导脚本）": "(no guided script used in this call)",
    "%1 步": "%1 steps",
    "已升级": "Escalated",
    "未完成": "Not finished",
    "全部坐席": "All agents",
    "重复%1次": "repeat ×%1",
    "是": "Yes",
    "否": "No",
    "已修正 %1 次": "amended %1×",
    "共 %1 条，显示 %2 条": "%1 in total, showing %2",
    "快捷码": "Shortcut",
    "名称": "Name",
    "阶段": "Stage",
    "内容": "Text",
    "如 wj（输入 /wj 调出）": "e.g. wj (type /wj to insert)",
    "列表里显示的短名，可不填": "Short name shown in the list (optional)",
    "可用占位符：{称呼} {工号} {时限} {日期} …": "Placeholders: {称呼} {工号} {时限} {日期} …",
    "说能做什么，少用“不能、没办法”；承诺要带时限。波浪线处悬停可看建议。": "Say what you can do, avoid “can't / no way”; give every promise a time. Hover a wavy underline for a suggestion.",
    "新建": "New",
    "删除": "Delete",
    "有 {0} 处语气提示（见上方列表）。修改后保存，或再点一次“仍然保存”。": "{0} tone hints (see the list above). Fix and save, or click “Save anyway” again.",
    "仍然保存": "Save anyway",
    "输入快捷码、拼音首字母或关键词": "Type a shortcut, pinyin initials or a keyword",
    "Enter 插入 · Tab 插入后填写占位符 · Ctrl+E 先编辑 · Ctrl+Shift+C 复制 · Esc 关闭": "Enter insert · Tab insert and fill placeholders · Ctrl+E edit first · Ctrl+Shift+C copy · Esc close",
    "没有匹配的话术": "No matching phrase",
    "插入": "Insert",
    "复制": "Copy",
    "（我的）": "(mine)",
    "输入编号，空格分隔，如 3 12": "Type code numbers separated by spaces, e.g. 3 12",
    "客户常说：": "Customers say: ",
    "已选：": "Selected: ",
    "正在计算…": "Computing…",
    "报表计算失败：%1": "Report failed: %1",
    "共 %1 通来电 · 计算 %2 毫秒": "%1 calls · computed in %2 ms",
    "开始": "Start",
    "建议话术（点击插入下方草稿，右键复制）": "Suggested phrases (click to insert into the draft below, right-click to copy)",
    "检查项": "Checklist",
    "草稿（可输入 / 调出话术，Tab 填写占位符）": "Draft (type / for phrases, Tab fills placeholders)",
    "完成": "Finish",
    "放弃": "Abandon",
    "放弃原因（可不填）": "Why abandoned (optional)",
    "找不到话术脚本 {0}": "Script {0} not found",
    "切换到其他脚本": "Switch to another script",
    "通话已结束": "Call ended",
    "选择一个话术脚本开始，或在流程页点“推荐脚本”": "Choose a script to start, or click “Recommended script” on a process",
    "第 {0}/{1} 次": "attempt {0}/{1}",
    "点击插入草稿；右键复制到剪贴板": "Click to insert into the draft; right-click to copy",
    "（升级）": "(escalation)",
    "本阶段 {0}": "This stage {0}",
    "{0}：“{1}” → {2}": "{0}: “{1}” → {2}",
    # team mode (issue 11): status bar, Reports scope, 团队回访
    "团队同步出错": "Team sync error",
    "离线": "Offline",
    "待同步 %1": "%1 to sync",
    "已同步": "Synced",
    "上次错误：%1": "Last error: %1",
    "%1 条被服务器拒绝，保留在本机（agent-assist team status 查看）": "%1 refused by the server, kept on this PC (see agent-assist team status)",
    "上次同步：%1": "Last sync: %1",
    "从未": "never",
    "我的": "Mine",
    "团队": "Team",
    "团队：由团队服务器统计（组长看本组，知识库负责人看全中心的搜索）": "Team: computed by the team server (leads see their team, KB owners the whole centre's searches)",
    "团队回访": "Team follow-ups",
    "客户": "Customer",
    "电话": "Phone",
    "原话": "Customer's words",
    "负责": "Assigned to",
    "从服务器刷新": "Refresh from server",
    "改派…": "Reassign…",
    "我（同事 %1 的）": "Me (colleague %1's)",
    "指派给我 %1 · 团队逾期 %2": "Assigned to me %1 · team overdue %2",
    "正在从团队服务器刷新…": "Refreshing from the team server…",
    "刷新失败：%1": "Refresh failed: %1",
    "改派回访": "Reassign follow-up",
    "改派给（同组坐席工号）：": "Reassign to (agent no. in the same team):",
    "记录回访结果…": "Record call-back…",
    "请先选中一条指派给我的回访": "Select a follow-up assigned to you first",
    "回访结果": "Call-back outcome",
    "回访结果：": "Outcome:",
    "输入即可搜索：关键词、客户原话或拼音首字母，例如“话费”“携号转网”“kd”。↑/↓ 选择，Enter 打开。最近使用和常用的流程会显示在这里。": "Type to search: keywords, the customer's own words or pinyin initials (e.g. “kd” for broadband). ↑/↓ to choose, Enter to open. Your recent and most used processes will show here.",
    "处理阶段": "Stage",
    "来电开始": "Call started",
    "来电结束": "Call ended",
    "客户姓名": "Customer name",
    "开始情绪": "Emotion at the start",
    "结束情绪": "Emotion at the end",
    "之前来电次数": "Earlier calls",
    "责任部门": "Department at fault",
    "客户接受方案": "Customer accepted the solution",
    "本次解决": "Resolved on the call",
    "升级/转接给": "Escalated/transferred to",
    "承诺回复时限": "Promised reply by",
    "对客户": "For the customer",
    "对公司": "For the company",
    "处理时长(分钟)": "Handling time (min)",
    "引导脚本记录": "Guided script runs",
    # --- issue 9: note form, history, follow-ups, reports, note choices ---
    "显示已完成": "Show done",
    "状态": "Status",
    "客户原话": "Customer's words",
    "坐席": "Agent",
    "回访结果，如“已退费30元，客户确认到账”": "Outcome, e.g. “refunded 30 CNY, customer confirmed”",
    "客户未评价": "Not rated",
    "完成回访": "Close follow-up",
    "满意度": "Satisfaction",
    "平静": "Calm",
    "焦虑": "Anxious",
    "不满": "Unhappy",
    "愤怒": "Angry",
    "受理": "Taking the call",
    "解释澄清": "Explaining",
    "提出方案": "Offering a solution",
    "事务型": "Service issue",
    "态度型": "Attitude",
    "意见型": "Suggestion",
    "价值": "Value",
    "烦扰": "Irritant",
    "很不满意": "Very unhappy",
    "不满意": "Unhappy",
    "一般": "Neutral",
    "满意": "Satisfied",
    "很满意": "Very satisfied",
    "双方有价值：做好、做简单": "Value for both: do it well, make it easy",
    "客户有价值、公司烦扰：改流程降成本": "Customer value, company irritant: change the process, cut cost",
    "客户烦扰、公司有价值：主动推送/自助": "Customer irritant, company value: push it proactively / self-service",
    "双方烦扰：消除根源": "Irritant for both: remove the root cause",
    "问候": "Greeting",
    "情绪安抚": "Calming",
    "致歉": "Apology",
    "解释说明": "Explanation",
    "提供方案": "Options",
    "礼貌重复": "Polite repeat",
    "升级转接": "Escalation",
    "结束语": "Closing",
    "等待与转接": "Hold and transfer",
    "其他": "Other",
    "客户原话：具体发生了什么，如“充了100元两小时还没到账”": "The customer's words: what happened, e.g. “topped up 100 CNY two hours ago, still not there”",
    "如 王先生": "e.g. Mr Wang",
    "电话：手机或带区号的固话": "Phone: mobile or landline with area code",
    "开始时…": "At the start…",
    "结束时…": "At the end…",
    "非投诉": "Not a complaint",
    "重复来电": "Repeat call",
    " 次": " ×",
    "其他部门导致": "Caused by another department",
    "哪个部门，如 营业厅": "Which department, e.g. 营业厅",
    "处理到…": "Reached…",
    "给客户的具体方案：做什么、多久": "The solution offered: what, and by when",
    "未提出方案": "No solution offered",
    "客户接受": "Customer accepted",
    "客户不接受": "Customer declined",
    "本次已解决": "Resolved on this call",
    "升级/转接": "Escalated/transferred",
    "转给谁，如 值班长": "To whom, e.g. 值班长",
    "承诺回复时限：24小时内、3个工作日、明天下午 或 2026-11-25 18:00": "Promised reply by: 24h, 3 working days, tomorrow afternoon or 2026-11-25 18:00",
    "对客户：未评估": "For the customer: not rated",
    "对公司：未评估": "For the company: not rated",
    "留空按通话时间自动计算": "Leave empty to use the call time",
    "坐席姓名": "Agent name",
    "备注：补充信息，可用 / 调出常用语": "Notes: anything else; type / for phrases",
    "客户原话 *": "Customer's words *",
    "原因代码 *": "Reason codes *",
    "客户 / 电话": "Customer / phone",
    "情绪 *": "Emotion *",
    "投诉类型": "Complaint type",
    "来电": "Calls",
    "责任": "Cause",
    "处理阶段 *": "Stage *",
    "解决方案": "Solution",
    "结果": "Outcome",
    "升级": "Escalation",
    "回复时限": "Reply by",
    "价值/烦扰": "Value/irritant",
    "处理时长": "Handling time",
    "备注": "Notes",
    "坐席 *": "Agent *",
    "恢复草稿 (Alt+R)": "Restore draft (Alt+R)",
    "丢弃": "Discard",
    "引导脚本": "Guided scripts",
    "提交小结 (Ctrl+Enter)": "Submit note (Ctrl+Enter)",
    "搜索客户原话、方案、备注、姓名或电话": "Search the customer's words, solutions, notes, names or phones",
    "起：不限": "From: any",
    "止：不限": "To: any",
    "加载更多": "Load more",
    "修正…": "Amend…",
    "时间": "Time",
    "原因代码": "Reason codes",
    "情绪": "Emotion",
    "重复": "Repeat",
    "解决": "Resolved",
    "全部代码": "All codes",
    "全部情绪": "All emotions",
    "首次+重复": "First + repeat",
    "仅首次来电": "First calls only",
    "仅重复来电": "Repeat calls only",
    "是，之前%1次": "Yes, %1 before",
    "接受": "Accepted",
    "不接受": "Declined",
    "已回访：%1（满意度 %2）": "Followed up: %1 (satisfaction %2)",
    "待回访，时限 %1": "Follow-up due %1",
    "修正记录": "Amendments",
    "刷新 (F5)": "Refresh (F5)",
    "近7天": "Last 7 days",
    "近30天": "Last 30 days",
    "每分钟成本": "Cost per minute",
    " 元/分钟": " CNY/min",
    "坐席每分钟的人力成本，用于“各原因成本”；保存后命令行报表也使用它": "An agent minute's cost, used for “cost per reason”; the command-line report uses it too once saved",
    "客户 \\ 公司": "Customer \\ company",
    "对公司：": "Company: ",
    "对客户：": "Customer: ",
    "价值/烦扰矩阵（每个原因归入多数评价所在的格子）": "Value/irritant matrix (each reason in the cell most of its ratings fall in)",
    "概览": "Overview",
    "原因帕累托": "Reason Pareto",
    "情绪变化": "Emotions",
    "其他部门": "Other departments",
    "重复来电率": "Repeat-call rate",
    "首次来电解决率": "First-call resolution",
    "本次解决率": "Resolved on the call",
    "情绪好转/不变/变差": "Emotion better/same/worse",
    "平均处理时长": "Average handling time",
    "%1 分钟": "%1 min",
    "总成本": "Total cost",
    "%1 元": "%1 CNY",
    "回访 未完成/逾期": "Follow-ups open/overdue",
    "回访平均满意度": "Follow-up satisfaction (avg.)",
    # store-hardening (issue 8): damaged database at start-up, full disk at submit, bad rows
    "数据库已损坏": "The database is damaged",
    "可以把这个文件移到一旁（改名为 %1.corrupt-日期时间，不会删除，技术人员还可以从中恢复），然后用一个新的空数据库开始。": "The file can be moved aside (renamed %1.corrupt-date-time, never deleted; support can still recover data from it) and the app started with a new, empty database.",
    "移到一旁并重新开始": "Move aside and start fresh",
    "无法打开数据库": "Cannot open the database",
    "草稿暂时无法保存（%1），内容仍在表单里。": "The draft cannot be saved right now (%1); everything is still in the form.",
    "小结还没有保存：%1。内容仍在表单里，请稍后再点提交。": "The note is not saved yet: %1. Everything is still in the form; click Submit again in a moment.",
    "提交失败，小结未保存": "Submit failed, note not saved",
    "；%1 条记录已损坏，无法显示": "; %1 damaged records cannot be shown",
    # process / study views: hostile KB content (issue 8 items 2, 8)
    "内容过大，已截断：只显示了前面的部分。请联系知识库维护人。": "Content too large, truncated: only the first part is shown. Please tell the KB owner.",
    "这个流程无法显示，请反馈给知识库维护人。": "This process can't be shown. Please report it to the KB owner.",
    "图片未显示": "Image not shown",
    # note-flow (issue 9 items 5-7): script path in History, switching scripts, tone help,
    # placeholders
    "中途放弃": "Abandoned",
    "未结束": "Not ended",
    "用时 %1": "took %1",
    "未升级": "Not escalated",
    "用时": "Time",
    "步骤与客户反应": "Steps and the customer's reactions",
    "使用技巧": "Techniques",
    "开始另一个脚本": "Start another script",
    "《%1》还没有走完。要把它的记录附在小结里吗？": "“%1” is not finished. Attach its record to the note?",
    "保留：记为中途放弃并附在小结里；丢弃：不记入小结。": "Keep: recorded as abandoned and attached to the note. Discard: not recorded.",
    "保留记录": "Keep record",
    "丢弃记录": "Discard record",
    "取消": "Cancel",
    "已丢弃": "Discarded",
    "上一个脚本的记录已丢弃，未记入小结。": "The previous script's record was discarded and is not in the note.",
    "例如：{0}": "e.g. {0}",
    "采用改写": "Use rewrite",
    "用建议的说法替换这句话": "Replace this sentence with the suggested wording",
    "改为": "Say instead",
    "语气提示": "Tone check",
    "还有 %1 处语气提示没有处理：": "%1 tone finding(s) still open:",
    "可以返回采用改写，也可以按原文提交（会记录您保留了原措辞）。": "Go back and use the rewrite, or submit as written (the note records that you kept the wording).",
    "返回修改": "Go back",
    "按原文提交": "Submit as written",
    "保留原措辞": "Wording kept",
    "《%1》的记录已附在小结里。要保留吗？": "The record of “%1” is attached to the note. Keep it?",
    "保留：留在小结里；丢弃：从小结里去掉。": "Keep: it stays in the note. Discard: it is taken off the note.",
    # KB releases (gui/release_views.py, gui/release_sync.py)
    "旧：": "Old: ",
    "新：": "New: ",
    "修改 %1 行，新增 %2 行，删除 %3 行": "%1 lines changed, %2 added, %3 removed",
    "已更新": "Updated",
    "确认已解决": "Confirm fixed",
    "仍有问题": "Still wrong",
    "历史版本": "Version history",
    "这个流程在本机出现过的各个版本，可任选两个比较": "Every version of this process seen on this computer; compare any two",
    "本次变化（发布 #%1）：请在学习页复习这张卡片": "What changed (release #%1): review this card in Study",
    "本次变化：您反馈过的流程已更新": "What changed: a process you flagged was updated",
    "本机没有保存旧版本，无法比较": "The old version was not kept on this computer; nothing to compare",
    "您在 %1 反馈：「%2」——更新后问题解决了吗？": "You flagged on %1: “%2” — does the update fix it?",
    "历史版本：%1": "Version history: %1",
    "首次见到": "first seen",
    "比较": "Compare",
    "本机只见过这个流程的一个版本": "Only one version of this process was seen on this computer",
    "两个版本相同": "The two versions are the same",
    "本次更新": "What's new",
    "还没有收到知识库更新": "No KB release received yet",
    "发布 #%1 · %2 · %3": "Release #%1 · %2 · %3",
    "新增 %1 · 修改 %2 · 删除 %3": "%1 added · %2 changed · %3 removed",
    "已更新 · 待复习": "Updated · to review",
    "最近看过": "Opened recently",
    "知识库 #%1": "KB #%1",
    "（%1 个流程已更新，待复习）": " (%1 updated, to review)",
    "本次更新：%1": "What's new: %1",
    "检查知识库更新失败：%1": "Checking for KB updates failed: %1",
    # reports: 搜索分析 (search analytics for KB owners)
    "搜索分析": "Search analytics",
    "导出建议供审核…": "Export suggestions for review…",
    "把建议补充的客户说法写成一个文件，由知识库负责人审核后再写入流程；不会改动知识库": "Write the suggested customer phrases to a file for the KB owner to review before adding them to processes; the KB is not changed",
    "类型": "Kind",
    "搜索说法": "Search wording",
    "改写过程": "Reformulations",
    "最后打开的流程": "Process opened in the end",
    "建议说法": "Suggested phrase",
    "例句": "Examples",
    "失败的搜索": "Failed searches",
    "改写链": "Reformulation chains",
    "建议补充的客户说法": "Suggested customer phrases",
    "无结果": "No result",
    "有结果未打开": "Results, none opened",
    "改写后才找到": "Found after rewording",
    "标记缺少流程": "Flagged missing process",
    "搜索分析计算失败：%1": "Search analytics failed: %1",
    "没有权限：团队搜索分析只对知识库负责人和组长开放。请改看“我的”（本机搜索日志）。": "No permission: team search analytics are for KB owners and team leads. Switch to “Mine” (this PC's search log).",
    "团队搜索分析不可用：%1": "Team search analytics unavailable: %1",
    "本机": "This PC",
    "%1：%2 次搜索": "%1: %2 searches",
    "无结果率 %1": "Zero-result rate %1",
    "打开率 %1": "Open rate %1",
    "平均打开名次 %1": "Mean opened rank %1",
    "平均打开名次：坐席打开的流程在搜索结果中的平均位置（1 = 第一条）": "Mean opened rank: where the process agents opened stood in the results, on average (1 = the first)",
    "选择保存建议文件的文件夹": "Choose a folder for the suggestions file",
    "无法写入 %1：%2": "Cannot write %1: %2",
    "建议已写入 %1（请审核后再改流程；知识库未改动）": "Suggestions written to %1 (review them before changing processes; the KB is unchanged)",
}


def tool(name: str) -> list[str]:
    exe = Path(sys.executable).parent / f"pyside6-{name}"
    if exe.exists():
        return [str(exe)]
    found = shutil.which(f"pyside6-{name}")
    return [found] if found else [sys.executable, "-m", "PySide6.scripts.pyside_tool", name]


def fill(ts_path: Path = TS) -> list[str]:
    """Fill empty translations from EN; return the sources still untranslated."""
    tree = ET.parse(ts_path)
    missing: list[str] = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") in ("obsolete", "vanished"):
            continue
        if translation.text and translation.get("type") != "unfinished":
            continue
        english = EN.get(source)
        if english:
            translation.text = english
            translation.attrib.pop("type", None)
        else:
            translation.set("type", "unfinished")
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


def extract(ts_path: Path) -> None:
    """Every ``tr()`` / ``translate()`` string of agent_assist/gui into ``ts_path`` (lupdate)."""
    sources = sorted(str(p.relative_to(REPO)) for p in (REPO / "agent_assist" / "gui").glob("*.py"))
    subprocess.run(
        [
            *tool("lupdate"),
            "-silent",
            *sources,
            "-ts",
            str(ts_path),
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-no-obsolete",
        ],
        cwd=REPO,
        check=True,
    )


def messages(ts_path: Path) -> set[tuple[str, str, str]]:
    """(context, source, translation) of every message: what the catalogue says, line numbers
    of the source locations aside."""
    out = set()
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out.add((name, message.findtext("source") or "", message.findtext("translation") or ""))
    return out


def check() -> int:
    """The gate for CI: the committed catalogue holds every UI string, each translated, and the
    compiled .qm matches it. Changes nothing in the repository."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / TS.name
        shutil.copy(TS, fresh)
        extract(fresh)
        missing = fill(fresh)
        stale = messages(fresh) != messages(TS)
        qm = Path(tmp) / QM.name
        subprocess.run([*tool("lrelease"), "-silent", str(TS), "-qm", str(qm)], check=True)
        qm_stale = qm.read_bytes() != QM.read_bytes()
    for source in missing:
        print(f"untranslated: {source!r}")
    if stale:
        print(f"{TS.relative_to(REPO)} is out of date: run python ui/i18n/fill_en.py")
    if qm_stale:
        print(f"{QM.relative_to(REPO)} is out of date: run python ui/i18n/fill_en.py")
    if not (missing or stale or qm_stale):
        print(f"translations complete: {len(messages(TS))} strings")
    return 1 if missing or stale or qm_stale else 0


def main() -> int:
    if "--check" in sys.argv[1:]:
        return check()
    extract(TS)
    missing = fill()
    subprocess.run([*tool("lrelease"), str(TS), "-qm", str(QM)], cwd=REPO, check=True)
    for source in missing:
        print(f"untranslated: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
