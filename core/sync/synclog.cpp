#include "core/sync/synclog.h"

#include "core/sync/syncengine.h"
#include "core/util/logging.h"
#include "core/util/redact.h"

namespace Dockmaster {

void logSyncPhases(SyncEngine *engine)
{
    QObject::connect(engine, &SyncEngine::started, engine,
                     [](bool full) { qCDebug(lcSync) << (full ? "full sync started" : "incremental sync started"); });
    QObject::connect(engine, &SyncEngine::progress, engine, [](int done, int total, const QString &text) {
        qCDebug(lcSync).noquote() << QStringLiteral("%1/%2").arg(done).arg(total) << redacted(text);
    });
    QObject::connect(engine, &SyncEngine::finished, engine, [](const SyncStats &stats) {
        qCDebug(lcSync).nospace() << "sync finished in " << stats.elapsedMs << " ms: " << stats.requests
                                  << " requests, " << stats.apps << " apps (" << stats.appsChanged << " changed, "
                                  << stats.appsRemoved << " removed), " << stats.releaseRequests << " release requests"
                                  << (stats.superseded ? ", superseded" : "")
                                  << (stats.problems.isEmpty() ? "" : ", with problems");
    });
    QObject::connect(engine, &SyncEngine::failed, engine,
                     [](const QString &message) { qCDebug(lcSync).noquote() << "sync failed:" << redacted(message); });
    QObject::connect(engine, &SyncEngine::cancelled, engine, [] { qCDebug(lcSync) << "sync cancelled"; });
}

} // namespace Dockmaster
