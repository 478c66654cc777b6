<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CallModeWindow</name>
    <message>
        <location filename="../../agent_assist/gui/call_mode.py" line="64" />
        <source>坐席助手 · 通话模式</source>
        <translation>Agent Assist · Call mode</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/call_mode.py" line="65" />
        <source>返回主窗口 (F9)</source>
        <translation>Back to main window (F9)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/call_mode.py" line="66" />
        <source>Ctrl+K 搜索 · Enter 打开 · 1/2/3 设掌握程度</source>
        <translation>Ctrl+K search · Enter open · 1/2/3 set how well you know it</translation>
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
        <translation>Inquiry</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="28" />
        <source>查询</source>
        <translation>Lookup</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/labels.py" line="29" />
        <source>办理</source>
        <translation>Transaction</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="81" />
        <source>有一个面板没能打开：%1</source>
        <translation>A panel could not be opened: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="160" />
        <source>坐席助手</source>
        <translation>Agent Assist</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="162" />
        <source>流程</source>
        <translation>Process</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="162" />
        <source>脚本</source>
        <translation>Script</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="162" />
        <source>记录</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="163" />
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="163" />
        <source>回访</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="163" />
        <location filename="../../agent_assist/gui/main_window.py" line="176" />
        <source>学习</source>
        <translation>Study</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="164" />
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="170" />
        <source>通话模式 (F9)</source>
        <translation>Call mode (F9)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="171" />
        <source>小窗置顶：只留搜索和速查卡 (F9)</source>
        <translation>Small window on top: just search and the quick card (F9)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="172" />
        <source>新通话</source>
        <translation>New call</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="173" />
        <source>清空本次通话的上下文，开始下一通 (Ctrl+Shift+N)</source>
        <translation>Clear this call's context and start the next one (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="174" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="175" />
        <source>我的话术</source>
        <translation>My phrases</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="177" />
        <location filename="../../agent_assist/gui/main_window.py" line="298" />
        <source>快捷键</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="178" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="179" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="180" />
        <source>视图</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="181" />
        <source>话术脚本</source>
        <translation>Scripts</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="182" />
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="213" />
        <source>话术脚本模块不可用</source>
        <translation>The scripts module is not available</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="222" />
        <source>（没有可用的脚本）</source>
        <translation>(no scripts available)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/main_window.py" line="288" />
        <source>Ctrl+K / F3	回到搜索框
↑ / ↓, Enter	选择并打开流程
Alt+0…4	类别：全部/咨询/查询/办理/投诉
1 / 2 / 3	设为 已掌握 / 不确定 / 未掌握
Esc	从流程页回到搜索
F9	通话模式（小窗置顶）
Ctrl+1…9	切换标签页
Ctrl+Shift+N	新通话
学习页：空格 显示答案，1–4 评分</source>
        <translation>Ctrl+K / F3	back to the search box
↑ / ↓, Enter	choose and open a process
Alt+0…4	category: all/inquiry/lookup/transaction/complaint
1 / 2 / 3	set known / unsure / not learned
Esc	from the process back to search
F9	call mode (small window on top)
Ctrl+1…9	switch tabs
Ctrl+Shift+N	new call
Study tab: Space shows the answer, 1–4 rate</translation>
    </message>
</context>
<context>
    <name>ProcessRender</name>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="70" />
        <source>相关流程</source>
        <translation>Related processes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="77" />
        <source>维护：</source>
        <translation>Owner: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="79" />
        <source>更新：</source>
        <translation>Updated: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="88" />
        <source>步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="93" />
        <source>常见追问</source>
        <translation>Follow-up questions</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="94" />
        <source>注意事项</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="110" />
        <source>客户常这样说：</source>
        <translation>Customers say: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="113" />
        <source>关键词：</source>
        <translation>Keywords: </translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="122" />
        <source>您已掌握这个流程。</source>
        <translation>You know this process.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_render.py" line="123" />
        <source>展开全文</source>
        <translation>Show the full text</translation>
    </message>
</context>
<context>
    <name>ProcessView</name>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="153" />
        <source>我的掌握程度：</source>
        <translation>How well I know it:</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="156" />
        <source>按 %1 键设为「%2」</source>
        <translation>Press %1 to set “%2”</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="157" />
        <source>改为「不确定」</source>
        <translation>Change to “Unsure”</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="158" />
        <source>不用了</source>
        <translation>No thanks</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="159" />
        <source>✓ 已学会，标记为「已掌握」</source>
        <translation>✓ Learned — mark as “Known”</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="160" />
        <source>反馈给知识库维护人：</source>
        <translation>Tell the KB owners:</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="163" />
        <source>补充说明（可选），再点左侧按钮</source>
        <translation>Comment (optional), then click a button on the left</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="164" />
        <source>在左侧搜索并按 Enter 打开流程。

不确定的流程显示速查卡，未掌握的显示完整学习页。</source>
        <translation>Search on the left and press Enter to open a process.

Unsure processes open as a quick card, ones you haven't learned as the full learning page.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="171" />
        <source>只看速查卡</source>
        <translation>Quick card only</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="171" />
        <source>显示全文</source>
        <translation>Full text</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="173" />
        <source>▶ 开始话术脚本</source>
        <translation>▶ Start the guided script</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="174" />
        <source>推荐脚本：%1</source>
        <translation>Recommended script: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="219" />
        <source>最近 7 天您已多次（3 次以上）查看这个流程，要把它改为「不确定」，以后直接显示速查卡吗？</source>
        <translation>You opened this process 3 or more times in the last 7 days. Change it to “Unsure” so it opens as a quick card?</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/process_view.py" line="292" />
        <source>已记录「%1」反馈，谢谢！知识库维护人会看到。</source>
        <translation>Feedback “%1” recorded, thank you! The KB owners will see it.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="40" />
        <source>欢迎使用坐席助手</source>
        <translation>Welcome to Agent Assist</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="41" />
        <source>请填写您的姓名和工号。掌握程度、学习进度和记录都按工号保存；话术里的 {工号} 也会自动填好。可以跳过，之后在「设置」里修改。</source>
        <translation>Please enter your name and agent number. Your knowledge tiers, study progress and notes are kept per agent number, and {工号} in phrases is filled in for you. You can skip this and change it later in Settings.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="43" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="44" />
        <source>工号</source>
        <translation>Agent no.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="45" />
        <source>例如：王芳</source>
        <translation>e.g. Wang Fang</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="46" />
        <source>例如：10086123</source>
        <translation>e.g. 10086123</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="47" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="48" />
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="61" />
        <source>请至少填写姓名或工号，或者点「跳过」。</source>
        <translation>Enter at least a name or an agent number, or click “Skip”.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/profile_dialog.py" line="64" />
        <source>工号只能包含字母和数字，例如 10086123。</source>
        <translation>The agent number may contain only letters and digits, e.g. 10086123.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="95" />
        <source>搜索流程：关键词、客户原话或拼音首字母  (Ctrl+K)</source>
        <translation>Search processes: keywords, the customer's words or pinyin initials  (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="99" />
        <source>只看「%1」类流程 (Alt+%2)</source>
        <translation>Only “%1” processes (Alt+%2)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="99" />
        <source>全部类别 (Alt+%2)</source>
        <translation>All categories (Alt+%2)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="101" />
        <source>已掌握 {n} 项</source>
        <translation>{n} known</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="146" />
        <source>正在准备索引…</source>
        <translation>Preparing the index…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="159" />
        <source>%1 条结果</source>
        <translation>%1 results</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="161" />
        <source>（其中已掌握 %1 项已折叠）</source>
        <translation> (%1 known, folded)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="164" />
        <source>没有找到。试试客户的原话、同义词或拼音首字母；也可以在流程页反馈「缺少流程」。</source>
        <translation>Nothing found. Try the customer's own words, a synonym or pinyin initials — or report a missing process.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="173" />
        <source>搜索出错：%1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="189" />
        <source>最近使用</source>
        <translation>Recently used</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="189" />
        <source>常用</source>
        <translation>Most used</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="191" />
        <source>输入即可搜索；↑/↓ 选择，Enter 打开</source>
        <translation>Type to search; ↑/↓ to choose, Enter to open</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/search_panel.py" line="193" />
        <source>输入即可搜索：关键词、客户原话或拼音首字母。↑/↓ 选择，Enter 打开</source>
        <translation>Type to search: keywords, the customer's words or pinyin initials. ↑/↓ to choose, Enter to open</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="113" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="114" />
        <source>知识库文件夹</source>
        <translation>Knowledge base folder</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="115" />
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="116" />
        <source>重新索引</source>
        <translation>Re-index</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="117" />
        <source>坐席信息</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="118" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="119" />
        <source>工号</source>
        <translation>Agent no.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="120" />
        <source>外观与语言</source>
        <translation>Appearance and language</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="121" />
        <source>浅色</source>
        <translation>Light</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="122" />
        <source>深色</source>
        <translation>Dark</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="123" />
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="124" />
        <source>字号</source>
        <translation>Font size</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="125" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="127" />
        <source>当前：%1 个流程</source>
        <translation>Now: %1 processes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="175" />
        <source>「%1」不是一个文件夹，请重新选择。</source>
        <translation>“%1” is not a folder; please choose another.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="180" />
        <source>选择知识库文件夹</source>
        <translation>Choose the knowledge base folder</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="192" />
        <source>「%1」里没有 .md 流程文件。</source>
        <translation>“%1” contains no .md process files.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="196" />
        <source>正在索引 %1 … 可以继续使用，完成后自动切换。</source>
        <translation>Indexing %1 … keep working; the app switches over when done.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="209" />
        <source>完成：%1 个流程</source>
        <translation>Done: %1 processes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="211" />
        <source>；%1 个文件有问题被跳过（例如 %2）</source>
        <translation>; %1 files with problems were skipped (e.g. %2)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/settings_dialog.py" line="219" />
        <source>索引失败：%1</source>
        <translation>Indexing failed: %1</translation>
    </message>
</context>
<context>
    <name>StudyView</name>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="102" />
        <source>学习：未掌握和不确定的流程，按遗忘规律安排复习</source>
        <translation>Study: processes you haven't learned or are unsure of, spaced to beat forgetting</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="103" />
        <source>显示答案（空格）</source>
        <translation>Show answer (Space)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="106" />
        <source>标记为「已掌握」</source>
        <translation>Mark as “Known”</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="107" />
        <source>暂不</source>
        <translation>Not now</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="108" />
        <source>现在没有要复习的卡片。

把流程标为「未掌握」或「不确定」，它就会进入学习队列；通话间隙再来看看。</source>
        <translation>No cards to review right now.

Mark a process “Not learned” or “Unsure” and it joins the study queue; come back between calls.</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="145" />
        <source>待复习 %1 张</source>
        <translation>%1 cards due</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/study_view.py" line="170" />
        <source>您已多次顺利回忆「%1」，要把它标记为「已掌握」吗？</source>
        <translation>You recalled “%1” well several times. Mark it as “Known”?</translation>
    </message>
</context>
<context>
    <name>WorkStatus</name>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="53" />
        <source>待复习 %1</source>
        <translation>%1 to study</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="54" />
        <source>学习页里待复习的卡片（通话间隙再看）</source>
        <translation>Study cards due (look between calls)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="59" />
        <source>回访 %1</source>
        <translation>Follow-ups %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="61" />
        <source>（逾期 %1）</source>
        <translation> (%1 overdue)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="68" />
        <source>坐席：%1</source>
        <translation>Agent: %1</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="68" />
        <source>未登记坐席</source>
        <translation>No agent signed in</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="70" />
        <source>正在建立索引…</source>
        <translation>Building the index…</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="72" />
        <source>知识库：%1 个流程</source>
        <translation>Knowledge base: %1 processes</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="78" />
        <source>正在建立索引 %1/%2</source>
        <translation>Building the index %1/%2</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="85" />
        <source>%1 个知识库文件有问题，已跳过（运行 agent-assist lint-kb 查看）</source>
        <translation>%1 knowledge files have problems and were skipped (run agent-assist lint-kb)</translation>
    </message>
    <message>
        <location filename="../../agent_assist/gui/status_bar.py" line="91" />
        <source>索引失败：%1</source>
        <translation>Indexing failed: %1</translation>
    </message>
</context>
</TS>