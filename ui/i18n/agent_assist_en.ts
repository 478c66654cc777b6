<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AmendDialog</name>
    <message>
        <location filename="../../agent_assist/gui/note_amend.py" line="41" />
        <source>修正小结 #%1</source>
        <translation>Amend note #%1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_amend.py" line="63" />
        <source>为什么修正，如“复听录音后更正情绪”</source>
        <translation>Why the amendment, e.g. “emotion corrected after listening to the recording”</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_amend.py" line="66" />
        <source>修正人工号</source>
        <translation>Amended by (agent no.)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_amend.py" line="73" />
        <source>修正原因</source>
        <translation>Reason for the amendment</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_amend.py" line="74" />
        <source>修正人 *</source>
        <translation>Amended by *</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_amend.py" line="76" />
        <source>原记录不会被覆盖：每处修改都会记下原值、修正人和时间。</source>
        <translation>The original is never overwritten: every change keeps the old value, who changed it and when.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_amend.py" line="82" />
        <source>保存修正 (Ctrl+Enter)</source>
        <translation>Save amendment (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_amend.py" line="108" />
        <source>没有修改任何内容。</source>
        <translation>Nothing was changed.</translation>
    </message>
</context>
<context>
    <name>CallModeWindow</name>
    <message>
        <location filename="../../agent_assist/gui/call_mode.py" line="116" />
        <source>坐席助手 · 通话模式</source>
        <translation>Agent Assist · Call mode</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/call_mode.py" line="117" />
        <source>返回主窗口 (F9)</source>
        <translation>Back to main window (F9)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/call_mode.py" line="118" />
        <source>Ctrl+K 搜索 · Enter 打开 · 1/2/3 设掌握程度</source>
        <translation>Ctrl+K search · Enter open · 1/2/3 set how well you know it</translation>
    </message>
</context>
<context>
    <name>DraftBanner</name>
    <message>
        <location filename="../../agent_assist/gui/note_draft_banner.py" line="44" />
        <source>恢复草稿 (Alt+R)</source>
        <translation>Restore draft (Alt+R)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_draft_banner.py" line="46" />
        <source>丢弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_draft_banner.py" line="63" />
        <source>有未提交的小结草稿（%1，%2）。</source>
        <translation>There is an unsubmitted note draft (%1, %2).</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_draft_banner.py" line="68" />
        <source>共 %1 份。</source>
        <translation>%1 in total.</translation>
    </message>
</context>
<context>
    <name>ErrorSummary</name>
    <message>
        <location filename="../../agent_assist/gui/note_summary.py" line="29" />
        <source>有 %1 项需要修改：</source>
        <translation>%1 fields need fixing:</translation>
    </message>
</context>
<context>
    <name>FollowUpPanel</name>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="37" />
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="41" />
        <source>%1天</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="43" />
        <source>%1小时</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="45" />
        <source>%1分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="48" />
        <source>逾期 %1</source>
        <translation>overdue %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="50" />
        <source>剩 %1</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="117" />
        <source>显示已完成</source>
        <translation>Show done</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="120" />
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="121" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="122" />
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="123" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="124" />
        <source>客户原话</source>
        <translation>Customer's words</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="125" />
        <source>坐席</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="128" />
        <source>回访结果，如“已退费30元，客户确认到账”</source>
        <translation>Outcome, e.g. “refunded 30 CNY, customer confirmed”</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="129" />
        <source>客户未评价</source>
        <translation>Not rated</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="133" />
        <source>完成回访</source>
        <translation>Close follow-up</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="134" />
        <source>回访结果</source>
        <translation>Call-back outcome</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="135" />
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="156" />
        <source>待回访 %1 个</source>
        <translation>%1 follow-ups open</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/followups.py" line="158" />
        <source>，其中 %1 个已逾期</source>
        <translation>, %1 overdue</translation>
    </message>
</context>
<context>
    <name>KeyFacts</name>
    <message>
        <location filename="../../agent_assist/gui/key_facts_render.py" line="20" />
        <source>费用</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/key_facts_render.py" line="21" />
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/key_facts_render.py" line="22" />
        <source>证件材料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/key_facts_render.py" line="23" />
        <source>办理渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/key_facts_render.py" line="24" />
        <source>身份核验</source>
        <translation>Identity check</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/key_facts_render.py" line="57" />
        <source>关键信息</source>
        <translation>Key facts</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/key_facts_render.py" line="58" />
        <source>待本中心填写</source>
        <translation>to be filled in by your centre</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/key_facts_render.py" line="72" />
        <source>全部 (%1)</source>
        <translation>All (%1)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/key_facts_render.py" line="75" />
        <source>收起</source>
        <translation>Less</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="17" />
        <source>已掌握</source>
        <translation>Known</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="19" />
        <source>不确定</source>
        <translation>Unsure</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="20" />
        <source>未掌握</source>
        <translation>Not learned</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="25" />
        <location filename="../../agent_assist/gui/labels.py" line="26" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="27" />
        <source>咨询</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="28" />
        <source>查询</source>
        <translation>Lookup</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="29" />
        <source>办理</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="30" />
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="37" />
        <source>内容错误</source>
        <translation>Wrong</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="38" />
        <source>已过时</source>
        <translation>Outdated</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="39" />
        <source>不清楚</source>
        <translation>Unclear</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="40" />
        <source>缺少流程</source>
        <translation>Missing process</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="47" />
        <source>重来</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="48" />
        <source>困难</source>
        <translation>Hard</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="49" />
        <source>良好</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="50" />
        <source>简单</source>
        <translation>Easy</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="61" />
        <source>平静</source>
        <translation>Calm</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="62" />
        <source>焦虑</source>
        <translation>Anxious</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="63" />
        <source>不满</source>
        <translation>Unhappy</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="64" />
        <source>愤怒</source>
        <translation>Angry</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="71" />
        <source>受理</source>
        <translation>Taking the call</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="72" />
        <source>解释澄清</source>
        <translation>Explaining</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="73" />
        <source>提出方案</source>
        <translation>Offering a solution</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="74" />
        <location filename="../../agent_assist/gui/labels.py" line="134" />
        <source>回访</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="81" />
        <source>事务型</source>
        <translation>Service issue</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="82" />
        <source>态度型</source>
        <translation>Attitude</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="83" />
        <source>意见型</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="90" />
        <source>价值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="91" />
        <source>烦扰</source>
        <translation>Irritant</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="98" />
        <source>很不满意</source>
        <translation>Very unhappy</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="99" />
        <source>不满意</source>
        <translation>Unhappy</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="100" />
        <source>一般</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="101" />
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="102" />
        <source>很满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="110" />
        <source>双方有价值：做好、做简单</source>
        <translation>Value for both: do it well, make it easy</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="111" />
        <source>客户有价值、公司烦扰：改流程降成本</source>
        <translation>Customer value, company irritant: change the process, cut cost</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="114" />
        <source>客户烦扰、公司有价值：主动推送/自助</source>
        <translation>Customer irritant, company value: push it proactively / self-service</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="117" />
        <source>双方烦扰：消除根源</source>
        <translation>Irritant for both: remove the root cause</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="125" />
        <source>问候</source>
        <translation>Greeting</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="126" />
        <source>身份核验</source>
        <translation>Identity check</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="127" />
        <source>情绪安抚</source>
        <translation>Calming</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="128" />
        <source>致歉</source>
        <translation>Apology</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="129" />
        <source>解释说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="130" />
        <source>提供方案</source>
        <translation>Options</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="131" />
        <source>礼貌重复</source>
        <translation>Polite repeat</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="132" />
        <source>升级转接</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="133" />
        <source>结束语</source>
        <translation>Closing</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="135" />
        <source>等待与转接</source>
        <translation>Hold and transfer</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="136" />
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="144" />
        <source>来电开始</source>
        <translation>Call started</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="145" />
        <source>来电结束</source>
        <translation>Call ended</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="146" />
        <source>坐席</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="147" />
        <source>工号</source>
        <translation>Agent no.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="148" />
        <source>客户姓名</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="149" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="150" />
        <source>客户原话</source>
        <translation>Customer's words</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="151" />
        <source>原因代码</source>
        <translation>Reason codes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="152" />
        <source>相关流程</source>
        <translation>Related processes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="153" />
        <source>投诉类型</source>
        <translation>Complaint type</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="154" />
        <source>开始情绪</source>
        <translation>Emotion at the start</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="155" />
        <source>结束情绪</source>
        <translation>Emotion at the end</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="156" />
        <source>重复来电</source>
        <translation>Repeat call</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="157" />
        <source>之前来电次数</source>
        <translation>Earlier calls</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="158" />
        <source>其他部门导致</source>
        <translation>Caused by another department</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="159" />
        <source>责任部门</source>
        <translation>Department at fault</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="160" />
        <source>处理阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="161" />
        <source>解决方案</source>
        <translation>Solution</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="162" />
        <source>客户接受方案</source>
        <translation>Customer accepted the solution</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="163" />
        <source>本次解决</source>
        <translation>Resolved on the call</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="164" />
        <source>升级/转接</source>
        <translation>Escalated/transferred</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="165" />
        <source>升级/转接给</source>
        <translation>Escalated/transferred to</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="166" />
        <source>承诺回复时限</source>
        <translation>Promised reply by</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="167" />
        <source>对客户</source>
        <translation>For the customer</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="168" />
        <source>对公司</source>
        <translation>For the company</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="169" />
        <source>处理时长(分钟)</source>
        <translation>Handling time (min)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="170" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="171" />
        <source>引导脚本记录</source>
        <translation>Guided script runs</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="209" />
        <source>坐席助手</source>
        <translation>Agent Assist</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="211" />
        <source>流程</source>
        <translation>Process</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="212" />
        <source>脚本</source>
        <translation>Script</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="213" />
        <source>记录</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="214" />
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="215" />
        <source>回访</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="216" />
        <location filename="../../agent_assist/gui/main_window.py" line="229" />
        <source>学习</source>
        <translation>Study</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="217" />
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="223" />
        <source>通话模式 (F9)</source>
        <translation>Call mode (F9)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="224" />
        <source>小窗置顶：只留搜索和速查卡 (F9)</source>
        <translation>Small window on top: just search and the quick card (F9)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="225" />
        <source>新通话</source>
        <translation>New call</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="226" />
        <source>清空本次通话的上下文，开始下一通 (Ctrl+Shift+N)</source>
        <translation>Clear this call's context and start the next one (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="227" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="228" />
        <location filename="../../agent_assist/gui/main_window.py" line="323" />
        <source>我的话术</source>
        <translation>My phrases</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="230" />
        <source>快捷键</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="231" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="232" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="233" />
        <source>视图</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="234" />
        <source>话术脚本</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="235" />
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="262" />
        <source>话术脚本模块不可用</source>
        <translation>The scripts module is not available</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="271" />
        <source>（没有可用的脚本）</source>
        <translation>(no scripts available)</translation>
    </message>
</context>
<context>
    <name>NoteFields</name>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="114" />
        <source>客户原话：具体发生了什么，如“充了100元两小时还没到账”</source>
        <translation>The customer's words: what happened, e.g. “topped up 100 CNY two hours ago, still not there”</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="116" />
        <source>如 王先生</source>
        <translation>e.g. Mr Wang</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="117" />
        <source>电话：手机或带区号的固话</source>
        <translation>Phone: mobile or landline with area code</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="118" />
        <source>开始时…</source>
        <translation>At the start…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="119" />
        <source>结束时…</source>
        <translation>At the end…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="120" />
        <source>非投诉</source>
        <translation>Not a complaint</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="121" />
        <source>重复来电</source>
        <translation>Repeat call</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="122" />
        <source> 次</source>
        <translation> ×</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="123" />
        <source>其他部门导致</source>
        <translation>Caused by another department</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="124" />
        <source>哪个部门，如 营业厅</source>
        <translation>Which department, e.g. 营业厅</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="125" />
        <source>处理到…</source>
        <translation>Reached…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="126" />
        <source>给客户的具体方案：做什么、多久</source>
        <translation>The solution offered: what, and by when</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="128" />
        <source>未提出方案</source>
        <translation>No solution offered</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="128" />
        <source>客户接受</source>
        <translation>Customer accepted</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="128" />
        <source>客户不接受</source>
        <translation>Customer declined</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="131" />
        <source>本次已解决</source>
        <translation>Resolved on this call</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="132" />
        <source>升级/转接</source>
        <translation>Escalated/transferred</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="133" />
        <source>转给谁，如 值班长</source>
        <translation>To whom, e.g. 值班长</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="135" />
        <source>承诺回复时限：24小时内、3个工作日、明天下午 或 2026-11-25 18:00</source>
        <translation>Promised reply by: 24h, 3 working days, tomorrow afternoon or 2026-11-25 18:00</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="137" />
        <source>对客户：未评估</source>
        <translation>For the customer: not rated</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="138" />
        <source>对公司：未评估</source>
        <translation>For the company: not rated</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="139" />
        <source>留空按通话时间自动计算</source>
        <translation>Leave empty to use the call time</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="140" />
        <source>坐席姓名</source>
        <translation>Agent name</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="141" />
        <source>工号</source>
        <translation>Agent no.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="142" />
        <source>备注：补充信息，可用 / 调出常用语</source>
        <translation>Notes: anything else; type / for phrases</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="144" />
        <source>客户原话 *</source>
        <translation>Customer's words *</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="145" />
        <source>原因代码 *</source>
        <translation>Reason codes *</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="146" />
        <source>客户 / 电话</source>
        <translation>Customer / phone</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="147" />
        <source>情绪 *</source>
        <translation>Emotion *</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="148" />
        <source>投诉类型</source>
        <translation>Complaint type</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="149" />
        <source>来电</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="150" />
        <source>责任</source>
        <translation>Cause</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="151" />
        <source>处理阶段 *</source>
        <translation>Stage *</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="152" />
        <source>解决方案</source>
        <translation>Solution</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="153" />
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="154" />
        <source>升级</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="155" />
        <source>回复时限</source>
        <translation>Reply by</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="156" />
        <source>价值/烦扰</source>
        <translation>Value/irritant</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="157" />
        <source>处理时长</source>
        <translation>Handling time</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="158" />
        <source>相关流程</source>
        <translation>Related processes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="159" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_fields.py" line="160" />
        <source>坐席 *</source>
        <translation>Agent *</translation>
    </message>
</context>
<context>
    <name>NoteForm</name>
    <message>
        <location filename="../../agent_assist/gui/note_form.py" line="152" />
        <source>引导脚本</source>
        <translation>Guided scripts</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_form.py" line="153" />
        <source>提交小结 (Ctrl+Enter)</source>
        <translation>Submit note (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_form.py" line="210" />
        <source>草稿已自动保存 %1</source>
        <translation>Draft saved automatically %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_form.py" line="219" />
        <source>草稿暂时无法保存（%1），内容仍在表单里。</source>
        <translation>The draft cannot be saved right now (%1); everything is still in the form.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_form.py" line="302" />
        <source>小结还没有保存：%1。内容仍在表单里，请稍后再点提交。</source>
        <translation>The note is not saved yet: %1. Everything is still in the form; click Submit again in a moment.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_form.py" line="306" />
        <source>提交失败，小结未保存</source>
        <translation>Submit failed, note not saved</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_form.py" line="312" />
        <source>已提交小结 #%1</source>
        <translation>Note #%1 submitted</translation>
    </message>
</context>
<context>
    <name>NoteHistory</name>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="145" />
        <source>搜索客户原话、方案、备注、姓名或电话</source>
        <translation>Search the customer's words, solutions, notes, names or phones</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="146" />
        <source>起：不限</source>
        <translation>From: any</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="147" />
        <source>止：不限</source>
        <translation>To: any</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="148" />
        <source>修正…</source>
        <translation>Amend…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="151" />
        <location filename="../../agent_assist/gui/note_history.py" line="325" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="152" />
        <location filename="../../agent_assist/gui/note_history.py" line="324" />
        <source>坐席</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="153" />
        <location filename="../../agent_assist/gui/note_history.py" line="291" />
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="154" />
        <source>原因代码</source>
        <translation>Reason codes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="155" />
        <source>客户原话</source>
        <translation>Customer's words</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="156" />
        <location filename="../../agent_assist/gui/note_history.py" line="292" />
        <source>情绪</source>
        <translation>Emotion</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="157" />
        <source>重复</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="158" />
        <source>解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="173" />
        <source>全部代码</source>
        <translation>All codes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="177" />
        <source>全部情绪</source>
        <translation>All emotions</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="182" />
        <source>首次+重复</source>
        <translation>First + repeat</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="183" />
        <source>仅首次来电</source>
        <translation>First calls only</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="184" />
        <source>仅重复来电</source>
        <translation>Repeat calls only</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="197" />
        <source>全部坐席</source>
        <translation>All agents</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="251" />
        <source>重复%1次</source>
        <translation>repeat ×%1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="252" />
        <location filename="../../agent_assist/gui/note_history.py" line="310" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="252" />
        <location filename="../../agent_assist/gui/note_history.py" line="301" />
        <location filename="../../agent_assist/gui/note_history.py" line="310" />
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="259" />
        <source>已修正 %1 次</source>
        <translation>amended %1×</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="264" />
        <source>共 %1 条，显示 %2 条</source>
        <translation>%1 in total, showing %2</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="269" />
        <source>；%1 条记录已损坏，无法显示</source>
        <translation>; %1 damaged records cannot be shown</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="295" />
        <source>非投诉</source>
        <translation>Not a complaint</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="299" />
        <source>是，之前%1次</source>
        <translation>Yes, %1 before</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="308" />
        <source>接受</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="308" />
        <source>不接受</source>
        <translation>Declined</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="314" />
        <source>价值/烦扰</source>
        <translation>Value/irritant</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="321" />
        <source>保留原措辞</source>
        <translation>Wording kept</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="336" />
        <source>已回访：%1（满意度 %2）</source>
        <translation>Followed up: %1 (satisfaction %2)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="340" />
        <source>待回访，时限 %1</source>
        <translation>Follow-up due %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="342" />
        <source>回访</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_history.py" line="346" />
        <source>修正记录</source>
        <translation>Amendments</translation>
    </message>
</context>
<context>
    <name>NoteTone</name>
    <message>
        <location filename="../../agent_assist/gui/note_tone.py" line="58" />
        <source>解决方案</source>
        <translation>Solution</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_tone.py" line="58" />
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_tone.py" line="62" />
        <source>语气提示</source>
        <translation>Tone check</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_tone.py" line="64" />
        <source>还有 %1 处语气提示没有处理：</source>
        <translation>%1 tone finding(s) still open:</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_tone.py" line="67" />
        <source>可以返回采用改写，也可以按原文提交（会记录您保留了原措辞）。</source>
        <translation>Go back and use the rewrite, or submit as written (the note records that you kept the wording).</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_tone.py" line="69" />
        <source>返回修改</source>
        <translation>Go back</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_tone.py" line="70" />
        <source>按原文提交</source>
        <translation>Submit as written</translation>
    </message>
</context>
<context>
    <name>PhraseEditor</name>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="99" />
        <source>我的话术</source>
        <translation>My phrases</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="100" />
        <source>快捷码</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="101" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="102" />
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="103" />
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="104" />
        <source>如 wj（输入 /wj 调出）</source>
        <translation>e.g. wj (type /wj to insert)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="105" />
        <source>列表里显示的短名，可不填</source>
        <translation>Short name shown in the list (optional)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="106" />
        <source>可用占位符：{称呼} {工号} {时限} {日期} …</source>
        <translation>Placeholders: {称呼} {工号} {时限} {日期} …</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="108" />
        <source>说能做什么，少用“不能、没办法”；承诺要带时限。波浪线处悬停可看建议。</source>
        <translation>Say what you can do, avoid “can't / no way”; give every promise a time. Hover a wavy underline for a suggestion.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="113" />
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="114" />
        <location filename="../../agent_assist/gui/phrase_editor.py" line="158" />
        <location filename="../../agent_assist/gui/phrase_editor.py" line="187" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="115" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="166" />
        <source>有 {0} 处语气提示（见上方列表）。修改后保存，或再点一次“仍然保存”。</source>
        <translation>{0} tone hints (see the list above). Fix and save, or click “Save anyway” again.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_editor.py" line="169" />
        <source>仍然保存</source>
        <translation>Save anyway</translation>
    </message>
</context>
<context>
    <name>PhrasePicker</name>
    <message>
        <location filename="../../agent_assist/gui/phrase_picker.py" line="244" />
        <source>例如：{0}</source>
        <translation>e.g. {0}</translation>
    </message>
</context>
<context>
    <name>PhrasePopup</name>
    <message>
        <location filename="../../agent_assist/gui/phrase_popup.py" line="87" />
        <source>输入快捷码、拼音首字母或关键词</source>
        <translation>Type a shortcut, pinyin initials or a keyword</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_popup.py" line="90" />
        <source>Enter 插入 · Tab 插入后填写占位符 · Ctrl+E 先编辑 · Ctrl+Shift+C 复制 · Esc 关闭</source>
        <translation>Enter insert · Tab insert and fill placeholders · Ctrl+E edit first · Ctrl+Shift+C copy · Esc close</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_popup.py" line="93" />
        <source>没有匹配的话术</source>
        <translation>No matching phrase</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_popup.py" line="94" />
        <source>插入</source>
        <translation>Insert</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_popup.py" line="95" />
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/phrase_popup.py" line="108" />
        <source>（我的）</source>
        <translation>(mine)</translation>
    </message>
</context>
<context>
    <name>ProcessFeedback</name>
    <message>
        <location filename="../../agent_assist/gui/process_feedback.py" line="58" />
        <source>反馈给知识库维护人：</source>
        <translation>Tell the KB owners:</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_feedback.py" line="61" />
        <source>补充说明（可选），再点左侧按钮</source>
        <translation>Comment (optional), then click a button on the left</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_feedback.py" line="84" />
        <source>已记录「%1」反馈，谢谢！知识库维护人会看到。</source>
        <translation>Feedback “%1” recorded, thank you! The KB owners will see it.</translation>
    </message>
</context>
<context>
    <name>ProcessRender</name>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="63" />
        <source>内容过大，已截断：只显示了前面的部分。请联系知识库维护人。</source>
        <translation>Content too large, truncated: only the first part is shown. Please tell the KB owner.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="106" />
        <source>这个流程无法显示，请反馈给知识库维护人。</source>
        <translation>This process can't be shown. Please report it to the KB owner.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="202" />
        <source>相关流程</source>
        <translation>Related processes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="211" />
        <source>维护：</source>
        <translation>Owner: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="214" />
        <source>更新：</source>
        <translation>Updated: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="241" />
        <source>步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="250" />
        <source>常见追问</source>
        <translation>Follow-up questions</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="251" />
        <source>注意事项</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="274" />
        <source>客户常这样说：</source>
        <translation>Customers say: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="277" />
        <source>关键词：</source>
        <translation>Keywords: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="288" />
        <source>您已掌握这个流程。</source>
        <translation>You know this process.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="289" />
        <source>展开全文</source>
        <translation>Show the full text</translation>
    </message>
</context>
<context>
    <name>ProcessView</name>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="145" />
        <source>我的掌握程度：</source>
        <translation>How well I know it:</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="149" />
        <source>按 %1 键设为「%2」</source>
        <translation>Press %1 to set “%2”</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="153" />
        <source>改为「不确定」</source>
        <translation>Change to “Unsure”</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="154" />
        <source>不用了</source>
        <translation>No thanks</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="155" />
        <source>✓ 已学会，标记为「已掌握」</source>
        <translation>✓ Learned — mark as “Known”</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="158" />
        <source>在左侧搜索并按 Enter 打开流程。

不确定的流程显示速查卡，未掌握的显示完整学习页。</source>
        <translation>Search on the left and press Enter to open a process.

Unsure processes open as a quick card, ones you haven't learned as the full learning page.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="168" />
        <source>只看速查卡</source>
        <translation>Quick card only</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="168" />
        <source>显示全文</source>
        <translation>Full text</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="171" />
        <source>▶ 开始话术脚本</source>
        <translation>▶ Start the guided script</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="172" />
        <source>推荐脚本：%1</source>
        <translation>Recommended script: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="228" />
        <source>最近 7 天您已多次（3 次以上）查看这个流程，要把它改为「不确定」，以后直接显示速查卡吗？</source>
        <translation>You opened this process 3 or more times in the last 7 days. Change it to “Unsure” so it opens as a quick card?</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="51" />
        <source>欢迎使用坐席助手</source>
        <translation>Welcome to Agent Assist</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="54" />
        <source>请填写您的姓名和工号。掌握程度、学习进度和记录都按工号保存；话术里的 {工号} 也会自动填好。可以跳过，之后在「设置」里修改。</source>
        <translation>Please enter your name and agent number. Your knowledge tiers, study progress and notes are kept per agent number, and {工号} in phrases is filled in for you. You can skip this and change it later in Settings.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="58" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="59" />
        <source>工号</source>
        <translation>Agent no.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="60" />
        <source>例如：王芳</source>
        <translation>e.g. Wang Fang</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="61" />
        <source>例如：10086123</source>
        <translation>e.g. 10086123</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="62" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="63" />
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="71" />
        <source>请至少填写姓名或工号，或者点「跳过」。</source>
        <translation>Enter at least a name or an agent number, or click “Skip”.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="74" />
        <source>工号只能包含字母和数字，例如 10086123。</source>
        <translation>The agent number may contain only letters and digits, e.g. 10086123.</translation>
    </message>
</context>
<context>
    <name>ReasonCodePicker</name>
    <message>
        <location filename="../../agent_assist/gui/reason_code_picker.py" line="48" />
        <source>输入编号，空格分隔，如 3 12</source>
        <translation>Type code numbers separated by spaces, e.g. 3 12</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reason_code_picker.py" line="65" />
        <source>客户常说：</source>
        <translation>Customers say: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reason_code_picker.py" line="90" />
        <source>已选：</source>
        <translation>Selected: </translation>
    </message>
</context>
<context>
    <name>ReleaseNotesDialog</name>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="270" />
        <source>本次更新</source>
        <translation>What's new</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="292" />
        <source>还没有收到知识库更新</source>
        <translation>No KB release received yet</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="298" />
        <source>发布 #%1 · %2 · %3</source>
        <translation>Release #%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="305" />
        <source>新增 %1 · 修改 %2 · 删除 %3</source>
        <translation>%1 added · %2 changed · %3 removed</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="318" />
        <source>已更新 · 待复习</source>
        <translation>Updated · to review</translation>
    </message>
</context>
<context>
    <name>ReleaseSync</name>
    <message>
        <location filename="../../agent_assist/gui/release_sync.py" line="84" />
        <source>知识库 #%1</source>
        <translation>KB #%1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_sync.py" line="86" />
        <source>（%1 个流程已更新，待复习）</source>
        <translation> (%1 updated, to review)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_sync.py" line="88" />
        <source>本次更新：%1</source>
        <translation>What's new: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_sync.py" line="127" />
        <source>检查知识库更新失败：%1</source>
        <translation>Checking for KB updates failed: %1</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <location filename="../../agent_assist/gui/report_charts.py" line="69" />
        <source>原因代码帕累托</source>
        <translation>Reason-code Pareto</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_charts.py" line="71" />
        <source>次数</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_charts.py" line="77" />
        <source>累计占比 %</source>
        <translation>Cumulative %</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_charts.py" line="84" />
        <source>代码（悬停看名称）</source>
        <translation>Code (hover for the name)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_charts.py" line="105" />
        <source>情绪变化：开始 → 结束</source>
        <translation>Emotion: start → end</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_charts.py" line="108" />
        <source>结束：</source>
        <translation>End: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_charts.py" line="115" />
        <source>开始：</source>
        <translation>Start: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_charts.py" line="126" />
        <source>其他部门导致的来电</source>
        <translation>Calls caused by other departments</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_charts.py" line="133" />
        <source>本部门/无 %1</source>
        <translation>Ours/none %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_charts.py" line="145" />
        <source>各原因成本（元，每分钟 %1 元）</source>
        <translation>Cost per reason (CNY, %1 CNY per minute)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_charts.py" line="150" />
        <source>成本</source>
        <translation>Cost</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="191" />
        <source>我的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="192" />
        <source>团队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="194" />
        <source>团队：由团队服务器统计（组长看本组，知识库负责人看全中心的搜索）</source>
        <translation>Team: computed by the team server (leads see their team, KB owners the whole centre's searches)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="196" />
        <source>起：不限</source>
        <translation>From: any</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="197" />
        <source>止：不限</source>
        <translation>To: any</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="198" />
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="199" />
        <source>近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="199" />
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="199" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="201" />
        <source>每分钟成本</source>
        <translation>Cost per minute</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="202" />
        <source> 元/分钟</source>
        <translation> CNY/min</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="204" />
        <source>坐席每分钟的人力成本，用于“各原因成本”；保存后命令行报表也使用它</source>
        <translation>An agent minute's cost, used for “cost per reason”; the command-line report uses it too once saved</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="206" />
        <source>客户 \ 公司</source>
        <translation>Customer \ company</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="208" />
        <source>对公司：</source>
        <translation>Company: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="208" />
        <source>对客户：</source>
        <translation>Customer: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="210" />
        <source>价值/烦扰矩阵（每个原因归入多数评价所在的格子）</source>
        <translation>Value/irritant matrix (each reason in the cell most of its ratings fall in)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="213" />
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="214" />
        <source>原因帕累托</source>
        <translation>Reason Pareto</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="215" />
        <source>情绪变化</source>
        <translation>Emotions</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="216" />
        <source>其他部门</source>
        <translation>Other departments</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="217" />
        <source>成本</source>
        <translation>Cost</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="218" />
        <source>搜索分析</source>
        <translation>Search analytics</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="293" />
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="309" />
        <source>报表计算失败：%1</source>
        <translation>Report failed: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="316" />
        <source>共 %1 通来电 · 计算 %2 毫秒</source>
        <translation>%1 calls · computed in %2 ms</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="345" />
        <source>来电</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="346" />
        <source>重复来电率</source>
        <translation>Repeat-call rate</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="347" />
        <source>首次来电解决率</source>
        <translation>First-call resolution</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="348" />
        <source>本次解决率</source>
        <translation>Resolved on the call</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="349" />
        <source>升级/转接</source>
        <translation>Escalated/transferred</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="350" />
        <source>其他部门导致</source>
        <translation>Caused by another department</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="352" />
        <source>情绪好转/不变/变差</source>
        <translation>Emotion better/same/worse</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="356" />
        <source>平均处理时长</source>
        <translation>Average handling time</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="357" />
        <source>%1 分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="359" />
        <source>总成本</source>
        <translation>Total cost</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="359" />
        <source>%1 元</source>
        <translation>%1 CNY</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="360" />
        <source>回访 未完成/逾期</source>
        <translation>Follow-ups open/overdue</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/reports_view.py" line="361" />
        <source>回访平均满意度</source>
        <translation>Follow-up satisfaction (avg.)</translation>
    </message>
</context>
<context>
    <name>SafeTextBrowser</name>
    <message>
        <location filename="../../agent_assist/gui/safe_browser.py" line="96" />
        <source>图片未显示</source>
        <translation>Image not shown</translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="112" />
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="113" />
        <source>草稿（可输入 / 调出话术，Tab 填写占位符）</source>
        <translation>Draft (type / for phrases, Tab fills placeholders)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="114" />
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="115" />
        <source>放弃</source>
        <translation>Abandon</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="116" />
        <source>放弃原因（可不填）</source>
        <translation>Why abandoned (optional)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="137" />
        <source>找不到话术脚本 {0}</source>
        <translation>Script {0} not found</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="144" />
        <source>切换到其他脚本</source>
        <translation>Switch to another script</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="196" />
        <source>开始另一个脚本</source>
        <translation>Start another script</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="199" />
        <source>《%1》还没有走完。要把它的记录附在小结里吗？</source>
        <translation>“%1” is not finished. Attach its record to the note?</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="201" />
        <source>保留：记为中途放弃并附在小结里；丢弃：不记入小结。</source>
        <translation>Keep: recorded as abandoned and attached to the note. Discard: not recorded.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="203" />
        <source>《%1》的记录已附在小结里。要保留吗？</source>
        <translation>The record of “%1” is attached to the note. Keep it?</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="204" />
        <source>保留：留在小结里；丢弃：从小结里去掉。</source>
        <translation>Keep: it stays in the note. Discard: it is taken off the note.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="205" />
        <source>保留记录</source>
        <translation>Keep record</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="206" />
        <source>丢弃记录</source>
        <translation>Discard record</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="207" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="233" />
        <location filename="../../agent_assist/gui/script_panel.py" line="242" />
        <source>上一个脚本的记录已丢弃，未记入小结。</source>
        <translation>The previous script's record was discarded and is not in the note.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="237" />
        <source>已丢弃</source>
        <translation>Discarded</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_panel.py" line="270" />
        <source>通话已结束</source>
        <translation>Call ended</translation>
    </message>
</context>
<context>
    <name>ScriptRunView</name>
    <message>
        <location filename="../../agent_assist/gui/script_run_view.py" line="22" />
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_run_view.py" line="23" />
        <source>中途放弃</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_run_view.py" line="24" />
        <source>未结束</source>
        <translation>Not ended</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_run_view.py" line="25" />
        <source>用时 %1</source>
        <translation>took %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_run_view.py" line="26" />
        <source>已升级</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_run_view.py" line="27" />
        <source>未升级</source>
        <translation>Not escalated</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_run_view.py" line="28" />
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_run_view.py" line="29" />
        <source>用时</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_run_view.py" line="30" />
        <source>步骤与客户反应</source>
        <translation>Steps and the customer's reactions</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_run_view.py" line="31" />
        <source>使用技巧</source>
        <translation>Techniques</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_run_view.py" line="32" />
        <source>引导脚本</source>
        <translation>Guided scripts</translation>
    </message>
</context>
<context>
    <name>ScriptRunsLabel</name>
    <message>
        <location filename="../../agent_assist/gui/note_script_runs.py" line="30" />
        <source>（本次通话未使用引导脚本）</source>
        <translation>(no guided script used in this call)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_script_runs.py" line="37" />
        <source>%1 步</source>
        <translation>%1 steps</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_script_runs.py" line="39" />
        <source>已升级</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/note_script_runs.py" line="41" />
        <source>未完成</source>
        <translation>Not finished</translation>
    </message>
</context>
<context>
    <name>ScriptStepView</name>
    <message>
        <location filename="../../agent_assist/gui/script_step.py" line="120" />
        <source>建议话术（点击插入下方草稿，右键复制）</source>
        <translation>Suggested phrases (click to insert into the draft below, right-click to copy)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_step.py" line="121" />
        <source>检查项</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_step.py" line="130" />
        <source>选择一个话术脚本开始，或在流程页点“推荐脚本”</source>
        <translation>Choose a script to start, or click “Recommended script” on a process</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_step.py" line="150" />
        <source>第 {0}/{1} 次</source>
        <translation>attempt {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_step.py" line="167" />
        <source>点击插入草稿；右键复制到剪贴板</source>
        <translation>Click to insert into the draft; right-click to copy</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_step.py" line="195" />
        <source>（升级）</source>
        <translation>(escalation)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/script_step.py" line="226" />
        <source>本阶段 {0}</source>
        <translation>This stage {0}</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="122" />
        <source>搜索流程：关键词、客户原话或拼音首字母  (Ctrl+K)</source>
        <translation>Search processes: keywords, the customer's words or pinyin initials  (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="127" />
        <source>只看「%1」类流程 (Alt+%2)</source>
        <translation>Only “%1” processes (Alt+%2)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="129" />
        <source>全部类别 (Alt+%2)</source>
        <translation>All categories (Alt+%2)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="132" />
        <source>已掌握 {n} 项</source>
        <translation>{n} known</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="133" />
        <source>已掌握 {n} 项：{titles}</source>
        <translation>{n} known: {titles}</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="134" />
        <source>反馈「缺少流程」：告诉知识库维护人这次没搜到</source>
        <translation>Report a missing process: tell the KB owners this search found nothing</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="197" />
        <source>正在准备索引…</source>
        <translation>Preparing the index…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="224" />
        <source>%1 条结果</source>
        <translation>%1 results</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="226" />
        <source>（其中已掌握 %1 项已折叠）</source>
        <translation> (%1 known, folded)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="229" />
        <source>没有找到。试试客户的原话、同义词或拼音首字母。</source>
        <translation>Nothing found. Try the customer's own words, a synonym or pinyin initials.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="252" />
        <source>已反馈缺少流程：“%1”。谢谢！</source>
        <translation>Reported as missing: “%1”. Thank you!</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="256" />
        <source>搜索出错：%1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="279" />
        <source>最近使用</source>
        <translation>Recently used</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="279" />
        <source>常用</source>
        <translation>Most used</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="283" />
        <source>输入即可搜索；↑/↓ 选择，Enter 打开</source>
        <translation>Type to search; ↑/↓ to choose, Enter to open</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="287" />
        <source>输入即可搜索：关键词、客户原话或拼音首字母，例如“话费”“携号转网”“kd”。↑/↓ 选择，Enter 打开。最近使用和常用的流程会显示在这里。</source>
        <translation>Type to search: keywords, the customer's own words or pinyin initials (e.g. “kd” for broadband). ↑/↓ to choose, Enter to open. Your recent and most used processes will show here.</translation>
    </message>
</context>
<context>
    <name>SearchReportView</name>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="105" />
        <source>导出建议供审核…</source>
        <translation>Export suggestions for review…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="108" />
        <source>把建议补充的客户说法写成一个文件，由知识库负责人审核后再写入流程；不会改动知识库</source>
        <translation>Write the suggested customer phrases to a file for the KB owner to review before adding them to processes; the KB is not changed</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="112" />
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="112" />
        <source>搜索说法</source>
        <translation>Search wording</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="112" />
        <location filename="../../agent_assist/gui/report_search.py" line="115" />
        <location filename="../../agent_assist/gui/report_search.py" line="118" />
        <source>次数</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="115" />
        <source>改写过程</source>
        <translation>Reformulations</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="115" />
        <source>最后打开的流程</source>
        <translation>Process opened in the end</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="118" />
        <source>流程</source>
        <translation>Process</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="118" />
        <source>建议说法</source>
        <translation>Suggested phrase</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="118" />
        <source>例句</source>
        <translation>Examples</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="121" />
        <source>失败的搜索</source>
        <translation>Failed searches</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="121" />
        <source>改写链</source>
        <translation>Reformulation chains</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="121" />
        <source>建议补充的客户说法</source>
        <translation>Suggested customer phrases</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="134" />
        <source>无结果</source>
        <translation>No result</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="135" />
        <source>有结果未打开</source>
        <translation>Results, none opened</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="136" />
        <source>改写后才找到</source>
        <translation>Found after rewording</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="137" />
        <source>标记缺少流程</source>
        <translation>Flagged missing process</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="164" />
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="175" />
        <source>搜索分析计算失败：%1</source>
        <translation>Search analytics failed: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="185" />
        <source>没有权限：团队搜索分析只对知识库负责人和组长开放。请改看“我的”（本机搜索日志）。</source>
        <translation>No permission: team search analytics are for KB owners and team leads. Switch to “Mine” (this PC's search log).</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="187" />
        <source>团队搜索分析不可用：%1</source>
        <translation>Team search analytics unavailable: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="201" />
        <source>团队</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="201" />
        <source>本机</source>
        <translation>This PC</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="206" />
        <source>%1：%2 次搜索</source>
        <translation>%1: %2 searches</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="210" />
        <source>平均打开名次 %1</source>
        <translation>Mean opened rank %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="217" />
        <source>平均打开名次：坐席打开的流程在搜索结果中的平均位置（1 = 第一条）</source>
        <translation>Mean opened rank: where the process agents opened stood in the results, on average (1 = the first)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="207" />
        <source>无结果率 %1</source>
        <translation>Zero-result rate %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="208" />
        <source>打开率 %1</source>
        <translation>Open rate %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="241" />
        <source>选择保存建议文件的文件夹</source>
        <translation>Choose a folder for the suggestions file</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="253" />
        <source>无法写入 %1：%2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/report_search.py" line="256" />
        <source>建议已写入 %1（请审核后再改流程；知识库未改动）</source>
        <translation>Suggestions written to %1 (review them before changing processes; the KB is unchanged)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="128" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="129" />
        <source>知识库文件夹</source>
        <translation>Knowledge base folder</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="130" />
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="131" />
        <source>重新索引</source>
        <translation>Re-index</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="132" />
        <source>坐席信息</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="133" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="134" />
        <source>工号</source>
        <translation>Agent no.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="135" />
        <source>外观与语言</source>
        <translation>Appearance and language</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="136" />
        <source>浅色</source>
        <translation>Light</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="137" />
        <source>深色</source>
        <translation>Dark</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="138" />
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="139" />
        <source>字号</source>
        <translation>Font size</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="140" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="142" />
        <source>当前：%1 个流程</source>
        <translation>Now: %1 processes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="198" />
        <source>「%1」不是一个文件夹，请重新选择。</source>
        <translation>“%1” is not a folder; please choose another.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="205" />
        <source>选择知识库文件夹</source>
        <translation>Choose the knowledge base folder</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="223" />
        <source>正在索引 %1 … 可以继续使用，完成后自动切换。</source>
        <translation>Indexing %1 … keep working; the app switches over when done.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="237" />
        <source>完成：%1 个流程</source>
        <translation>Done: %1 processes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="240" />
        <source>；%1 个文件有问题被跳过（例如 %2）</source>
        <translation>; %1 files with problems were skipped (e.g. %2)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="253" />
        <source>「%1」里没有流程文件（带 front matter 的 .md），仍使用原来的知识库。</source>
        <translation>“%1” contains no process files (.md with front matter); still using the current knowledge base.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="263" />
        <source>索引失败：%1</source>
        <translation>Indexing failed: %1</translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <location filename="../../agent_assist/gui/shortcut_help.py" line="48" />
        <source>回到搜索框</source>
        <translation>Back to the search box</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/shortcut_help.py" line="49" />
        <source>选择并打开流程</source>
        <translation>Choose and open a process</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/shortcut_help.py" line="50" />
        <source>类别：全部/咨询/查询/办理/投诉</source>
        <translation>Category: all / info / lookup / service / complaint</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/shortcut_help.py" line="51" />
        <source>设为 已掌握 / 不确定 / 未掌握</source>
        <translation>Set known / unsure / not learned</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/shortcut_help.py" line="52" />
        <source>从流程页回到搜索</source>
        <translation>From the process back to search</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/shortcut_help.py" line="53" />
        <source>通话模式（小窗置顶）</source>
        <translation>Call mode (small window on top)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/shortcut_help.py" line="54" />
        <source>切换标签页</source>
        <translation>Switch tabs</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/shortcut_help.py" line="55" />
        <source>新通话</source>
        <translation>New call</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/shortcut_help.py" line="56" />
        <source>学习页</source>
        <translation>Study tab</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/shortcut_help.py" line="56" />
        <source>空格 显示答案，1–4 评分</source>
        <translation>Space shows the answer, 1–4 rate it</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/shortcut_help.py" line="60" />
        <source>快捷键</source>
        <translation>Shortcuts</translation>
    </message>
</context>
<context>
    <name>StartUp</name>
    <message>
        <location filename="../../agent_assist/gui/app.py" line="184" />
        <source>数据库已损坏</source>
        <translation>The database is damaged</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/app.py" line="188" />
        <source>可以把这个文件移到一旁（改名为 %1.corrupt-日期时间，不会删除，技术人员还可以从中恢复），然后用一个新的空数据库开始。</source>
        <translation>The file can be moved aside (renamed %1.corrupt-date-time, never deleted; support can still recover data from it) and the app started with a new, empty database.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/app.py" line="195" />
        <source>移到一旁并重新开始</source>
        <translation>Move aside and start fresh</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/app.py" line="198" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/app.py" line="208" />
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
<context>
    <name>StudyView</name>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="109" />
        <source>学习：未掌握和不确定的流程，按遗忘规律安排复习</source>
        <translation>Study: processes you haven't learned or are unsure of, spaced to beat forgetting</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="110" />
        <source>显示答案（空格）</source>
        <translation>Show answer (Space)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="113" />
        <source>标记为「已掌握」</source>
        <translation>Mark as “Known”</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="114" />
        <source>暂不</source>
        <translation>Not now</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="117" />
        <source>现在没有要复习的卡片。

把流程标为「未掌握」或「不确定」，它就会进入学习队列；通话间隙再来看看。</source>
        <translation>No cards to review right now.

Mark a process “Not learned” or “Unsure” and it joins the study queue; come back between calls.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="158" />
        <source>待复习 %1 张</source>
        <translation>%1 cards due</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="202" />
        <source>您已多次顺利回忆「%1」，要把它标记为「已掌握」吗？</source>
        <translation>You recalled “%1” well several times. Mark it as “Known”?</translation>
    </message>
</context>
<context>
    <name>TeamFollowUps</name>
    <message>
        <location filename="../../agent_assist/gui/team_followups.py" line="90" />
        <source>我（同事 %1 的）</source>
        <translation>Me (colleague %1's)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_followups.py" line="119" />
        <source>指派给我 %1 · 团队逾期 %2</source>
        <translation>Assigned to me %1 · team overdue %2</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_followups.py" line="136" />
        <source>正在从团队服务器刷新…</source>
        <translation>Refreshing from the team server…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_followups.py" line="154" />
        <source>刷新失败：%1</source>
        <translation>Refresh failed: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_followups.py" line="162" />
        <source>请先选中一条指派给我的回访</source>
        <translation>Select a follow-up assigned to you first</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_followups.py" line="165" />
        <source>回访结果</source>
        <translation>Call-back outcome</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_followups.py" line="165" />
        <source>回访结果：</source>
        <translation>Outcome:</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_followups.py" line="190" />
        <source>改派回访</source>
        <translation>Reassign follow-up</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_followups.py" line="190" />
        <source>改派给（同组坐席工号）：</source>
        <translation>Reassign to (agent no. in the same team):</translation>
    </message>
</context>
<context>
    <name>TeamStatus</name>
    <message>
        <location filename="../../agent_assist/gui/team_status.py" line="67" />
        <source>团队同步出错</source>
        <translation>Team sync error</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_status.py" line="77" />
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_status.py" line="79" />
        <location filename="../../agent_assist/gui/team_status.py" line="81" />
        <source>待同步 %1</source>
        <translation>%1 to sync</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_status.py" line="83" />
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_status.py" line="96" />
        <source>上次错误：%1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_status.py" line="99" />
        <source>%1 条被服务器拒绝，保留在本机（agent-assist team status 查看）</source>
        <translation>%1 refused by the server, kept on this PC (see agent-assist team status)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_status.py" line="103" />
        <source>上次同步：%1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/team_status.py" line="103" />
        <source>从未</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>ToneFindingsList</name>
    <message>
        <location filename="../../agent_assist/gui/tone_highlighter.py" line="159" />
        <source>{0}：“{1}” → {2}</source>
        <translation>{0}: “{1}” → {2}</translation>
    </message>
</context>
<context>
    <name>ToneFindingsPanel</name>
    <message>
        <location filename="../../agent_assist/gui/tone_highlighter.py" line="224" />
        <source>采用改写</source>
        <translation>Use rewrite</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/tone_highlighter.py" line="226" />
        <source>用建议的说法替换这句话</source>
        <translation>Replace this sentence with the suggested wording</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/tone_highlighter.py" line="237" />
        <source>改为</source>
        <translation>Say instead</translation>
    </message>
</context>
<context>
    <name>UpdateBanner</name>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="103" />
        <source>修改 %1 行，新增 %2 行，删除 %3 行</source>
        <translation>%1 lines changed, %2 added, %3 removed</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="104" />
        <source>旧：</source>
        <translation>Old: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="104" />
        <source>新：</source>
        <translation>New: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="107" />
        <source>已更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="108" />
        <source>确认已解决</source>
        <translation>Confirm fixed</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="109" />
        <source>仍有问题</source>
        <translation>Still wrong</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="110" />
        <source>历史版本</source>
        <translation>Version history</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="111" />
        <source>这个流程在本机出现过的各个版本，可任选两个比较</source>
        <translation>Every version of this process seen on this computer; compare any two</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="146" />
        <source>本次变化（发布 #%1）：请在学习页复习这张卡片</source>
        <translation>What changed (release #%1): review this card in Study</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="151" />
        <source>本次变化：您反馈过的流程已更新</source>
        <translation>What changed: a process you flagged was updated</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="156" />
        <source>本机没有保存旧版本，无法比较</source>
        <translation>The old version was not kept on this computer; nothing to compare</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="161" />
        <source>您在 %1 反馈：「%2」——更新后问题解决了吗？</source>
        <translation>You flagged on %1: “%2” — does the update fix it?</translation>
    </message>
</context>
<context>
    <name>VersionHistoryDialog</name>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="218" />
        <source>历史版本：%1</source>
        <translation>Version history: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="223" />
        <source>首次见到</source>
        <translation>first seen</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="233" />
        <source>比较</source>
        <translation>Compare</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="251" />
        <source>本机只见过这个流程的一个版本</source>
        <translation>Only one version of this process was seen on this computer</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="253" />
        <source>两个版本相同</source>
        <translation>The two versions are the same</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="255" />
        <source>修改 %1 行，新增 %2 行，删除 %3 行</source>
        <translation>%1 lines changed, %2 added, %3 removed</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="256" />
        <source>旧：</source>
        <translation>Old: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/release_views.py" line="256" />
        <source>新：</source>
        <translation>New: </translation>
    </message>
</context>
<context>
    <name>WorkStatus</name>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="55" />
        <source>待复习 %1</source>
        <translation>%1 to study</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="56" />
        <source>学习页里待复习的卡片（通话间隙再看）</source>
        <translation>Study cards due (look between calls)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="58" />
        <source>回访 %1</source>
        <translation>Follow-ups %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="60" />
        <source>（逾期 %1）</source>
        <translation> (%1 overdue)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="71" />
        <source>坐席：%1</source>
        <translation>Agent: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="71" />
        <source>未登记坐席</source>
        <translation>No agent signed in</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="74" />
        <source>正在建立索引…</source>
        <translation>Building the index…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="77" />
        <source>知识库：%1 个流程</source>
        <translation>Knowledge base: %1 processes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="89" />
        <source>正在建立索引 %1/%2</source>
        <translation>Building the index %1/%2</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="97" />
        <source>%1 个知识库文件有问题，已跳过（运行 agent-assist lint-kb 查看）</source>
        <translation>%1 knowledge files have problems and were skipped (run agent-assist lint-kb)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="105" />
        <source>索引失败：%1</source>
        <translation>Indexing failed: %1</translation>
    </message>
</context>
</TS>