#include "core/dns/dnsreconciler.h"

#include "core/dns/dnsprovider.h"
#include "core/domain/environment.h"

#include <QSet>

namespace Dockmaster {

DnsReconciler::DnsReconciler(DnsProvider *provider, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
{
}

QList<ExpectedDnsRecord> DnsReconciler::expectedForApp(const QString &appId, const QString &testSuffix,
                                                       const QString &testAddress, const QString &productionSuffix,
                                                       const QString &productionAddress, int ttl)
{
    QList<ExpectedDnsRecord> expected;
    if (!testSuffix.isEmpty() && !testAddress.isEmpty())
        expected.append(
            { environmentDisplayName(Environment::Test), appId + QLatin1Char('.') + testSuffix, testAddress, ttl });
    if (!productionSuffix.isEmpty() && !productionAddress.isEmpty())
        expected.append({ environmentDisplayName(Environment::Production), appId + QLatin1Char('.') + productionSuffix,
                          productionAddress, ttl });
    return expected;
}

void DnsReconciler::setExpected(const QList<ExpectedDnsRecord> &expected)
{
    m_expected = expected;
    m_rounds.invalidate();
    m_comparisons.clear();
    setBusy(0);
    Q_EMIT comparisonsChanged(m_comparisons);
}

bool DnsReconciler::needsFix() const
{
    return std::any_of(m_comparisons.cbegin(), m_comparisons.cend(),
                       [](const DnsComparison &line) { return line.state != DnsRecordState::Ok; });
}

void DnsReconciler::setBusy(int pending)
{
    const bool wasBusy = isBusy();
    m_pending = pending;
    if (wasBusy != isBusy())
        Q_EMIT busyChanged(isBusy());
}

void DnsReconciler::setStatus(const QString &text)
{
    if (m_statusText == text)
        return;
    m_statusText = text;
    Q_EMIT statusTextChanged(text);
}

void DnsReconciler::refresh()
{
    if (!m_provider)
        return;
    const LatestOnly::Job round = m_rounds.start();
    m_collected.clear();
    m_errors.clear();
    m_fixing = false;
    QSet<QString> names;
    for (const ExpectedDnsRecord &record : std::as_const(m_expected))
        names.insert(record.name);
    if (names.isEmpty()) {
        setStatus(tr("No DNS records are expected for this app."));
        Q_EMIT refreshFinished(true);
        return;
    }
    setStatus(tr("Asking %1…").arg(m_provider->displayName()));
    setBusy(int(names.size()));
    for (const QString &name : std::as_const(names)) {
        DnsOperation *operation = m_provider->listRecords(name);
        connect(operation, &DnsOperation::finished, this, m_rounds.guard(round, [this](DnsOperation *done) {
            if (done->succeeded())
                m_collected.append(done->records());
            else
                m_errors.append(done->errorMessage());
            operationDone();
        }));
    }
}

void DnsReconciler::fix()
{
    if (!m_provider)
        return;
    QSet<QString> broken;
    for (const DnsComparison &line : std::as_const(m_comparisons)) {
        if (line.state != DnsRecordState::Ok)
            broken.insert(line.name);
    }
    const LatestOnly::Job round = m_rounds.start();
    m_errors.clear();
    m_fixing = true;
    QList<ExpectedDnsRecord> work;
    for (const ExpectedDnsRecord &record : std::as_const(m_expected)) {
        if (broken.contains(record.name))
            work.append(record);
    }
    if (work.isEmpty()) {
        m_fixing = false;
        Q_EMIT fixFinished(true);
        refresh();
        return;
    }
    setStatus(tr("Fixing %n record(s)…", nullptr, int(work.size())));
    setBusy(int(work.size()));
    for (const ExpectedDnsRecord &record : std::as_const(work)) {
        DnsOperation *operation = m_provider->upsertARecord(record.name, record.address, record.ttl);
        connect(operation, &DnsOperation::finished, this, m_rounds.guard(round, [this](DnsOperation *done) {
            if (!done->succeeded())
                m_errors.append(done->errorMessage());
            operationDone();
        }));
    }
}

void DnsReconciler::operationDone()
{
    if (m_pending > 1) {
        --m_pending;
        return;
    }
    const bool ok = m_errors.isEmpty();
    if (m_fixing) {
        m_fixing = false;
        setBusy(0);
        if (!ok)
            setStatus(tr("Fixing failed: %1").arg(m_errors.join(QLatin1Char(' '))));
        Q_EMIT fixFinished(ok);
        if (ok)
            refresh();
        return;
    }
    setBusy(0);
    if (!ok) {
        setStatus(tr("Could not read the records: %1").arg(m_errors.join(QLatin1Char(' '))));
        Q_EMIT refreshFinished(false);
        return;
    }
    m_comparisons = compareDnsRecords(m_expected, m_collected);
    Q_EMIT comparisonsChanged(m_comparisons);
    const auto problems = std::count_if(m_comparisons.cbegin(), m_comparisons.cend(),
                                        [](const DnsComparison &line) { return line.state != DnsRecordState::Ok; });
    if (problems == 0)
        setStatus(tr("All %n record(s) match.", nullptr, int(m_comparisons.size())));
    else
        setStatus(tr("%n record(s) differ from what is expected.", nullptr, int(problems)));
    Q_EMIT refreshFinished(true);
}

} // namespace Dockmaster
