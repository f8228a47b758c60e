<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
        <source>GitLab is limiting the request rate; it asks to wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>GitLab is limiting the request rate; it asks to wait %n second before trying again.</numerusform>
            <numerusform>GitLab is limiting the request rate; it asks to wait %n seconds before trying again.</numerusform>
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
    <name>Dockmaster::Shell</name>
    <message numerus="yes">
        <source>%n apps cached, last sync: %1</source>
        <translation>
            <numerusform>%n app cached, last sync: %1</numerusform>
            <numerusform>%n apps cached, last sync: %1</numerusform>
        </translation>
    </message>
</context>
</TS>
