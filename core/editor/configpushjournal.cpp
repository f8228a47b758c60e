#include "core/editor/configpushjournal.h"

#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/audit/auditentry.h"
#include "core/audit/journaldatabase.h"
#include "core/cache/cacheservice.h"
#include "core/gitlab/gitlabclient.h"
#include "core/util/sequential.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <memory>

namespace Dockmaster {

namespace {

const QString IntentKind = QStringLiteral("editor.push");
// How far back the remote branch is read for the commit of an intent.
constexpr int ScanDepth = 100;

QString payloadOf(const ConfigPush &push)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject {
                                               { QStringLiteral("appId"), push.appId },
                                               { QStringLiteral("environment"), environmentKey(push.environment) },
                                               { QStringLiteral("path"), push.path },
                                               { QStringLiteral("opsProject"), push.opsProject },
                                               { QStringLiteral("actor"), push.actor },
                                           })
                                 .toJson(QJsonDocument::Compact));
}

std::optional<ConfigPush> pushOf(const PendingIntent &intent)
{
    const QJsonObject object = QJsonDocument::fromJson(intent.payload.toUtf8()).object();
    const auto environment = environmentFromKey(object.value(QStringLiteral("environment")).toString());
    ConfigPush push;
    push.operationId = intent.key;
    push.appId = object.value(QStringLiteral("appId")).toString();
    push.path = object.value(QStringLiteral("path")).toString();
    push.opsProject = object.value(QStringLiteral("opsProject")).toString();
    push.actor = object.value(QStringLiteral("actor")).toString();
    if (!environment || push.opsProject.isEmpty())
        return std::nullopt;
    push.environment = *environment;
    return push;
}

} // namespace

ConfigPushJournal::ConfigPushJournal(GitLabClient *client, CacheService *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
{
}

ConfigPushJournal::~ConfigPushJournal() = default;

AuditEntry ConfigPushJournal::pushedEntry(const ConfigPush &push, const QString &commit)
{
    AuditEntry entry
        = stampedAuditEntry(push.actor, QStringLiteral("config.commit"), push.appId, environmentKey(push.environment),
                            tr("%1 at %2").arg(push.path, commit.left(12)));
    if (!push.operationId.isEmpty())
        entry.origin = ReleaseTrailers::operationKey(push.operationId) + QStringLiteral(":pushed");
    return entry;
}

QString ConfigPushJournal::messageWithOperation(const QString &message, const QString &operationId)
{
    QString out = message.trimmed();
    // A blank line first, unless the message already ends in trailers.
    const QString last = out.section(QLatin1Char('\n'), -1);
    const bool trailers = out.contains(QLatin1Char('\n')) && last.contains(QStringLiteral(": "));
    out += trailers ? QStringLiteral("\n") : QStringLiteral("\n\n");
    return out + ReleaseTrailers::operationLine(operationId) + QLatin1Char('\n');
}

void ConfigPushJournal::recordIntent(const ConfigPush &push, std::function<void()> proceed)
{
    m_inFlight.insert(push.operationId, push);
    PendingIntent intent;
    intent.kind = IntentKind;
    intent.key = push.operationId;
    intent.payload = payloadOf(push);
    // Without a journal (another Dockmaster holds this profile) the push still runs.
    m_store->withJournal(
        this,
        [intent](JournalDatabase *journal) {
            if (journal)
                journal->putIntent(intent);
        },
        std::move(proceed));
}

void ConfigPushJournal::pushed(const QString &operationId, const QString &commit)
{
    const auto push = m_inFlight.constFind(operationId);
    if (push == m_inFlight.cend())
        return;
    Q_EMIT auditEntry(pushedEntry(*push, commit));
    m_inFlight.remove(operationId);
    forget(operationId);
}

void ConfigPushJournal::forget(const QString &operationId)
{
    // Queued after the row just emitted (the same cache thread): the intent
    // goes only once its row is written.
    m_store->postJournal([operationId](JournalDatabase &journal) { journal.removeIntent(IntentKind, operationId); });
}

void ConfigPushJournal::settle()
{
    if (m_settling)
        return;
    m_settling = true;
    m_written = 0;
    auto intents = std::make_shared<QList<PendingIntent>>();
    m_store->withJournal(
        this,
        [intents](JournalDatabase *journal) {
            if (journal)
                *intents = journal->loadIntents(IntentKind);
        },
        [this, intents] {
            forEachSequential<PendingIntent>(
                this, *intents,
                [this](const PendingIntent &intent, std::function<void()> next) { settleOne(intent, std::move(next)); },
                [this] {
                    m_settling = false;
                    Q_EMIT settled(m_written);
                });
        });
}

void ConfigPushJournal::settleOne(const PendingIntent &intent, std::function<void()> next)
{
    if (m_inFlight.contains(intent.key)) {
        next(); // this session's push is still running
        return;
    }
    const std::optional<ConfigPush> push = pushOf(intent);
    if (!push) {
        forget(intent.key); // not one this version can read
        next();
        return;
    }
    ReleaseGitLab::branchCommits(
        m_client, push->opsProject, environmentBranch(push->environment), ScanDepth, this,
        [this, push = *push, next = std::move(next)](GitLabResult<QList<GitLabCommit>> commits) {
            if (!commits.ok()) {
                next(); // GitLab cannot say now: the intent stays
                return;
            }
            const QString line = ReleaseTrailers::operationLine(push.operationId);
            const auto found = std::find_if(commits.value.cbegin(), commits.value.cend(), [&](const GitLabCommit &c) {
                return c.message.split(QLatin1Char('\n')).contains(line);
            });
            if (found != commits.value.cend()) {
                AuditEntry entry = pushedEntry(push, found->id);
                entry.detail = QStringLiteral("[resumed] ") + entry.detail;
                Q_EMIT auditEntry(entry);
                ++m_written;
            }
            forget(push.operationId);
            next();
        });
}

} // namespace Dockmaster
