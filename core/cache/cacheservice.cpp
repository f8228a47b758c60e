#include "core/cache/cacheservice.h"

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
    m_thread.setObjectName(QStringLiteral("dockmaster-cache"));
    m_worker = std::make_unique<QObject>();
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

CacheService::~CacheService()
{
    // Close the database on its own thread, then stop the thread.
    QMetaObject::invokeMethod(
        m_worker.get(), [this] { m_database.reset(); }, Qt::BlockingQueuedConnection);
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
    QMetaObject::invokeMethod(m_worker.get(), [this, job = std::move(job)] {
        if (!m_database) {
            Q_EMIT failed(tr("The local cache is not open."));
            return;
        }
        job(*m_database);
    });
}

void CacheService::open()
{
    QMetaObject::invokeMethod(m_worker.get(), [this] {
        m_database = std::make_unique<CacheDatabase>(m_filePath);
        const CacheDatabase::OpenResult result = m_database->open();
        if (result.status == CacheDatabase::OpenStatus::InUse)
            m_database.reset();
        Q_EMIT opened(result);
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
        Q_EMIT snapshotLoaded(snapshot);
    });
}

} // namespace Dockmaster
