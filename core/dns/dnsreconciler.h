#pragma once

#include "core/dns/dnsrecord.h"
#include "core/util/latestonly.h"

#include <QObject>
#include <QPointer>

namespace Dockmaster {

class DnsProvider;
class DnsOperation;

// Keeps one app's expected A records next to what the provider reports, and
// repairs the difference on request. One refresh or fix runs at a time; a new
// one supersedes the results of the old.
class DnsReconciler final : public QObject
{
    Q_OBJECT
public:
    explicit DnsReconciler(DnsProvider *provider, QObject *parent = nullptr);

    // app<ID>.<test suffix> -> test host address, app<ID>.<production suffix>
    // -> production host address. An empty suffix or address leaves that
    // environment out (the app does not use it).
    static QList<ExpectedDnsRecord> expectedForApp(const QString &appId, const QString &testSuffix,
                                                   const QString &testAddress, const QString &productionSuffix,
                                                   const QString &productionAddress, int ttl = 300);

    void setExpected(const QList<ExpectedDnsRecord> &expected);
    QList<ExpectedDnsRecord> expected() const { return m_expected; }
    QList<DnsComparison> comparisons() const { return m_comparisons; }
    bool isBusy() const { return m_pending > 0; }
    // True when any line is not OK (missing, wrong address or unexpected).
    bool needsFix() const;
    QString statusText() const { return m_statusText; }

public Q_SLOTS:
    void refresh();
    // Upserts every expected record whose name is not exactly right, then refreshes.
    void fix();

Q_SIGNALS:
    void comparisonsChanged(const QList<Dockmaster::DnsComparison> &comparisons);
    void busyChanged(bool busy);
    void statusTextChanged(const QString &text);
    void refreshFinished(bool ok);
    void fixFinished(bool ok);

private:
    void setBusy(int pending);
    void setStatus(const QString &text);
    void operationDone();

    QPointer<DnsProvider> m_provider;
    QList<ExpectedDnsRecord> m_expected;
    QList<DnsComparison> m_comparisons;
    QList<DnsRecord> m_collected;
    QStringList m_errors;
    QString m_statusText;
    int m_pending = 0;
    LatestOnly m_rounds; // a refresh, fix or new expectation drops the answers of the round before
    bool m_fixing = false;
};

} // namespace Dockmaster
