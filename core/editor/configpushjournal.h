#pragma once

#include "core/domain/environment.h"
#include "core/domain/records.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace Dockmaster {

class CacheService;
class GitLabClient;
struct PendingIntent;

// What a config edit pushed from the editor is about, for its audit row.
struct ConfigPush {
    QString operationId; // in the commit's Dockmaster-Operation trailer
    QString appId;
    Environment environment = Environment::Test;
    QString path;
    QString opsProject; // "plugins/ops/app0000042"
    QString actor;
};

// Makes the audit row of a config edit pushed from the editor certain, and
// single: the edit is recorded as an intent in the profile's journal before
// the push, and its row is written when the push is known to be on the
// server: from the push's answer, or, when that answer was lost and the
// console died, at the next start from the remote branch (the commit's
// Dockmaster-Operation trailer). The row has an origin, so the journal
// writes it once whichever way comes first.
class ConfigPushJournal final : public QObject
{
    Q_OBJECT
public:
    ConfigPushJournal(GitLabClient *client, CacheService *store, QObject *parent = nullptr);
    ~ConfigPushJournal() override;

    // Before the push: proceed runs once the intent is on disk.
    void recordIntent(const ConfigPush &push, std::function<void()> proceed);
    // The push answered with commit: the row, then the intent goes.
    void pushed(const QString &operationId, const QString &commit);
    // At start: every intent left by a console that died is looked up on its
    // branch: pushed -> the row (once); not there -> the intent goes (the
    // commit, if any, is kept by the workspace and offered when it is opened).
    // settled() when done; intents GitLab could not answer for stay.
    void settle();

    // The row of a pushed edit; origin "<operation>:pushed" when it has an id.
    static AuditEntry pushedEntry(const ConfigPush &push, const QString &commit);
    // The admin's commit message with the operation's trailer, by which the
    // next start finds the commit on the remote branch.
    static QString messageWithOperation(const QString &message, const QString &operationId);

Q_SIGNALS:
    void auditEntry(const Dockmaster::AuditEntry &entry);
    void settled(int written);

private:
    void settleOne(const PendingIntent &intent, std::function<void()> next);
    void forget(const QString &operationId);

    GitLabClient *m_client;
    CacheService *m_store;
    QHash<QString, ConfigPush> m_inFlight; // by operation id, recorded in this session
    int m_written = 0;
    bool m_settling = false;
};

} // namespace Dockmaster
