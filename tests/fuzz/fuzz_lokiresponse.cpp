// libFuzzer target: Loki's query_range answer turned into a log batch.
#include "core/logs/lokilogworker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Dockmaster;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    QJsonArray streams = document.array();
    if (document.isObject())
        streams = document.object()
                      .value(QLatin1StringView("data"))
                      .toObject()
                      .value(QLatin1StringView("result"))
                      .toArray();
    LogBatch batch;
    (void)LokiLogWorker::appendStreams(streams, { QStringLiteral("container"), QStringLiteral("stream") }, &batch);
    return 0;
}
