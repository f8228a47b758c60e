#pragma once

#include "core/dns/dnsprovider.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

namespace Dockmaster::Test {

// A copy of what an operation reported; the operation itself deletes itself
// right after finished().
struct Outcome {
    bool finished = false;
    bool ok = false;
    QString error;
    QString field;
    bool transient = false;
    int status = 0;
    QString code;
    QList<DnsRecord> records;
    DnsOperation::Change change = DnsOperation::Change::None;
};

inline Outcome await(DnsOperation *operation, int timeoutMs = 15000)
{
    Outcome outcome;
    QEventLoop loop;
    QObject::connect(operation, &DnsOperation::finished, &loop, [&outcome, &loop](DnsOperation *done) {
        outcome.finished = true;
        outcome.ok = done->succeeded();
        outcome.error = done->errorMessage();
        outcome.field = done->errorField();
        outcome.transient = done->isTransient();
        outcome.status = done->httpStatus();
        outcome.code = done->providerCode();
        outcome.records = done->records();
        outcome.change = done->change();
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return outcome;
}

inline QStringList contents(const QList<DnsRecord> &records)
{
    QStringList values;
    for (const DnsRecord &record : records)
        values.append(record.content);
    values.sort();
    return values;
}

} // namespace Dockmaster::Test
