#pragma once

#include "core/dns/dnsrecord.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <initializer_list>
#include <utility>

class QNetworkAccessManager;
class QNetworkRequest;

namespace Dockmaster {

// The outcome of one provider call. Connect to finished() right after the
// call; it is always emitted later from the event loop (never during the
// call), exactly once, and the object deletes itself afterwards.
class DnsOperation final : public QObject
{
    Q_OBJECT
public:
    enum class Change { None, Created, Updated, Deleted };
    Q_ENUM(Change)

    explicit DnsOperation(QObject *parent = nullptr);

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && m_errorMessage.isEmpty(); }
    // For people; names the field for refused input. Never contains a credential.
    QString errorMessage() const { return m_errorMessage; }
    // "name", "address", "ttl", "type", "configuration" when refused before any request.
    QString errorField() const { return m_errorField; }
    // Worth retrying later (network trouble, rate limit, server error).
    bool isTransient() const { return m_transient; }
    int httpStatus() const { return m_httpStatus; }
    QString providerCode() const { return m_providerCode; }
    QList<DnsRecord> records() const { return m_records; }
    Change change() const { return m_change; }

Q_SIGNALS:
    void finished(Dockmaster::DnsOperation *operation);

private:
    friend class DnsProvider;
    bool m_finished = false;
    bool m_transient = false;
    int m_httpStatus = 0;
    QString m_errorMessage;
    QString m_errorField;
    QString m_providerCode;
    QList<DnsRecord> m_records;
    Change m_change = Change::None;
};

// What came back for one HTTP request; handed to the provider's parser.
struct DnsHttpAnswer {
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QByteArray retryAfter;
};

// An authoritative DNS service reached through its HTTP API. Every call is
// asynchronous and validates its input strictly before any request is made.
// Upserting an A record makes that name resolve to exactly that address
// (the whole A RRset is replaced), so repeating it changes nothing.
// Credentials are given by the caller (read from SecretStore) and never logged.
class DnsProvider : public QObject
{
    Q_OBJECT
public:
    // `network` may be shared; when null the provider owns its own manager.
    DnsProvider(const QStringList &zones, QNetworkAccessManager *network, QObject *parent);
    ~DnsProvider() override;

    virtual QString displayName() const = 0;
    QStringList zones() const { return m_zones; }
    // Empty when the base URL, zones and credentials are usable.
    QString configurationError() const { return m_configurationError; }
    // HTTP requests started so far; lets callers (and tests) see that refused
    // input never reached the network.
    quint64 requestsSent() const { return m_requestsSent; }

    DnsOperation *listRecords(const QString &name, const QString &type = QStringLiteral("A"));
    DnsOperation *upsertARecord(const QString &name, const QString &address, int ttl);
    DnsOperation *deleteRecords(const QString &name, const QString &type = QStringLiteral("A"));

    // For an owner that replaces this provider: every operation still running
    // finishes (later, from the event loop, as always) as cancelled, and the
    // provider then deletes itself. Whoever waits on an operation is told,
    // instead of losing it silently with a synchronous delete.
    void retire();

protected:
    virtual void startList(DnsOperation *operation, const QString &zone, const QString &name, const QString &type) = 0;
    virtual void startUpsert(DnsOperation *operation, const QString &zone, const DnsRecord &record) = 0;
    virtual void startDelete(DnsOperation *operation, const QString &zone, const QString &name, const QString &type)
        = 0;

    void setConfigurationError(const QString &message);
    // Checks the base URL (https, or http on loopback only).
    void checkBaseUrl(const QUrl &url, const QString &fieldName);
    void checkCredential(const QString &value, const QString &fieldName);

    // How long a request may go without any data before it is given up.
    static constexpr int TransferTimeoutMs = 30000;
    using AnswerHandler = std::function<void(const DnsHttpAnswer &)>;
    // Sends one request on behalf of `operation`; the handler runs unless the
    // operation is gone. Redirects are not followed (they would carry the key
    // elsewhere); TLS verification stays as Qt's default: on.
    void send(DnsOperation *operation, QNetworkRequest request, const QByteArray &verb, const QByteArray &body,
              AnswerHandler handler);

    void succeed(DnsOperation *operation, const QList<DnsRecord> &records,
                 DnsOperation::Change change = DnsOperation::Change::None);
    void fail(DnsOperation *operation, const QString &message, bool transient = false, int httpStatus = 0,
              const QString &providerCode = {});
    void refuse(DnsOperation *operation, const QString &field, const QString &message);

    using Continue = std::function<void()>;
    // An upsert that found records already there: the first is kept, changed
    // by `update` unless it already matches, and `deleteExtras` removes the
    // others; then the operation succeeds with `record` under the first's id.
    void keepFirst(DnsOperation *operation, const DnsRecord &record, const QList<DnsRecord> &current,
                   std::function<void(const DnsRecord &first, Continue next)> update,
                   std::function<void(const QList<DnsRecord> &extras, Continue done)> deleteExtras);

    // Network-level trouble in words for people; transient by nature.
    static QString networkErrorMessage(const QString &provider, const DnsHttpAnswer &answer);
    // Connection trouble passes; a refused TLS certificate does not.
    static bool isTransientNetworkError(const DnsHttpAnswer &answer);

private:
    DnsOperation *newOperation();
    void complete(DnsOperation *operation);
    bool refuseIfMisconfigured(DnsOperation *operation);
    // Refuses the operation for a broken configuration or the first problem
    // in `problems` (field, message; empty message = fine), in that order;
    // returns the zone to work in, or an empty string when refused.
    QString admit(DnsOperation *operation, const QString &name,
                  std::initializer_list<std::pair<const char *, QString>> problems);
    using RecordSetStart
        = void (DnsProvider::*)(DnsOperation *, const QString &zone, const QString &name, const QString &type);
    // A call on the record set `name`/`type`: admitted by both, then begun by
    // the provider's `start` (startList, startDelete).
    DnsOperation *startOnRecordSet(const QString &name, const QString &type, RecordSetStart start);
    QString zoneFor(DnsOperation *operation, const QString &name);

    QStringList m_zones;
    QNetworkAccessManager *m_network = nullptr;
    QString m_configurationError;
    quint64 m_requestsSent = 0;
};

} // namespace Dockmaster
