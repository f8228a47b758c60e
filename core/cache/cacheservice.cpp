#include "core/cache/cacheservice.h"

#include "core/util/threadmailbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>

namespace Dockmaster {

CacheService::CacheService(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_filePath(filePath)
{
    qRegisterMetaType<CacheSnapshot>();
    qRegisterMetaType<CacheDatabase::OpenResult>();
    qRegisterMetaType<JournalDatabase::OpenResult>();
    m_thread.setObjectName(QStringLiteral("dockmaster-cache"));
    m_owner = new ThreadMailbox(this);
    m_worker = std::make_unique<ThreadMailbox>();
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

CacheService::~CacheService()
{
    // Close both databases on their own thread, then stop the thread.
    m_worker->run([this] {
        m_database.reset();
        m_journal.reset();
    });
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
    m_worker.reset(); // safe now: its thread has stopped
}

QString CacheService::defaultFilePathForProfile(const QString &profileName)
{
    // Profile names are validated elsewhere; the file name is made safe anyway.
    QString safe = profileName;
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]"));
    safe.replace(unsafe, QStringLiteral("_"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return dir + QStringLiteral("/profiles/") + safe + QStringLiteral("/cache.sqlite");
}

void CacheService::post(std::function<void(CacheDatabase &)> job)
{
    postTo(&CacheService::m_database, tr("The local cache is not open."), std::move(job));
}

void CacheService::open()
{
    m_worker->post([this] {
        // The journal first: a damaged cache's audit rows go on to it.
        m_database = std::make_unique<CacheDatabase>(m_filePath);
        CacheDatabase::OpenResult result = m_database->open();
        if (result.status == CacheDatabase::OpenStatus::InUse) {
            m_database.reset(); // the other Dockmaster owns this profile's journal too
            toOwner([this, result] { Q_EMIT opened(result); });
            return;
        }
        m_journal = std::make_unique<JournalDatabase>(journalFilePath());
        const JournalDatabase::OpenResult journal = m_journal->open();
        moveLegacyAudit(result);
        if (result.status == CacheDatabase::OpenStatus::RecoveredFromCorruption && journal.durable)
            result.message += QLatin1Char(' ')
                + tr("The audit trail is kept in a separate file (%1) and was not affected.")
                      .arg(QDir::toNativeSeparators(m_journal->filePath()));
        toOwner([this, result, journal] {
            Q_EMIT opened(result);
            Q_EMIT journalOpened(journal);
        });
    });
}

void CacheService::moveLegacyAudit(CacheDatabase::OpenResult &result)
{
    // Rows stay in the cache until the journal has them on disk; the journal
    // ignores rows it took before (a crash between the two steps).
    if (result.legacyAudit.isEmpty() || !m_journal->importLegacyAudit(result.legacyAudit))
        return;
    m_database->dropLegacyAudit();
    if (result.status == CacheDatabase::OpenStatus::RecoveredFromCorruption)
        result.message += QLatin1Char(' ')
            + tr("The %1 audit entries read back from it were moved to the audit journal %2.")
                  .arg(result.legacyAudit.size())
                  .arg(QDir::toNativeSeparators(m_journal->filePath()));
    result.legacyAudit.clear();
}

void CacheService::retryUnavailable()
{
    m_worker->post([this] {
        if (m_database && m_database->isTemporaryCopy()) {
            CacheDatabase::OpenResult result = m_database->open();
            result.retried = true;
            if (m_journal)
                moveLegacyAudit(result);
            toOwner([this, result] { Q_EMIT opened(result); });
        }
        if (m_journal && !m_journal->isDurable()) {
            const JournalDatabase::OpenResult journal = m_journal->open();
            if (m_database && m_database->isOpen() && !m_database->isTemporaryCopy()) {
                CacheDatabase::OpenResult legacy;
                legacy.legacyAudit = m_database->loadLegacyAudit();
                moveLegacyAudit(legacy);
            }
            toOwner([this, journal] { Q_EMIT journalOpened(journal); });
        }
    });
}

void CacheService::appendAudit(const AuditEntry &entry)
{
    postJournal([this, entry](JournalDatabase &journal) {
        if (!journal.appendAudit(entry) && journal.isDurable())
            fail(tr("The audit entry could not be written to %1 (%2); it is kept in memory and written "
                    "with the next one.")
                     .arg(QDir::toNativeSeparators(journal.filePath()),
                          StoreFailures::describe(journal.lastFailure(), journal.filePath(), journal.lastError())));
    });
}

void CacheService::loadAudit(QObject *receiver, std::function<void(QList<AuditEntry>)> done)
{
    QPointer<QObject> guard(receiver);
    postJournal(
        [this, guard, done = std::move(done)](JournalDatabase &journal) { deliver(guard, done, journal.loadAudit()); });
}

void CacheService::postJournal(std::function<void(JournalDatabase &)> job)
{
    postTo(&CacheService::m_journal, tr("The audit journal is not open."), std::move(job));
}

void CacheService::withJournal(QObject *receiver, std::function<void(JournalDatabase *)> job,
                               std::function<void()> done)
{
    QPointer<QObject> guard(receiver);
    m_worker->post([this, guard, job = std::move(job), done = std::move(done)] {
        job(m_journal.get());
        toOwner([guard, done] {
            if (guard)
                done();
        });
    });
}

void CacheService::loadSnapshot()
{
    post([this](CacheDatabase &db) {
        CacheSnapshot snapshot;
        snapshot.apps = db.loadApps();
        snapshot.releaseRequests = db.loadReleaseRequests();
        snapshot.hosts = db.loadHosts();
        snapshot.lastSyncedAt = QDateTime::fromString(db.syncValue(QStringLiteral("last_sync_at")), Qt::ISODateWithMs);
        if (db.isTemporaryCopy())
            snapshot.storeProblems.append(tr("local cache: %1").arg(db.temporaryCopyReason()));
        if (m_journal && !m_journal->isDurable())
            snapshot.storeProblems.append(
                tr("audit journal: %n entries not written yet", nullptr, m_journal->unwrittenCount()));
        toOwner([this, snapshot] { Q_EMIT snapshotLoaded(snapshot); });
    });
}

void CacheService::toOwner(std::function<void()> job)
{
    m_owner->post(std::move(job));
}

void CacheService::toWorker(std::function<void()> job)
{
    m_worker->post(std::move(job));
}

void CacheService::fail(const QString &message)
{
    toOwner([this, message] { Q_EMIT failed(message); });
}

} // namespace Dockmaster
