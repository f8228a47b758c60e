<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>Environment filter</source>
        <translation>环境筛选</translation>
    </message>
    <message>
        <source>All environments</source>
        <translation>所有环境</translation>
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
        <source>Environment filter</source>
        <translation>环境筛选</translation>
    </message>
    <message>
        <source>All environments</source>
        <translation>所有环境</translation>
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
        <translation><numerusform>%n 个待审批，%1 个已超时</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation><numerusform>%n 个待审批</numerusform></translation>
    </message>
</context>
<context>
    <name>Dockmaster::CacheDatabase</name>
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
        <source>integrity check failed</source>
        <translation>完整性检查失败</translation>
    </message>
    <message>
        <source>schema migration to version %1 failed: %2</source>
        <translation>迁移到结构版本 %1 失败：%2</translation>
    </message>
</context>
<context>
    <name>Dockmaster::CacheService</name>
    <message>
        <source>The local cache is not open.</source>
        <translation>本地缓存未打开。</translation>
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
    <name>Dockmaster::MainWindow</name>
    <message>
        <source>Dockmaster</source>
        <translation>Dockmaster</translation>
    </message>
    <message>
        <source>Configuration editor</source>
        <translation>配置编辑器</translation>
    </message>
    <message>
        <source>Open a configuration file of an app from the Applications panel to review and edit it here.</source>
        <translation>从应用列表打开一个应用的配置文件，即可在此审阅和编辑。</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
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
        <source>Select an application to see its tags and deployments.</source>
        <translation>选择一个应用以查看其标签和部署记录。</translation>
    </message>
    <message>
        <source>Live logs</source>
        <translation>容器日志</translation>
    </message>
    <message>
        <source>Double-click an application to follow its container logs.</source>
        <translation>双击一个应用以实时查看其容器日志。</translation>
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
        <source>&lt;h3&gt;Dockmaster %1&lt;/h3&gt;&lt;p&gt;The desktop console for the admins of the plugin hosting platform: applications, release approvals, tag and deployment history, live container logs and the configuration editor.&lt;/p&gt;&lt;p&gt;GitLab is the source of truth; the local cache keeps the console fast and usable offline.&lt;/p&gt;&lt;p&gt;Qt %2 &amp;middot; KSyntaxHighlighting &amp;middot; libgit2 %3.%4.%5 &amp;middot; QtKeychain&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Dockmaster %1&lt;/h3&gt;&lt;p&gt;插件托管平台管理员的桌面控制台：应用、发布审批、标签与部署历史、实时容器日志以及配置编辑器。&lt;/p&gt;&lt;p&gt;GitLab 是唯一的事实来源；本地缓存让控制台启动迅速并可离线使用。&lt;/p&gt;&lt;p&gt;Qt %2 &amp;middot; KSyntaxHighlighting &amp;middot; libgit2 %3.%4.%5 &amp;middot; QtKeychain&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sandbox platform</source>
        <translation>沙盒平台</translation>
    </message>
    <message>
        <source>Dockmaster - Sandbox platform</source>
        <translation>Dockmaster - 沙盒平台</translation>
    </message>
</context>
<context>
    <name>Dockmaster::Profile</name>
    <message>
        <source>Choose between 1 hour and 30 days.</source>
        <translation>请选择 1 小时到 30 天之间的值。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReleaseRequestsModel</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation><numerusform>%n 分钟</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation><numerusform>%n 小时</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation><numerusform>%n 天</numerusform></translation>
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
        <translation><numerusform>等待时间已超过 %n 小时的审批时限</numerusform></translation>
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
    <name>Dockmaster::SecretStore</name>
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
        <source>Delete the profile "%1" and its stored secrets? Nothing in GitLab is changed.</source>
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
</context>
<context>
    <name>Dockmaster::Shell</name>
    <message>
        <source>There is no profile named "%1".</source>
        <translation>不存在名为“%1”的配置。</translation>
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
        <translation><numerusform>已缓存 %n 个应用，上次同步：%1</numerusform></translation>
    </message>
    <message>
        <source>Started with --offline: showing cached data.</source>
        <translation>以 --offline 方式启动：显示缓存数据。</translation>
    </message>
    <message>
        <source>The sandbox platform is empty.</source>
        <translation>沙盒平台为空。</translation>
    </message>
    <message>
        <source>No GitLab token is stored for this profile: add one in Settings.</source>
        <translation>此配置尚未保存 GitLab 令牌：请在设置中添加。</translation>
    </message>
    <message>
        <source>Not connected to GitLab yet.</source>
        <translation>尚未连接到 GitLab。</translation>
    </message>
</context>
<context>
    <name>Dockmaster::Validation</name>
    <message>
        <source>Enter a profile name.</source>
        <translation>请输入配置名称。</translation>
    </message>
    <message>
        <source>Use up to 48 letters, digits, '.', '_' or '-', starting with a letter or digit.</source>
        <translation>最多 48 个字母、数字、'.'、'_' 或 '-'，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>Enter the group path, for example "plugins".</source>
        <translation>请输入群组路径，例如“plugins”。</translation>
    </message>
    <message>
        <source>The group path is too long.</source>
        <translation>群组路径过长。</translation>
    </message>
    <message>
        <source>Use lower-case letters, digits, '.', '_' and '-' separated by '/', for example "plugins".</source>
        <translation>请使用以 '/' 分隔的小写字母、数字、'.'、'_' 和 '-'，例如“plugins”。</translation>
    </message>
    <message>
        <source>Enter the full project path, for example "plugins/ops/inventory".</source>
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
        <source>Use lower-case letters, digits and '-' in dot-separated labels, for example "plugins.example.com".</source>
        <translation>请使用以点分隔的、由小写字母、数字和 '-' 组成的标签，例如“plugins.example.com”。</translation>
    </message>
    <message>
        <source>Enter a domain with at least two labels, for example "test.plugins.example.com".</source>
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
</context>
<context>
    <name>main</name>
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
</context>
</TS>