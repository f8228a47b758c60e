<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Dockmaster::AppKeyspace</name>
    <message>
        <source>%1 is not an app id (lower-case letters, digits and dashes).</source>
        <translation>%1 不是应用 ID（只能包含小写字母、数字和连字符）。</translation>
    </message>
    <message>
        <source>Valkey did not change the user of %1: %2</source>
        <translation>Valkey 未能修改 %1 的用户：%2</translation>
    </message>
    <message>
        <source>Valkey did not remove the user of %1: %2</source>
        <translation>Valkey 未能删除 %1 的用户：%2</translation>
    </message>
    <message>
        <source>Valkey did not list the keys of %1: %2</source>
        <translation>Valkey 未能列出 %1 的键：%2</translation>
    </message>
    <message>
        <source>Valkey did not remove the keys of %1: %2</source>
        <translation>Valkey 未能删除 %1 的键：%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::AppLogSourceFactory</name>
    <message>
        <source>No Loki is configured in the profile settings.</source>
        <translation>配置文件设置中未配置 Loki。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an app id.</source>
        <translation>“%1”不是应用 ID。</translation>
    </message>
    <message>
        <source>The start must be before the end.</source>
        <translation>开始时间必须早于结束时间。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ApplicationsModel</name>
    <message>
        <source>Active</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Provisioning</source>
        <translation>开通中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>not deployed</source>
        <translation>未部署</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Test version</source>
        <translation>测试版本</translation>
    </message>
    <message>
        <source>Production version</source>
        <translation>生产版本</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>域名</translation>
    </message>
    <message>
        <source>Test only</source>
        <translation>仅测试环境</translation>
    </message>
    <message>
        <source>Fallback since %1 (%2)</source>
        <translation>自 %1 起使用备用站点（%2）</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Serving, not the approved version</source>
        <translation>服务中，但不是已批准的版本</translation>
    </message>
    <message>
        <source>Serving, started outside the pipeline</source>
        <translation>服务中，但不是由流水线启动的</translation>
    </message>
    <message>
        <source>Serving</source>
        <translation>服务中</translation>
    </message>
    <message>
        <source>serving</source>
        <translation>服务中</translation>
    </message>
    <message>
        <source>on fallback</source>
        <translation>使用备用站点</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>Live health</source>
        <translation>实时健康状态</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ApplicationsPanel</name>
    <message>
        <source>Filter by ID, name, owner or domain (Ctrl+F)</source>
        <translation>按 ID、名称、负责人或域名筛选 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Application filter</source>
        <translation>应用筛选</translation>
    </message>
    <message>
        <source>Host filter</source>
        <translation>主机筛选</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>状态筛选</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>应用列表</translation>
    </message>
    <message>
        <source>Application details</source>
        <translation>应用详情</translation>
    </message>
    <message>
        <source>Select an application to see its repositories, domains, hosts and versions.</source>
        <translation>选择一个应用以查看其仓库、域名、主机和版本。</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>离线：%1</translation>
    </message>
    <message>
        <source>All hosts</source>
        <translation>所有主机</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Code repository</source>
        <translation>代码仓库</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Management repository</source>
        <translation>管理仓库</translation>
    </message>
    <message>
        <source>Not provisioned in this environment.</source>
        <translation>尚未在此环境中开通。</translation>
    </message>
    <message>
        <source>Live version</source>
        <translation>线上版本</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>域名</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>container %1, fallback %2</source>
        <translation>容器 %1，备用 %2</translation>
    </message>
    <message>
        <source>Last pipeline</source>
        <translation>最近流水线</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation>已部署</translation>
    </message>
    <message>
        <source>Showing cached data from %1.</source>
        <translation>显示的是 %1 的缓存数据。</translation>
    </message>
    <message>
        <source>Nothing has been synced from GitLab yet.</source>
        <translation>尚未从 GitLab 同步任何数据。</translation>
    </message>
    <message>
        <source>Open %1 configuration</source>
        <translation>打开%1环境配置</translation>
    </message>
    <message>
        <source>Follow %1 live logs</source>
        <translation>跟踪%1实时日志</translation>
    </message>
    <message>
        <source>Search %1 log history…</source>
        <translation>搜索%1日志历史…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1:&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;%1：&lt;/b&gt;%2</translation>
    </message>
    <message>
        <source>Platform services</source>
        <translation>平台服务</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ApprovalConfirmDialog</name>
    <message>
        <source>%1 I have checked that this is the ref I mean to approve.</source>
        <translation>%1 我已核实这就是我要批准的引用。</translation>
    </message>
    <message>
        <source>%1 I have checked them myself.</source>
        <translation>%1 我已亲自检查过这些文件。</translation>
    </message>
    <message>
        <source>Approved so far by %1. Yours is approval %2 of %3: it deploys.</source>
        <translation>目前已由 %1 批准。您的是第 %2 个批准，共需 %3 个：批准后即部署。</translation>
    </message>
    <message>
        <source>%1 admins must approve this release. Yours is approval %2 of %3: it is recorded on the request and nothing is deployed until the last admin approves.</source>
        <translation>此发布需要 %1 位管理员批准。您的是第 %2 个批准，共需 %3 个：它会记录在请求上，在最后一位管理员批准之前不会部署任何内容。</translation>
    </message>
    <message>
        <source>Record approval</source>
        <translation>记录批准</translation>
    </message>
    <message>
        <source>Approve release</source>
        <translation>批准发布</translation>
    </message>
    <message>
        <source>(resolved now)</source>
        <translation>（立即解析）</translation>
    </message>
    <message>
        <source>Approve %1 (%2) of %3 for %4?</source>
        <translation>批准将 %3 的 %1（%2）发布到%4？</translation>
    </message>
    <message>
        <source>Dockmaster commits the new version to %1 and its pipeline deploys it.</source>
        <translation>Dockmaster 会将新版本提交到 %1，并由其流水线部署。</translation>
    </message>
    <message>
        <source>This is PRODUCTION.</source>
        <translation>这是生产环境。</translation>
    </message>
    <message>
        <source>The review of this exact version has not finished loading: nothing was scanned.</source>
        <translation>此版本的审查尚未加载完成：未扫描任何文件。</translation>
    </message>
    <message>
        <source>I approve without a risk scan of this version.</source>
        <translation>我在未对此版本进行风险扫描的情况下批准。</translation>
    </message>
    <message>
        <source>Not scanned: %1 (%2). I have checked it myself.</source>
        <translation>未扫描：%1（%2）。我已亲自检查。</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 位于 %2：%3</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) below need your acknowledgement: type the app ID to confirm you reviewed them.</source>
        <translation>
            <numerusform>下方有 %n 项需要您确认：请输入应用 ID 以确认您已审查。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick each item below that needs your acknowledgement.</source>
        <translation>请勾选下方每一项需要您确认的内容。</translation>
    </message>
    <message>
        <source>Unscanned files and risk flags</source>
        <translation>未扫描的文件和风险标记</translation>
    </message>
    <message>
        <source>Type %1 to approve</source>
        <translation>输入 %1 以批准</translation>
    </message>
    <message>
        <source>App ID to confirm</source>
        <translation>用于确认的应用 ID</translation>
    </message>
    <message>
        <source>Approve and deploy</source>
        <translation>批准并部署</translation>
    </message>
    <message>
        <source>Checking the test release of %1…</source>
        <translation>正在检查 %1 的测试环境发布…</translation>
    </message>
    <message>
        <source>Waiting for the state of the test release: this profile approves production only after the same version is deployed to test.</source>
        <translation>正在等待测试环境发布的状态：此配置要求同一版本先部署到测试环境，才能批准生产环境。</translation>
    </message>
    <message>
        <source>This profile approves production only after the same version is deployed to test: approve the test release first.</source>
        <translation>此配置要求同一版本先部署到测试环境，才能批准生产环境：请先批准测试环境发布。</translation>
    </message>
    <message>
        <source>You can still approve production; the approval records this warning.</source>
        <translation>你仍可批准生产环境；批准时会记录此警告。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ApprovalsPanel</name>
    <message>
        <source>Filter by app, ref, requester (Ctrl+F)</source>
        <translation>按应用、引用、申请人筛选 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Release request filter</source>
        <translation>发布申请筛选</translation>
    </message>
    <message>
        <source>Pending approvals</source>
        <translation>待审批发布</translation>
    </message>
    <message>
        <source>Select a release request to review its changes.</source>
        <translation>选择一个发布申请以审查其变更。</translation>
    </message>
    <message>
        <source>Release review</source>
        <translation>发布审查</translation>
    </message>
    <message numerus="yes">
        <source>%n pending, %1 overdue</source>
        <translation>
            <numerusform>%n 个待审批，%1 个已超时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n 个待审批</numerusform>
        </translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <source>Select a release request first.</source>
        <translation>请先选择一个发布申请。</translation>
    </message>
    <message>
        <source>This request is %1, not pending.</source>
        <translation>此申请的状态为“%1”，不是待审批。</translation>
    </message>
    <message>
        <source>Reject release</source>
        <translation>拒绝发布</translation>
    </message>
    <message>
        <source>Reject %1 of %2 to %3? The developer sees your reason as a comment on the request.</source>
        <translation>拒绝将 %2 的 %1 发布到 %3？开发者会在申请中以评论形式看到你的理由。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Why is this release rejected? (required)</source>
        <translation>为什么拒绝此发布？（必填）</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ArchiveAppDialog</name>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Archive %1</source>
        <translation>归档 %1</translation>
    </message>
    <message>
        <source>Archive &lt;b&gt;%1&lt;/b&gt; (%2)?&lt;br&gt;Its DNS records are removed, its user and all its keys in the platform&apos;s key/value store are deleted (this cannot be undone), its code and management repositories are archived (read-only, kept), and its host ports are released. Its app ID is never reused.</source>
        <translation>归档 &lt;b&gt;%1&lt;/b&gt;（%2）？&lt;br&gt;将删除其 DNS 记录，删除其在平台键值存储中的用户和全部键（无法撤销），归档其代码仓库和管理仓库（只读，予以保留），并释放其主机端口。其应用 ID 永不复用。</translation>
    </message>
    <message>
        <source>Type %1 to confirm:</source>
        <translation>输入 %1 以确认：</translation>
    </message>
    <message>
        <source>%1 is archived.</source>
        <translation>%1 已归档。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Archiving failed: %1</source>
        <translation>归档失败：%1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Archiving %1…</source>
        <translation>正在归档 %1…</translation>
    </message>
</context>
<context>
    <name>Dockmaster::AuditCsv</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::AuditLogModel</name>
    <message>
        <source>Approved release</source>
        <translation>已批准发布</translation>
    </message>
    <message>
        <source>Rejected release</source>
        <translation>已拒绝发布</translation>
    </message>
    <message>
        <source>Deployed tag</source>
        <translation>已部署标签</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>已回滚</translation>
    </message>
    <message>
        <source>Committed configuration</source>
        <translation>已提交配置</translation>
    </message>
    <message>
        <source>Created app</source>
        <translation>已创建应用</translation>
    </message>
    <message>
        <source>Archived app</source>
        <translation>已归档应用</translation>
    </message>
    <message>
        <source>Fixed DNS records</source>
        <translation>已修复 DNS 记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Pipeline finished</source>
        <translation>流水线已结束</translation>
    </message>
    <message>
        <source>Completed an interrupted approval</source>
        <translation>已补全中断的审批</translation>
    </message>
</context>
<context>
    <name>Dockmaster::AuditPanel</name>
    <message>
        <source>Filter by admin, app, detail (Ctrl+F)</source>
        <translation>按管理员、应用、详情筛选（Ctrl+F）</translation>
    </message>
    <message>
        <source>Audit filter</source>
        <translation>审计筛选</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation>操作筛选</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Save the rows shown as a CSV file</source>
        <translation>将显示的行保存为 CSV 文件</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n row(s)…</source>
        <translation>
            <numerusform>正在导出 %n 行…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) shown</source>
        <translation>
            <numerusform>显示 %n 条操作</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::CacheDatabase</name>
    <message>
        <source>The local cache was damaged (%1). It was moved to %2 and a new cache was created. Kept what could still be read: %3. The next sync reads the rest from GitLab.</source>
        <translation>本地缓存已损坏（%1）。已将其移至 %2 并创建了新缓存。保留了仍可读取的内容：%3。下次同步将从 GitLab 读取其余数据。</translation>
    </message>
    <message>
        <source>The local cache cannot be used now: %1. The file was left as it is. Until it can be used again, Dockmaster works from a copy in memory (%2) and tries the file again at the next refresh (F5).</source>
        <translation>本地缓存暂时无法使用：%1。该文件保持原样。在其恢复可用之前，Dockmaster 使用内存中的副本（%2），并在下次刷新（F5）时重试该文件。</translation>
    </message>
    <message>
        <source>nothing could be read</source>
        <translation>没有可读取的内容</translation>
    </message>
    <message>
        <source>applications</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>environments</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>release requests</source>
        <translation>发布申请</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>deployments</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>pipelines</source>
        <translation>流水线</translation>
    </message>
    <message>
        <source>hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>health events</source>
        <translation>健康事件</translation>
    </message>
    <message>
        <source>audit entries</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 (some could not be read)</source>
        <translation>%1：%2（部分无法读取）</translation>
    </message>
    <message>
        <source>The local cache of this profile is in use by another Dockmaster window (process %1 on %2). Close that window first, or start with another profile.</source>
        <translation>此配置的本地缓存正被另一个 Dockmaster 窗口使用（%2 上的进程 %1）。请先关闭该窗口，或使用其他配置启动。</translation>
    </message>
    <message>
        <source>The cache was written by a newer version of Dockmaster (schema %1).</source>
        <translation>该缓存由更新版本的 Dockmaster 写入（结构版本 %1）。</translation>
    </message>
    <message>
        <source>The local cache could not be read (%1). It was moved to %2 and a new cache was created; data will be fetched again from GitLab.</source>
        <translation>无法读取本地缓存（%1）。已将其移至 %2 并创建了新缓存；数据将重新从 GitLab 获取。</translation>
    </message>
    <message>
        <source>The local cache file %1 cannot be used (%2). Dockmaster keeps its data in memory for this session only.</source>
        <translation>无法使用本地缓存文件 %1（%2）。本次会话中 Dockmaster 仅在内存中保存数据。</translation>
    </message>
    <message>
        <source>No local cache is available: %1</source>
        <translation>没有可用的本地缓存：%1</translation>
    </message>
    <message>
        <source>process %1 on %2</source>
        <translation>进程 %1（主机 %2）</translation>
    </message>
</context>
<context>
    <name>Dockmaster::CacheService</name>
    <message>
        <source>The audit trail is kept in a separate file (%1) and was not affected.</source>
        <translation>审计记录保存在单独的文件（%1）中，未受影响。</translation>
    </message>
    <message>
        <source>The %1 audit entries read back from it were moved to the audit journal %2.</source>
        <translation>从中读回的 %1 条审计记录已移入审计日志 %2。</translation>
    </message>
    <message>
        <source>The audit entry could not be written to %1 (%2); it is kept in memory and written with the next one.</source>
        <translation>无法将审计记录写入 %1（%2）；它暂存于内存中，将随下一条记录一起写入。</translation>
    </message>
    <message>
        <source>The audit journal is not open.</source>
        <translation>审计日志未打开。</translation>
    </message>
    <message>
        <source>local cache: %1</source>
        <translation>本地缓存：%1</translation>
    </message>
    <message numerus="yes">
        <source>audit journal: %n entries not written yet</source>
        <translation>
            <numerusform>审计日志：%n 条记录尚未写入</numerusform>
        </translation>
    </message>
    <message>
        <source>The local cache is not open.</source>
        <translation>本地缓存未打开。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::Checker</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>enter a value.</source>
        <translation>请输入一个值。</translation>
    </message>
    <message>
        <source>the value is too long (at most %1 characters).</source>
        <translation>值过长（最多 %1 个字符）。</translation>
    </message>
    <message>
        <source>only plain ASCII letters, digits and punctuation are allowed (no spaces, line breaks or look-alike characters).</source>
        <translation>只允许使用普通 ASCII 字母、数字和标点（不能包含空格、换行或形近字符）。</translation>
    </message>
    <message>
        <source>enter a whole number from %1 to %2.</source>
        <translation>请输入 %1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>enter an IPv4 address such as 192.0.2.10.</source>
        <translation>请输入 IPv4 地址，例如 192.0.2.10。</translation>
    </message>
    <message>
        <source>this address cannot be used here.</source>
        <translation>此处不能使用该地址。</translation>
    </message>
    <message>
        <source>enter an absolute path made of letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, for example /srv/plugins.</source>
        <translation>请输入由字母、数字、&apos;.&apos;、&apos;_&apos; 和 &apos;-&apos; 组成的绝对路径，例如 /srv/plugins。</translation>
    </message>
    <message>
        <source>&apos;..&apos; is not allowed in a path.</source>
        <translation>路径中不允许使用 &apos;..&apos;。</translation>
    </message>
    <message>
        <source>enter an image reference such as registry.example.com/platform/php-runtime:8.4.</source>
        <translation>请输入镜像引用，例如 registry.example.com/platform/php-runtime:8.4。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::CloudflareProvider</name>
    <message>
        <source>Cloudflare API address</source>
        <translation>Cloudflare API 地址</translation>
    </message>
    <message>
        <source>Cloudflare API token</source>
        <translation>Cloudflare API 令牌</translation>
    </message>
    <message>
        <source>Cloudflare</source>
        <translation>Cloudflare</translation>
    </message>
    <message>
        <source>Cloudflare&apos;s rate limit was reached; try again in %1 seconds.</source>
        <translation>已达到 Cloudflare 的速率限制；请在 %1 秒后重试。</translation>
    </message>
    <message>
        <source>Cloudflare answered HTTP %1 without its usual envelope.</source>
        <translation>Cloudflare 返回了 HTTP %1，但缺少常规的响应封装。</translation>
    </message>
    <message>
        <source>Cloudflare refused the API token (HTTP %1): %2. Check the token stored for this profile and its DNS edit permission.</source>
        <translation>Cloudflare 拒绝了 API 令牌（HTTP %1）：%2。请检查此配置保存的令牌及其 DNS 编辑权限。</translation>
    </message>
    <message>
        <source>Cloudflare refused the request (HTTP %1): %2</source>
        <translation>Cloudflare 拒绝了请求（HTTP %1）：%2</translation>
    </message>
    <message>
        <source>Cloudflare has no zone %1 that this API token may use.</source>
        <translation>Cloudflare 中没有此 API 令牌可以使用的区域 %1。</translation>
    </message>
    <message>
        <source>Cloudflare listed a record with an unusable id.</source>
        <translation>Cloudflare 列出了一条 id 不可用的记录。</translation>
    </message>
    <message>
        <source>Cloudflare reported the record as existing but does not list it; try again.</source>
        <translation>Cloudflare 报告该记录已存在，但未在列表中返回；请重试。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::CommitDialog</name>
    <message>
        <source>Commit and push</source>
        <translation>提交并推送</translation>
    </message>
    <message>
        <source>Commit %1 and push it to the branch %2.</source>
        <translation>提交 %1 并推送到分支 %2。</translation>
    </message>
    <message>
        <source>Describe why the file changed</source>
        <translation>说明修改该文件的原因</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>提交信息：</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ConfigEditor</name>
    <message numerus="yes">
        <source>Repository ready: %n file(s) on %1.</source>
        <translation>
            <numerusform>仓库已就绪：%1 上共 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Committed and pushed as %1.</source>
        <translation>已提交并推送为 %1。</translation>
    </message>
    <message>
        <source>Your edit and the upstream change touch the same lines. Resolve the conflict markers, then commit again.</source>
        <translation>你的修改与上游变更涉及相同的行。请解决冲突标记，然后重新提交。</translation>
    </message>
    <message>
        <source>Your edit now applies on top of the upstream changes. Review it and commit again.</source>
        <translation>你的修改现已应用在上游变更之上。请审阅后重新提交。</translation>
    </message>
    <message>
        <source>%1  %2  %3: %4</source>
        <translation>%1  %2  %3: %4</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Diff</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Restore this version into the editor</source>
        <translation>将此版本恢复到编辑器中</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Rebase my edit</source>
        <translation>变基我的修改</translation>
    </message>
    <message>
        <source>Apply your edit on top of the upstream version</source>
        <translation>将你的修改应用到上游版本之上</translation>
    </message>
    <message>
        <source>Discard mine</source>
        <translation>放弃我的修改</translation>
    </message>
    <message>
        <source>Drop your edit and load the upstream version</source>
        <translation>放弃本地修改并加载上游版本</translation>
    </message>
    <message>
        <source>Upstream changes</source>
        <translation>上游变更</translation>
    </message>
    <message>
        <source>Commit or undo your edit of %1 before opening another file.</source>
        <translation>打开其他文件前，请先提交或撤销对 %1 的修改。</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Commit &amp;&amp; push…</source>
        <translation>提交并推送…</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>漂移</translation>
    </message>
    <message>
        <source>Compare the committed file with what the current templates render</source>
        <translation>将已提交的文件与当前模板的渲染结果进行比较</translation>
    </message>
    <message>
        <source>Re-render</source>
        <translation>重新渲染</translation>
    </message>
    <message>
        <source>Put the template result into the editor for review</source>
        <translation>将模板渲染结果放入编辑器以供审阅</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Go to line…</source>
        <translation>转到行…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Fetching %1 (%2)…</source>
        <translation>正在获取 %1（%2）…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>编辑器</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>Restored the version of %1 from commit %2. Review it and commit to make it current.</source>
        <translation>已恢复提交 %2 中 %1 的版本。请审阅，提交后即成为当前版本。</translation>
    </message>
    <message>
        <source>%1 is large (%2); syntax highlighting is off to keep the editor responsive.</source>
        <translation>%1 较大（%2）；为保持编辑器响应流畅，已关闭语法高亮。</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <source>No changes against the committed version.</source>
        <translation>与已提交版本相比没有变更。</translation>
    </message>
    <message>
        <source>Your edit against the committed version (%1):</source>
        <translation>本地修改相对于已提交版本（%1）的差异：</translation>
    </message>
    <message>
        <source>No drift: the committed file matches the current templates.</source>
        <translation>无漂移：已提交的文件与当前模板一致。</translation>
    </message>
    <message>
        <source>Drift: the committed file (-) against the current templates (+). Use Re-render to put the template result into the editor.</source>
        <translation>漂移：已提交的文件（-）对比当前模板（+）。使用“重新渲染”可将模板生成结果放入编辑器。</translation>
    </message>
    <message>
        <source>Resolve the conflict markers (&lt;&lt;&lt;&lt;&lt;&lt;&lt; … &gt;&gt;&gt;&gt;&gt;&gt;&gt;) before committing.</source>
        <translation>提交前请先解决冲突标记（&lt;&lt;&lt;&lt;&lt;&lt;&lt; … &gt;&gt;&gt;&gt;&gt;&gt;&gt;）。</translation>
    </message>
    <message>
        <source>Rebase your edit or discard it first: the server has newer changes.</source>
        <translation>请先变基或放弃本地修改：服务器上有更新的变更。</translation>
    </message>
    <message>
        <source>Committing and pushing %1…</source>
        <translation>正在提交并推送 %1…</translation>
    </message>
    <message>
        <source>%1 by %2: %3</source>
        <translation>%1，作者 %2：%3</translation>
    </message>
    <message>
        <source>%1 changed upstream since you started editing.</source>
        <translation>开始编辑后，%1 已在上游发生变更。</translation>
    </message>
    <message>
        <source>Other files changed upstream; %1 itself did not.</source>
        <translation>上游有其他文件发生变更；%1 本身未变。</translation>
    </message>
    <message>
        <source>Someone pushed to %1 first, so your commit was not accepted. Your edit is kept: review the upstream changes, then rebase your edit or discard it.</source>
        <translation>有人先推送到了 %1，因此你的提交未被接受。你的修改已保留：请查看上游变更，然后将修改变基或放弃修改。</translation>
    </message>
    <message>
        <source>The templates could not be rendered for %1: %2</source>
        <translation>无法为 %1 渲染模板：%2</translation>
    </message>
    <message>
        <source>The template result is in the editor for review; commit it to make it current.</source>
        <translation>模板生成结果已载入编辑器供审阅；提交后即成为当前版本。</translation>
    </message>
    <message>
        <source>Go to line</source>
        <translation>跳转到行</translation>
    </message>
    <message>
        <source>Line (1–%1):</source>
        <translation>行号（1–%1）：</translation>
    </message>
    <message>
        <source>%1 Update the token in the profile settings.</source>
        <translation>%1 请在配置设置中更新令牌。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Configuration text</source>
        <translation>配置文本</translation>
    </message>
    <message>
        <source>Versions of the file</source>
        <translation>文件的历史版本</translation>
    </message>
    <message>
        <source>Change of the chosen version</source>
        <translation>所选版本的改动</translation>
    </message>
    <message>
        <source>Editor actions</source>
        <translation>编辑器操作</translation>
    </message>
    <message>
        <source>More editor actions</source>
        <translation>更多编辑器操作</translation>
    </message>
    <message>
        <source>Editor panels</source>
        <translation>编辑器面板</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ConfigPushJournal</name>
    <message>
        <source>%1 at %2</source>
        <translation>%1，提交 %2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ConfigRenderer</name>
    <message>
        <source>The template %1 is missing from this build.</source>
        <translation>此构建中缺少模板 %1。</translation>
    </message>
    <message>
        <source>Template %1: %2</source>
        <translation>模板 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the folder for %1.</source>
        <translation>无法为 %1 创建目录。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ConfigValidation</name>
    <message>
        <source>missing &apos;;&apos; at the end of this directive.</source>
        <translation>此指令末尾缺少 &apos;;&apos;。</translation>
    </message>
    <message>
        <source>unexpected &apos;}&apos;.</source>
        <translation>意外的 &apos;}&apos;。</translation>
    </message>
    <message>
        <source>this quote is never closed.</source>
        <translation>此引号未闭合。</translation>
    </message>
    <message>
        <source>this &apos;{&apos; is never closed.</source>
        <translation>此 &apos;{&apos; 未闭合。</translation>
    </message>
    <message>
        <source>expected &quot;name = value&quot; or &quot;[pool]&quot;.</source>
        <translation>应为“name = value”或“[pool]”。</translation>
    </message>
    <message>
        <source>this setting comes before any [pool] section.</source>
        <translation>此设置出现在所有 [pool] 段之前。</translation>
    </message>
    <message>
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <source>the deploy job must pin the host key; never disable StrictHostKeyChecking.</source>
        <translation>deploy 作业必须固定主机密钥；切勿禁用 StrictHostKeyChecking。</translation>
    </message>
    <message>
        <source>the deploy job must keep the pinned known_hosts file.</source>
        <translation>部署作业必须保留固定的 known_hosts 文件。</translation>
    </message>
    <message>
        <source>apps must not use the host network.</source>
        <translation>应用不得使用主机网络。</translation>
    </message>
    <message>
        <source>apps must not run privileged containers.</source>
        <translation>应用不得运行特权容器。</translation>
    </message>
    <message>
        <source>apps must not see the container engine&apos;s socket.</source>
        <translation>应用不得访问容器引擎的套接字。</translation>
    </message>
    <message>
        <source>keep server_tokens off.</source>
        <translation>应保持 server_tokens off。</translation>
    </message>
    <message>
        <source>leftover merge conflict marker.</source>
        <translation>残留的合并冲突标记。</translation>
    </message>
    <message>
        <source>the deploy job needs an environment: section so GitLab records deployments.</source>
        <translation>deploy 作业需要 environment: 配置段，GitLab 才能记录部署。</translation>
    </message>
    <message>
        <source>the upstream has no backup server: nothing answers when the container is down.</source>
        <translation>该 upstream 没有 backup 服务器：容器停止时将没有任何服务响应。</translation>
    </message>
    <message>
        <source>%1 did not finish in time.</source>
        <translation>%1 未能在规定时间内完成。</translation>
    </message>
    <message>
        <source>listen needs an IPv4 address and port such as 127.0.0.1:8080, or a port.</source>
        <translation>listen 需要 IPv4 地址和端口（例如 127.0.0.1:8080），或只填端口。</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for nginx -t.</source>
        <translation>无法为 nginx -t 创建临时目录。</translation>
    </message>
    <message>
        <source>Cannot write the files for nginx -t.</source>
        <translation>无法写入 nginx -t 所需的文件。</translation>
    </message>
    <message>
        <source>nginx could not be started.</source>
        <translation>无法启动 nginx。</translation>
    </message>
    <message>
        <source>nginx -t failed.</source>
        <translation>nginx -t 失败。</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for php-fpm -t.</source>
        <translation>无法为 php-fpm -t 创建临时目录。</translation>
    </message>
    <message>
        <source>Cannot write the files for php-fpm -t.</source>
        <translation>无法写入 php-fpm -t 所需的文件。</translation>
    </message>
    <message>
        <source>php-fpm could not be started.</source>
        <translation>无法启动 php-fpm。</translation>
    </message>
    <message>
        <source>php-fpm -t failed.</source>
        <translation>php-fpm -t 失败。</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for docker-compose config.</source>
        <translation>无法为 docker-compose config 创建临时目录。</translation>
    </message>
    <message>
        <source>Cannot write the file for docker-compose config.</source>
        <translation>无法写入 docker-compose config 所需的文件。</translation>
    </message>
    <message>
        <source>docker-compose could not be started.</source>
        <translation>无法启动 docker-compose。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ConnectionCheck</name>
    <message>
        <source>Guest</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>报告者</translation>
    </message>
    <message>
        <source>Developer</source>
        <translation>开发者</translation>
    </message>
    <message>
        <source>Maintainer</source>
        <translation>维护者</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>access level %1</source>
        <translation>访问级别 %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 等另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>GitLab version</source>
        <translation>GitLab 版本</translation>
    </message>
    <message>
        <source>Token scopes and expiry</source>
        <translation>令牌权限范围与有效期</translation>
    </message>
    <message>
        <source>Role on the root group</source>
        <translation>在根群组中的角色</translation>
    </message>
    <message>
        <source>Pagination links</source>
        <translation>分页链接</translation>
    </message>
    <message>
        <source>CI/CD job token allowlists</source>
        <translation>CI/CD 作业令牌允许列表</translation>
    </message>
    <message>
        <source>Runners for the deploy jobs</source>
        <translation>部署作业的 Runner</translation>
    </message>
    <message>
        <source>http to https redirect</source>
        <translation>http 到 https 的重定向</translation>
    </message>
    <message>
        <source>The token&apos;s user needs more rights for this check (see &quot;Role on the root group&quot;).</source>
        <translation>令牌所属用户的权限不足以完成此项检查（见“在根群组中的角色”）。</translation>
    </message>
    <message>
        <source>Create a personal access token with the api scope and store it in this profile.</source>
        <translation>请创建一个带 api 权限范围的个人访问令牌，并保存到此配置中。</translation>
    </message>
    <message>
        <source>Check the GitLab URL in this profile and that this computer can reach it.</source>
        <translation>请检查此配置中的 GitLab URL，以及本机能否访问它。</translation>
    </message>
    <message>
        <source>GitLab sent no version number.</source>
        <translation>GitLab 未返回版本号。</translation>
    </message>
    <message>
        <source>GitLab %1; Dockmaster needs %2 or later.</source>
        <translation>GitLab %1；Dockmaster 需要 %2 或更高版本。</translation>
    </message>
    <message>
        <source>Upgrade GitLab to %1 or later (the CI/CD job token allowlist API).</source>
        <translation>请将 GitLab 升级到 %1 或更高版本（需要 CI/CD 作业令牌允许列表 API）。</translation>
    </message>
    <message>
        <source>GitLab %1 (%2 or later needed).</source>
        <translation>GitLab %1（需要 %2 或更高版本）。</translation>
    </message>
    <message>
        <source>GitLab says: %1</source>
        <translation>GitLab 返回：%1</translation>
    </message>
    <message>
        <source>Make sure this token has the api scope and note when it expires.</source>
        <translation>请确认此令牌具有 api 权限范围，并留意其过期时间。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>expires on %1</source>
        <translation>于 %1 过期</translation>
    </message>
    <message>
        <source>does not expire</source>
        <translation>永不过期</translation>
    </message>
    <message>
        <source>Scopes: %1; %2.</source>
        <translation>权限范围：%1；%2。</translation>
    </message>
    <message>
        <source>The token is revoked or expired. %1</source>
        <translation>令牌已被撤销或已过期。%1</translation>
    </message>
    <message>
        <source>Dockmaster writes to GitLab, so the token needs the api scope (read_api is not enough). %1</source>
        <translation>Dockmaster 需要写入 GitLab，因此令牌必须具有 api 权限范围（read_api 不够）。%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 That is in %n day(s).</source>
        <translation>
            <numerusform>%1即 %n 天后。</numerusform>
        </translation>
    </message>
    <message>
        <source>Create a new token with the api scope before then and store it in this profile.</source>
        <translation>请在此之前创建一个带 api 权限范围的新令牌，并保存到此配置中。</translation>
    </message>
    <message>
        <source>%1 is an administrator of this GitLab.</source>
        <translation>%1 是此 GitLab 的管理员。</translation>
    </message>
    <message>
        <source>Make %1 Owner of %2 (the group&apos;s Manage &gt; Members), or store the token of a user who is.</source>
        <translation>请将 %1 设为 %2 的所有者（群组的“管理 &gt; 成员”），或保存一位所有者的令牌。</translation>
    </message>
    <message>
        <source>%1 is not a member of %2 (or the group does not exist).</source>
        <translation>%1 不是 %2 的成员（或该群组不存在）。</translation>
    </message>
    <message>
        <source>%1 is %2 of %3.</source>
        <translation>%1 是 %3 的%2。</translation>
    </message>
    <message>
        <source>GitLab&apos;s links point to %1, the URL in this profile.</source>
        <translation>GitLab 的链接指向 %1，即此配置中的 URL。</translation>
    </message>
    <message>
        <source>GitLab names %1 in its pagination links, not %2: its external_url differs from the URL in this profile. Dockmaster copes: it keeps the path of each link and asks %2, and never sends the token to %1.</source>
        <translation>GitLab 在分页链接中使用的是 %1，而不是 %2：它的 external_url 与此配置中的 URL 不同。Dockmaster 能够应对：它只保留每个链接的路径并向 %2 请求，绝不会把令牌发送到 %1。</translation>
    </message>
    <message>
        <source>Nothing to do for Dockmaster. Other tools may follow these links; if %1 is GitLab&apos;s real address, set external_url to it.</source>
        <translation>Dockmaster 无需任何操作。其他工具可能会跟随这些链接；如果 %1 才是 GitLab 的真实地址，请将 external_url 设为它。</translation>
    </message>
    <message>
        <source>No app is provisioned yet: nothing to check.</source>
        <translation>尚未创建任何应用：无需检查。</translation>
    </message>
    <message numerus="yes">
        <source>The deploy jobs of all %n app(s) may clone their code repository.</source>
        <translation>
            <numerusform>全部 %n 个应用的部署作业都可以克隆其代码仓库。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n app(s) cannot deploy: their ops project is not on the code repository&apos;s CI/CD job token allowlist (%1).</source>
        <translation>
            <numerusform>%n 个应用无法部署：其运维项目不在代码仓库的 CI/CD 作业令牌允许列表中（%1）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Press Repair to add them (recorded in the audit log), or add each &lt;root&gt;/ops project under the code project&apos;s Settings &gt; CI/CD &gt; Job token permissions.</source>
        <translation>点击“修复”添加它们（会记入审计日志），或在代码项目的“设置 &gt; CI/CD &gt; 作业令牌权限”中逐个添加 &lt;root&gt;/ops 下的项目。</translation>
    </message>
    <message>
        <source>No app is provisioned yet, so no runner could be checked.</source>
        <translation>尚未创建任何应用，因此无法检查 Runner。</translation>
    </message>
    <message>
        <source>Check again after the first app is created.</source>
        <translation>请在创建第一个应用后再次检查。</translation>
    </message>
    <message>
        <source>An online runner can take the deploy jobs of every ops project.</source>
        <translation>每个运维项目的部署作业都有在线的 Runner 可以执行。</translation>
    </message>
    <message numerus="yes">
        <source>No online runner for %n ops project(s): %1. Their deploy jobs would stay pending.</source>
        <translation>
            <numerusform>%n 个运维项目没有在线的 Runner：%1。它们的部署作业将一直处于等待状态。</numerusform>
        </translation>
    </message>
    <message>
        <source>Register a runner for the group %1/ops or the whole instance (gitlab-runner register), or start or unpause the one that is there.</source>
        <translation>请为群组 %1/ops 或整个实例注册一个 Runner（gitlab-runner register），或启动、恢复已有的 Runner。</translation>
    </message>
    <message>
        <source>%1 is not served (connection refused).</source>
        <translation>%1 未提供服务（连接被拒绝）。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The GitLab URL %1 redirects to %2 (HTTP %3).</source>
        <translation>GitLab URL %1 重定向到 %2（HTTP %3）。</translation>
    </message>
    <message>
        <source>Use %1 in this profile; Dockmaster does not follow redirects with the token.</source>
        <translation>请在此配置中使用 %1；Dockmaster 不会带着令牌跟随重定向。</translation>
    </message>
    <message>
        <source>%1 answers over plain http on this computer, without a redirect.</source>
        <translation>%1 在本机上以明文 http 应答，没有重定向。</translation>
    </message>
    <message>
        <source>%1 redirects to %2.</source>
        <translation>%1 重定向到 %2。</translation>
    </message>
    <message>
        <source>%1 answers HTTP %2 without redirecting to https: whoever types the http address sends passwords and tokens unencrypted. Dockmaster itself uses https.</source>
        <translation>%1 返回 HTTP %2，没有重定向到 https：任何输入 http 地址的人都会以明文发送密码和令牌。Dockmaster 本身使用 https。</translation>
    </message>
    <message>
        <source>Redirect http to https on the server (Omnibus GitLab: nginx[&apos;redirect_http_to_https&apos;] = true), or close port 80.</source>
        <translation>请在服务器上将 http 重定向到 https（Omnibus GitLab：nginx[&apos;redirect_http_to_https&apos;] = true），或关闭 80 端口。</translation>
    </message>
    <message>
        <source>Cannot read the CI/CD job token allowlist of %1: %2</source>
        <translation>无法读取 %1 的 CI/CD 作业令牌允许列表：%2</translation>
    </message>
    <message>
        <source>Cannot add %1&apos;s ops project to its code project&apos;s CI/CD job token allowlist: %2</source>
        <translation>无法将 %1 的运维项目加入其代码项目的 CI/CD 作业令牌允许列表：%2</translation>
    </message>
    <message>
        <source>Added %1/ops/%2 to the CI/CD job token allowlist of %1/apps/%2</source>
        <translation>已将 %1/ops/%2 加入 %1/apps/%2 的 CI/CD 作业令牌允许列表</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>检查中</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>could not check</source>
        <translation>无法检查</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>解决办法：%1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ConnectionCheckDialog</name>
    <message>
        <source>Connection check</source>
        <translation>连接检查</translation>
    </message>
    <message>
        <source>%1, root group %2</source>
        <translation>%1，根群组 %2</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Add the missing ops projects to their code projects&apos; CI/CD job token allowlists</source>
        <translation>将缺少的运维项目加入其代码项目的 CI/CD 作业令牌允许列表</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Adding the missing allowlist entries…</source>
        <translation>正在添加缺少的允许列表条目…</translation>
    </message>
    <message>
        <source>Repair failed: %1</source>
        <translation>修复失败：%1</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>解决办法：%1</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>所有检查均已通过。</translation>
    </message>
    <message>
        <source>%1, %2.</source>
        <translation>%1，%2。</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) failed or could not be checked</source>
        <translation>
            <numerusform>%n 项失败或无法检查</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 项警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing failed; %n warning(s).</source>
        <translation>
            <numerusform>没有失败项；%n 项警告。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::CreateAppDialog</name>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Create app</source>
        <translation>创建应用</translation>
    </message>
    <message>
        <source>e.g. Shop Cart</source>
        <translation>例如 Shop Cart</translation>
    </message>
    <message>
        <source>GitLab username of the developer</source>
        <translation>开发者的 GitLab 用户名</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>负责人(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>Environments:</source>
        <translation>环境：</translation>
    </message>
    <message>
        <source>Automatic (most free capacity)</source>
        <translation>自动（剩余容量最多）</translation>
    </message>
    <message>
        <source>Test host:</source>
        <translation>测试环境主机：</translation>
    </message>
    <message>
        <source>Production host:</source>
        <translation>生产环境主机：</translation>
    </message>
    <message>
        <source>Hardened PHP on the host</source>
        <translation>主机上的加固 PHP</translation>
    </message>
    <message>
        <source>Static maintenance page</source>
        <translation>静态维护页面</translation>
    </message>
    <message>
        <source>Production &amp;fallback:</source>
        <translation>生产环境备用方案(&amp;F)：</translation>
    </message>
    <message>
        <source>Creating %1 (%2)…</source>
        <translation>正在创建 %1（%2）…</translation>
    </message>
    <message>
        <source>Step &quot;%1&quot; failed: %2</source>
        <translation>步骤“%1”失败：%2</translation>
    </message>
    <message>
        <source>%1 is ready.</source>
        <translation>%1 已就绪。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Checking the owner and the hosts…</source>
        <translation>正在检查负责人和主机…</translation>
    </message>
    <message>
        <source>Continuing %1…</source>
        <translation>正在继续 %1…</translation>
    </message>
    <message>
        <source>%1 — running…</source>
        <translation>%1 — 进行中…</translation>
    </message>
    <message>
        <source>%1 — done</source>
        <translation>%1 — 已完成</translation>
    </message>
    <message>
        <source>%1 — already done</source>
        <translation>%1 — 此前已完成</translation>
    </message>
    <message>
        <source>%1 — failed</source>
        <translation>%1 — 失败</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DeploymentProgressPanel</name>
    <message>
        <source>Deployments you start (approvals, tag deploys, rollbacks) appear here with their pipeline and job log.</source>
        <translation>你发起的部署（审批、标签部署、回滚）会连同其流水线和作业日志显示在这里。</translation>
    </message>
    <message>
        <source>Deployments in progress</source>
        <translation>进行中的部署</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>流水线</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Job log</source>
        <translation>作业日志</translation>
    </message>
    <message>
        <source>Pushing</source>
        <translation>正在推送</translation>
    </message>
    <message>
        <source>Waiting for the pipeline</source>
        <translation>等待流水线</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation>已部署</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Lost track</source>
        <translation>已失去跟踪</translation>
    </message>
    <message>
        <source>──── job %1 ────</source>
        <translation>──── 作业 %1 ────</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DeploymentsModel</name>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>SHA</source>
        <translation>SHA</translation>
    </message>
    <message>
        <source>By</source>
        <translation>执行人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DnsAccess</name>
    <message>
        <source>This profile manages DNS by hand (no DNS provider in its settings).</source>
        <translation>此配置文件手动管理 DNS（其设置中没有 DNS 服务商）。</translation>
    </message>
    <message>
        <source>The DNS provider&apos;s API key is not in the system keychain: enter it in the profile settings.</source>
        <translation>系统密钥环中没有 DNS 服务商的 API 密钥：请在配置文件设置中输入。</translation>
    </message>
    <message>
        <source>Cannot check the DNS records of %1: %2</source>
        <translation>无法检查 %1 的 DNS 记录：%2</translation>
    </message>
    <message>
        <source>DNS records of %1</source>
        <translation>%1 的 DNS 记录</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DnsPodProvider</name>
    <message>
        <source>DNSPod API address</source>
        <translation>DNSPod API 地址</translation>
    </message>
    <message>
        <source>DNSPod SecretId</source>
        <translation>DNSPod SecretId</translation>
    </message>
    <message>
        <source>DNSPod SecretKey</source>
        <translation>DNSPod SecretKey</translation>
    </message>
    <message>
        <source>DNSPod</source>
        <translation>DNSPod</translation>
    </message>
    <message>
        <source>DNSPod answered HTTP %1 without a Response object.</source>
        <translation>DNSPod 返回了 HTTP %1，但没有 Response 对象。</translation>
    </message>
    <message>
        <source>DNSPod refused the credentials (%1): %2. Check the SecretId and SecretKey stored for this profile and the computer&apos;s clock.</source>
        <translation>DNSPod 拒绝了凭据（%1）：%2。请检查此配置保存的 SecretId 和 SecretKey，以及本机的系统时间。</translation>
    </message>
    <message>
        <source>DNSPod refused the request (%1): %2</source>
        <translation>DNSPod 拒绝了请求（%1）：%2</translation>
    </message>
    <message>
        <source>DNSPod reported the record as existing but does not list it; try again.</source>
        <translation>DNSPod 报告该记录已存在，但记录列表中没有它；请重试。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DnsProvider</name>
    <message numerus="yes">
        <source>no answer within %n second(s)</source>
        <translation>
            <numerusform>%n 秒内没有应答</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the DNS settings changed while %1 was working.</source>
        <translation>已取消：%1 处理期间 DNS 设置发生了变化。</translation>
    </message>
    <message>
        <source>Zones: configure at least one DNS zone.</source>
        <translation>区域：请至少配置一个 DNS 区域。</translation>
    </message>
    <message>
        <source>Record name: %1 is not inside the configured zones (%2).</source>
        <translation>记录名称：%1 不在已配置的区域（%2）内。</translation>
    </message>
    <message>
        <source>%1 failed without an explanation.</source>
        <translation>%1 失败，未给出原因。</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>无法连接 %1：%2</translation>
    </message>
    <message>
        <source>The TLS certificate of %1 was not accepted: %2</source>
        <translation>%1 的 TLS 证书未被接受：%2</translation>
    </message>
    <message>
        <source>%1 answered with an error: %2</source>
        <translation>%1 返回错误：%2</translation>
    </message>
    <message>
        <source>This profile has no DNS provider configured.</source>
        <translation>此配置未设置 DNS 服务商。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DnsReconciler</name>
    <message>
        <source>No DNS records are expected for this app.</source>
        <translation>此应用不需要任何 DNS 记录。</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>正在查询 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Fixing %n record(s)…</source>
        <translation>
            <numerusform>正在修复 %n 条记录…</numerusform>
        </translation>
    </message>
    <message>
        <source>Fixing failed: %1</source>
        <translation>修复失败：%1</translation>
    </message>
    <message>
        <source>Could not read the records: %1</source>
        <translation>无法读取记录：%1</translation>
    </message>
    <message numerus="yes">
        <source>All %n record(s) match.</source>
        <translation>
            <numerusform>全部 %n 条记录均一致。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) differ from what is expected.</source>
        <translation>
            <numerusform>%n 条记录与预期不符。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::DnsReconciliationModel</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1 points to %2 instead of %3.</source>
        <translation>%1 指向 %2，而不是 %3。</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Expected address</source>
        <translation>预期地址</translation>
    </message>
    <message>
        <source>Address at the provider</source>
        <translation>服务商处的地址</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DnsReconciliationView</name>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Fix drift</source>
        <translation>修复漂移</translation>
    </message>
    <message>
        <source>Create or correct every record that is missing or points to the wrong address.</source>
        <translation>创建所有缺失的记录，并修正所有指向错误地址的记录。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DnsRecord</name>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Wrong address</source>
        <translation>地址错误</translation>
    </message>
    <message>
        <source>Unexpected record</source>
        <translation>多余的记录</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DnsValidation</name>
    <message>
        <source>Record name: enter a name such as &quot;app0000042.test.example.com&quot;.</source>
        <translation>记录名称：请输入类似“app0000042.test.example.com”的名称。</translation>
    </message>
    <message>
        <source>Record name: the name is longer than 253 characters.</source>
        <translation>记录名称：名称超过 253 个字符。</translation>
    </message>
    <message>
        <source>Record name: use lower-case letters, digits and &apos;-&apos; in dot-separated labels of up to 63 characters, for example &quot;app0000042.test.example.com&quot;.</source>
        <translation>记录名称：请使用以点分隔、每级不超过 63 个字符、由小写字母、数字和 &apos;-&apos; 组成的标签，例如“app0000042.test.example.com”。</translation>
    </message>
    <message>
        <source>Zone: use lower-case letters, digits and &apos;-&apos; in dot-separated labels, for example &quot;test.example.com&quot;.</source>
        <translation>区域：请使用以点分隔的、由小写字母、数字和 &apos;-&apos; 组成的标签，例如“test.example.com”。</translation>
    </message>
    <message>
        <source>Address: enter an IPv4 address such as 192.0.2.10.</source>
        <translation>地址：请输入 IPv4 地址，例如 192.0.2.10。</translation>
    </message>
    <message>
        <source>Address: use an IPv4 address of four numbers from 0 to 255 without leading zeros, for example 192.0.2.10.</source>
        <translation>地址：请使用由四个 0 到 255 之间、不带前导零的数字组成的 IPv4 地址，例如 192.0.2.10。</translation>
    </message>
    <message>
        <source>TTL: use a number of seconds from %1 to %2.</source>
        <translation>TTL：请使用 %1 到 %2 之间的秒数。</translation>
    </message>
    <message>
        <source>Record type: use A, AAAA, CNAME or TXT.</source>
        <translation>记录类型：请使用 A、AAAA、CNAME 或 TXT。</translation>
    </message>
    <message>
        <source>%1: the credential is empty.</source>
        <translation>%1：凭据为空。</translation>
    </message>
    <message>
        <source>%1: the credential contains spaces, control or non-ASCII characters.</source>
        <translation>%1：凭据包含空格、控制字符或非 ASCII 字符。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DockerLogSource</name>
    <message>
        <source>Cannot read the Docker key passphrase: %1</source>
        <translation>无法读取 Docker 密钥的密码短语：%1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DockerLogWorker</name>
    <message>
        <source>The Docker engine refused to list containers (HTTP %1): %2</source>
        <translation>Docker 引擎拒绝列出容器（HTTP %1）：%2</translation>
    </message>
    <message>
        <source>Cannot reach the Docker engine: %1</source>
        <translation>无法连接 Docker 引擎：%1</translation>
    </message>
    <message>
        <source>The log stream of %1 is not in Docker&apos;s format.</source>
        <translation>%1 的日志流不是 Docker 格式。</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1：%2</translation>
    </message>
    <message>
        <source>no details</source>
        <translation>无详细信息</translation>
    </message>
    <message>
        <source>The log stream of %1 stopped answering.</source>
        <translation>%1 的日志流停止了响应。</translation>
    </message>
    <message>
        <source>No container of %1 on this host yet; looking again every few seconds.</source>
        <translation>此主机上还没有 %1 的容器；每隔几秒重新查找。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::DurableDeployments</name>
    <message>
        <source>Stopped before its commit reached GitLab: nothing was deployed (%1 to %2 of %3).</source>
        <translation>在提交到达 GitLab 之前已中断：没有部署任何内容（%1 到 %3 的 %2）。</translation>
    </message>
    <message>
        <source>The pipeline of commit %1 ended as %2; another console recorded it.</source>
        <translation>提交 %1 的流水线以 %2 结束；另一个控制台已记录其结果。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::EdgeGrantsFile</name>
    <message>
        <source>%1: granted to nobody (was %2)</source>
        <translation>%1：不再授予任何角色（原为 %2）</translation>
    </message>
    <message>
        <source>%1: granted to %2</source>
        <translation>%1：授予 %2</translation>
    </message>
    <message>
        <source>%1: granted to %2 (was %3)</source>
        <translation>%1：授予 %2（原为 %3）</translation>
    </message>
    <message>
        <source>%1: open without sign-in</source>
        <translation>%1：无需登录即可访问</translation>
    </message>
    <message>
        <source>%1: behind the sign-in again</source>
        <translation>%1：重新需要登录</translation>
    </message>
    <message>
        <source>the permission name %1 is not allowed: lower-case letters, digits and ._- only, starting with a letter.</source>
        <translation>权限名 %1 不被允许：只能使用小写字母、数字和 ._-，并以字母开头。</translation>
    </message>
    <message>
        <source>the role %1 of %2 is not allowed: letters, digits and ._- only, at most 64.</source>
        <translation>%2 的角色 %1 不被允许：只能使用字母、数字和 ._-，最多 64 个字符。</translation>
    </message>
    <message>
        <source>%1 is granted to %2 roles: at most %3 are allowed.</source>
        <translation>%1 授予了 %2 个角色：最多允许 %3 个。</translation>
    </message>
    <message>
        <source>at most %1 permissions can be granted.</source>
        <translation>最多可以授予 %1 项权限。</translation>
    </message>
    <message>
        <source>the file is larger than %1 KiB.</source>
        <translation>文件大于 %1 KiB。</translation>
    </message>
    <message>
        <source>it is not a JSON object (%1).</source>
        <translation>它不是 JSON 对象（%1）。</translation>
    </message>
    <message>
        <source>&quot;grants&quot; must map each permission to a list of roles.</source>
        <translation>&quot;grants&quot; 必须把每项权限映射到一个角色列表。</translation>
    </message>
    <message>
        <source>the roles of %1 must be a list.</source>
        <translation>%1 的角色必须是列表。</translation>
    </message>
    <message>
        <source>&quot;open_paths&quot; must be a list of paths.</source>
        <translation>&quot;open_paths&quot; 必须是路径列表。</translation>
    </message>
    <message>
        <source>the open path %1 is not allowed: it starts with / and has letters, digits and /_.- only (a folder ends with /; not the whole site).</source>
        <translation>开放路径 %1 不被允许：必须以 / 开头，只能包含字母、数字和 /_.-（文件夹以 / 结尾；不能是整个站点）。</translation>
    </message>
    <message>
        <source>at most %1 paths can be open.</source>
        <translation>最多可以开放 %1 个路径。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::EditorTabs</name>
    <message>
        <source>Close editor</source>
        <translation>关闭编辑器</translation>
    </message>
    <message>
        <source>%1 has changes that are not committed. Close it and lose them?</source>
        <translation>%1 有尚未提交的修改。关闭并丢弃这些修改吗？</translation>
    </message>
    <message>
        <source>the host of this environment is not in the inventory</source>
        <translation>此环境的主机不在清单中</translation>
    </message>
    <message>
        <source>Uncommitted changes</source>
        <translation>未提交的更改</translation>
    </message>
    <message>
        <source>%1 has changes that are not committed. Commit and push them, or discard them?</source>
        <translation>%1 有尚未提交的更改。要提交并推送，还是放弃这些更改？</translation>
    </message>
    <message>
        <source>Commit…</source>
        <translation>提交…</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
</context>
<context>
    <name>Dockmaster::Environment</name>
    <message>
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
</context>
<context>
    <name>Dockmaster::EnvironmentRender</name>
    <message>
        <source>%1 is not made from a template, so it cannot drift.</source>
        <translation>%1 不是由模板生成的，因此不存在漂移。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::FilterWidgets</name>
    <message>
        <source>Environment filter</source>
        <translation>环境筛选</translation>
    </message>
    <message>
        <source>All environments</source>
        <translation>所有环境</translation>
    </message>
</context>
<context>
    <name>Dockmaster::FindReplaceBar</name>
    <message>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>Replace:</source>
        <translation>替换：</translation>
    </message>
    <message>
        <source>Invalid regular expression</source>
        <translation>无效的正则表达式</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>已替换 %n 处</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::GitLabClient</name>
    <message>
        <source>The TLS certificate of %1 could not be verified (%2). Dockmaster does not connect to servers it cannot verify.</source>
        <translation>无法验证 %1 的 TLS 证书（%2）。Dockmaster 不会连接无法验证的服务器。</translation>
    </message>
    <message>
        <source>GitLab at %1 did not answer within %2 seconds.</source>
        <translation>%1 上的 GitLab 未在 %2 秒内响应。</translation>
    </message>
    <message>
        <source>GitLab at %1 cannot be reached (%2). Dockmaster works offline with the cached data.</source>
        <translation>无法连接位于 %1 的 GitLab（%2）。Dockmaster 将使用缓存数据离线工作。</translation>
    </message>
    <message>
        <source>The connection to GitLab broke while it handled %1 %2. The change may or may not have been made; Dockmaster checks before trying again.</source>
        <translation>与 GitLab 的连接在处理 %1 %2 时中断。该变更可能已生效，也可能未生效；Dockmaster 会在重试前先进行检查。</translation>
    </message>
    <message numerus="yes">
        <source>GitLab is limiting the request rate; it asks to wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>GitLab 正在限制请求频率，要求等待 %n 秒后再重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>GitLab failed with HTTP %1 while it handled %2 %3. The change may or may not have been made; Dockmaster checks before trying again.</source>
        <translation>GitLab 在处理 %2 %3 时失败（HTTP %1）。该更改可能已生效，也可能未生效；Dockmaster 会在重试前先进行检查。</translation>
    </message>
    <message>
        <source>The answer GitLab sent for %1 was cut off (%2 of %3 bytes arrived). Nothing was changed.</source>
        <translation>GitLab 为 %1 返回的响应不完整（只收到 %3 字节中的 %2 字节）。未做任何更改。</translation>
    </message>
    <message>
        <source>GitLab sent an answer for %1 that Dockmaster cannot read (%2). Nothing was changed.</source>
        <translation>GitLab 为 %1 返回的响应无法被 Dockmaster 读取（%2）。未做任何更改。</translation>
    </message>
    <message>
        <source>not a list</source>
        <translation>不是列表</translation>
    </message>
    <message>
        <source>GitLab&apos;s link to the next page of %1 is not an API address; Dockmaster does not follow it.</source>
        <translation>GitLab 给出的 %1 下一页链接不是 API 地址；Dockmaster 不会访问它。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>GitLab did not accept the access token: it is invalid, expired or was revoked. Create a new token and save it in the profile.</source>
        <translation>GitLab 不接受该访问令牌：令牌无效、已过期或已被撤销。请创建新令牌并保存到配置中。</translation>
    </message>
    <message>
        <source>Your GitLab account is missing the permission for %1. Ask a GitLab owner for the Maintainer role (or an admin token).</source>
        <translation>你的 GitLab 账号缺少 %1 的权限。请向 GitLab 负责人申请 Maintainer 角色（或管理员令牌）。</translation>
    </message>
    <message>
        <source>GitLab has nothing at %1, or the token is not allowed to see it.</source>
        <translation>GitLab 在 %1 处没有内容，或令牌无权查看。</translation>
    </message>
    <message>
        <source>GitLab refused the change to %1 (HTTP %2).</source>
        <translation>GitLab 拒绝了对 %1 的更改（HTTP %2）。</translation>
    </message>
    <message>
        <source>GitLab refused the change to %1: %2</source>
        <translation>GitLab 拒绝了对 %1 的更改：%2</translation>
    </message>
    <message>
        <source>GitLab is limiting the request rate; try again in a moment.</source>
        <translation>GitLab 正在限制请求频率；请稍后重试。</translation>
    </message>
    <message>
        <source>GitLab had an internal error (HTTP %1) for %2. Try again later.</source>
        <translation>GitLab 处理 %2 时发生内部错误（HTTP %1）。请稍后重试。</translation>
    </message>
    <message>
        <source>GitLab answered HTTP %1 for %2.</source>
        <translation>GitLab 对 %2 返回了 HTTP %1。</translation>
    </message>
    <message>
        <source>GitLab sent an entry in %1 that Dockmaster cannot read. Nothing was changed.</source>
        <translation>GitLab 在 %1 中返回了 Dockmaster 无法读取的条目。未做任何更改。</translation>
    </message>
    <message>
        <source>GitLab accepted the change to %1 but sent an answer Dockmaster cannot read; the change was probably made. Check it before doing it again.</source>
        <translation>GitLab 已接受对 %1 的更改，但返回的应答 Dockmaster 无法读取；更改很可能已经生效。请先核对，再决定是否重做。</translation>
    </message>
    <message numerus="yes">
        <source>GitLab&apos;s pages of %1 lead back to a page already read; Dockmaster stopped after %n page(s). Nothing was changed.</source>
        <translation>
            <numerusform>GitLab 返回的 %1 分页指回了已读取过的页面；Dockmaster 在读取 %n 页后停止。未做任何更改。</numerusform>
        </translation>
    </message>
    <message>
        <source>GitLab sent an answer for %1 that Dockmaster cannot read. Nothing was changed.</source>
        <translation>GitLab 针对 %1 返回的应答 Dockmaster 无法读取。未做任何更改。</translation>
    </message>
    <message>
        <source>GitLab sent no file metadata for %1.</source>
        <translation>GitLab 未返回 %1 的文件元数据。</translation>
    </message>
    <message>
        <source>The GitLab URL %1 redirects to https. Use %2 in the profile; Dockmaster does not follow redirects with the token.</source>
        <translation>GitLab 地址 %1 会重定向到 https。请在配置文件中改用 %2；Dockmaster 不会带着令牌跟随重定向。</translation>
    </message>
    <message>
        <source>GitLab at %1 redirected %2 to %3; Dockmaster does not follow redirects with the token. Check the GitLab URL in the profile.</source>
        <translation>%1 上的 GitLab 将 %2 重定向到了 %3；Dockmaster 不会带着令牌跟随重定向。请检查配置文件中的 GitLab 地址。</translation>
    </message>
    <message>
        <source>The access token is missing a scope for %1: create a token with the api scope and save it in the profile.</source>
        <translation>访问令牌缺少访问 %1 所需的权限范围：请创建带有 api 范围的令牌并保存到配置文件中。</translation>
    </message>
    <message>
        <source>GitLab refused %1: %2</source>
        <translation>GitLab 拒绝了 %1：%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::GitWorker</name>
    <message>
        <source>Could not set up the workspace: %1</source>
        <translation>无法设置工作区：%1</translation>
    </message>
    <message>
        <source>Could not read the workspace settings: %1</source>
        <translation>无法读取工作区设置：%1</translation>
    </message>
    <message>
        <source>%1 is a symbolic link (to %2), not a file: Dockmaster does not open, edit or commit through links. Replace it in the repository itself.</source>
        <translation>%1 是符号链接（指向 %2），不是文件：Dockmaster 不会通过链接打开、编辑或提交。请直接在仓库中替换它。</translation>
    </message>
    <message>
        <source>%1 is not a commit id.</source>
        <translation>%1 不是提交 ID。</translation>
    </message>
    <message>
        <source>The path &quot;%1&quot; is not a file inside the repository.</source>
        <translation>路径“%1”不是仓库中的文件。</translation>
    </message>
    <message>
        <source>Could not compute the diff: %1</source>
        <translation>无法计算差异：%1</translation>
    </message>
    <message>
        <source>No repository is open.</source>
        <translation>没有打开的仓库。</translation>
    </message>
    <message>
        <source>The repository has no origin remote: %1</source>
        <translation>该仓库没有 origin 远程：%1</translation>
    </message>
    <message>
        <source>The server %1 refused the access token. Check that the token is valid and may read and write the repository.</source>
        <translation>服务器 %1 拒绝了访问令牌。请检查令牌是否有效，并具有读写该仓库的权限。</translation>
    </message>
    <message>
        <source>Fetching was cancelled.</source>
        <translation>获取已取消。</translation>
    </message>
    <message>
        <source>Could not fetch from %1: %2</source>
        <translation>无法从 %1 获取更新：%2</translation>
    </message>
    <message>
        <source>The branch %1 is not checked out.</source>
        <translation>分支 %1 未检出。</translation>
    </message>
    <message>
        <source>The branch %1 does not exist on %2.</source>
        <translation>%2 上不存在分支 %1。</translation>
    </message>
    <message>
        <source>Commit %1 was not found: %2</source>
        <translation>未找到提交 %1：%2</translation>
    </message>
    <message>
        <source>Could not update the branch %1: %2</source>
        <translation>无法更新分支 %1：%2</translation>
    </message>
    <message>
        <source>Could not check out %1: %2</source>
        <translation>无法检出 %1：%2</translation>
    </message>
    <message>
        <source>Could not read commit %1: %2</source>
        <translation>无法读取提交 %1：%2</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Could not read the branch head: %1</source>
        <translation>无法读取分支头：%1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a repository address.</source>
        <translation>“%1”不是仓库地址。</translation>
    </message>
    <message>
        <source>Could not open the workspace %1: %2</source>
        <translation>无法打开工作区 %1：%2</translation>
    </message>
    <message>
        <source>Cloning was cancelled.</source>
        <translation>克隆已取消。</translation>
    </message>
    <message>
        <source>Could not clone %1: %2</source>
        <translation>无法克隆 %1：%2</translation>
    </message>
    <message>
        <source>%1 does not exist in commit %2.</source>
        <translation>提交 %2 中不存在 %1。</translation>
    </message>
    <message>
        <source>A commit needs a message.</source>
        <translation>提交必须填写提交信息。</translation>
    </message>
    <message>
        <source>Could not prepare the commit: %1</source>
        <translation>无法准备提交：%1</translation>
    </message>
    <message>
        <source>Nothing to commit: %1 is unchanged.</source>
        <translation>没有可提交的内容：%1 未改动。</translation>
    </message>
    <message>
        <source>The author &quot;%1 &lt;%2&gt;&quot; is not valid for git.</source>
        <translation>作者“%1 &lt;%2&gt;”不是有效的 git 作者。</translation>
    </message>
    <message>
        <source>Could not create the commit: %1</source>
        <translation>无法创建提交：%1</translation>
    </message>
    <message>
        <source>Pushing was cancelled.</source>
        <translation>推送已取消。</translation>
    </message>
    <message>
        <source>Could not push to %1: %2</source>
        <translation>无法推送到 %1：%2</translation>
    </message>
    <message>
        <source>The server refused the push to %1: %2</source>
        <translation>服务器拒绝推送到 %1：%2</translation>
    </message>
    <message>
        <source>Could not merge %1: %2</source>
        <translation>无法合并 %1：%2</translation>
    </message>
    <message>
        <source>%1 was removed upstream.</source>
        <translation>%1 已在上游被删除。</translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <source>Reading the history was cancelled.</source>
        <translation>已取消读取历史记录。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a full commit id; a deployment is always pinned by its SHA.</source>
        <translation>“%1”不是完整的提交 ID；部署始终以 SHA 固定版本。</translation>
    </message>
    <message>
        <source>The branch %1 of %2 has no submodule &quot;%3&quot;.</source>
        <translation>%2 的分支 %1 中没有子模块“%3”。</translation>
    </message>
    <message>
        <source>%1 of %2 now runs %3, not %4 as when this change was prepared. Nothing was committed; review the change again.</source>
        <translation>%2 的 %1 现在运行的是 %3，而不是准备此变更时的 %4。未提交任何内容；请重新审查此变更。</translation>
    </message>
    <message numerus="yes">
        <source>(tried %n time(s))</source>
        <translation>
            <numerusform>（已尝试 %n 次）</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not keep the unpushed commit %1: %2</source>
        <translation>无法保留未推送的提交 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not an unpushed commit of %2.</source>
        <translation>%1 不是 %2 上未推送的提交。</translation>
    </message>
    <message>
        <source>Could not read the commit %1: %2</source>
        <translation>无法读取提交 %1：%2</translation>
    </message>
    <message>
        <source>The unpushed commit %1 deletes %2; delete it on GitLab instead.</source>
        <translation>未推送的提交 %1 删除了 %2；请改在 GitLab 上删除。</translation>
    </message>
    <message>
        <source>Could not push the branch %1: %2</source>
        <translation>无法推送分支 %1：%2</translation>
    </message>
    <message>
        <source>Could not drop the unpushed commit %1: %2</source>
        <translation>无法丢弃未推送的提交 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>The unpushed commit %1 changes %n file(s); Dockmaster pushes one file at a time. Keep it as a branch and merge it on GitLab.</source>
        <translation>
            <numerusform>未推送的提交 %1 修改了 %n 个文件；Dockmaster 每次只推送一个文件。请将其保留为分支，并在 GitLab 上合并。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::GrantsEditor</name>
    <message>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Save grants...</source>
        <translation>保存授权(&amp;S)...</translation>
    </message>
    <message>
        <source>Permission</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>What the plugin uses it for</source>
        <translation>插件的用途</translation>
    </message>
    <message>
        <source>Granted to roles</source>
        <translation>授予的角色</translation>
    </message>
    <message>
        <source>Double-click the roles to change them; separate roles with commas.</source>
        <translation>双击角色即可修改；多个角色用逗号分隔。</translation>
    </message>
    <message>
        <source>Path the plugin asks to open</source>
        <translation>插件请求开放的路径</translation>
    </message>
    <message>
        <source>Open without sign-in</source>
        <translation>无需登录即可访问</translation>
    </message>
    <message>
        <source>Grants in:</source>
        <translation>授权环境：</translation>
    </message>
    <message>
        <source>(no longer declared by the plugin)</source>
        <translation>（插件已不再声明）</translation>
    </message>
    <message>
        <source>%1 (no longer asked for)</source>
        <translation>%1（插件已不再请求）</translation>
    </message>
    <message>
        <source>Reading the grants of %1...</source>
        <translation>正在读取 %1 的授权...</translation>
    </message>
    <message>
        <source>Nothing is granted in %1: signed-in visitors reach the plugin without any permission.</source>
        <translation>%1 中没有任何授权：已登录的访问者访问插件时不带任何权限。</translation>
    </message>
    <message>
        <source>As committed on %1.</source>
        <translation>与 %1 上已提交的内容一致。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Save grants</source>
        <translation>保存授权</translation>
    </message>
    <message>
        <source>Commit these grants to %1? Its pipeline deploys them to the host&apos;s nginx.</source>
        <translation>将这些授权提交到 %1 吗？其流水线会把它们部署到主机的 nginx。</translation>
    </message>
    <message>
        <source>Checking and committing the grants...</source>
        <translation>正在检查并提交授权...</translation>
    </message>
    <message>
        <source>Changed here, not saved yet: %1</source>
        <translation>已在此修改，尚未保存：%1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::GrantsPublisher</name>
    <message>
        <source>Not connected to GitLab.</source>
        <translation>未连接到 GitLab。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read %1 on %2: %3</source>
        <translation>无法读取 %2 上的 %1：%3</translation>
    </message>
    <message>
        <source>%1 on %2 is %3, more than a grants file may be.</source>
        <translation>%2 上的 %1 大小为 %3，超出了授权文件允许的大小。</translation>
    </message>
    <message>
        <source>%1 on %2 is refused: %3</source>
        <translation>%2 上的 %1 被拒绝：%3</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有任何更改。</translation>
    </message>
    <message>
        <source>This profile has no sign-in check URL (Settings, Platform services): without it the edge cannot tell who a visitor is, so nothing can be granted.</source>
        <translation>此配置没有登录校验 URL（设置 &gt; 平台服务）：没有它，边缘无法识别访问者，因此无法授予任何权限。</translation>
    </message>
    <message>
        <source>The outer nginx site cannot be rendered with these grants: %1</source>
        <translation>无法用这些授权渲染外层 nginx 站点：%1</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>%1 refuses the outer nginx site rendered with these grants: %2</source>
        <translation>%1 拒绝了用这些授权渲染的外层 nginx 站点：%2</translation>
    </message>
    <message>
        <source>Someone changed %1 since the grants were read. Nothing was written; the grants are read again.</source>
        <translation>读取授权后有人修改了 %1。未写入任何内容；正在重新读取授权。</translation>
    </message>
    <message>
        <source>GitLab refused the commit to %1: %2</source>
        <translation>GitLab 拒绝了向 %1 的提交：%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::HealthController</name>
    <message numerus="yes">
        <source>%n app(s) on fallback</source>
        <translation>
            <numerusform>%n 个应用正在使用备用站点</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2) is on its fallback again: %3</source>
        <translation>%1（%2）再次使用备用站点：%3</translation>
    </message>
    <message>
        <source>%1 (%2) recovered again</source>
        <translation>%1（%2）再次恢复</translation>
    </message>
    <message numerus="yes">
        <source>%n more failover(s) or recoveries: see the Live health column</source>
        <translation>
            <numerusform>另有 %n 次故障切换或恢复：请查看“实时健康状态”列</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is on its fallback</source>
        <translation>%1 正在使用备用站点</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 recovered</source>
        <translation>%1 已恢复</translation>
    </message>
    <message>
        <source>%1: the container serves again.</source>
        <translation>%1：容器重新提供服务。</translation>
    </message>
    <message>
        <source>Export failovers of %1</source>
        <translation>导出 %1 的故障切换</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The local cache is not open.</source>
        <translation>本地缓存未打开。</translation>
    </message>
    <message>
        <source>Failovers exported to %1</source>
        <translation>故障切换已导出到 %1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::HealthDetails</name>
    <message>
        <source>Export failovers as CSV…</source>
        <translation>将故障切换导出为 CSV…</translation>
    </message>
    <message>
        <source>Live health</source>
        <translation>实时健康状态</translation>
    </message>
    <message>
        <source>Live health: select an application.</source>
        <translation>实时健康状态：请选择一个应用。</translation>
    </message>
    <message numerus="yes">
        <source>Last 30 days: %n failover(s), total downtime %1</source>
        <translation>
            <numerusform>最近 30 天：%n 次故障切换，总停机时间 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Fallback since %1 (%2): %3</source>
        <translation>自 %1 起使用备用站点（%2）：%3</translation>
    </message>
    <message>
        <source>Serving (%1) since %2</source>
        <translation>自 %2 起服务中（%1）</translation>
    </message>
    <message>
        <source>Serving (%1)</source>
        <translation>服务中（%1）</translation>
    </message>
    <message>
        <source>Unknown: %1</source>
        <translation>未知：%1</translation>
    </message>
    <message>
        <source>Container %1</source>
        <translation>容器 %1</translation>
    </message>
    <message numerus="yes">
        <source>Restarted %n time(s)</source>
        <translation>
            <numerusform>已重启 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Drift: this container was started outside the pipeline (no deploy labels); it may not run the approved version.</source>
        <translation>偏差：此容器不是由流水线启动的（没有部署标签），运行的可能不是已批准的版本。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source> %1 ago</source>
        <translation>（%1 前）</translation>
    </message>
    <message>
        <source>has the pipeline run?</source>
        <translation>流水线运行了吗？</translation>
    </message>
    <message>
        <source>deployed, but the container was not replaced?</source>
        <translation>已部署，但容器没有被替换？</translation>
    </message>
    <message>
        <source>pipeline %1?</source>
        <translation>流水线 %1？</translation>
    </message>
    <message>
        <source>Drift: running %1 (config %2), approved %3%4: %5</source>
        <translation>偏差：正在运行 %1（配置 %2），已批准 %3%4：%5</translation>
    </message>
    <message>
        <source>Live health: no container host is watched for this application.</source>
        <translation>实时健康状态：此应用没有被监视的容器主机。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::HealthMonitor</name>
    <message>
        <source>host %1 is not in the inventory</source>
        <translation>主机 %1 不在资源清单中</translation>
    </message>
    <message>
        <source>connecting to the Docker engine</source>
        <translation>正在连接 Docker 引擎</translation>
    </message>
    <message>
        <source>host %1 is not watched</source>
        <translation>未监视主机 %1</translation>
    </message>
    <message>
        <source>host %1: %2</source>
        <translation>主机 %1：%2</translation>
    </message>
    <message>
        <source>container missing</source>
        <translation>容器缺失</translation>
    </message>
    <message>
        <source>serving again (%1)</source>
        <translation>重新提供服务（%1）</translation>
    </message>
</context>
<context>
    <name>Dockmaster::HealthTimeline</name>
    <message>
        <source>Failover timeline, last 30 days</source>
        <translation>最近 30 天的故障切换时间线</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>%1: on fallback from %2 to %3 (%4)
%5</source>
        <translation>%1：%2 至 %3 使用备用站点（%4）
%5</translation>
    </message>
</context>
<context>
    <name>Dockmaster::HostHealthWatcher</name>
    <message>
        <source>the engine refused the events stream (HTTP %1): %2</source>
        <translation>引擎拒绝了事件流（HTTP %1）：%2</translation>
    </message>
    <message>
        <source>the engine ended the events stream</source>
        <translation>引擎结束了事件流</translation>
    </message>
    <message>
        <source>the engine refused to list containers (HTTP %1)</source>
        <translation>引擎拒绝列出容器（HTTP %1）</translation>
    </message>
    <message>
        <source>the events stream sent a line longer than 1 MiB</source>
        <translation>事件流发送了超过 1 MiB 的一行</translation>
    </message>
</context>
<context>
    <name>Dockmaster::HttpStreamClient</name>
    <message>
        <source>Timed out connecting to the Docker engine.</source>
        <translation>连接 Docker 引擎超时。</translation>
    </message>
    <message>
        <source>The client key could not be read; check the file and its passphrase.</source>
        <translation>无法读取客户端密钥；请检查该文件及其密码短语。</translation>
    </message>
    <message>
        <source>TLS handshake failed.</source>
        <translation>TLS 握手失败。</translation>
    </message>
    <message>
        <source>The Docker engine closed the connection.</source>
        <translation>Docker 引擎关闭了连接。</translation>
    </message>
    <message>
        <source>The Docker engine sent a malformed HTTP response.</source>
        <translation>Docker 引擎返回了格式错误的 HTTP 响应。</translation>
    </message>
    <message>
        <source>The Docker engine sent a malformed chunked response.</source>
        <translation>Docker 引擎返回了格式错误的分块（chunked）响应。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::Inventory</name>
    <message>
        <source>The allocation is not valid JSON (%1).</source>
        <translation>分配信息不是有效的 JSON（%1）。</translation>
    </message>
    <message>
        <source>The inventory is not valid JSON (%1).</source>
        <translation>资源清单不是有效的 JSON（%1）。</translation>
    </message>
    <message>
        <source>The inventory&apos;s &quot;hosts&quot; is not a list.</source>
        <translation>资源清单中的“hosts”不是列表。</translation>
    </message>
    <message>
        <source>The inventory has a host entry that cannot be read.</source>
        <translation>资源清单中有一个无法读取的主机条目。</translation>
    </message>
    <message>
        <source>The inventory&apos;s &quot;apps&quot; is not a list.</source>
        <translation>资源清单中的“apps”不是列表。</translation>
    </message>
    <message>
        <source>The inventory has an app entry that cannot be read (%1).</source>
        <translation>资源清单中有一个无法读取的应用条目（%1）。</translation>
    </message>
    <message>
        <source>The inventory entry of %1 has an unreadable environment.</source>
        <translation>资源清单中 %1 的条目包含无法读取的环境。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::InventoryAllocator</name>
    <message>
        <source>No GitLab connection.</source>
        <translation>未连接到 GitLab。</translation>
    </message>
    <message>
        <source>Cannot read the inventory&apos;s hosts.json: %1</source>
        <translation>无法读取清单中的 hosts.json：%1</translation>
    </message>
    <message>
        <source>The inventory kept changing while it was being written (%1 attempts); nothing was overwritten. Try again.</source>
        <translation>写入期间清单一直在变化（已尝试 %1 次）；未覆盖任何内容。请重试。</translation>
    </message>
    <message>
        <source>Cannot list the inventory&apos;s allocations: %1</source>
        <translation>无法列出清单中的分配：%1</translation>
    </message>
    <message>
        <source>Cannot read the allocation of %1: %2</source>
        <translation>无法读取 %1 的分配：%2</translation>
    </message>
    <message>
        <source>Cannot list the inventory&apos;s port ledgers: %1</source>
        <translation>无法列出清单中的端口台账：%1</translation>
    </message>
    <message>
        <source>Every app ID is taken.</source>
        <translation>所有应用 ID 均已被占用。</translation>
    </message>
    <message>
        <source>There is no %1 host called %2 in the inventory.</source>
        <translation>清单中没有名为 %2 的 %1 主机。</translation>
    </message>
    <message>
        <source>Host %1 is full: it has no free port or capacity left.</source>
        <translation>主机 %1 已满：没有空闲端口或剩余容量。</translation>
    </message>
    <message>
        <source>Every %1 host is full: none has a free port or capacity left.</source>
        <translation>所有 %1 主机均已满：没有任何主机还有空闲端口或剩余容量。</translation>
    </message>
    <message>
        <source>GitLab refused the allocation: %1</source>
        <translation>GitLab 拒绝了该分配：%1</translation>
    </message>
    <message>
        <source>%1 has no allocation in the inventory.</source>
        <translation>%1 在清单中没有分配。</translation>
    </message>
    <message>
        <source>GitLab refused the change to the allocation of %1: %2</source>
        <translation>GitLab 拒绝了对 %1 的分配的更改：%2</translation>
    </message>
    <message>
        <source>GitLab refused to release %1: %2</source>
        <translation>GitLab 拒绝释放 %1：%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::InventoryData</name>
    <message>
        <source>%1 is not valid JSON.</source>
        <translation>%1 不是有效的 JSON。</translation>
    </message>
    <message>
        <source>hosts.json has a host entry without a name, port ranges or capacity (%1).</source>
        <translation>hosts.json 中有缺少名称、端口范围或容量的主机条目（%1）。</translation>
    </message>
    <message>
        <source>An allocation record</source>
        <translation>分配记录</translation>
    </message>
    <message>
        <source>An allocation record has no valid app ID.</source>
        <translation>某条分配记录没有有效的应用 ID。</translation>
    </message>
    <message>
        <source>A host port ledger</source>
        <translation>主机端口台账</translation>
    </message>
    <message>
        <source>The port ledger of host %1 has an unreadable entry.</source>
        <translation>主机 %1 的端口台账中有无法读取的条目。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::InventoryFetcher</name>
    <message>
        <source>The local copy of the inventory cannot be written.</source>
        <translation>无法写入资源清单的本地副本。</translation>
    </message>
    <message>
        <source>unknown git error</source>
        <translation>未知 git 错误</translation>
    </message>
    <message>
        <source>The local copy of the inventory is busy.</source>
        <translation>资源清单的本地副本正忙。</translation>
    </message>
    <message>
        <source>The local copy of the inventory cannot be created: %1</source>
        <translation>无法创建资源清单的本地副本：%1</translation>
    </message>
    <message>
        <source>The inventory URL is not usable: %1</source>
        <translation>资源清单 URL 不可用：%1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The inventory could not be fetched from GitLab: %1</source>
        <translation>无法从 GitLab 获取资源清单：%1</translation>
    </message>
    <message>
        <source>The inventory has no branch %1.</source>
        <translation>资源清单中没有分支 %1。</translation>
    </message>
    <message>
        <source>The inventory commit cannot be read: %1</source>
        <translation>无法读取资源清单的提交：%1</translation>
    </message>
    <message>
        <source>%1 in the inventory cannot be read. %2</source>
        <translation>无法读取资源清单中的 %1。%2</translation>
    </message>
    <message>
        <source>The inventory&apos;s %1 is not a folder.</source>
        <translation>资源清单中的 %1 不是目录。</translation>
    </message>
    <message>
        <source>The allocation %1 in the inventory cannot be read. %2</source>
        <translation>无法读取资源清单中的分配 %1。%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::JournalDatabase</name>
    <message>
        <source>The audit journal was written by a newer version of Dockmaster (schema %1).</source>
        <translation>该审计日志由更新版本的 Dockmaster 写入（结构版本 %1）。</translation>
    </message>
    <message>
        <source>The audit journal was damaged (%1). It was moved to %2 and a new journal was created with what could still be read: %3 audit entries and %4 unfinished operations.</source>
        <translation>审计日志已损坏（%1）。已将其移至 %2，并用仍可读取的内容创建了新日志：%3 条审计记录和 %4 个未完成的操作。</translation>
    </message>
    <message>
        <source>Some entries could not be read; the damaged file is kept so that they are not lost for good.</source>
        <translation>部分记录无法读取；损坏的文件已保留，以免这些记录永久丢失。</translation>
    </message>
    <message>
        <source>The audit journal %1 cannot be written now: %2. New audit entries are kept in memory and written to it as soon as it can be used again (at the latest at the next refresh, F5).</source>
        <translation>审计日志 %1 暂时无法写入：%2。新的审计记录暂存于内存中，一旦可用即写入（最迟在下次刷新 F5 时）。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::KeyValueAccess</name>
    <message>
        <source>The key/value store&apos;s admin password is not in the system keychain: enter it in the profile settings.</source>
        <translation>系统钥匙串中没有键值存储的管理员密码：请在配置文件设置中输入。</translation>
    </message>
    <message>
        <source>This profile has no key/value store: name it in the profile settings.</source>
        <translation>此配置没有键值存储：请在配置设置中填写。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::KeyValueRotation</name>
    <message>
        <source>The app&apos;s key/value user is ready, but the deploy of %1 did not start: %2. Start it from its pipelines: until then its containers do not have the store&apos;s variables.</source>
        <translation>应用的键值存储用户已就绪，但 %1 的部署未能启动：%2。请从其流水线中启动它：在此之前，其容器没有存储的变量。</translation>
    </message>
    <message>
        <source>The key/value store was closed.</source>
        <translation>键值存储已关闭。</translation>
    </message>
    <message>
        <source>The app has no key/value user yet (no %1 variable).</source>
        <translation>该应用还没有键值存储用户（没有 %1 变量）。</translation>
    </message>
    <message>
        <source>Cannot read the variable %1: %2</source>
        <translation>无法读取变量 %1：%2</translation>
    </message>
    <message>
        <source>The variable %1 is empty.</source>
        <translation>变量 %1 为空。</translation>
    </message>
    <message>
        <source>The platform has no key/value store in this profile.</source>
        <translation>此配置文件中的平台没有键值存储。</translation>
    </message>
    <message>
        <source>Cannot set the variable %1: %2</source>
        <translation>无法设置变量 %1：%2</translation>
    </message>
    <message>
        <source>The new password is set, but the deploy of %1 did not start: %2. Start it from its pipelines, then finish the rotation.</source>
        <translation>新密码已设置，但 %1 的部署未能启动：%2。请从其流水线启动部署，然后完成轮换。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::KeyValueViewer</name>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Delete key…</source>
        <translation>删除键(&amp;D)…</translation>
    </message>
    <message>
        <source>Select a key to see its value.</source>
        <translation>选择一个键以查看其值。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2 bytes.</source>
        <translation>显示了 %2 字节中的前 %1 字节。</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n elements</source>
        <translation>
            <numerusform>%1 · %2 · %n 个元素</numerusform>
        </translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Element (in order)</source>
        <translation>元素（按顺序）</translation>
    </message>
    <message>
        <source>Showing %1 of %2 elements.</source>
        <translation>显示了 %2 个元素中的 %1 个。</translation>
    </message>
    <message>
        <source>Change a stored value</source>
        <translation>修改存储的值</translation>
    </message>
    <message>
        <source>Store the edited value of %1 in %2&apos;s key/value store? The plugin reads the new value from now on; its expiry stays as it is.</source>
        <translation>要将 %1 编辑后的值存入 %2 的键值存储吗？插件从现在起读取新值；其过期时间保持不变。</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>key %1 set (%2)</source>
        <translation>已设置键 %1（%2）</translation>
    </message>
    <message>
        <source>Delete a key</source>
        <translation>删除键</translation>
    </message>
    <message>
        <source>Delete %1 from %2&apos;s key/value store? What the plugin stored there is gone for good.</source>
        <translation>要从 %2 的键值存储中删除 %1 吗？插件存放在那里的内容将永久丢失。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>key %1 deleted</source>
        <translation>已删除键 %1</translation>
    </message>
    <message>
        <source>Only a text value shown in full, without hidden characters, can be edited here.</source>
        <translation>此处只能编辑完整显示且不含隐藏字符的文本值。</translation>
    </message>
    <message>
        <source>The value of field %1 of %2</source>
        <translation>%2 中字段 %1 的值</translation>
    </message>
    <message>
        <source>Element %1 of %2</source>
        <translation>%2 的第 %1 个元素</translation>
    </message>
    <message>
        <source>The score of %1 in %2</source>
        <translation>%2 中 %1 的分数</translation>
    </message>
    <message>
        <source>Member %1 of %2</source>
        <translation>%2 的成员 %1</translation>
    </message>
    <message>
        <source>Select an element in the table to edit it.</source>
        <translation>请在表格中选择一个元素再进行编辑。</translation>
    </message>
    <message>
        <source>Store the new value of field %1 of %2 in %3&apos;s key/value store? The plugin reads it from now on.</source>
        <translation>要把 %2 中字段 %1 的新值保存到 %3 的键值存储吗？插件从现在起读取新值。</translation>
    </message>
    <message>
        <source>field %1 of %2 set</source>
        <translation>已设置 %2 中的字段 %1</translation>
    </message>
    <message>
        <source>Store the new element %1 of %2 in %3&apos;s key/value store? The plugin reads it from now on.</source>
        <translation>要把 %2 的第 %1 个元素的新值保存到 %3 的键值存储吗？插件从现在起读取新值。</translation>
    </message>
    <message>
        <source>element %1 of %2 set</source>
        <translation>已设置 %2 的第 %1 个元素</translation>
    </message>
    <message>
        <source>Store the new score of %1 in %2 in %3&apos;s key/value store? The plugin reads it from now on.</source>
        <translation>要把 %2 中 %1 的新分数保存到 %3 的键值存储吗？插件从现在起读取新值。</translation>
    </message>
    <message>
        <source>score of %1 in %2 set</source>
        <translation>已设置 %2 中 %1 的分数</translation>
    </message>
    <message>
        <source>Rename member %1 of %2 in %3&apos;s key/value store? The plugin sees the new name from now on.</source>
        <translation>要重命名 %3 键值存储中 %2 的成员 %1 吗？插件从现在起看到新名称。</translation>
    </message>
    <message>
        <source>member %1 of %2 renamed</source>
        <translation>已重命名 %2 的成员 %1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::KeyspaceBrowser</name>
    <message>
        <source>Valkey did not list the keys of %1: %2</source>
        <translation>Valkey 未能列出 %1 的键：%2</translation>
    </message>
    <message>
        <source>The key %1 no longer exists.</source>
        <translation>键 %1 已不存在。</translation>
    </message>
    <message>
        <source>Keys of type %1 are not shown here.</source>
        <translation>此处不显示类型为 %1 的键。</translation>
    </message>
    <message>
        <source>Valkey did not read %1: %2</source>
        <translation>Valkey 未能读取 %1：%2</translation>
    </message>
    <message>
        <source>Valkey did not store %1: %2</source>
        <translation>Valkey 未能保存 %1：%2</translation>
    </message>
    <message>
        <source>Valkey did not remove %1: %2</source>
        <translation>Valkey 未能删除 %1：%2</translation>
    </message>
    <message>
        <source>%1 changed since it was shown (the plugin wrote it, or another admin); it was not overwritten. Read it again, then edit.</source>
        <translation>%1 在显示后已被修改（由插件或另一位管理员写入）；未覆盖它。请重新读取后再编辑。</translation>
    </message>
    <message>
        <source>%1 changed while it was being stored; it was not overwritten. Read it again, then edit.</source>
        <translation>%1 在存储过程中被修改；未覆盖它。请重新读取后再编辑。</translation>
    </message>
    <message>
        <source>A score is a number, such as 12 or 0.5.</source>
        <translation>分数必须是数字，例如 12 或 0.5。</translation>
    </message>
    <message>
        <source>%1 already holds that member.</source>
        <translation>%1 已经包含该成员。</translation>
    </message>
    <message>
        <source>Elements of type %1 are not edited here.</source>
        <translation>这里不能编辑类型为 %1 的元素。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::KeyspaceModel</name>
    <message>
        <source>String</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>集合</translation>
    </message>
    <message>
        <source>Sorted set</source>
        <translation>有序集合</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>流</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>永不过期</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Expires in</source>
        <translation>剩余有效期</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
</context>
<context>
    <name>Dockmaster::LinkOpener</name>
    <message>
        <source>Issue #%1 is not an open release request: showing its application %2.</source>
        <translation>议题 #%1 不是未关闭的发布请求：改为显示其应用 %2。</translation>
    </message>
    <message>
        <source>Looking for %1 in GitLab&apos;s newest data…</source>
        <translation>正在 GitLab 的最新数据中查找 %1…</translation>
    </message>
    <message>
        <source>No application or open release request of this profile matches %1.</source>
        <translation>此配置中没有与 %1 匹配的应用或未关闭的发布请求。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::LocalDisk</name>
    <message>
        <source>The disk holding %1 on this computer is full: free some space, then try again. %2</source>
        <translation>本机上 %1 所在的磁盘已满：请释放一些空间后重试。%2</translation>
    </message>
    <message>
        <source>%1 on this computer is read-only. %2</source>
        <translation>本机上的 %1 为只读。%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::LogExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::LogFilter</name>
    <message>
        <source>Invalid regular expression: %1</source>
        <translation>无效的正则表达式：%1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::LogHistoryDialog</name>
    <message>
        <source>Keep following live afterwards</source>
        <translation>之后继续实时跟踪</translation>
    </message>
    <message>
        <source>Log history</source>
        <translation>日志历史</translation>
    </message>
    <message>
        <source>Load the log history of %1 from Loki.</source>
        <translation>从 Loki 加载 %1 的日志历史。</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
</context>
<context>
    <name>Dockmaster::LogLevel</name>
    <message>
        <source>debug</source>
        <translation>调试</translation>
    </message>
    <message>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
</context>
<context>
    <name>Dockmaster::LogModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>输出流</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>Dockmaster::LogStream</name>
    <message>
        <source>stdout</source>
        <translation>stdout</translation>
    </message>
    <message>
        <source>stderr</source>
        <translation>stderr</translation>
    </message>
    <message>
        <source>engine</source>
        <translation>引擎</translation>
    </message>
</context>
<context>
    <name>Dockmaster::LogView</name>
    <message>
        <source>Filter lines (capitals make it case-sensitive)</source>
        <translation>筛选行（含大写字母时区分大小写）</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <source>All containers</source>
        <translation>所有容器</translation>
    </message>
    <message>
        <source>stdout and stderr</source>
        <translation>stdout 和 stderr</translation>
    </message>
    <message>
        <source>stdout only</source>
        <translation>仅 stdout</translation>
    </message>
    <message>
        <source>stderr only</source>
        <translation>仅 stderr</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>所有级别</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <source>Without debug</source>
        <translation>不含调试</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Jump to time</source>
        <translation>跳转到时间</translation>
    </message>
    <message>
        <source>Timestamps</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Wrap lines</source>
        <translation>自动换行</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected lines (Ctrl+C)</source>
        <translation>复制所选行 (Ctrl+C)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the lines the filter shows to a file</source>
        <translation>将筛选后显示的行保存到文件</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>Following</source>
        <translation>实时跟踪</translation>
    </message>
    <message>
        <source>Paused: jump to tail</source>
        <translation>已暂停：跳到末尾</translation>
    </message>
    <message>
        <source>Reconnecting to %1: %2</source>
        <translation>正在重新连接 %1：%2</translation>
    </message>
    <message>
        <source>%1 stopped.</source>
        <translation>%1 已停止。</translation>
    </message>
    <message>
        <source>%1 older lines dropped (keeping the newest %2)</source>
        <translation>已丢弃 %1 行较早的日志（保留最新的 %2 行）</translation>
    </message>
    <message>
        <source>%1 lines dropped by the log server</source>
        <translation>日志服务器丢弃了 %1 行</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1 of %2 lines match</source>
        <translation>%2 行中有 %1 行匹配</translation>
    </message>
    <message>
        <source>(filtering…)</source>
        <translation>（正在筛选…）</translation>
    </message>
    <message>
        <source>Export log lines</source>
        <translation>导出日志行</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>日志文件 (*.log *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export canceled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>Exported %1 lines.</source>
        <translation>已导出 %1 行。</translation>
    </message>
    <message>
        <source>Log filter</source>
        <translation>日志筛选</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>输出流</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Lines from</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Lines to</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Time to jump to</source>
        <translation>跳转到的时间</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>日志行</translation>
    </message>
</context>
<context>
    <name>Dockmaster::LogsController</name>
    <message>
        <source>Cannot follow the logs of %1: %2</source>
        <translation>无法跟踪 %1 的日志：%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Log history comes from Loki: set its URL in the profile settings first.</source>
        <translation>日志历史来自 Loki：请先在配置文件设置中填写其地址。</translation>
    </message>
    <message>
        <source>Cannot load the log history of %1: %2</source>
        <translation>无法加载 %1 的日志历史：%2</translation>
    </message>
    <message>
        <source>%1, history from Loki</source>
        <translation>%1，来自 Loki 的历史</translation>
    </message>
</context>
<context>
    <name>Dockmaster::LokiLogWorker</name>
    <message>
        <source>Loki refused the history query: %1 %2</source>
        <translation>Loki 拒绝了历史查询：%1 %2</translation>
    </message>
    <message>
        <source>Following Loki live.</source>
        <translation>正在实时跟踪 Loki。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::Lookalike</name>
    <message>
        <source>%1 contains characters that imitate others; it reads as &quot;%2&quot; but is a different name.</source>
        <translation>%1 含有冒充其他字符的字符；它看起来像“%2”，但却是另一个名称。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::MainWindow</name>
    <message>
        <source>Set up the app&apos;s &amp;key/value store…</source>
        <translation>为应用设置键值存储(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Finish key/value password rotation…</source>
        <translation>完成键值存储密码轮换(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Rotate key/value password…</source>
        <translation>轮换键值存储密码(&amp;R)…</translation>
    </message>
    <message>
        <source>Dockmaster</source>
        <translation>Dockmaster</translation>
    </message>
    <message>
        <source>Configuration editor</source>
        <translation>配置编辑器</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>应用列表</translation>
    </message>
    <message>
        <source>Pending approvals</source>
        <translation>待审批发布</translation>
    </message>
    <message>
        <source>Tag history</source>
        <translation>标签历史</translation>
    </message>
    <message>
        <source>Live logs</source>
        <translation>容器日志</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings and profiles...</source>
        <translation>设置与配置(&amp;S)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Filter current panel</source>
        <translation>筛选当前面板(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh from GitLab</source>
        <translation>从 GitLab 刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Dockmaster</source>
        <translation>关于 Dockmaster(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>配置：%1</translation>
    </message>
    <message>
        <source>Dockmaster - %1</source>
        <translation>Dockmaster - %1</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Approving and rejecting need a connection to GitLab.</source>
        <translation>批准和拒绝需要连接到 GitLab。</translation>
    </message>
    <message>
        <source>About Dockmaster</source>
        <translation>关于 Dockmaster</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Dockmaster %1&lt;/h3&gt;&lt;p&gt;The desktop console for the admins of the plugin hosting platform: applications, release approvals, tag and deployment history, live container logs and the configuration editor.&lt;/p&gt;&lt;p&gt;GitLab is the source of truth; the local cache keeps the console fast and usable offline.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Dockmaster %1&lt;/h3&gt;&lt;p&gt;插件托管平台管理员的桌面控制台：应用、发布审批、标签与部署历史、实时容器日志以及配置编辑器。&lt;/p&gt;&lt;p&gt;GitLab 是唯一的事实来源；本地缓存让控制台启动迅速并可离线使用。&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sandbox platform</source>
        <translation>沙盒平台</translation>
    </message>
    <message>
        <source>Dockmaster - Sandbox platform</source>
        <translation>Dockmaster - 沙盒平台</translation>
    </message>
    <message>
        <source>&amp;Application</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Open &amp;test configuration</source>
        <translation>打开测试环境配置(&amp;T)</translation>
    </message>
    <message>
        <source>Open &amp;production configuration</source>
        <translation>打开生产环境配置(&amp;P)</translation>
    </message>
    <message>
        <source>Needs a connection to GitLab: %1</source>
        <translation>需要连接到 GitLab：%1</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Live logs: %1</source>
        <translation>实时日志：%1</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>部署记录</translation>
    </message>
    <message>
        <source>Deploying and rolling back need a connection to GitLab.</source>
        <translation>部署和回滚需要连接到 GitLab。</translation>
    </message>
    <message>
        <source>&amp;New application…</source>
        <translation>新建应用(&amp;N)…</translation>
    </message>
    <message>
        <source>Check &amp;DNS records…</source>
        <translation>检查 DNS 记录(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Archive application…</source>
        <translation>归档应用(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Go to panel</source>
        <translation>转到面板(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>发布(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Approve selected request…</source>
        <translation>批准所选申请(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Reject selected request…</source>
        <translation>拒绝所选申请(&amp;R)…</translation>
    </message>
    <message>
        <source>Roll %1 &amp;back to the previous deployment…</source>
        <translation>将%1回滚到上一次部署(&amp;B)…</translation>
    </message>
    <message>
        <source>Select an application with a %1 environment first (Tag history shows it).</source>
        <translation>请先选择一个有%1环境的应用（标签历史会显示它）。</translation>
    </message>
    <message>
        <source>Follow %1 live &amp;logs</source>
        <translation>跟踪%1实时日志(&amp;L)</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>连接：%1</translation>
    </message>
    <message>
        <source>Connection: %1 (%2)</source>
        <translation>连接：%1（%2）</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>Open editors</source>
        <translation>已打开的编辑器</translation>
    </message>
    <message>
        <source>&amp;Configuration</source>
        <translation>配置(&amp;C)</translation>
    </message>
    <message>
        <source>Open a configuration first (Ctrl+E)</source>
        <translation>请先打开一个配置（Ctrl+E）</translation>
    </message>
    <message>
        <source>Put every panel back where it starts, sized for this window</source>
        <translation>将所有面板放回初始位置，并按当前窗口调整大小</translation>
    </message>
    <message>
        <source>Retry the &amp;connection now</source>
        <translation>立即重试连接(&amp;C)</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Try to reach GitLab at once instead of waiting</source>
        <translation>不再等待，立即尝试连接 GitLab</translation>
    </message>
    <message numerus="yes">
        <source>GitLab unreachable · Reconnecting in %n s</source>
        <translation>
            <numerusform>无法连接 GitLab · %n 秒后重新连接</numerusform>
        </translation>
    </message>
    <message>
        <source>GitLab unreachable · Reconnecting…</source>
        <translation>无法连接 GitLab · 正在重新连接…</translation>
    </message>
    <message>
        <source>GitLab unreachable</source>
        <translation>无法连接 GitLab</translation>
    </message>
    <message>
        <source>Signed out: GitLab rejected the token</source>
        <translation>已登出：GitLab 拒绝了访问令牌</translation>
    </message>
    <message>
        <source>Cache locked by another program</source>
        <translation>缓存被另一个程序锁定</translation>
    </message>
    <message>
        <source>Cache locked by %1</source>
        <translation>缓存被%1锁定</translation>
    </message>
    <message>
        <source>Cache read-only</source>
        <translation>缓存为只读</translation>
    </message>
    <message>
        <source>Disk full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>Cache disk error</source>
        <translation>缓存磁盘错误</translation>
    </message>
    <message>
        <source>&amp;Platform services</source>
        <translation>平台服务(&amp;P)</translation>
    </message>
</context>
<context>
    <name>Dockmaster::OpsRepoPusher</name>
    <message>
        <source>Cannot create a temporary folder for the management repository.</source>
        <translation>无法为管理仓库创建临时文件夹。</translation>
    </message>
    <message>
        <source>Cannot create a local repository: %1</source>
        <translation>无法创建本地仓库：%1</translation>
    </message>
    <message>
        <source>Invalid commit author: %1</source>
        <translation>提交作者无效：%1</translation>
    </message>
    <message>
        <source>Cannot store %1: %2</source>
        <translation>无法存储 %1：%2</translation>
    </message>
    <message>
        <source>Cannot pin the submodule %1: %2</source>
        <translation>无法固定子模块 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write the tree of %1: %2</source>
        <translation>无法写入 %1 的目录树：%2</translation>
    </message>
    <message>
        <source>Cannot commit %1: %2</source>
        <translation>无法提交 %1：%2</translation>
    </message>
    <message>
        <source>Invalid repository address: %1</source>
        <translation>仓库地址无效：%1</translation>
    </message>
    <message>
        <source>The server refused the access token while pushing the management repository.</source>
        <translation>推送管理仓库时，服务器拒绝了访问令牌。</translation>
    </message>
    <message>
        <source>Could not push the management repository: %1</source>
        <translation>无法推送管理仓库：%1</translation>
    </message>
    <message>
        <source>GitLab refused the push of the management repository: %1</source>
        <translation>GitLab 拒绝了管理仓库的推送：%1</translation>
    </message>
    <message>
        <source>unknown libgit2 error</source>
        <translation>未知的 libgit2 错误</translation>
    </message>
</context>
<context>
    <name>Dockmaster::PassphrasePrompt</name>
    <message>
        <source>Docker key passphrase</source>
        <translation>Docker 密钥口令</translation>
    </message>
    <message>
        <source>The TLS client key for host %1 is protected by a passphrase. Enter it once; it is kept in the system keychain.</source>
        <translation>主机 %1 的 TLS 客户端密钥受口令保护。只需输入一次，口令保存在系统钥匙串中。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::PipelineFollower</name>
    <message>
        <source>The result could not be recorded on commit %1: %2</source>
        <translation>无法在提交 %1 上记录结果：%2</translation>
    </message>
    <message>
        <source>There is no pushed commit to follow.</source>
        <translation>没有可跟踪的已推送提交。</translation>
    </message>
    <message>
        <source>Stopped following the pipeline of %1: %2</source>
        <translation>已停止跟踪 %1 的流水线：%2</translation>
    </message>
    <message>
        <source>GitLab started no pipeline for commit %1 of %2.</source>
        <translation>GitLab 没有为 %2 的提交 %1 启动流水线。</translation>
    </message>
    <message>
        <source>Pipeline #%1 deployed %2 to %3 of %4.</source>
        <translation>流水线 #%1 已将 %2 部署到 %4 的 %3。</translation>
    </message>
    <message>
        <source>Pipeline #%1 for %2 of %3 ended as %4.</source>
        <translation>流水线 #%1（%3 的 %2）已结束，结果：%4。</translation>
    </message>
    <message>
        <source>The request could not be labelled: %1</source>
        <translation>无法为申请添加标签：%1</translation>
    </message>
    <message>
        <source>The request could not be updated: %1</source>
        <translation>无法更新申请：%1</translation>
    </message>
    <message>
        <source>The request could not be commented: %1</source>
        <translation>无法在申请上发表评论：%1</translation>
    </message>
    <message numerus="yes">
        <source>No runner has picked up pipeline #%1 of %2 for %n minute(s). Check that a runner serves %3 (online, not paused, matching tags).</source>
        <translation>
            <numerusform>流水线 #%1（%2）已有 %n 分钟没有 Runner 接手。请检查是否有 Runner 服务于 %3（在线、未暂停、标签匹配）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::PlatformManifestReader</name>
    <message>
        <source>Cannot read platform.json at %1: %2</source>
        <translation>无法读取 %1 处的 platform.json：%2</translation>
    </message>
    <message>
        <source>platform.json is %1, more than a manifest may be (%2).</source>
        <translation>platform.json 大小为 %1，超过清单允许的大小（%2）。</translation>
    </message>
    <message>
        <source>Cannot read the code repository: %1</source>
        <translation>无法读取代码仓库：%1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::PlatformManifests</name>
    <message>
        <source>platform.json is larger than %1 KiB.</source>
        <translation>platform.json 大于 %1 KiB。</translation>
    </message>
    <message>
        <source>platform.json is not valid JSON (%1 at byte %2).</source>
        <translation>platform.json 不是有效的 JSON（第 %2 字节处：%1）。</translation>
    </message>
    <message>
        <source>platform.json must hold one JSON object.</source>
        <translation>platform.json 必须只包含一个 JSON 对象。</translation>
    </message>
    <message>
        <source>platform.json has an unknown entry %1.</source>
        <translation>platform.json 含有未知条目 %1。</translation>
    </message>
    <message>
        <source>&quot;permissions&quot; must map each permission name to a one-line description.</source>
        <translation>“permissions”必须把每个权限名映射到一行说明。</translation>
    </message>
    <message>
        <source>at most %1 permissions may be declared.</source>
        <translation>最多可声明 %1 个权限。</translation>
    </message>
    <message>
        <source>the permission name %1 is not allowed: lower-case letters, digits and ._- only, starting with a letter.</source>
        <translation>不允许使用权限名 %1：只能包含小写字母、数字和 ._-，并以字母开头。</translation>
    </message>
    <message>
        <source>the permission %1 needs a one-line description of at most 200 characters, without hidden characters.</source>
        <translation>权限 %1 需要一行不超过 200 个字符且不含隐藏字符的说明。</translation>
    </message>
    <message>
        <source>&quot;anonymous_paths&quot; must be a list of paths.</source>
        <translation>“anonymous_paths”必须是路径列表。</translation>
    </message>
    <message>
        <source>at most %1 open paths may be asked for.</source>
        <translation>最多可申请 %1 个开放路径。</translation>
    </message>
    <message>
        <source>the open path %1 is not allowed: it starts with / and has letters, digits and /_.- only (a folder ends with /; not the whole site).</source>
        <translation>不允许使用开放路径 %1：路径以 / 开头，只能包含字母、数字和 /_.-（文件夹以 / 结尾；不能是整个站点）。</translation>
    </message>
    <message>
        <source>&quot;kv_quota_mb&quot; must be a whole number from 1 to %1.</source>
        <translation>“kv_quota_mb”必须是 1 到 %1 之间的整数。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::PlatformServicesController</name>
    <message>
        <source>%1: Platform services</source>
        <translation>%1：平台服务</translation>
    </message>
    <message>
        <source>The plugin has no platform.json at %1: it declares no permission and has the platform&apos;s default key/value quota.</source>
        <translation>插件在 %1 处没有 platform.json：它未声明任何权限，使用平台默认的键值存储配额。</translation>
    </message>
    <message>
        <source>The management repository of %1 is not known yet; sync first.</source>
        <translation>尚不知道 %1 的管理仓库；请先同步。</translation>
    </message>
    <message>
        <source>The host of %1 in %2 is not in the inventory; nothing was written.</source>
        <translation>%1 在 %2 的主机不在清单中；未写入任何内容。</translation>
    </message>
    <message>
        <source>%1, commit %2: %3</source>
        <translation>%1，提交 %2：%3</translation>
    </message>
    <message>
        <source>Committed as %1 to %2; its pipeline deploys the grants to the host.</source>
        <translation>已作为 %1 提交到 %2；其流水线会把授权部署到主机。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::PlatformServicesView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Try &amp;again</source>
        <translation>重试(&amp;A)</translation>
    </message>
    <message>
        <source>Platform services of %1 (%2)</source>
        <translation>%1（%2）的平台服务</translation>
    </message>
    <message>
        <source>Key/value store</source>
        <translation>键值存储</translation>
    </message>
    <message>
        <source>Largest keys:</source>
        <translation>最大的键：</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Reading platform.json…</source>
        <translation>正在读取 platform.json…</translation>
    </message>
    <message>
        <source>Counting the keys…</source>
        <translation>正在统计键…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln keys, %1 of memory</source>
        <translation>
            <numerusform>%Ln 个键，占用内存 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>platform.json at %1 is refused: %2</source>
        <translation>%1 处的 platform.json 被拒绝：%2</translation>
    </message>
    <message>
        <source>platform.json at %1 declares no permission.</source>
        <translation>%1 处的 platform.json 未声明任何权限。</translation>
    </message>
    <message>
        <source>From platform.json at %1.</source>
        <translation>来自 %1 处的 platform.json。</translation>
    </message>
    <message>
        <source>Over its quota: %1 of %2</source>
        <translation>超出配额：%1 / %2</translation>
    </message>
    <message>
        <source>%1 of its %2 quota (%3 %)</source>
        <translation>已用 %1 / 配额 %2（%3 %）</translation>
    </message>
    <message>
        <source>Memory the app&apos;s keys take in the store, against the quota its platform.json asks for (%1 MB when it asks for none). The store does not stop an app at its quota: an app over it is shown here.</source>
        <translation>应用的键在存储中占用的内存，与其 platform.json 申请的配额相比（未申请时为 %1 MB）。存储不会在应用达到配额时阻止它：超出配额的应用会在此处显示。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln keys shown, reading more…</source>
        <translation>
            <numerusform>已显示 %Ln 个键，正在读取更多…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln keys shown.</source>
        <translation>
            <numerusform>已显示全部 %Ln 个键。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln keys shown; scroll down for more.</source>
        <translation>
            <numerusform>已显示 %Ln 个键；向下滚动以查看更多。</numerusform>
        </translation>
    </message>
    <message>
        <source>Permissions and who has them</source>
        <translation>权限及其授予对象</translation>
    </message>
</context>
<context>
    <name>Dockmaster::PowerDnsProvider</name>
    <message>
        <source>PowerDNS API address</source>
        <translation>PowerDNS API 地址</translation>
    </message>
    <message>
        <source>PowerDNS API key</source>
        <translation>PowerDNS API 密钥</translation>
    </message>
    <message>
        <source>PowerDNS server id: use letters, digits, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>PowerDNS 服务器 ID：请使用字母、数字、&apos;_&apos; 和 &apos;-&apos;。</translation>
    </message>
    <message>
        <source>PowerDNS</source>
        <translation>PowerDNS</translation>
    </message>
    <message>
        <source>PowerDNS refused the API key (HTTP %1). Check the key stored for this profile.</source>
        <translation>PowerDNS 拒绝了 API 密钥（HTTP %1）。请检查此配置保存的密钥。</translation>
    </message>
    <message>
        <source>PowerDNS does not serve the zone %1 (HTTP 404).</source>
        <translation>PowerDNS 未托管区域 %1（HTTP 404）。</translation>
    </message>
    <message>
        <source>PowerDNS rejected the change: %1</source>
        <translation>PowerDNS 拒绝了更改：%1</translation>
    </message>
    <message>
        <source>PowerDNS answered HTTP %1: %2</source>
        <translation>PowerDNS 返回 HTTP %1：%2</translation>
    </message>
    <message>
        <source>PowerDNS answered with a redirect (HTTP %1), which is not followed so that the API key goes nowhere else. Check the PowerDNS API address.</source>
        <translation>PowerDNS 返回了重定向（HTTP %1）。为使 API 密钥不被发往别处，不会跟随重定向。请检查 PowerDNS API 地址。</translation>
    </message>
    <message>
        <source>valid JSON, but not an object</source>
        <translation>是有效的 JSON，但不是对象</translation>
    </message>
    <message>
        <source>PowerDNS sent an answer that is not a zone: %1</source>
        <translation>PowerDNS 返回的应答不是区域数据：%1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::PowerDnsServer</name>
    <message>
        <source>Cannot read the PowerDNS schema %1.</source>
        <translation>无法读取 PowerDNS 数据库结构文件 %1。</translation>
    </message>
    <message>
        <source>No free local ports for PowerDNS.</source>
        <translation>没有可供 PowerDNS 使用的空闲本地端口。</translation>
    </message>
    <message>
        <source>pdns_server stopped at start-up; see %1.</source>
        <translation>pdns_server 在启动时停止；请查看 %1。</translation>
    </message>
    <message>
        <source>The PowerDNS API did not come up.</source>
        <translation>PowerDNS API 未能启动。</translation>
    </message>
    <message>
        <source>PowerDNS refused the zone %1 (HTTP %2).</source>
        <translation>PowerDNS 拒绝了区域 %1（HTTP %2）。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::Profile</name>
    <message>
        <source>Give the full path of a PEM file.</source>
        <translation>请填写 PEM 文件的完整路径。</translation>
    </message>
    <message>
        <source>Turn on TLS: a plain connection is only accepted for a store on this computer (the admin password would cross the network in clear).</source>
        <translation>请开启 TLS：只有位于本机的存储才接受明文连接（否则管理员密码会以明文在网络上传输）。</translation>
    </message>
    <message>
        <source>Give one address; the console finds the other nodes of a cluster itself.</source>
        <translation>只需填写一个地址；控制台会自行找到集群的其他节点。</translation>
    </message>
    <message>
        <source>Choose between 1 and 5 admins.</source>
        <translation>请选择 1 到 5 位管理员。</translation>
    </message>
    <message>
        <source>Choose between 1 hour and 30 days.</source>
        <translation>请选择 1 小时到 30 天之间的值。</translation>
    </message>
    <message>
        <source>Give the full path of the certificate folder.</source>
        <translation>请填写证书文件夹的完整路径。</translation>
    </message>
    <message>
        <source>Use letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (at most 64).</source>
        <translation>只能使用字母、数字、“.”、“_”或“-”（最多 64 个）。</translation>
    </message>
    <message>
        <source>A sign-in page needs a sign-in check URL.</source>
        <translation>登录页面需要登录校验 URL。</translation>
    </message>
    <message>
        <source>Choose between 1 and %1 requests at once.</source>
        <translation>请选择同时 1 到 %1 个请求。</translation>
    </message>
    <message>
        <source>Choose at most %1 requests a minute, or 0 for no ceiling.</source>
        <translation>每分钟最多 %1 个请求，或填 0 表示不设上限。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ProfileCheck</name>
    <message>
        <source>No GitLab token is stored in the keychain for the profile &quot;%1&quot;: add one in Settings (Ctrl+,).</source>
        <translation>钥匙串中没有为配置“%1”保存 GitLab 令牌：请在设置（Ctrl+,）中添加。</translation>
    </message>
    <message>
        <source>The GitLab token is in the keychain.</source>
        <translation>GitLab 令牌已保存在钥匙串中。</translation>
    </message>
    <message>
        <source>The keychain could not be read for the profile &quot;%1&quot;: %2</source>
        <translation>无法读取配置“%1”的钥匙串：%2</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;: no profile exists yet in %2. Start Dockmaster to create one.</source>
        <translation>不存在名为“%1”的配置：%2 中还没有任何配置。请启动 Dockmaster 创建一个。</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot; in %2. Profiles: %3.</source>
        <translation>%2 中不存在名为“%1”的配置。现有配置：%3。</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot;: GitLab %2, root group %3, inventory %4.</source>
        <translation>配置“%1”：GitLab %2，根群组 %3，清单项目 %4。</translation>
    </message>
    <message>
        <source>Connection check of %1:</source>
        <translation>%1 的连接检查：</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ProfileStore</name>
    <message>
        <source>There is no profile named &quot;%1&quot;.</source>
        <translation>不存在名为“%1”的配置。</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; in %2 was refused and nothing was sent to its servers; fix it in Settings (Ctrl+,).
%3</source>
        <translation>%2 中的配置“%1”已被拒绝，未向其服务器发送任何内容；请在设置（Ctrl+,）中修正。
%3</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ProvisionValidation</name>
    <message>
        <source>Enter a name for the app.</source>
        <translation>请输入应用名称。</translation>
    </message>
    <message>
        <source>The name is too long (at most %1 characters).</source>
        <translation>名称过长（最多 %1 个字符）。</translation>
    </message>
    <message>
        <source>The name may contain only letters A-Z, digits, single spaces, &apos;-&apos; and &apos;_&apos;, and must start and end with a letter or digit.</source>
        <translation>名称只能包含字母 A-Z、数字、单个空格、&apos;-&apos; 和 &apos;_&apos;，并且必须以字母或数字开头和结尾。</translation>
    </message>
    <message>
        <source>Enter the GitLab username of the plugin&apos;s developer.</source>
        <translation>请输入插件开发者的 GitLab 用户名。</translation>
    </message>
    <message>
        <source>The description is too long (at most %1 characters).</source>
        <translation>描述过长（最多 %1 个字符）。</translation>
    </message>
    <message>
        <source>The description may contain only letters A-Z, digits, spaces and . , : ! ? ( ) _ + -</source>
        <translation>描述只能包含字母 A-Z、数字、空格以及 . , : ! ? ( ) _ + -</translation>
    </message>
    <message>
        <source>Choose at least one environment.</source>
        <translation>请至少选择一个环境。</translation>
    </message>
    <message>
        <source>Unknown environment (only test and production exist).</source>
        <translation>未知环境（仅有测试环境和生产环境）。</translation>
    </message>
    <message>
        <source>An environment is listed twice.</source>
        <translation>有环境被重复列出。</translation>
    </message>
    <message>
        <source>This is not a host name of the inventory (lower-case letters, digits and &apos;-&apos;).</source>
        <translation>这不是清单中的主机名（只能包含小写字母、数字和 &apos;-&apos;）。</translation>
    </message>
    <message>
        <source>Choose the fallback: hardened host PHP or a static maintenance page.</source>
        <translation>请选择备用方案：主机上的加固 PHP 或静态维护页面。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::Provisioner</name>
    <message>
        <source>The project %1 was not there after its creation failed: %2</source>
        <translation>创建项目 %1 失败后，该项目并不存在：%2</translation>
    </message>
    <message>
        <source>Allocate ID, host and ports in the inventory</source>
        <translation>在清单中分配 ID、主机和端口</translation>
    </message>
    <message>
        <source>Create the code repository from the plugin skeleton</source>
        <translation>从插件骨架创建代码仓库</translation>
    </message>
    <message>
        <source>Give the owner Developer access and the right to push to main</source>
        <translation>授予负责人 Developer 权限和推送 main 分支的权限</translation>
    </message>
    <message>
        <source>Create the management repository and protect its environment branches</source>
        <translation>创建管理仓库并保护其环境分支</translation>
    </message>
    <message>
        <source>Set the CI/CD deploy variables</source>
        <translation>设置 CI/CD 部署变量</translation>
    </message>
    <message>
        <source>Create the app&apos;s user in the platform&apos;s key/value store (its password a masked CI/CD variable)</source>
        <translation>在平台的键值存储中创建应用的用户（其密码保存为屏蔽的 CI/CD 变量）</translation>
    </message>
    <message>
        <source>Create the DNS records</source>
        <translation>创建 DNS 记录</translation>
    </message>
    <message>
        <source>Mark the app active</source>
        <translation>将应用标记为运行中</translation>
    </message>
    <message>
        <source>Archive the app</source>
        <translation>归档应用</translation>
    </message>
    <message>
        <source>GitLab answered HTTP %1</source>
        <translation>GitLab 返回了 HTTP %1</translation>
    </message>
    <message>
        <source>Cannot look up the owner in GitLab: %1</source>
        <translation>无法在 GitLab 中查找负责人：%1</translation>
    </message>
    <message>
        <source>GitLab has no active user called %1.</source>
        <translation>GitLab 中没有名为 %1 的活跃用户。</translation>
    </message>
    <message>
        <source>The inventory has no %1 host called %2.</source>
        <translation>清单中没有名为 %2 的 %1 主机。</translation>
    </message>
    <message>
        <source>%1 is not an app ID.</source>
        <translation>%1 不是应用 ID。</translation>
    </message>
    <message>
        <source>%1 is archived; it cannot be provisioned again.</source>
        <translation>%1 已归档，无法再次开通。</translation>
    </message>
    <message>
        <source>The inventory record of %1 is not valid: %2</source>
        <translation>%1 的清单记录无效：%2</translation>
    </message>
    <message>
        <source>The step worked but could not be recorded in the inventory: %1</source>
        <translation>该步骤已成功，但无法记录到清单中：%1</translation>
    </message>
    <message>
        <source>Cannot read the project: %1</source>
        <translation>无法读取项目：%1</translation>
    </message>
    <message>
        <source>Cannot find the group %1: %2</source>
        <translation>找不到群组 %1：%2</translation>
    </message>
    <message>
        <source>GitLab refused to create the project: %1</source>
        <translation>GitLab 拒绝创建项目：%1</translation>
    </message>
    <message>
        <source>Cannot read the code repository: %1</source>
        <translation>无法读取代码仓库：%1</translation>
    </message>
    <message>
        <source>Cannot commit the plugin skeleton: %1</source>
        <translation>无法提交插件骨架：%1</translation>
    </message>
    <message>
        <source>Cannot read the labels: %1</source>
        <translation>无法读取标签：%1</translation>
    </message>
    <message>
        <source>Cannot create a label: %1</source>
        <translation>无法创建标签：%1</translation>
    </message>
    <message>
        <source>GitLab has no user called %1.</source>
        <translation>GitLab 中没有名为 %1 的用户。</translation>
    </message>
    <message>
        <source>Cannot look up the owner: %1</source>
        <translation>无法查找负责人：%1</translation>
    </message>
    <message>
        <source>Cannot read the members of the code repository: %1</source>
        <translation>无法读取代码仓库的成员：%1</translation>
    </message>
    <message>
        <source>Cannot add the owner as Developer: %1</source>
        <translation>无法将负责人添加为 Developer：%1</translation>
    </message>
    <message>
        <source>Management repository of %1 (admins only)</source>
        <translation>%1 的管理仓库（仅限管理员）</translation>
    </message>
    <message>
        <source>Cannot read the code repository&apos;s main branch: %1</source>
        <translation>无法读取代码仓库的主分支：%1</translation>
    </message>
    <message>
        <source>Cannot list the management repository&apos;s branches: %1</source>
        <translation>无法列出管理仓库的分支：%1</translation>
    </message>
    <message>
        <source>The allocation of %1 has no %2 placement.</source>
        <translation>%1 的分配中没有 %2 环境的放置信息。</translation>
    </message>
    <message>
        <source>The %1 configuration cannot be rendered: %2</source>
        <translation>无法生成 %1 配置：%2</translation>
    </message>
    <message>
        <source>Someone else created %1 at the same time; retry to continue with what is there.</source>
        <translation>其他人同时创建了 %1；请重试，以便在现有内容的基础上继续。</translation>
    </message>
    <message>
        <source>Cannot read the protected branches: %1</source>
        <translation>无法读取受保护分支：%1</translation>
    </message>
    <message>
        <source>Cannot protect the environment branch: %1</source>
        <translation>无法保护环境分支：%1</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for the deploy key.</source>
        <translation>无法为部署密钥创建临时文件夹。</translation>
    </message>
    <message>
        <source>ssh-keygen could not create the deploy key: %1</source>
        <translation>ssh-keygen 无法创建部署密钥：%1</translation>
    </message>
    <message>
        <source>ssh-keygen is not installed; it is needed to create the deploy key.</source>
        <translation>未安装 ssh-keygen；创建部署密钥需要用到它。</translation>
    </message>
    <message>
        <source>Host %1 has no pinned SSH host key in the inventory (host_key in hosts.json). Add it, then retry; deploys never skip host key checking.</source>
        <translation>清单中没有主机 %1 的固定 SSH 主机密钥（hosts.json 中的 host_key）。请添加后重试；部署从不跳过主机密钥检查。</translation>
    </message>
    <message>
        <source>The %1 placement of %2 is not valid.</source>
        <translation>%2 的 %1 环境放置信息无效。</translation>
    </message>
    <message>
        <source>The pinned host key of %1 in the inventory is not a single known_hosts line (&quot;&lt;address&gt; &lt;key type&gt; &lt;base64 key&gt;&quot;).</source>
        <translation>清单中 %1 的固定主机密钥不是单行 known_hosts 格式（“&lt;address&gt; &lt;key type&gt; &lt;base64 key&gt;”）。</translation>
    </message>
    <message>
        <source>Cannot read the CI/CD variables: %1</source>
        <translation>无法读取 CI/CD 变量：%1</translation>
    </message>
    <message>
        <source>Cannot read the variable %1: %2</source>
        <translation>无法读取变量 %1：%2</translation>
    </message>
    <message>
        <source>Cannot set the variable %1: %2</source>
        <translation>无法设置变量 %1：%2</translation>
    </message>
    <message>
        <source>DNS record %1: %2</source>
        <translation>DNS 记录 %1：%2</translation>
    </message>
    <message>
        <source>No DNS provider is configured.</source>
        <translation>未配置 DNS 服务商。</translation>
    </message>
    <message>
        <source>Cannot remove the DNS record %1: %2</source>
        <translation>无法删除 DNS 记录 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot archive %1: %2</source>
        <translation>无法归档 %1：%2</translation>
    </message>
    <message>
        <source>Let the deploy jobs clone the code repository (CI/CD job token allowlist)</source>
        <translation>允许部署作业克隆代码仓库（CI/CD 作业令牌白名单）</translation>
    </message>
    <message>
        <source>Push the environment branches (starts the first deployments)</source>
        <translation>推送环境分支（开始首次部署）</translation>
    </message>
    <message>
        <source>Cannot read the protection of main: %1</source>
        <translation>无法读取 main 分支的保护设置：%1</translation>
    </message>
    <message>
        <source>Cannot let the owner push to main: %1</source>
        <translation>无法允许负责人推送 main 分支：%1</translation>
    </message>
    <message>
        <source>Cannot read the CI/CD job token allowlist of the code repository: %1</source>
        <translation>无法读取代码仓库的 CI/CD 作业令牌白名单：%1</translation>
    </message>
    <message>
        <source>Cannot add the management repository to the code repository&apos;s CI/CD job token allowlist: %1</source>
        <translation>无法将管理仓库加入代码仓库的 CI/CD 作业令牌白名单：%1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ProvisioningController</name>
    <message>
        <source>key/value store set up: user, variables, deploys started</source>
        <translation>键值存储已设置：用户与变量已就绪，部署已启动</translation>
    </message>
    <message>
        <source>key/value store not set up: %1</source>
        <translation>键值存储未设置：%1</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Give %1 its own user in the platform&apos;s key/value store? It was set up before the store was configured. Its password becomes a masked CI/CD variable of the app, and every environment deploys again so the containers get the store&apos;s variables.</source>
        <translation>要在平台的键值存储中为 %1 建立专属用户吗？该应用创建于配置存储之前。其密码将成为该应用的屏蔽 CI/CD 变量，并且每个环境都会重新部署，使容器获得存储的变量。</translation>
    </message>
    <message>
        <source>Set up the app&apos;s key/value store</source>
        <translation>为应用设置键值存储</translation>
    </message>
    <message>
        <source>Finish the key/value password rotation</source>
        <translation>完成键值存储密码轮换</translation>
    </message>
    <message>
        <source>Rotate the key/value password</source>
        <translation>轮换键值存储密码</translation>
    </message>
    <message>
        <source>Finish the rotation for %1? From now on only the new password opens its key/value store. Do this once the deploys started by the rotation have succeeded in every environment; a container still running with the old password loses its store.</source>
        <translation>要完成 %1 的密码轮换吗？此后只有新密码能打开它的键值存储。请在轮换所启动的部署在每个环境都成功之后再执行；仍使用旧密码运行的容器将无法访问存储。</translation>
    </message>
    <message>
        <source>Give %1 a new key/value password? The store accepts the old and the new password while every environment deploys again with the new one; then finish the rotation from this menu.</source>
        <translation>要为 %1 生成新的键值存储密码吗？在每个环境使用新密码重新部署期间，存储同时接受旧密码和新密码；之后请从此菜单完成轮换。</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>轮换</translation>
    </message>
    <message>
        <source>This profile has no key/value store.</source>
        <translation>此配置文件没有键值存储。</translation>
    </message>
    <message>
        <source>key/value rotation finished: only the new password</source>
        <translation>键值存储密码轮换已完成：仅接受新密码</translation>
    </message>
    <message>
        <source>key/value rotation begun: new password, deploys started</source>
        <translation>键值存储密码轮换已开始：已生成新密码并启动部署</translation>
    </message>
    <message>
        <source>key/value rotation stopped: %1</source>
        <translation>键值存储密码轮换已中止：%1</translation>
    </message>
    <message>
        <source>A key/value password change is running; wait for it to end.</source>
        <translation>一次键值存储凭据变更正在进行，请等待其结束。</translation>
    </message>
    <message>
        <source>Apps cannot be set up or archived now: %1</source>
        <translation>现在无法创建或归档应用：%1</translation>
    </message>
    <message>
        <source>created by %1</source>
        <translation>由 %1 创建</translation>
    </message>
    <message>
        <source>DNS records removed, key/value user and keys deleted, repositories archived</source>
        <translation>已删除 DNS 记录，已删除键值存储的用户和键，已归档仓库</translation>
    </message>
    <message>
        <source>stopped at &quot;%1&quot;: %2</source>
        <translation>停止于“%1”：%2</translation>
    </message>
    <message>
        <source>DNS records will not be set: %1</source>
        <translation>将不会设置 DNS 记录：%1</translation>
    </message>
    <message>
        <source>Another app is being set up; wait for it to finish.</source>
        <translation>另一个应用正在开通中；请等待其完成。</translation>
    </message>
    <message>
        <source>Unfinished app</source>
        <translation>未完成的应用</translation>
    </message>
    <message>
        <source>%1 (%2) was not completely set up: an earlier run stopped part-way. Continue setting it up now?</source>
        <translation>%1（%2）尚未完全开通：之前的一次运行中途停止了。现在继续开通吗？</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReleaseApprover</name>
    <message>
        <source>%1 now points at %2, not at the %3 you reviewed: a new version was pushed. Approvals of %3 no longer count; review the new version. Nothing was changed.</source>
        <translation>%1 现在指向 %2，而不是您审查过的 %3：有新版本被推送。对 %3 的批准不再有效；请审查新版本。未做任何更改。</translation>
    </message>
    <message>
        <source>Could not read the test requests: %1</source>
        <translation>无法读取测试环境的发布请求：%1</translation>
    </message>
    <message>
        <source>Dockmaster could not check the test request of %1: %2</source>
        <translation>Dockmaster 无法检查 %1 的测试环境发布请求：%2</translation>
    </message>
    <message>
        <source>The test release of %1 (#%2) is still pending.</source>
        <translation>%1 的测试环境发布（#%2）仍在等待审批。</translation>
    </message>
    <message>
        <source>The test release of %1 (#%2) failed.</source>
        <translation>%1 的测试环境发布（#%2）失败了。</translation>
    </message>
    <message>
        <source>%1 This profile approves production only after the same version is deployed to test. Nothing was changed.</source>
        <translation>%1 此配置要求同一版本先部署到测试环境，才能批准生产环境。未做任何更改。</translation>
    </message>
    <message>
        <source>Could not check who approved: %1</source>
        <translation>无法核实批准人：%1</translation>
    </message>
    <message>
        <source>Reading the approvals of the request…</source>
        <translation>正在读取该请求的批准记录…</translation>
    </message>
    <message numerus="yes">
        <source>You already approved %1 (%2); your approval counts once. %n more admin(s) must approve it before it deploys.</source>
        <translation>
            <numerusform>您已批准过 %1（%2）；您的批准只计一次。还需要 %n 位管理员批准后才会部署。</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording your approval on the request…</source>
        <translation>正在将您的批准记录到请求上…</translation>
    </message>
    <message>
        <source>Could not label the request: %1</source>
        <translation>无法为请求添加标签：%1</translation>
    </message>
    <message numerus="yes">
        <source>Your approval of %1 (%2) is recorded: %3 of %4. %n more admin(s) must approve before it deploys.</source>
        <translation>
            <numerusform>您对 %1（%2）的批准已记录：第 %3 个，共需 %4 个。还需要 %n 位管理员批准后才会部署。</numerusform>
        </translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Dockmaster is offline, so nothing was changed and nothing was queued. Try again when GitLab can be reached.</source>
        <translation>Dockmaster 处于离线状态，因此未做任何更改，也未加入队列。请在可以连接 GitLab 时重试。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a GitLab user name.</source>
        <translation>“%1”不是 GitLab 用户名。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an app id (app and seven digits).</source>
        <translation>“%1”不是应用 ID（app 加七位数字）。</translation>
    </message>
    <message>
        <source>No GitLab access token is set.</source>
        <translation>未设置 GitLab 访问令牌。</translation>
    </message>
    <message>
        <source>GitLab cannot be reached. Nothing was queued; try again when GitLab is back.</source>
        <translation>无法连接到 GitLab。未加入队列；请在 GitLab 恢复后重试。</translation>
    </message>
    <message>
        <source>Could not read the release request: %1</source>
        <translation>无法读取发布申请：%1</translation>
    </message>
    <message>
        <source>The deployment commit %1 is pushed; Dockmaster completes the comment and labels on its next start.</source>
        <translation>部署提交 %1 已推送；Dockmaster 将在下次启动时补全评论和标签。</translation>
    </message>
    <message>
        <source>The release request has no issue number.</source>
        <translation>该发布申请没有议题编号。</translation>
    </message>
    <message>
        <source>Reading the release request…</source>
        <translation>正在读取发布申请…</translation>
    </message>
    <message>
        <source>Could not resolve %1: %2</source>
        <translation>无法解析 %1：%2</translation>
    </message>
    <message>
        <source>Issue #%1 does not belong to %2.</source>
        <translation>议题 #%1 不属于 %2。</translation>
    </message>
    <message>
        <source>The request names no environment.</source>
        <translation>该申请未指明环境。</translation>
    </message>
    <message>
        <source>The request was edited: it now asks for %1, not %2. Review it again.</source>
        <translation>申请已被编辑：现在申请的是 %1，而不是 %2。请重新审查。</translation>
    </message>
    <message>
        <source>The request names no tag or commit.</source>
        <translation>该申请未指明标签或提交。</translation>
    </message>
    <message>
        <source>The request was edited: it now asks for %1 instead of %2. Review it again.</source>
        <translation>申请已被编辑：现在申请的是 %1，而不是 %2。请重新审查。</translation>
    </message>
    <message>
        <source>Two-person rule: %1 requested this release to %2, so another admin must approve it.</source>
        <translation>双人规则：此次发布到 %2 由 %1 申请，因此必须由另一位管理员批准。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a full commit id.</source>
        <translation>“%1”不是完整的提交 ID。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an acceptable tag, branch or commit name.</source>
        <translation>“%1”不是可接受的标签、分支或提交名称。</translation>
    </message>
    <message>
        <source>Resolving %1 in %2…</source>
        <translation>正在 %2 中解析 %1…</translation>
    </message>
    <message>
        <source>%1 does not exist in %2: there is no such tag, branch or commit. Nothing was deployed.</source>
        <translation>%2 中不存在 %1：没有这样的标签、分支或提交。未部署任何内容。</translation>
    </message>
    <message>
        <source>GitLab answered %1 for %2, which is not a commit id.</source>
        <translation>GitLab 对 %2 返回了 %1，这不是提交 ID。</translation>
    </message>
    <message>
        <source>Committing %1 to %2 of %3…</source>
        <translation>正在将 %1 提交到 %3 的 %2…</translation>
    </message>
    <message>
        <source>Someone changed %1 of %2 meanwhile (it is now at %3). Nothing was deployed; review the change again.</source>
        <translation>在此期间有人修改了 %2 的 %1（现在位于 %3）。未部署任何内容；请重新审查此变更。</translation>
    </message>
    <message>
        <source>%1 of %2 kept changing while Dockmaster pushed. Nothing was deployed; try again.</source>
        <translation>Dockmaster 推送期间，%2 的 %1 一直在变化。未部署任何内容；请重试。</translation>
    </message>
    <message>
        <source>Could not commit the deployment to %1: %2 Nothing was deployed.</source>
        <translation>无法将部署提交到 %1：%2 未部署任何内容。</translation>
    </message>
    <message>
        <source>another admin</source>
        <translation>另一位管理员</translation>
    </message>
    <message>
        <source>Another admin (%1) approved this request first; commit %2 deploys it. Nothing was changed.</source>
        <translation>另一位管理员（%1）已先批准此申请；提交 %2 会部署它。未做任何更改。</translation>
    </message>
    <message>
        <source>Rolling %1 of %2 back to %3 (commit %4).</source>
        <translation>正在将 %2 的 %1 回滚到 %3（提交 %4）。</translation>
    </message>
    <message>
        <source>Deploying %1 (%2) to %3 of %4 (commit %5).</source>
        <translation>正在将 %1（%2）部署到 %4 的 %3（提交 %5）。</translation>
    </message>
    <message>
        <source>This request was already approved by %1 (now %2). Nothing was changed.</source>
        <translation>此申请已由 %1 批准（现为 %2）。未做任何更改。</translation>
    </message>
    <message>
        <source>This request was already rejected by %1. Nothing was changed.</source>
        <translation>此申请已被 %1 拒绝。未做任何更改。</translation>
    </message>
    <message>
        <source>This request is closed. Nothing was changed.</source>
        <translation>此申请已关闭。未做任何更改。</translation>
    </message>
    <message>
        <source>This request is not pending (state: %1). Nothing was changed.</source>
        <translation>此申请不在待审批状态（状态：%1）。未做任何更改。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Could not read the comments of the request: %1</source>
        <translation>无法读取申请的评论：%1</translation>
    </message>
    <message>
        <source>Could not comment on the request: %1</source>
        <translation>无法在申请上发表评论：%1</translation>
    </message>
    <message>
        <source>Recording the approval on the request…</source>
        <translation>正在将批准记录到申请中…</translation>
    </message>
    <message>
        <source>Could not label the request as approved: %1</source>
        <translation>无法将申请标记为已批准：%1</translation>
    </message>
    <message>
        <source>Completed the approval of %1#%2 by %3 that was interrupted: commit %4 deploys %5 to %6. Nothing was deployed twice.</source>
        <translation>已补全 %3 对 %1#%2 的中断审批：提交 %4 将 %5 部署到%6环境。没有重复部署。</translation>
    </message>
    <message>
        <source>Your earlier approval (commit %1) was already pushed; its comment and labels are now complete. Nothing was deployed twice.</source>
        <translation>你之前的批准（提交 %1）已推送；其评论和标签现已补全。没有重复部署。</translation>
    </message>
    <message>
        <source>Approved: deploying %1 (%2) to %3 of %4.</source>
        <translation>已批准：正在将 %1（%2）部署到 %4 的%3环境。</translation>
    </message>
    <message>
        <source>A rejection needs a reason: the developer reads it on the request.</source>
        <translation>拒绝时必须填写理由：开发者会在申请中看到它。</translation>
    </message>
    <message>
        <source>Could not read the environment branch: %1</source>
        <translation>无法读取环境分支：%1</translation>
    </message>
    <message>
        <source>Could not label and close the request: %1</source>
        <translation>无法为申请添加标签并关闭：%1</translation>
    </message>
    <message>
        <source>Rejected %1#%2 and closed it. Reason: %3</source>
        <translation>已拒绝并关闭 %1#%2。理由：%3</translation>
    </message>
    <message>
        <source>A rollback needs the full commit id of the version to go back to.</source>
        <translation>回滚需要目标版本的完整提交 ID。</translation>
    </message>
    <message>
        <source>Could not look for interrupted approvals: %1</source>
        <translation>无法查找中断的审批：%1</translation>
    </message>
    <message>
        <source>%1: could not read %2: %3</source>
        <translation>%1：无法读取 %2：%3</translation>
    </message>
    <message>
        <source>%1 is labelled approved, but none of the last %2 commits of %3 deploys it.</source>
        <translation>%1 已标记为已批准，但 %3 的最近 %2 个提交中没有部署它的提交。</translation>
    </message>
    <message>
        <source>No test release of %1 was requested.</source>
        <translation>尚未申请 %1 的测试环境发布。</translation>
    </message>
    <message>
        <source>The test release of %1 (#%2): %3.</source>
        <translation>%1 的测试环境发布（#%2）：%3。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReleaseController</name>
    <message>
        <source>Resumed deployment</source>
        <translation>已恢复的部署</translation>
    </message>
    <message>
        <source>Approval recorded</source>
        <translation>批准已记录</translation>
    </message>
    <message>
        <source>The rollback preflight failed: %1</source>
        <translation>回滚预检失败：%1</translation>
    </message>
    <message>
        <source>%1 needs a connection to GitLab; nothing was done.</source>
        <translation>%1需要连接到 GitLab；未执行任何操作。</translation>
    </message>
    <message>
        <source>%1: Dockmaster is still completing interrupted approvals; try again in a moment.</source>
        <translation>%1：Dockmaster 仍在补全中断的审批；请稍后重试。</translation>
    </message>
    <message>
        <source>%1: Dockmaster does not know your GitLab account yet. Refresh (F5) and try again.</source>
        <translation>%1：Dockmaster 尚不知道你的 GitLab 账号。请刷新（F5）后重试。</translation>
    </message>
    <message>
        <source>Approving</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2：%3</translation>
    </message>
    <message>
        <source>Rejecting</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Deploying</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Deploy tag</source>
        <translation>部署标签</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Rolling back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>Preparing the rollback of %1 (%2)…</source>
        <translation>正在准备 %1（%2）的回滚…</translation>
    </message>
    <message>
        <source>Roll %1 (%2) back from %3 to %4?</source>
        <translation>将 %1（%2）从 %3 回滚到 %4？</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s) will be undone:</source>
        <translation>
            <numerusform>将撤销 %n 个提交：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  … and %n more</source>
        <translation>
            <numerusform>  … 还有 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) change back.</source>
        <translation>
            <numerusform>%n 个文件将恢复原状。</numerusform>
        </translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>%1 → %2: back to %3</source>
        <translation>%1 → %2：回到 %3</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>Nothing deployed</source>
        <translation>未部署任何内容</translation>
    </message>
    <message>
        <source>Recovered approval</source>
        <translation>已恢复的审批</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Deployed: %1</source>
        <translation>已部署：%1</translation>
    </message>
    <message>
        <source>Deployment failed: %1</source>
        <translation>部署失败：%1</translation>
    </message>
    <message>
        <source>Deploy %1 of %2 to %3</source>
        <translation>将 %2 的 %1 部署到%3</translation>
    </message>
    <message>
        <source>Deploy tag %1</source>
        <translation>部署标签 %1</translation>
    </message>
    <message>
        <source>Pipeline of %1 (%2): %3</source>
        <translation>%1（%2）的流水线：%3</translation>
    </message>
    <message>
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <source>Interrupted releases resumed</source>
        <translation>已恢复中断的发布</translation>
    </message>
    <message numerus="yes">
        <source>%n release(s) that an approval left unfinished now have their comment and labels; their pipelines are followed to the end.</source>
        <translation>
            <numerusform>%n 个因批准中断而未完成的发布已补全评论和标签；将继续跟踪其流水线直至结束。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReleaseGitLab</name>
    <message>
        <source>GitLab sent an entry in %1 that Dockmaster cannot read.</source>
        <translation>GitLab 在 %1 中发送了 Dockmaster 无法读取的条目。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReleaseRequestParser</name>
    <message>
        <source>The request has no env::test or env::production label.</source>
        <translation>该发布申请没有 env::test 或 env::production 标签。</translation>
    </message>
    <message>
        <source>The request has more than one environment label.</source>
        <translation>该申请带有多个环境标签。</translation>
    </message>
    <message>
        <source>The request does not name a tag or commit (a line &quot;Ref: v1.2.3&quot;).</source>
        <translation>该申请未指明标签或提交（需要一行“Ref: v1.2.3”）。</translation>
    </message>
    <message>
        <source>The requested ref is not a valid tag or commit name.</source>
        <translation>申请的引用不是有效的标签名或提交名。</translation>
    </message>
    <message>
        <source>The request has more than one release:: label; an admin must sort it out in GitLab.</source>
        <translation>该请求带有多个 release:: 标签；需要管理员在 GitLab 中处理。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReleaseRequestsModel</name>
    <message>
        <source>Pending (earlier approvals were for an older version)</source>
        <translation>待审批（之前的批准针对的是旧版本）</translation>
    </message>
    <message>
        <source>%1 of %2 approvals (by %3)</source>
        <translation>已批准 %1/%2（%3）</translation>
    </message>
    <message>
        <source>%1 of %2 approvals (by %3, %4 ago)</source>
        <translation>已批准 %1/%2（%3，%4前）</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation>已部署</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message numerus="yes">
        <source>Waiting longer than the approval SLA of %n hours</source>
        <translation>
            <numerusform>等待时间已超过 %n 小时的审批时限</numerusform>
        </translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Requested ref</source>
        <translation>申请的引用</translation>
    </message>
    <message>
        <source>SHA</source>
        <translation>SHA</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>等待时长</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Dockmaster::RenderField</name>
    <message>
        <source>Sign-in check URL</source>
        <translation>登录校验地址</translation>
    </message>
    <message>
        <source>Sign-in page URL</source>
        <translation>登录页面地址</translation>
    </message>
    <message>
        <source>Paths open without signing in</source>
        <translation>无需登录即可访问的路径</translation>
    </message>
    <message>
        <source>Permissions granted to roles</source>
        <translation>授予角色的权限</translation>
    </message>
    <message>
        <source>App ID</source>
        <translation>应用 ID</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>主机名</translation>
    </message>
    <message>
        <source>Host address</source>
        <translation>主机地址</translation>
    </message>
    <message>
        <source>Container port</source>
        <translation>容器端口</translation>
    </message>
    <message>
        <source>Fallback port</source>
        <translation>备用端口</translation>
    </message>
    <message>
        <source>Public listen address</source>
        <translation>对外监听地址</translation>
    </message>
    <message>
        <source>Public HTTP port</source>
        <translation>公网 HTTP 端口</translation>
    </message>
    <message>
        <source>Public HTTPS port</source>
        <translation>公网 HTTPS 端口</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>域名</translation>
    </message>
    <message>
        <source>Fallback mode</source>
        <translation>备用模式</translation>
    </message>
    <message>
        <source>Container image</source>
        <translation>容器镜像</translation>
    </message>
    <message>
        <source>Deploy job image</source>
        <translation>deploy 作业镜像</translation>
    </message>
    <message>
        <source>Memory limit (MiB)</source>
        <translation>内存限制（MiB）</translation>
    </message>
    <message>
        <source>CPU limit (milli-CPUs)</source>
        <translation>CPU 限制（毫核）</translation>
    </message>
    <message>
        <source>Process limit</source>
        <translation>进程数上限</translation>
    </message>
    <message>
        <source>PHP memory limit (MiB)</source>
        <translation>PHP 内存限制（MiB）</translation>
    </message>
    <message>
        <source>PHP maximum execution time (s)</source>
        <translation>PHP 最大执行时间（秒）</translation>
    </message>
    <message>
        <source>Upload limit (MiB)</source>
        <translation>上传限制（MiB）</translation>
    </message>
    <message>
        <source>PHP worker processes</source>
        <translation>PHP 工作进程数</translation>
    </message>
    <message>
        <source>Upstream connect timeout (s)</source>
        <translation>上游连接超时（秒）</translation>
    </message>
    <message>
        <source>Upstream read timeout (s)</source>
        <translation>上游读取超时（秒）</translation>
    </message>
    <message>
        <source>Upstream fail timeout (s)</source>
        <translation>上游失败超时（秒）</translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation>TLS 证书文件</translation>
    </message>
    <message>
        <source>TLS key file</source>
        <translation>TLS 密钥文件</translation>
    </message>
    <message>
        <source>Deploy folder</source>
        <translation>部署目录</translation>
    </message>
    <message>
        <source>Runtime folder</source>
        <translation>运行时目录</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>日志目录</translation>
    </message>
    <message>
        <source>nginx sites folder</source>
        <translation>nginx 站点目录</translation>
    </message>
    <message>
        <source>php-fpm pool folder</source>
        <translation>php-fpm 池目录</translation>
    </message>
    <message>
        <source>Deploy user</source>
        <translation>部署用户</translation>
    </message>
    <message>
        <source>Extra environment variables</source>
        <translation>额外环境变量</translation>
    </message>
</context>
<context>
    <name>Dockmaster::RenderInput</name>
    <message>
        <source>%1 is set by the platform for every app: remove it from the list.</source>
        <translation>%1 由平台为每个应用设置：请从列表中移除。</translation>
    </message>
    <message>
        <source>use an http:// or https:// address with a path of letters, digits and /_.~- only.</source>
        <translation>请使用 http:// 或 https:// 地址，路径只能包含字母、数字和 /_.~-。</translation>
    </message>
    <message>
        <source>a sign-in page needs a sign-in check URL.</source>
        <translation>设置登录页面需要先设置登录校验地址。</translation>
    </message>
    <message>
        <source>each path starts with / and has letters, digits and /_.- only; end it with / for a folder.</source>
        <translation>每个路径以 / 开头，只能包含字母、数字和 /_.-；文件夹以 / 结尾。</translation>
    </message>
    <message>
        <source>at most 32 paths are allowed.</source>
        <translation>最多允许 32 个路径。</translation>
    </message>
    <message>
        <source>write permission=role|role;… with permissions in lower-case letters, digits and ._- and at most 8 roles each.</source>
        <translation>请按 权限=角色|角色;… 的格式填写，权限名只能包含小写字母、数字和 ._-，每个权限最多 8 个角色。</translation>
    </message>
    <message>
        <source>the permission %1 is listed twice.</source>
        <translation>权限 %1 重复出现。</translation>
    </message>
    <message>
        <source>at most 64 permissions are allowed.</source>
        <translation>最多允许 64 个权限。</translation>
    </message>
    <message>
        <source>enter a value: open paths and permissions need a sign-in check.</source>
        <translation>请填写：开放路径和权限都需要登录校验。</translation>
    </message>
    <message>
        <source>use &quot;app&quot; followed by exactly 7 digits, for example app0000042.</source>
        <translation>请使用“app”后接 7 位数字，例如 app0000042。</translation>
    </message>
    <message>
        <source>use &quot;test&quot; or &quot;production&quot;.</source>
        <translation>请使用“test”或“production”。</translation>
    </message>
    <message>
        <source>must differ from the container port.</source>
        <translation>必须与容器端口不同。</translation>
    </message>
    <message>
        <source>must differ from the HTTP port.</source>
        <translation>必须与 HTTP 端口不同。</translation>
    </message>
    <message>
        <source>the domain must start with the app ID, for example %1.example.com.</source>
        <translation>域名必须以应用 ID 开头，例如 %1.example.com。</translation>
    </message>
    <message>
        <source>use &quot;hardened-php&quot; or &quot;static-maintenance&quot;.</source>
        <translation>请使用“hardened-php”或“static-maintenance”。</translation>
    </message>
    <message>
        <source>use a path of at most 60 characters.</source>
        <translation>路径最多 60 个字符。</translation>
    </message>
    <message>
        <source>use a Unix user name: lower-case letters, digits, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>请使用 Unix 用户名：小写字母、数字、&apos;_&apos; 和 &apos;-&apos;。</translation>
    </message>
    <message>
        <source>use upper-case letters, digits and &apos;_&apos; for each name, separated by commas.</source>
        <translation>每个名称请使用大写字母、数字和 &apos;_&apos;，多个名称以逗号分隔。</translation>
    </message>
    <message>
        <source>the name %1 is listed twice.</source>
        <translation>名称 %1 重复出现。</translation>
    </message>
    <message>
        <source>at most 32 names are allowed.</source>
        <translation>最多允许 32 个名称。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReviewController</name>
    <message>
        <source>The requested ref %1 does not resolve to a commit of the app&apos;s repository, so there is nothing to review or deploy.</source>
        <translation>申请的引用 %1 无法解析为该应用仓库中的提交，因此没有可审查或部署的内容。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReviewLoader</name>
    <message>
        <source>not read: this review already read %1 MB</source>
        <translation>未读取：本次审查已读取 %1 MB</translation>
    </message>
    <message>
        <source>larger than %1 MB: not read</source>
        <translation>大于 %1 MB：未读取</translation>
    </message>
    <message>
        <source>Not connected to GitLab.</source>
        <translation>未连接到 GitLab。</translation>
    </message>
    <message>
        <source>The release request does not name a pinned commit (got &quot;%1&quot;); resolve its ref to a SHA first.</source>
        <translation>该发布申请未指明固定的提交（得到的是“%1”）；请先将其引用解析为 SHA。</translation>
    </message>
    <message>
        <source>The live version &quot;%1&quot; is not a commit SHA.</source>
        <translation>线上版本“%1”不是提交 SHA。</translation>
    </message>
    <message>
        <source>Repository %1 was not found, or this account cannot see it.</source>
        <translation>未找到仓库 %1，或此账号无权查看。</translation>
    </message>
    <message>
        <source>GitLab does not know commit %1 or %2 in %3; the ref may have been deleted or force-pushed.</source>
        <translation>GitLab 在 %3 中找不到提交 %1 或 %2；该引用可能已被删除或被强制推送。</translation>
    </message>
    <message>
        <source>GitLab does not know commit %1 in %2; the ref may have been deleted or force-pushed.</source>
        <translation>GitLab 在 %2 中找不到提交 %1；该引用可能已被删除或被强制推送。</translation>
    </message>
    <message>
        <source>GitLab cannot be reached, so the changes cannot be loaded. %1</source>
        <translation>无法连接到 GitLab，因此无法加载变更。%1</translation>
    </message>
    <message>
        <source>Loading the changes failed.</source>
        <translation>加载变更失败。</translation>
    </message>
    <message>
        <source>GitLab answered the comparison with something that is not JSON.</source>
        <translation>GitLab 对比较请求返回的内容不是 JSON。</translation>
    </message>
    <message>
        <source>The file tree of %1 could not be read, so the risk scan cannot see what would run: %2</source>
        <translation>无法读取 %1 的文件树，因此风险扫描无法看到将要运行的内容：%2</translation>
    </message>
    <message>
        <source>could not be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReviewPane</name>
    <message>
        <source>Release review</source>
        <translation>发布审查</translation>
    </message>
    <message>
        <source>Release request</source>
        <translation>发布申请</translation>
    </message>
    <message>
        <source>Requested version</source>
        <translation>申请的版本</translation>
    </message>
    <message>
        <source>Requester and age</source>
        <translation>申请人与等待时长</translation>
    </message>
    <message>
        <source>Review summary</source>
        <translation>审查摘要</translation>
    </message>
    <message>
        <source>Review warnings</source>
        <translation>审查警告</translation>
    </message>
    <message>
        <source>Select a release request to review it</source>
        <translation>选择一个发布申请以进行审查</translation>
    </message>
    <message>
        <source>No release request selected</source>
        <translation>未选择发布申请</translation>
    </message>
    <message>
        <source>Loading the changes from GitLab…</source>
        <translation>正在从 GitLab 加载变更…</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>正在加载</translation>
    </message>
    <message>
        <source>Review error</source>
        <translation>审查错误</translation>
    </message>
    <message>
        <source>Commits</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>SHA</source>
        <translation>SHA</translation>
    </message>
    <message>
        <source>Changed files</source>
        <translation>变更的文件</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Risk flags</source>
        <translation>风险标记</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Diff</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The changes could not be loaded.</source>
        <translation>无法加载变更。</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>PRODUCTION</source>
        <translation>生产环境</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>环境：%1</translation>
    </message>
    <message>
        <source>%1 · %2 (#%3)</source>
        <translation>%1 · %2（#%3）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>(no ref)</source>
        <translation>（无引用）</translation>
    </message>
    <message>
        <source>Requested %1, not yet pinned to a commit</source>
        <translation>申请的是 %1，尚未固定到提交</translation>
    </message>
    <message>
        <source>Requested %1 → pinned %2</source>
        <translation>申请的是 %1 → 固定为 %2</translation>
    </message>
    <message>
        <source>  ·  first release</source>
        <translation>  ·  首次发布</translation>
    </message>
    <message>
        <source>  ·  live %1</source>
        <translation>  ·  线上 %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>by %1, %2</source>
        <translation>来自 %1，%2</translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s)</source>
        <translation>
            <numerusform>%n 个提交</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>+%1 −%2</source>
        <translation>+%1 −%2</translation>
    </message>
    <message numerus="yes">
        <source>%n risk flag(s)</source>
        <translation>
            <numerusform>%n 个风险标记</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1（新增）</translation>
    </message>
    <message>
        <source>%1 (deleted)</source>
        <translation>%1（已删除）</translation>
    </message>
    <message>
        <source>%1 (renamed from %2)</source>
        <translation>%1（由 %2 重命名）</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>过大</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>Files (%1)</source>
        <translation>文件（%1）</translation>
    </message>
    <message>
        <source>Commits (%1)</source>
        <translation>提交（%1）</translation>
    </message>
    <message>
        <source>Risk flags: none found</source>
        <translation>风险标记：未发现</translation>
    </message>
    <message>
        <source>Nothing changes.</source>
        <translation>没有任何变更。</translation>
    </message>
    <message>
        <source>No file changes.</source>
        <translation>没有文件变更。</translation>
    </message>
    <message>
        <source>Diff of %1</source>
        <translation>%1 的差异</translation>
    </message>
    <message>
        <source>This file&apos;s diff is too large to show. Review it in GitLab.</source>
        <translation>此文件的差异过大，无法显示。请在 GitLab 中审查。</translation>
    </message>
    <message>
        <source>Binary file; no text diff.</source>
        <translation>二进制文件；无文本差异。</translation>
    </message>
    <message>
        <source>Renamed without changes.</source>
        <translation>仅重命名，内容无变更。</translation>
    </message>
    <message>
        <source>Empty file.</source>
        <translation>空文件。</translation>
    </message>
    <message>
        <source>Risk scan verdict</source>
        <translation>风险扫描结论</translation>
    </message>
    <message>
        <source>Commit %1</source>
        <translation>提交 %1</translation>
    </message>
    <message>
        <source>Not scanned: %1 (%2)</source>
        <translation>未扫描：%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more file(s) not scanned.</source>
        <translation>
            <numerusform>……另有 %n 个文件未扫描。</numerusform>
        </translation>
    </message>
    <message>
        <source>not scanned</source>
        <translation>未扫描</translation>
    </message>
    <message>
        <source>no patch; whole file scanned</source>
        <translation>无补丁；已扫描整个文件</translation>
    </message>
    <message>
        <source>Risk flags (%1) · %2</source>
        <translation>风险标记（%1）· %2</translation>
    </message>
    <message>
        <source>Binary file; it could not be scanned.</source>
        <translation>二进制文件；无法扫描。</translation>
    </message>
    <message>
        <source>Loading the changes from GitLab… (risk scan: %1 of %2 files read)</source>
        <translation>正在从 GitLab 加载变更…（风险扫描：已读取 %2 个文件中的 %1 个）</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReviewResult</name>
    <message numerus="yes">
        <source>%n more file(s) PHP would run were past the review&apos;s scan limit and were not scanned.</source>
        <translation>
            <numerusform>另有 %n 个 PHP 会运行的文件超出审查的扫描上限，未被扫描。</numerusform>
        </translation>
    </message>
    <message>
        <source>The release has more than %1 files; the review listed the first %1 only, so files past them were not scanned.</source>
        <translation>该发布包含超过 %1 个文件；审查只列出了前 %1 个，其后的文件未被扫描。</translation>
    </message>
    <message>
        <source>The requested commit is already live; this release changes nothing.</source>
        <translation>申请的提交已经上线；此次发布不会带来任何变更。</translation>
    </message>
    <message>
        <source>GitLab timed out computing this comparison; the diff below may be incomplete. Review the commits in GitLab before approving.</source>
        <translation>GitLab 计算此比较时超时；下方的差异可能不完整。批准前请在 GitLab 中审查这些提交。</translation>
    </message>
    <message>
        <source>First release to this environment: every file is new.</source>
        <translation>首次发布到此环境：所有文件均为新增。</translation>
    </message>
    <message>
        <source>a symbolic link: PHP would run the file it points to</source>
        <translation>符号链接：PHP 会运行它指向的文件</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>未读取</translation>
    </message>
    <message>
        <source>larger than %1 MB</source>
        <translation>大于 %1 MB</translation>
    </message>
    <message>
        <source>GitLab sent no readable patch</source>
        <translation>GitLab 未发送可读的补丁</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) PHP would run could not be scanned; approving needs an explicit acknowledgement.</source>
        <translation>
            <numerusform>有 %n 个 PHP 会运行的文件无法扫描；批准前需要明确确认。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) are too large to show here (the risk scan reads them anyway).</source>
        <translation>
            <numerusform>有 %n 个文件过大，无法在此显示（风险扫描仍会读取它们）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more file(s) change but exceed the display limit (the risk scan reads them anyway).</source>
        <translation>
            <numerusform>另有 %n 个文件发生变更，但超出了显示上限（风险扫描仍会读取它们）。</numerusform>
        </translation>
    </message>
    <message>
        <source>No PHP file changes: no risk flags</source>
        <translation>没有 PHP 文件变更：无风险标记</translation>
    </message>
    <message numerus="yes">
        <source>No PHP file changes: %n flag(s)</source>
        <translation>
            <numerusform>没有 PHP 文件变更：%n 个标记</numerusform>
        </translation>
    </message>
    <message>
        <source>Scanned %1 of %2 PHP files: none found</source>
        <translation>已扫描 %2 个 PHP 文件中的 %1 个：未发现问题</translation>
    </message>
    <message numerus="yes">
        <source>Scanned %1 of %2 PHP files: %n flag(s)</source>
        <translation>
            <numerusform>已扫描 %2 个 PHP 文件中的 %1 个：%n 个标记</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not scanned (%1)</source>
        <translation>
            <numerusform>%n 个文件未扫描（%1）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::RiskScanner</name>
    <message>
        <source>platform.json was removed or moved: the plugin no longer declares its permissions, open paths and key/value quota.</source>
        <translation>platform.json 已被删除或移动：插件不再声明其权限、开放路径和键值存储配额。</translation>
    </message>
    <message>
        <source>platform.json changed: the permissions the plugin asks for, the paths it wants open without signing in or its key/value quota change. Compare them with what is granted before approving.</source>
        <translation>platform.json 已更改：插件申请的权限、希望无需登录即可访问的路径或键值存储配额发生了变化。批准前请与已授予的内容进行核对。</translation>
    </message>
    <message>
        <source>Platform manifest changed</source>
        <translation>平台清单已更改</translation>
    </message>
    <message>
        <source>Submodule source changed</source>
        <translation>子模块来源已更改</translation>
    </message>
    <message>
        <source>.gitmodules changed: a checkout with submodules would fetch code from the repositories it names (another host, a file:// or ext:: URL), code this review does not show.</source>
        <translation>.gitmodules 已更改：带子模块的检出会从其中列出的仓库（其他主机、file:// 或 ext:: URL）拉取代码，而这些代码不在本次审查中显示。</translation>
    </message>
    <message>
        <source>.gitmodules was removed; the repositories a checkout fetches with this code change.</source>
        <translation>.gitmodules 已被删除；检出此代码时拉取的仓库随之改变。</translation>
    </message>
    <message>
        <source>Dangerous function as a callback</source>
        <translation>作为回调的危险函数</translation>
    </message>
    <message>
        <source>Code inside a string</source>
        <translation>字符串中的代码</translation>
    </message>
    <message>
        <source>Call through a variable</source>
        <translation>通过变量调用</translation>
    </message>
    <message>
        <source>Calls %1() through a string holding its name; the call is hidden from a plain search.</source>
        <translation>通过保存函数名的字符串调用 %1()；简单搜索发现不了这种调用。</translation>
    </message>
    <message>
        <source>Calls a function whose name is computed at run time; check what it can be.</source>
        <translation>调用的函数名在运行时计算；请确认它可能是什么。</translation>
    </message>
    <message>
        <source>Calls a method whose name is in $%1; check what it can be.</source>
        <translation>调用的方法名保存在 $%1 中；请确认它可能是什么。</translation>
    </message>
    <message>
        <source>Calls %1() through $%2, which holds its name (line %3).</source>
        <translation>通过保存其函数名的 $%2 调用 %1()（第 %3 行）。</translation>
    </message>
    <message>
        <source>Calls the function held in $%1; check what it can be.</source>
        <translation>调用保存在 $%1 中的函数；请确认它可能是什么。</translation>
    </message>
    <message>
        <source>%1() is given the name of %2() as a callable: it runs %2() with arguments the code chooses.</source>
        <translation>%1() 收到 %2() 的函数名作为可调用对象：它会用代码选定的参数执行 %2()。</translation>
    </message>
    <message>
        <source>A string runs the expression ${%1} when it is built; code hidden in strings escapes a plain reading.</source>
        <translation>字符串在构建时会执行表达式 ${%1}；藏在字符串里的代码很难靠阅读发现。</translation>
    </message>
    <message>
        <source>Calls a function taken from an array; check what it can be.</source>
        <translation>调用取自数组的函数；请确认它可能是什么。</translation>
    </message>
    <message>
        <source>assert() is given a value that is not a comparison or a test; PHP before 8 runs a string given to assert() as code.</source>
        <translation>assert() 收到的值不是比较或判断；PHP 8 之前会把传给 assert() 的字符串当作代码执行。</translation>
    </message>
    <message>
        <source>Backticks run their content as a shell command.</source>
        <translation>反引号会将其内容作为 shell 命令执行。</translation>
    </message>
    <message>
        <source>Calls a function whose name was decoded from obfuscated data (line %1).</source>
        <translation>调用的函数名由混淆数据解码而来（第 %1 行）。</translation>
    </message>
    <message>
        <source>Includes code from a remote location (%1).</source>
        <translation>包含来自远程位置的代码（%1）。</translation>
    </message>
    <message>
        <source>Includes a file whose path comes from a variable; check it cannot be chosen by a visitor.</source>
        <translation>包含的文件路径来自变量；请确认访问者无法控制该路径。</translation>
    </message>
    <message>
        <source>Runs data decoded from an obfuscated form (decoded on line %1); hidden code is a common sign of a backdoor.</source>
        <translation>执行从混淆形式解码出的数据（在第 %1 行解码）；隐藏代码是后门的常见迹象。</translation>
    </message>
    <message>
        <source>eval() runs a string as PHP code.</source>
        <translation>eval() 会将字符串作为 PHP 代码执行。</translation>
    </message>
    <message>
        <source>create_function() compiles a string into PHP code.</source>
        <translation>create_function() 会将字符串编译为 PHP 代码。</translation>
    </message>
    <message>
        <source>preg_replace() with the /e modifier runs the replacement as PHP code.</source>
        <translation>带 /e 修饰符的 preg_replace() 会将替换内容作为 PHP 代码执行。</translation>
    </message>
    <message>
        <source>assert() with a string argument evaluates that string as PHP code.</source>
        <translation>带字符串参数的 assert() 会将该字符串作为 PHP 代码求值。</translation>
    </message>
    <message>
        <source>%1() runs an operating system command.</source>
        <translation>%1() 会执行操作系统命令。</translation>
    </message>
    <message>
        <source>%1() changes a file outside the app&apos;s folder (absolute path or &quot;..&quot;).</source>
        <translation>%1() 会修改应用文件夹之外的文件（绝对路径或“..”）。</translation>
    </message>
    <message>
        <source>%1() connects to an address computed at run time.</source>
        <translation>%1() 会连接到运行时计算出的地址。</translation>
    </message>
    <message>
        <source>%1() connects to %2, a host this code did not contact before.</source>
        <translation>%1() 会连接到 %2，此代码以前从未连接过该主机。</translation>
    </message>
    <message>
        <source>%1 was removed; the app&apos;s dependencies change.</source>
        <translation>%1 已被删除；应用的依赖发生变化。</translation>
    </message>
    <message>
        <source>%1 changed; new or updated third-party packages come with this release.</source>
        <translation>%1 已更改；此次发布会带来新增或更新的第三方包。</translation>
    </message>
    <message>
        <source>Code evaluation</source>
        <translation>代码求值</translation>
    </message>
    <message>
        <source>assert() with a string</source>
        <translation>带字符串的 assert()</translation>
    </message>
    <message>
        <source>Shell command</source>
        <translation>Shell 命令</translation>
    </message>
    <message>
        <source>Obfuscated code executed</source>
        <translation>执行混淆代码</translation>
    </message>
    <message>
        <source>Write outside the app folder</source>
        <translation>写入应用文件夹之外</translation>
    </message>
    <message>
        <source>Remote or variable include</source>
        <translation>远程或变量包含</translation>
    </message>
    <message>
        <source>New outbound host</source>
        <translation>新的外连主机</translation>
    </message>
    <message>
        <source>Dependencies changed</source>
        <translation>依赖已变更</translation>
    </message>
    <message>
        <source>%1 changes PHP settings for its folder; a setting such as auto_prepend_file can make PHP run any file of the app as code.</source>
        <translation>%1 会更改其所在文件夹的 PHP 设置；auto_prepend_file 等设置可使 PHP 将应用中的任意文件作为代码运行。</translation>
    </message>
    <message>
        <source>PHP settings file</source>
        <translation>PHP 设置文件</translation>
    </message>
</context>
<context>
    <name>Dockmaster::RollbackPreflight</name>
    <message>
        <source>&quot;%1&quot; is not an app id (app and seven digits).</source>
        <translation>“%1”不是应用 ID（app 加七位数字）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a full commit id.</source>
        <translation>“%1”不是完整的提交 ID。</translation>
    </message>
    <message>
        <source>%1 of %2 has no deployments yet.</source>
        <translation>%2 的 %1 尚无部署记录。</translation>
    </message>
    <message>
        <source>%1 has no earlier successful deployment to go back to.</source>
        <translation>%1 没有可回退到的更早的成功部署。</translation>
    </message>
    <message>
        <source>%1 is already live in %2: the rollback would change nothing.</source>
        <translation>%1 已在 %2 上线：回滚不会改变任何内容。</translation>
    </message>
    <message>
        <source>Commit %1 no longer exists in %2 (the history was rewritten or the branch deleted). Deploying it would fail.</source>
        <translation>提交 %1 已不存在于 %2 中（历史已被改写或分支已被删除）。部署它将会失败。</translation>
    </message>
    <message>
        <source>Could not look up %1: %2</source>
        <translation>无法查找 %1：%2</translation>
    </message>
    <message>
        <source>Could not read the history of %1: %2</source>
        <translation>无法读取 %1 的历史：%2</translation>
    </message>
    <message>
        <source>The live version %1 no longer exists in %2; what the rollback undoes cannot be shown.</source>
        <translation>线上版本 %1 已不存在于 %2 中；无法显示回滚将撤销的内容。</translation>
    </message>
    <message>
        <source>Could not compare %1 with %2: %3</source>
        <translation>无法比较 %1 与 %2：%3</translation>
    </message>
    <message>
        <source>GitLab truncated this comparison (too many files or lines); the list may be incomplete. Review the rest in GitLab.</source>
        <translation>GitLab 截断了此次比较（文件或行数过多），列表可能不完整。请在 GitLab 中查看其余部分。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::SandboxKeyValue</name>
    <message>
        <source>The sandbox&apos;s key/value store found no free local port.</source>
        <translation>沙盒的键值存储找不到空闲的本地端口。</translation>
    </message>
    <message>
        <source>The sandbox&apos;s key/value store (valkey-server) did not start.</source>
        <translation>沙盒的键值存储（valkey-server）未能启动。</translation>
    </message>
    <message>
        <source>The sandbox&apos;s demo keys could not be written: %1</source>
        <translation>无法写入沙盒的演示键：%1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::SandboxPlatform</name>
    <message>
        <source>The sandbox platform could not listen on a local port.</source>
        <translation>沙盒平台无法监听本地端口。</translation>
    </message>
    <message>
        <source>No temporary folder for the sandbox platform: %1</source>
        <translation>无法为沙盒平台创建临时文件夹：%1</translation>
    </message>
    <message>
        <source>The sandbox platform could not be prepared.</source>
        <translation>无法准备沙盒平台。</translation>
    </message>
    <message>
        <source>podman is not installed, so the sandbox has no containers and live logs cannot be shown.</source>
        <translation>未安装 podman，沙盒中没有容器，无法显示实时日志。</translation>
    </message>
    <message>
        <source>The sandbox&apos;s container engine could not start: %1</source>
        <translation>沙盒的容器引擎无法启动：%1</translation>
    </message>
    <message>
        <source>The sandbox&apos;s demo containers could not start: %1</source>
        <translation>沙盒的演示容器无法启动：%1</translation>
    </message>
    <message>
        <source>PowerDNS is not installed, so the sandbox manages no DNS records.</source>
        <translation>未安装 PowerDNS，因此沙盒不管理任何 DNS 记录。</translation>
    </message>
    <message>
        <source>valkey-server is not installed, so the sandbox has no key/value store for its plugins.</source>
        <translation>未安装 valkey-server，因此沙盒没有供插件使用的键值存储。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::SecretStore</name>
    <message>
        <source>The keychain is locked: unlock it (for example in Passwords and Keys, or by logging in again), then try again.</source>
        <translation>钥匙串已锁定：请先解锁（例如在“密码和密钥”中，或重新登录），然后重试。</translation>
    </message>
    <message>
        <source>No keychain is available on this desktop (for example GNOME Keyring or KWallet). The secret was not stored anywhere; start a keychain service and try again.</source>
        <translation>此桌面上没有可用的密钥环（例如 GNOME Keyring 或 KWallet）。该密钥未被保存到任何地方；请启动密钥环服务后重试。</translation>
    </message>
    <message>
        <source>Access to the keychain was refused.</source>
        <translation>访问密钥环被拒绝。</translation>
    </message>
    <message>
        <source>The keychain denied access; it may be locked. Unlock it and try again.</source>
        <translation>密钥环拒绝访问，可能已被锁定。请解锁后重试。</translation>
    </message>
    <message>
        <source>This keychain does not support the operation.</source>
        <translation>此密钥环不支持该操作。</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation>密钥环报告错误：%1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::SettingsDialog</name>
    <message>
        <source>/etc/ssl/kv-ca.pem (optional)</source>
        <translation>/etc/ssl/kv-ca.pem（可选）</translation>
    </message>
    <message>
        <source>The CA that signed the store&apos;s certificate, as a PEM file. Empty: the system&apos;s trusted CAs.</source>
        <translation>签发该存储证书的 CA（PEM 文件）。留空：使用系统信任的 CA。</translation>
    </message>
    <message>
        <source>Key/value CA certificate</source>
        <translation>键值存储 CA 证书</translation>
    </message>
    <message>
        <source>A plain connection is only accepted for a store on this computer.</source>
        <translation>只有位于本机的存储才接受明文连接。</translation>
    </message>
    <message>
        <source>Connect with TLS and check the store&apos;s certificate</source>
        <translation>使用 TLS 连接并校验存储的证书</translation>
    </message>
    <message>
        <source>Plugins keep their data in the platform&apos;s Valkey. Setting up an app gives it a user there that reaches only its own keys; the password is a masked CI/CD variable of the app, never stored here. Archiving an app deletes its user and its keys. Leave the address empty if the platform has no key/value store.</source>
        <translation>插件的数据保存在平台的 Valkey 中。创建应用时会为它建立一个只能访问自身键的用户；密码保存为该应用的屏蔽 CI/CD 变量，不会保存在这里。归档应用会删除其用户和全部键。如果平台没有键值存储，请将地址留空。</translation>
    </message>
    <message>
        <source>GitLab</source>
        <translation>GitLab</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>Hosts and logs</source>
        <translation>主机和日志</translation>
    </message>
    <message>
        <source>Platform services</source>
        <translation>平台服务</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Key/value store</source>
        <translation>键值存储</translation>
    </message>
    <message>
        <source>kv.example.com:6379 (optional; Valkey, for the plugins&apos; data)</source>
        <translation>kv.example.com:6379（可选；Valkey，存放插件的数据）</translation>
    </message>
    <message>
        <source>Key/value store for apps</source>
        <translation>应用使用的键值存储地址</translation>
    </message>
    <message>
        <source>as the containers reach it (optional; cluster: host:port,host:port)</source>
        <translation>容器访问它的地址（可选；集群：主机:端口,主机:端口）</translation>
    </message>
    <message>
        <source>Key/value admin user</source>
        <translation>键值存储管理员用户</translation>
    </message>
    <message>
        <source>default (Valkey&apos;s built-in user)</source>
        <translation>default（Valkey 的内置用户）</translation>
    </message>
    <message>
        <source>Key/value admin password</source>
        <translation>键值存储管理员密码</translation>
    </message>
    <message>
        <source>Settings and profiles</source>
        <translation>设置与配置</translation>
    </message>
    <message>
        <source>Saved. Secrets are stored in the system keychain.</source>
        <translation>已保存。密钥存放在系统密钥环中。</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>配置名称</translation>
    </message>
    <message>
        <source>e.g. production-platform</source>
        <translation>例如 production-platform</translation>
    </message>
    <message>
        <source>GitLab URL</source>
        <translation>GitLab 地址</translation>
    </message>
    <message>
        <source>https://gitlab.example.com</source>
        <translation>https://gitlab.example.com</translation>
    </message>
    <message>
        <source>GitLab access token</source>
        <translation>GitLab 访问令牌</translation>
    </message>
    <message>
        <source>personal access token with api scope</source>
        <translation>具有 api 权限的个人访问令牌</translation>
    </message>
    <message>
        <source>Root group</source>
        <translation>根群组</translation>
    </message>
    <message>
        <source>plugins</source>
        <translation>plugins</translation>
    </message>
    <message>
        <source>Inventory project</source>
        <translation>资源清单项目</translation>
    </message>
    <message>
        <source>plugins/ops/inventory</source>
        <translation>plugins/ops/inventory</translation>
    </message>
    <message>
        <source>Test domain suffix</source>
        <translation>测试域名后缀</translation>
    </message>
    <message>
        <source>test.plugins.example.com</source>
        <translation>test.plugins.example.com</translation>
    </message>
    <message>
        <source>Production domain suffix</source>
        <translation>生产域名后缀</translation>
    </message>
    <message>
        <source>plugins.example.com</source>
        <translation>plugins.example.com</translation>
    </message>
    <message>
        <source>DNS provider</source>
        <translation>DNS 服务商</translation>
    </message>
    <message>
        <source>None (manage DNS by hand)</source>
        <translation>无（手动管理 DNS）</translation>
    </message>
    <message>
        <source>PowerDNS</source>
        <translation>PowerDNS</translation>
    </message>
    <message>
        <source>Cloudflare</source>
        <translation>Cloudflare</translation>
    </message>
    <message>
        <source>DNSPod (Tencent Cloud)</source>
        <translation>DNSPod（腾讯云）</translation>
    </message>
    <message>
        <source>DNS API URL</source>
        <translation>DNS API 地址</translation>
    </message>
    <message>
        <source>https://dns.example.com:8081 (PowerDNS only)</source>
        <translation>https://dns.example.com:8081（仅 PowerDNS）</translation>
    </message>
    <message>
        <source>DNS zone</source>
        <translation>DNS 区域</translation>
    </message>
    <message>
        <source>plugins.example.com.</source>
        <translation>plugins.example.com.</translation>
    </message>
    <message>
        <source>DNS API key</source>
        <translation>DNS API 密钥</translation>
    </message>
    <message>
        <source>stored in the system keychain</source>
        <translation>保存在系统密钥环中</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Approval SLA</source>
        <translation>审批时限</translation>
    </message>
    <message>
        <source>Production releases need an approver other than the requester</source>
        <translation>生产发布须由申请人以外的管理员批准</translation>
    </message>
    <message>
        <source>stored in the system keychain; type to replace</source>
        <translation>已保存在系统密钥环中；输入新值可替换</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <source>Delete the profile &quot;%1&quot; and its stored secrets? Nothing in GitLab is changed.</source>
        <translation>删除配置“%1”及其保存的密钥？GitLab 中的内容不会改变。</translation>
    </message>
    <message>
        <source>A profile with this name already exists.</source>
        <translation>已存在同名配置。</translation>
    </message>
    <message>
        <source>Please correct the highlighted fields.</source>
        <translation>请更正标出的字段。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>密钥环</translation>
    </message>
    <message>
        <source>Docker TLS certificates</source>
        <translation>Docker TLS 证书</translation>
    </message>
    <message>
        <source>/home/me/.docker/hosts (one folder per host with ca.pem, cert.pem, key.pem)</source>
        <translation>/home/me/.docker/hosts（每台主机一个文件夹，含 ca.pem、cert.pem、key.pem）</translation>
    </message>
    <message>
        <source>Loki URL</source>
        <translation>Loki 地址</translation>
    </message>
    <message>
        <source>https://loki.example.com (optional, for log history)</source>
        <translation>https://loki.example.com（可选，用于日志历史）</translation>
    </message>
    <message>
        <source>Loki tenant</source>
        <translation>Loki 租户</translation>
    </message>
    <message>
        <source>X-Scope-OrgID (optional)</source>
        <translation>X-Scope-OrgID（可选）</translation>
    </message>
    <message>
        <source>No GitLab token is stored for this profile: type one to check the connection.</source>
        <translation>此配置未保存 GitLab 令牌：请输入令牌以检查连接。</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>检查连接</translation>
    </message>
    <message>
        <source>Verify this profile against its GitLab: version, token, role, job token allowlists, runners and https</source>
        <translation>针对此配置的 GitLab 进行验证：版本、令牌、角色、作业令牌允许列表、Runner 和 https</translation>
    </message>
    <message>
        <source>Type the GitLab token, or save the profile first.</source>
        <translation>请输入 GitLab 令牌，或先保存配置。</translation>
    </message>
    <message>
        <source>Reading the token from the keychain…</source>
        <translation>正在从钥匙串读取令牌…</translation>
    </message>
    <message>
        <source>Admins who approve a production release</source>
        <translation>批准生产发布的管理员人数</translation>
    </message>
    <message>
        <source>How many different admins must approve a production release before it deploys (1 to 5; 2 is the two-person rule). None of them may be the one who requested it. Every approval but the last is recorded on the request in GitLab, so every console sees it; a new push of the requested version starts the approvals over.</source>
        <translation>生产发布在部署前须由多少位不同的管理员批准（1 到 5；2 即双人规则）。申请人不能是其中之一。除最后一次外，每次批准都记录在 GitLab 的申请上，所有控制台都能看到；所申请的版本有新的推送时，批准重新开始。</translation>
    </message>
    <message>
        <source>Production approvals</source>
        <translation>生产环境批准人数</translation>
    </message>
    <message>
        <source>Admins who approve a test release</source>
        <translation>批准测试发布的管理员人数</translation>
    </message>
    <message>
        <source>How many different admins must approve a test release before it deploys (1 to 5). With 2 or more, the requester cannot approve their own test release either.</source>
        <translation>测试发布在部署前须由多少位不同的管理员批准（1 到 5）。设为 2 或以上时，申请人也不能批准自己的测试发布。</translation>
    </message>
    <message>
        <source>Test approvals</source>
        <translation>测试环境批准人数</translation>
    </message>
    <message>
        <source>Refuse while its test release is pending or failed</source>
        <translation>同一版本的测试环境发布仍待审批或已失败时拒绝批准</translation>
    </message>
    <message>
        <source>Production after test</source>
        <translation>先测试后生产</translation>
    </message>
    <message>
        <source>Before an admin approves production, Dockmaster checks the test release of the same version. Unticked, a pending or failed test release is a warning in the approval dialog and on the approval; ticked, the production approval is refused until the test release is deployed.</source>
        <translation>管理员批准生产环境前，Dockmaster 会检查同一版本的测试环境发布。不勾选时，待审批或已失败的测试环境发布会在批准对话框中显示警告，并记录在批准上；勾选时，在测试环境发布部署完成之前拒绝批准生产环境。</translation>
    </message>
    <message>
        <source>Always the case with two or more production approvals.</source>
        <translation>生产环境需要两位或以上管理员批准时总是如此。</translation>
    </message>
    <message>
        <source>Sign-in at the edge: the hosts&apos; nginx asks the company&apos;s sign-in service about every request and passes the visitor&apos;s user, roles and granted permissions to the plugin, which never sees a password. Leave it empty if the platform has no sign-in service; permissions can then not be granted.</source>
        <translation>边缘登录：主机的 nginx 会就每个请求询问公司的登录服务，并把访问者的用户、角色和已授予的权限传给插件，插件永远看不到密码。如果平台没有登录服务，请留空；此时无法授予权限。</translation>
    </message>
    <message>
        <source>Sign-in check URL</source>
        <translation>登录校验 URL</translation>
    </message>
    <message>
        <source>Sign-in page</source>
        <translation>登录页面</translation>
    </message>
    <message>
        <source>https://auth.example.com/verify (optional)</source>
        <translation>https://auth.example.com/verify（可选）</translation>
    </message>
    <message>
        <source>Answers each request nginx asks about with 2xx and the X-Platform-User and X-Platform-Roles headers (signed in), 401 (not signed in) or 403 (refused).</source>
        <translation>对 nginx 询问的每个请求作出回答：2xx 并附带 X-Platform-User 和 X-Platform-Roles 头（已登录）、401（未登录）或 403（拒绝）。</translation>
    </message>
    <message>
        <source>https://auth.example.com/login (optional)</source>
        <translation>https://auth.example.com/login（可选）</translation>
    </message>
    <message>
        <source>Where visitors who are not signed in are sent. Empty: they get 401.</source>
        <translation>未登录的访问者会被引导到这里。留空：他们会收到 401。</translation>
    </message>
    <message>
        <source>Requests at once</source>
        <translation>同时请求数</translation>
    </message>
    <message>
        <source>How many requests this console sends to GitLab side by side.</source>
        <translation>本控制台同时向 GitLab 发送的请求数。</translation>
    </message>
    <message>
        <source>No ceiling</source>
        <translation>不设上限</translation>
    </message>
    <message>
        <source> a minute</source>
        <translation> 次/分钟</translation>
    </message>
    <message>
        <source>A ceiling for this console, below the instance&apos;s rate limit when several consoles share it. GitLab&apos;s own limit is followed anyway when GitLab reports it.</source>
        <translation>本控制台的请求上限；多个控制台共用同一实例时，应设在实例的速率限制之下。GitLab 报告其自身限制时，无论如何都会遵守。</translation>
    </message>
    <message>
        <source>Request ceiling</source>
        <translation>请求上限</translation>
    </message>
</context>
<context>
    <name>Dockmaster::Shell</name>
    <message>
        <source>GitLab went back in time</source>
        <translation>GitLab 的数据回到了过去</translation>
    </message>
    <message>
        <source>GitLab no longer has what this console saw at the last sync (was it restored from a backup?). Everything was read again: the panels show GitLab&apos;s data as it is now.</source>
        <translation>GitLab 上已没有本控制台上次同步时看到的内容（是否从备份恢复过？）。已重新读取全部数据：各面板显示的是 GitLab 当前的数据。</translation>
    </message>
    <message>
        <source>The local cache file can be used again.</source>
        <translation>本地缓存文件已恢复可用。</translation>
    </message>
    <message>
        <source>Welcome to Dockmaster: create a profile</source>
        <translation>欢迎使用 Dockmaster：请创建一个配置</translation>
    </message>
    <message>
        <source>No profile yet: create one in Settings (Ctrl+,).</source>
        <translation>尚无配置：请在设置中创建一个 (Ctrl+,)。</translation>
    </message>
    <message>
        <source>Profile already open</source>
        <translation>配置已被打开</translation>
    </message>
    <message>
        <source>Local cache</source>
        <translation>本地缓存</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message numerus="yes">
        <source>%n apps cached, last sync: %1</source>
        <translation>
            <numerusform>已缓存 %n 个应用，上次同步：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Started with --offline: showing cached data.</source>
        <translation>以 --offline 方式启动：显示缓存数据。</translation>
    </message>
    <message>
        <source>No GitLab token is stored for this profile: add one in Settings.</source>
        <translation>此配置尚未保存 GitLab 令牌：请在设置中添加。</translation>
    </message>
    <message>
        <source>Not connected to GitLab yet.</source>
        <translation>尚未连接到 GitLab。</translation>
    </message>
    <message>
        <source>Reading everything from GitLab...</source>
        <translation>正在从 GitLab 读取全部数据...</translation>
    </message>
    <message>
        <source>Checking GitLab for changes...</source>
        <translation>正在检查 GitLab 上的变更...</translation>
    </message>
    <message>
        <source>Preparing the sandbox platform...</source>
        <translation>正在准备沙盒平台...</translation>
    </message>
    <message>
        <source>The management repository of %1 is not known yet: refresh from GitLab first.</source>
        <translation>尚不知道 %1 的管理仓库：请先从 GitLab 刷新。</translation>
    </message>
    <message>
        <source>Opening a configuration needs a connection to GitLab.</source>
        <translation>打开配置需要连接到 GitLab。</translation>
    </message>
    <message>
        <source>(unknown admin)</source>
        <translation>（未知管理员）</translation>
    </message>
    <message>
        <source>DNS records set to the expected addresses</source>
        <translation>DNS 记录已设置为预期地址</translation>
    </message>
    <message>
        <source>This build of Dockmaster has no sandbox platform.</source>
        <translation>此版本的 Dockmaster 不含沙盒平台。</translation>
    </message>
    <message>
        <source>%1 Renew the GitLab token of profile %2 in Settings (Ctrl+,); Dockmaster does not try again until then.</source>
        <translation>%1 请在设置（Ctrl+,）中更新配置 %2 的 GitLab 访问令牌；在此之前 Dockmaster 不会再次尝试。</translation>
    </message>
    <message>
        <source>%1 Dockmaster tries again by itself, waiting longer after each failure (up to about two minutes); Retry now tries at once.</source>
        <translation>%1 Dockmaster 会自动重试，每次失败后等待更久（最长约两分钟）；点击“立即重试”可马上尝试。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::StoreFailures</name>
    <message>
        <source>process %1</source>
        <translation>进程 %1</translation>
    </message>
    <message>
        <source>process %1 (%2)</source>
        <translation>进程 %1（%2）</translation>
    </message>
    <message>
        <source>the file is damaged: %1</source>
        <translation>文件已损坏：%1</translation>
    </message>
    <message>
        <source>the disk holding %1 is full</source>
        <translation>%1 所在的磁盘已满</translation>
    </message>
    <message>
        <source>%1 is read-only</source>
        <translation>%1 为只读</translation>
    </message>
    <message>
        <source>%1 is locked by another program</source>
        <translation>%1 被另一个程序锁定</translation>
    </message>
    <message>
        <source>%1 is locked by %2</source>
        <translation>%1 被%2锁定</translation>
    </message>
    <message>
        <source>the disk reported an input/output error on %1</source>
        <translation>磁盘在 %1 上报告了输入/输出错误</translation>
    </message>
    <message>
        <source>integrity check failed</source>
        <translation>完整性检查失败</translation>
    </message>
    <message>
        <source>schema migration to version %1 failed: %2</source>
        <translation>迁移到结构版本 %1 失败：%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::StructuralConfigCheck</name>
    <message>
        <source>Unresolved merge conflict marker.</source>
        <translation>未解决的合并冲突标记。</translation>
    </message>
    <message>
        <source>Missing &apos;;&apos; at the end of this directive.</source>
        <translation>此指令末尾缺少 &apos;;&apos;。</translation>
    </message>
    <message>
        <source>&apos;}&apos; closes a block that was never opened.</source>
        <translation>&apos;}&apos; 关闭了一个从未打开的块。</translation>
    </message>
    <message>
        <source>This quoted string is never closed.</source>
        <translation>此引号字符串未闭合。</translation>
    </message>
    <message>
        <source>The block opened here is never closed with &apos;}&apos;.</source>
        <translation>此处开始的块没有用 &apos;}&apos; 闭合。</translation>
    </message>
    <message>
        <source>YAML does not allow tabs for indentation.</source>
        <translation>YAML 不允许使用制表符缩进。</translation>
    </message>
    <message>
        <source>The section name is not closed with &apos;]&apos;.</source>
        <translation>段名称未以 &apos;]&apos; 结束。</translation>
    </message>
    <message>
        <source>Expected &quot;name = value&quot;.</source>
        <translation>应为“name = value”。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::SyncEngine</name>
    <message>
        <source>Reading the local cache…</source>
        <translation>正在读取本地缓存…</translation>
    </message>
    <message>
        <source>Reading apps and release requests from GitLab…</source>
        <translation>正在从 GitLab 读取应用和发布申请…</translation>
    </message>
    <message>
        <source>Reading versions, pipelines and tags…</source>
        <translation>正在读取版本、流水线和标签…</translation>
    </message>
    <message>
        <source>Saving to the local cache…</source>
        <translation>正在保存到本地缓存…</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <source>The sync with GitLab failed; the cached data was kept.</source>
        <translation>与 GitLab 同步失败；已保留缓存数据。</translation>
    </message>
    <message>
        <source>%1 was skipped: %2</source>
        <translation>已跳过 %1：%2</translation>
    </message>
    <message>
        <source>The sync was stopped before it was saved.</source>
        <translation>同步在保存之前已停止。</translation>
    </message>
    <message>
        <source>The local cache could not be updated (%1); it still holds the previous data.</source>
        <translation>无法更新本地缓存（%1）；其中仍保留之前的数据。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::TagHistoryPanel</name>
    <message>
        <source>Select an application to see its tags and deployments.</source>
        <translation>选择一个应用以查看其标签和部署记录。</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Deployment history</source>
        <translation>部署历史</translation>
    </message>
    <message>
        <source>Tag history</source>
        <translation>标签历史</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>部署记录</translation>
    </message>
    <message>
        <source>%1 (%2): live in test %3, in production %4</source>
        <translation>%1（%2）：测试环境线上版本 %3，生产环境线上版本 %4</translation>
    </message>
    <message>
        <source>%1 logs</source>
        <translation>%1日志</translation>
    </message>
    <message>
        <source>Follow the live logs of this app&apos;s %1 containers</source>
        <translation>跟踪此应用%1容器的实时日志</translation>
    </message>
    <message>
        <source>Roll back…</source>
        <translation>回滚…</translation>
    </message>
    <message>
        <source>%1: to the previous successful deployment</source>
        <translation>%1：回到上一次成功部署</translation>
    </message>
    <message>
        <source>Go back to an earlier version; a preflight shows what will be undone</source>
        <translation>回退到较早的版本；预检会显示将被撤销的内容</translation>
    </message>
    <message>
        <source>Deploy %1 to %2…</source>
        <translation>将 %1 部署到 %2…</translation>
    </message>
    <message>
        <source>Roll %1 back to %2…</source>
        <translation>将 %1 回滚到 %2…</translation>
    </message>
    <message>
        <source>configuration change</source>
        <translation>配置变更</translation>
    </message>
    <message>
        <source>Tag %1</source>
        <translation>标签 %1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::TagsModel</name>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Live in</source>
        <translation>线上环境</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>SHA</source>
        <translation>SHA</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>Dockmaster::TemplateEngine</name>
    <message>
        <source>line %1: unknown placeholder {{%2}}</source>
        <translation>第 %1 行：未知占位符 {{%2}}</translation>
    </message>
    <message>
        <source>line %1: {{%2}} has several lines and must stand alone on its line</source>
        <translation>第 %1 行：{{%2}} 包含多行，必须单独占一行</translation>
    </message>
    <message>
        <source>line %1: malformed placeholder</source>
        <translation>第 %1 行：占位符格式错误</translation>
    </message>
</context>
<context>
    <name>Dockmaster::UnpushedCommits</name>
    <message>
        <source>A commit made here was never pushed to %1: choose what to do with it.</source>
        <translation>在此处创建的一个提交从未推送到 %1：请选择如何处理。</translation>
    </message>
    <message>
        <source>A commit made in this console was never pushed to %1: the console probably stopped between committing and pushing.

%2
by %3, %4
Changes: %5

Push it now, keep it as a branch on GitLab, or discard it? Cancel keeps it and asks again the next time this repository is opened.</source>
        <translation>在此控制台中创建的一个提交从未推送到 %1：控制台可能在提交与推送之间停止了。

%2
作者 %3，%4
修改：%5

现在推送、在 GitLab 上保留为分支，还是丢弃？选择“取消”将保留它，并在下次打开此仓库时再次询问。</translation>
    </message>
    <message>
        <source>Unpushed commit</source>
        <translation>未推送的提交</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>推送</translation>
    </message>
    <message>
        <source>Keep as a branch</source>
        <translation>保留为分支</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>丢弃…</translation>
    </message>
    <message>
        <source>Pushing the kept commit %1…</source>
        <translation>正在推送保留的提交 %1…</translation>
    </message>
    <message>
        <source>The kept commit is on %1 now as %2.</source>
        <translation>保留的提交现已作为 %2 推送到 %1。</translation>
    </message>
    <message>
        <source>The kept commit is on GitLab as the branch %1; merge it there when you are ready.</source>
        <translation>保留的提交已作为分支 %1 推送到 GitLab；准备好后请在那里合并。</translation>
    </message>
    <message>
        <source>Discard the unpushed commit?</source>
        <translation>丢弃未推送的提交？</translation>
    </message>
    <message>
        <source>The change to %1 in commit %2 exists nowhere else. Discard it for good?</source>
        <translation>提交 %2 中对 %1 的修改在其他任何地方都不存在。确定永久丢弃吗？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Discarded the unpushed commit %1.</source>
        <translation>已丢弃未推送的提交 %1。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::UntrustedText</name>
    <message>
        <source>⚠ This text contains hidden or direction-changing characters, shown as ⟨U+…⟩.</source>
        <translation>⚠ 此文本包含隐藏字符或改变文字方向的字符，显示为 ⟨U+…⟩。</translation>
    </message>
    <message numerus="yes">
        <source>… (%n more character(s) not shown)</source>
        <translation>
            <numerusform>……（另有 %n 个字符未显示）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::Validation</name>
    <message>
        <source>Enter host:port, for example &quot;kv.example.com:6379&quot; (several separated by commas for a cluster).</source>
        <translation>请输入 主机:端口，例如“kv.example.com:6379”（集群可填写多个，用逗号分隔）。</translation>
    </message>
    <message>
        <source>This is not a GitLab username: use letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;, do not start with &apos;-&apos; and do not end in &apos;.&apos;, &quot;.git&quot; or &quot;.atom&quot;.</source>
        <translation>这不是 GitLab 用户名：只能使用字母、数字、&apos;_&apos;、&apos;-&apos; 和 &apos;.&apos;，不能以 &apos;-&apos; 开头，也不能以 &apos;.&apos;、&quot;.git&quot; 或 &quot;.atom&quot; 结尾。</translation>
    </message>
    <message>
        <source>The username is too long.</source>
        <translation>用户名过长。</translation>
    </message>
    <message>
        <source>Enter the GitLab username.</source>
        <translation>请输入 GitLab 用户名。</translation>
    </message>
    <message>
        <source>Enter a profile name.</source>
        <translation>请输入配置名称。</translation>
    </message>
    <message>
        <source>Use up to 48 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>最多 48 个字母、数字、&apos;.&apos;、&apos;_&apos; 或 &apos;-&apos;，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>Enter the group path, for example &quot;plugins&quot;.</source>
        <translation>请输入群组路径，例如“plugins”。</translation>
    </message>
    <message>
        <source>The group path is too long.</source>
        <translation>群组路径过长。</translation>
    </message>
    <message>
        <source>Use lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; separated by &apos;/&apos;, for example &quot;plugins&quot;.</source>
        <translation>请使用以 &apos;/&apos; 分隔的小写字母、数字、&apos;.&apos;、&apos;_&apos; 和 &apos;-&apos;，例如“plugins”。</translation>
    </message>
    <message>
        <source>Enter the full project path, for example &quot;plugins/ops/inventory&quot;.</source>
        <translation>请输入完整的项目路径，例如“plugins/ops/inventory”。</translation>
    </message>
    <message>
        <source>Enter a host name.</source>
        <translation>请输入主机名。</translation>
    </message>
    <message>
        <source>The host name is too long.</source>
        <translation>主机名过长。</translation>
    </message>
    <message>
        <source>Use lower-case letters, digits and &apos;-&apos; in dot-separated labels, for example &quot;plugins.example.com&quot;.</source>
        <translation>请使用以点分隔的、由小写字母、数字和 &apos;-&apos; 组成的标签，例如“plugins.example.com”。</translation>
    </message>
    <message>
        <source>Enter a domain with at least two labels, for example &quot;test.plugins.example.com&quot;.</source>
        <translation>请输入至少包含两级的域名，例如“test.plugins.example.com”。</translation>
    </message>
    <message>
        <source>Enter the server address, for example https://gitlab.example.com.</source>
        <translation>请输入服务器地址，例如 https://gitlab.example.com。</translation>
    </message>
    <message>
        <source>This is not a valid server address.</source>
        <translation>这不是有效的服务器地址。</translation>
    </message>
    <message>
        <source>Use https:// (plain http is only accepted for servers on this computer).</source>
        <translation>请使用 https://（仅本机上的服务器允许使用明文 http）。</translation>
    </message>
    <message>
        <source>Use an http:// or https:// address with a path of letters, digits and /_.~- only.</source>
        <translation>请使用 http:// 或 https:// 地址，路径只能包含字母、数字和 /_.~-。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ValidatorConfigCheck</name>
    <message>
        <source>Warning (%1): %2</source>
        <translation>警告（%1）：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ValkeyAppAdmin</name>
    <message>
        <source>Valkey did not list its cluster&apos;s nodes: %1</source>
        <translation>Valkey 未能列出其集群的节点：%1</translation>
    </message>
    <message>
        <source>Valkey&apos;s cluster has no node that answers.</source>
        <translation>Valkey 集群中没有可应答的节点。</translation>
    </message>
    <message>
        <source>Cannot reach the platform&apos;s key/value store: %1</source>
        <translation>无法连接平台的键值存储：%1</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ValkeyConnection</name>
    <message>
        <source>TLS with Valkey at %1 failed: %2</source>
        <translation>与位于 %1 的 Valkey 的 TLS 连接失败：%2</translation>
    </message>
    <message>
        <source>Valkey at %1 showed a certificate that is not trusted: %2</source>
        <translation>位于 %1 的 Valkey 出示的证书不受信任：%2</translation>
    </message>
    <message>
        <source>Cannot read the CA certificate %1 for Valkey at %2.</source>
        <translation>无法读取用于位于 %2 的 Valkey 的 CA 证书 %1。</translation>
    </message>
    <message>
        <source>Cannot start TLS with Valkey at %1.</source>
        <translation>无法与位于 %1 的 Valkey 建立 TLS 连接。</translation>
    </message>
    <message>
        <source>Cannot reach Valkey at %1: out of memory.</source>
        <translation>无法连接位于 %1 的 Valkey：内存不足。</translation>
    </message>
    <message>
        <source>Cannot reach Valkey at %1: %2</source>
        <translation>无法连接位于 %1 的 Valkey：%2</translation>
    </message>
    <message>
        <source>Valkey at %1 refused the credentials of %2: %3</source>
        <translation>位于 %1 的 Valkey 拒绝了 %2 的凭据：%3</translation>
    </message>
    <message>
        <source>The connection to Valkey at %1 broke: %2</source>
        <translation>与位于 %1 的 Valkey 的连接已中断：%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::YamlSyntax</name>
    <message>
        <source>nested more than %1 levels deep.</source>
        <translation>嵌套超过 %1 层。</translation>
    </message>
    <message>
        <source>YAML does not allow tabs for indentation.</source>
        <translation>YAML 不允许使用制表符缩进。</translation>
    </message>
    <message>
        <source>unexpected &quot;%1&quot;.</source>
        <translation>此处不应出现“%1”。</translation>
    </message>
    <message>
        <source>unexpected character.</source>
        <translation>此处不应出现该字符。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>A GitLab link to an application&apos;s project or to a release request, or an application&apos;s ID or name: shown selected. Given to a running Dockmaster of the same profile, it is shown there.</source>
        <translation>指向应用项目或发布请求的 GitLab 链接，或应用的 ID 或名称：打开后将其选中。若同一配置的 Dockmaster 已在运行，则在该窗口中显示。</translation>
    </message>
    <message>
        <source>Desktop console for the admins of the plugin hosting platform.</source>
        <translation>插件托管平台管理员的桌面控制台。</translation>
    </message>
    <message>
        <source>Open the profile &lt;name&gt;.</source>
        <translation>打开名为 &lt;name&gt; 的配置。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Start offline, showing cached data only.</source>
        <translation>离线启动，仅显示缓存数据。</translation>
    </message>
    <message>
        <source>Print diagnostic messages of every subsystem (secrets left out).</source>
        <translation>输出每个子系统的诊断信息（不含机密）。</translation>
    </message>
    <message>
        <source>User interface language (en, zh_CN).</source>
        <translation>界面语言（en、zh_CN）。</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Run against the embedded sandbox platform with demo data.</source>
        <translation>连接内置的沙盒平台（含演示数据）运行。</translation>
    </message>
    <message>
        <source>Print the versions of Dockmaster and its libraries, then exit.</source>
        <translation>打印 Dockmaster 及其所用库的版本，然后退出。</translation>
    </message>
    <message>
        <source>Check the profile &lt;name&gt; (settings, token in the keychain) and its connection to GitLab without opening a window; exit code 0 if every check passes or only warns, 1 if one failed, 2 if the profile or token is missing.</source>
        <translation>不打开窗口，检查配置 &lt;name&gt;（设置、钥匙串中的令牌）及其与 GitLab 的连接；全部通过或只有警告时退出码为 0，有检查失败时为 1，缺少配置或令牌时为 2。</translation>
    </message>
    <message>
        <source>Save a picture of the window to &lt;file&gt; once started, then exit.</source>
        <translation>启动完成后将窗口截图保存到 &lt;file&gt;，然后退出。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
</context>
</TS>
