#pragma once

#include "core/domain/records.h"
#include "core/gitlab/gitlabclient.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace Dockmaster {

// One line of the connection check: what was checked, what was found and,
// unless it is fine, what to do about it. `found` may quote what the server
// sent: show it as plain text.
struct ConnectionCheckLine {
    enum class Item { Version, Token, Role, Links, JobTokenAllowlist, Runners, HttpsRedirect };
    enum class Status { Pending, Ok, Warning, Failed, CouldNotCheck };

    Item item = Item::Version;
    Status status = Status::Pending;
    QString title;
    QString found;
    QString fix;
};

struct ConnectionCheckOptions {
    // docs/gitlab-compatibility.md, "Requirements": the job token allowlist API.
    QString minimumVersion = QStringLiteral("16.1");
    int tokenExpiryWarningDays = 30;
    // Where the http:// form of the URL is probed. Empty: the https profile
    // URL with the scheme http (the default port), or, for an http profile
    // (allowed on this computer only), that URL itself.
    QUrl plainHttpUrl;
    int probeTimeoutMs = 20000;
};

// Verifies a profile against its GitLab: version, the token's scopes and
// expiry, the token user's role on the root group, pagination links naming
// another host, the ops projects on their code projects' CI/CD job token
// allowlists, a runner for the ops projects, and the http-to-https redirect.
// Every line runs at once; nothing blocks. repair() adds the missing
// allowlist entries (idempotent; one audit entry for each one added).
class ConnectionCheck final : public QObject
{
    Q_OBJECT
public:
    using Line = ConnectionCheckLine;
    using Status = ConnectionCheckLine::Status;

    // `client` carries the profile's URL and token.
    ConnectionCheck(GitLabClient *client, const QString &rootGroup, QObject *parent = nullptr);

    void setOptions(const ConnectionCheckOptions &options) { m_options = options; }
    void start();
    bool isFinished() const { return m_pending == 0 && m_started; }
    const QList<Line> &lines() const { return m_lines; }

    // Ops projects missing from their code project's allowlist at the last check.
    int missingAllowlistEntries() const { return int(m_missing.size()); }
    bool isRepairing() const { return m_repairing; }
    // Adds the missing entries, then checks that line again.
    void repair();

    // 0 when every line is ok or a warning, 1 otherwise (`--check-profile`).
    static int exitCode(const QList<Line> &lines);
    static QString statusText(Status status);
    // The checklist as plain text, one block per line.
    static QString toText(const QList<Line> &lines);

Q_SIGNALS:
    void lineChanged(int index);
    void finished();
    // Empty `error`: every missing entry is there now.
    void repairFinished(const QString &error);
    void auditEntry(const Dockmaster::AuditEntry &entry);

private:
    struct AppPair {
        QString appId;
        qint64 codeProjectId = 0;
        qint64 opsProjectId = 0;
    };

    void set(Line::Item item, Status status, const QString &found, const QString &fix = {});
    void couldNotCheck(Line::Item item, const GitLabError &error);
    void checkVersion();
    void checkToken();
    void checkRole();
    void checkLinks();
    void checkApps();
    void recheckApps();
    void checkAllowlists(const QList<AppPair> &pairs);
    void checkRunners(const QList<GitLabProject> &opsProjects);
    void checkRedirect();
    void repairNext(QList<AppPair> remaining);
    QUrl probeUrl() const;

    GitLabClient *m_client;
    QString m_rootGroup;
    ConnectionCheckOptions m_options;
    QNetworkAccessManager *m_network;
    QList<Line> m_lines;
    int m_pending = 0;
    bool m_started = false;
    QList<AppPair> m_missing;
    bool m_repairing = false;
    QString m_username;
};

} // namespace Dockmaster
