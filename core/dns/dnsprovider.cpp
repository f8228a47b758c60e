#include "core/dns/dnsprovider.h"

#include "core/dns/dnsvalidation.h"
#include "core/util/logging.h"
#include "core/util/redact.h"
#include "core/util/validation.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace Dockmaster {

DnsOperation::DnsOperation(QObject *parent)
    : QObject(parent)
{
}

DnsProvider::DnsProvider(const QStringList &zones, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_zones(zones)
    , m_network(network ? network : new QNetworkAccessManager(this))
{
    if (m_zones.isEmpty())
        setConfigurationError(tr("Zones: configure at least one DNS zone."));
    for (const QString &zone : zones) {
        const QString problem = DnsValidation::zoneName(zone);
        if (!problem.isEmpty())
            setConfigurationError(problem);
    }
}

DnsProvider::~DnsProvider()
{
    // Operations first: their replies are then cut off before the network
    // manager (possibly our child) goes, so no handler runs on a half-destroyed provider.
    const QList<DnsOperation *> operations = findChildren<DnsOperation *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(operations);
}

void DnsProvider::setConfigurationError(const QString &message)
{
    if (m_configurationError.isEmpty())
        m_configurationError = message;
}

void DnsProvider::checkBaseUrl(const QUrl &url, const QString &fieldName)
{
    const QString problem = Validation::serverUrl(url.toString());
    if (!problem.isEmpty())
        setConfigurationError(fieldName + QStringLiteral(": ") + problem);
}

void DnsProvider::checkCredential(const QString &value, const QString &fieldName)
{
    setConfigurationError(DnsValidation::credential(value, fieldName));
}

DnsOperation *DnsProvider::newOperation()
{
    return new DnsOperation(this);
}

bool DnsProvider::refuseIfMisconfigured(DnsOperation *operation)
{
    if (m_configurationError.isEmpty())
        return false;
    refuse(operation, QStringLiteral("configuration"), m_configurationError);
    return true;
}

QString DnsProvider::zoneFor(DnsOperation *operation, const QString &name)
{
    const QString zone = DnsValidation::zoneOf(name, m_zones);
    if (zone.isEmpty())
        refuse(operation, QStringLiteral("name"),
               tr("Record name: %1 is not inside the configured zones (%2).")
                   .arg(name, m_zones.join(QStringLiteral(", "))));
    return zone;
}

QString DnsProvider::admit(DnsOperation *operation, const QString &name,
                           std::initializer_list<std::pair<const char *, QString>> problems)
{
    if (refuseIfMisconfigured(operation))
        return {};
    for (const auto &[field, problem] : problems) {
        if (!problem.isEmpty()) {
            refuse(operation, QString::fromLatin1(field), problem);
            return {};
        }
    }
    return zoneFor(operation, name);
}

void DnsProvider::keepFirst(DnsOperation *operation, const DnsRecord &record, const QList<DnsRecord> &current,
                            std::function<void(const DnsRecord &first, Continue next)> update,
                            std::function<void(const QList<DnsRecord> &extras, Continue done)> deleteExtras)
{
    const DnsRecord first = current.first();
    const QList<DnsRecord> extras = current.mid(1);
    const bool firstMatches = first.content == record.content && first.ttl == record.ttl;
    auto finish = [this, operation, extras, firstMatches, record, first, deleteExtras = std::move(deleteExtras)] {
        DnsRecord kept = record;
        kept.id = first.id;
        const auto change
            = firstMatches && extras.isEmpty() ? DnsOperation::Change::None : DnsOperation::Change::Updated;
        deleteExtras(extras, [this, operation, kept, change] { succeed(operation, { kept }, change); });
    };
    if (firstMatches) {
        finish();
        return;
    }
    update(first, std::move(finish));
}

DnsOperation *DnsProvider::startOnRecordSet(const QString &name, const QString &type, RecordSetStart start)
{
    DnsOperation *operation = newOperation();
    const QString zone = admit(
        operation, name, { { "name", DnsValidation::recordName(name) }, { "type", DnsValidation::recordType(type) } });
    if (!zone.isEmpty())
        (this->*start)(operation, zone, name, type);
    return operation;
}

DnsOperation *DnsProvider::listRecords(const QString &name, const QString &type)
{
    return startOnRecordSet(name, type, &DnsProvider::startList);
}

DnsOperation *DnsProvider::upsertARecord(const QString &name, const QString &address, int ttl)
{
    DnsOperation *operation = newOperation();
    const QString zone = admit(operation, name,
                               { { "name", DnsValidation::recordName(name) },
                                 { "address", DnsValidation::ipv4Address(address) },
                                 { "ttl", DnsValidation::ttl(ttl) } });
    if (zone.isEmpty())
        return operation;
    DnsRecord record;
    record.name = name;
    record.type = QStringLiteral("A");
    record.content = address;
    record.ttl = ttl;
    startUpsert(operation, zone, record);
    return operation;
}

DnsOperation *DnsProvider::deleteRecords(const QString &name, const QString &type)
{
    return startOnRecordSet(name, type, &DnsProvider::startDelete);
}

void DnsProvider::retire()
{
    const QList<DnsOperation *> operations = findChildren<DnsOperation *>(Qt::FindDirectChildrenOnly);
    for (DnsOperation *operation : operations)
        fail(operation, tr("Cancelled: the DNS settings changed while %1 was working.").arg(displayName()), true);
    // Posted after the finished() calls above, so they are delivered first.
    deleteLater();
}

void DnsProvider::send(DnsOperation *operation, QNetworkRequest request, const QByteArray &verb, const QByteArray &body,
                       AnswerHandler handler)
{
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(TransferTimeoutMs);
    ++m_requestsSent;
    QNetworkReply *reply = m_network->sendCustomRequest(request, verb, body);
    QElapsedTimer clock;
    clock.start();
    connect(reply, &QNetworkReply::finished, operation, [reply, verb, clock, handler = std::move(handler)] {
        reply->deleteLater();
        DnsHttpAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.error = reply->error();
        answer.errorString = reply->errorString();
        // Qt ends a transfer that timed out as "Operation canceled", which
        // would tell the admin that someone cancelled it. Its timer is a
        // coarse one, which may fire up to 5% early.
        if (answer.error == QNetworkReply::OperationCanceledError
            && clock.elapsed() >= TransferTimeoutMs - TransferTimeoutMs / 20) {
            answer.error = QNetworkReply::TimeoutError;
            answer.errorString = tr("no answer within %n second(s)", nullptr, TransferTimeoutMs / 1000);
        }
        answer.retryAfter = reply->rawHeader("Retry-After");
        qCDebug(lcDns).noquote() << verb << redacted(reply->url()) << answer.status
                                 << QStringLiteral("%1 ms").arg(clock.elapsed())
                                 << (answer.error == QNetworkReply::NoError ? QString() : redacted(answer.errorString));
        handler(answer);
    });
    // An operation that goes away mid-request (its provider is destroyed)
    // must not be called back from the reply, nor leave the reply running on
    // a shared manager.
    connect(operation, &QObject::destroyed, reply, [reply] {
        reply->disconnect();
        reply->abort();
        reply->deleteLater();
    });
}

void DnsProvider::complete(DnsOperation *operation)
{
    operation->m_finished = true;
    // Queued, so a caller connecting right after the call never misses it,
    // even when the operation was refused synchronously.
    QMetaObject::invokeMethod(
        operation,
        [operation] {
            Q_EMIT operation->finished(operation);
            operation->deleteLater();
        },
        Qt::QueuedConnection);
}

void DnsProvider::succeed(DnsOperation *operation, const QList<DnsRecord> &records, DnsOperation::Change change)
{
    if (operation->m_finished)
        return;
    operation->m_records = records;
    operation->m_change = change;
    complete(operation);
}

void DnsProvider::fail(DnsOperation *operation, const QString &message, bool transient, int httpStatus,
                       const QString &providerCode)
{
    if (operation->m_finished)
        return;
    operation->m_errorMessage
        = message.isEmpty() ? tr("%1 failed without an explanation.").arg(displayName()) : message;
    operation->m_transient = transient;
    operation->m_httpStatus = httpStatus;
    operation->m_providerCode = providerCode;
    qCDebug(lcDns).noquote() << displayName() << "failed:" << redacted(operation->m_errorMessage)
                             << (transient ? "(transient)" : "");
    complete(operation);
}

void DnsProvider::refuse(DnsOperation *operation, const QString &field, const QString &message)
{
    if (operation->m_finished)
        return;
    operation->m_errorField = field;
    operation->m_errorMessage = message;
    complete(operation);
}

bool DnsProvider::isTransientNetworkError(const DnsHttpAnswer &answer)
{
    return answer.error != QNetworkReply::SslHandshakeFailedError && answer.error != QNetworkReply::ProtocolUnknownError
        && answer.error != QNetworkReply::ProtocolInvalidOperationError;
}

QString DnsProvider::networkErrorMessage(const QString &provider, const DnsHttpAnswer &answer)
{
    switch (answer.error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return tr("Cannot reach %1: %2").arg(provider, answer.errorString);
    case QNetworkReply::SslHandshakeFailedError:
        return tr("The TLS certificate of %1 was not accepted: %2").arg(provider, answer.errorString);
    default:
        return tr("%1 answered with an error: %2").arg(provider, answer.errorString);
    }
}

} // namespace Dockmaster
