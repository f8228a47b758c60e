<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Dockmaster::ApprovalConfirmDialog</name>
    <message numerus="yes">
        <source>%n item(s) below need your acknowledgement: type the app ID to confirm you reviewed them.</source>
        <translation>
            <numerusform>%n item below needs your acknowledgement: type the app ID to confirm you reviewed it.</numerusform>
            <numerusform>%n items below need your acknowledgement: type the app ID to confirm you reviewed them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::ApprovalsPanel</name>
    <message numerus="yes">
        <source>%n pending, %1 overdue</source>
        <translation>
            <numerusform>%n pending, %1 overdue</numerusform>
            <numerusform>%n pending, %1 overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::AuditPanel</name>
    <message numerus="yes">
        <source>Exporting %n row(s)…</source>
        <translation>
            <numerusform>Exporting %n row…</numerusform>
            <numerusform>Exporting %n rows…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) shown</source>
        <translation>
            <numerusform>%n action shown</numerusform>
            <numerusform>%n actions shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::ConnectionCheck</name>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 That is in %n day(s).</source>
        <translation>
            <numerusform>%1 That is in %n day.</numerusform>
            <numerusform>%1 That is in %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The deploy jobs of all %n app(s) may clone their code repository.</source>
        <translation>
            <numerusform>The deploy jobs of the %n app may clone its code repository.</numerusform>
            <numerusform>The deploy jobs of all %n apps may clone their code repository.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n app(s) cannot deploy: their ops project is not on the code repository&apos;s CI/CD job token allowlist (%1).</source>
        <translation>
            <numerusform>%n app cannot deploy: its ops project is not on the code repository&apos;s CI/CD job token allowlist (%1).</numerusform>
            <numerusform>%n apps cannot deploy: their ops project is not on the code repository&apos;s CI/CD job token allowlist (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No online runner for %n ops project(s): %1. Their deploy jobs would stay pending.</source>
        <translation>
            <numerusform>No online runner for %n ops project: %1. Its deploy jobs would stay pending.</numerusform>
            <numerusform>No online runner for %n ops projects: %1. Their deploy jobs would stay pending.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::ConnectionCheckDialog</name>
    <message numerus="yes">
        <source>%n line(s) failed or could not be checked</source>
        <translation>
            <numerusform>%n line failed or could not be checked</numerusform>
            <numerusform>%n lines failed or could not be checked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing failed; %n warning(s).</source>
        <translation>
            <numerusform>Nothing failed; %n warning.</numerusform>
            <numerusform>Nothing failed; %n warnings.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::ConfigEditor</name>
    <message numerus="yes">
        <source>Repository ready: %n file(s) on %1.</source>
        <translation>
            <numerusform>Repository ready: %n file on %1.</numerusform>
            <numerusform>Repository ready: %n files on %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::DnsReconciler</name>
    <message numerus="yes">
        <source>Fixing %n record(s)…</source>
        <translation>
            <numerusform>Fixing %n record…</numerusform>
            <numerusform>Fixing %n records…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n record(s) match.</source>
        <translation>
            <numerusform>The %n record matches.</numerusform>
            <numerusform>All %n records match.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) differ from what is expected.</source>
        <translation>
            <numerusform>%n record differs from what is expected.</numerusform>
            <numerusform>%n records differ from what is expected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::FindReplaceBar</name>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>%n replaced</numerusform>
            <numerusform>%n replaced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::GitLabClient</name>
    <message numerus="yes">
        <source>GitLab&apos;s pages of %1 lead back to a page already read; Dockmaster stopped after %n page(s). Nothing was changed.</source>
        <translation>
            <numerusform>GitLab&apos;s pages of %1 lead back to a page already read; Dockmaster stopped after %n page. Nothing was changed.</numerusform>
            <numerusform>GitLab&apos;s pages of %1 lead back to a page already read; Dockmaster stopped after %n pages. Nothing was changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>GitLab is limiting the request rate; it asks to wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>GitLab is limiting the request rate; it asks to wait %n second before trying again.</numerusform>
            <numerusform>GitLab is limiting the request rate; it asks to wait %n seconds before trying again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::MainWindow</name>
    <message numerus="yes">
        <source>GitLab unreachable · Reconnecting in %n s</source>
        <translation>
            <numerusform>GitLab unreachable · Reconnecting in %n s</numerusform>
            <numerusform>GitLab unreachable · Reconnecting in %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::PipelineFollower</name>
    <message numerus="yes">
        <source>No runner has picked up pipeline #%1 of %2 for %n minute(s). Check that a runner serves %3 (online, not paused, matching tags).</source>
        <translation>
            <numerusform>No runner has picked up pipeline #%1 of %2 for %n minute. Check that a runner serves %3 (online, not paused, matching tags).</numerusform>
            <numerusform>No runner has picked up pipeline #%1 of %2 for %n minutes. Check that a runner serves %3 (online, not paused, matching tags).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::HealthController</name>
    <message numerus="yes">
        <source>%n app(s) on fallback</source>
        <translation>
            <numerusform>%n app on fallback</numerusform>
            <numerusform>%n apps on fallback</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more failover(s) or recoveries: see the Live health column</source>
        <translation>
            <numerusform>%n more failover or recovery: see the Live health column</numerusform>
            <numerusform>%n more failovers or recoveries: see the Live health column</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::HealthDetails</name>
    <message numerus="yes">
        <source>Last 30 days: %n failover(s), total downtime %1</source>
        <translation>
            <numerusform>Last 30 days: %n failover, total downtime %1</numerusform>
            <numerusform>Last 30 days: %n failovers, total downtime %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restarted %n time(s)</source>
        <translation>
            <numerusform>Restarted once</numerusform>
            <numerusform>Restarted %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReleaseController</name>
    <message numerus="yes">
        <source>%n release(s) that an approval left unfinished now have their comment and labels; their pipelines are followed to the end.</source>
        <translation>
            <numerusform>%n release that an approval left unfinished now has its comment and labels; its pipeline is followed to the end.</numerusform>
            <numerusform>%n releases that an approval left unfinished now have their comment and labels; their pipelines are followed to the end.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s) will be undone:</source>
        <translation>
            <numerusform>%n commit will be undone:</numerusform>
            <numerusform>%n commits will be undone:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  … and %n more</source>
        <translation>
            <numerusform>  … and %n more</numerusform>
            <numerusform>  … and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) change back.</source>
        <translation>
            <numerusform>%n file changes back.</numerusform>
            <numerusform>%n files change back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReleaseRequestsModel</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting longer than the approval SLA of %n hours</source>
        <translation>
            <numerusform>Waiting longer than the approval SLA of %n hour</numerusform>
            <numerusform>Waiting longer than the approval SLA of %n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReviewPane</name>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s)</source>
        <translation>
            <numerusform>%n commit</numerusform>
            <numerusform>%n commits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n risk flag(s)</source>
        <translation>
            <numerusform>%n risk flag</numerusform>
            <numerusform>%n risk flags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more file(s) not scanned.</source>
        <translation>
            <numerusform>… and %n more file not scanned.</numerusform>
            <numerusform>… and %n more files not scanned.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::ReviewResult</name>
    <message numerus="yes">
        <source>%n file(s) PHP would run could not be scanned; approving needs an explicit acknowledgement.</source>
        <translation>
            <numerusform>%n file PHP would run could not be scanned; approving needs an explicit acknowledgement.</numerusform>
            <numerusform>%n files PHP would run could not be scanned; approving needs an explicit acknowledgement.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) are too large to show here (the risk scan reads them anyway).</source>
        <translation>
            <numerusform>%n file is too large to show here (the risk scan reads it anyway).</numerusform>
            <numerusform>%n files are too large to show here (the risk scan reads them anyway).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more file(s) change but exceed the display limit (the risk scan reads them anyway).</source>
        <translation>
            <numerusform>%n more file changes but exceeds the display limit (the risk scan reads it anyway).</numerusform>
            <numerusform>%n more files change but exceed the display limit (the risk scan reads them anyway).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No PHP file changes: %n flag(s)</source>
        <translation>
            <numerusform>No PHP file changes: %n flag</numerusform>
            <numerusform>No PHP file changes: %n flags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scanned %1 of %2 PHP files: %n flag(s)</source>
        <translation>
            <numerusform>Scanned %1 of %2 PHP files: %n flag</numerusform>
            <numerusform>Scanned %1 of %2 PHP files: %n flags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not scanned (%1)</source>
        <translation>
            <numerusform>%n file not scanned (%1)</numerusform>
            <numerusform>%n files not scanned (%1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::Shell</name>
    <message numerus="yes">
        <source>%n apps cached, last sync: %1</source>
        <translation>
            <numerusform>%n app cached, last sync: %1</numerusform>
            <numerusform>%n apps cached, last sync: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::UntrustedText</name>
    <message numerus="yes">
        <source>… (%n more character(s) not shown)</source>
        <translation>
            <numerusform>… (%n more character not shown)</numerusform>
            <numerusform>… (%n more characters not shown)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::GitWorker</name>
    <message numerus="yes">
        <source>(tried %n time(s))</source>
        <translation>
            <numerusform>(tried %n time)</numerusform>
            <numerusform>(tried %n times)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The unpushed commit %1 changes %n file(s); Dockmaster pushes one file at a time. Keep it as a branch and merge it on GitLab.</source>
        <translation>
            <numerusform>The unpushed commit %1 changes %n file; Dockmaster pushes one file at a time. Keep it as a branch and merge it on GitLab.</numerusform>
            <numerusform>The unpushed commit %1 changes %n files; Dockmaster pushes one file at a time. Keep it as a branch and merge it on GitLab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::KeyValueViewer</name>
    <message numerus="yes">
        <source>%1 · %2 · %n elements</source>
        <translation>
            <numerusform>%1 · %2 · %n element</numerusform>
            <numerusform>%1 · %2 · %n elements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dockmaster::PlatformServicesView</name>
    <message numerus="yes">
        <source>%Ln keys, %1 of memory</source>
        <translation>
            <numerusform>%Ln key, %1 of memory</numerusform>
            <numerusform>%Ln keys, %1 of memory</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln keys shown, reading more…</source>
        <translation>
            <numerusform>%Ln key shown, reading more…</numerusform>
            <numerusform>%Ln keys shown, reading more…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln keys shown.</source>
        <translation>
            <numerusform>The only key is shown.</numerusform>
            <numerusform>All %Ln keys shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln keys shown; scroll down for more.</source>
        <translation>
            <numerusform>%Ln key shown; scroll down for more.</numerusform>
            <numerusform>%Ln keys shown; scroll down for more.</numerusform>
        </translation>
    </message>
</context>
</TS>
