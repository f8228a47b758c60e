#pragma once

#include "core/logs/logsource.h"

#include <QUrl>

namespace Dockmaster {

struct LokiLogOptions {
    QUrl baseUrl;               // e.g. http://loki:3100
    QString query;              // LogQL stream selector, e.g. {compose_project="app0000042"}
    QString tenant;             // sent as X-Scope-OrgID when not empty
    qint64 historyStartNs = -1; // -1: one hour before now
    qint64 historyEndNs = -1;   // -1: now
    int pageLimit = 5000;       // Loki's default max_entries_limit_per_query
    bool live = true;           // tail over a WebSocket after the history
    QStringList sourceLabels = { QStringLiteral("container"), QStringLiteral("container_name"),
                                 QStringLiteral("compose_service"), QStringLiteral("host") };
    int reconnectInitialMs = 500;
    int reconnectMaxMs = 10000;
};

// History (query_range, paged forward) and live tail (WebSocket) from Loki,
// which aggregates many hosts. Lines Loki could not deliver to the tail are
// reported through droppedByServer().
class LokiLogSource final : public LogSource
{
    Q_OBJECT
public:
    explicit LokiLogSource(const LokiLogOptions &options, QObject *parent = nullptr);
    ~LokiLogSource() override;

protected:
    LogWorker *createWorker() override;

private:
    LokiLogOptions m_options;
};

} // namespace Dockmaster
