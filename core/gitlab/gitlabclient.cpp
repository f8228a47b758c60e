#include "core/gitlab/gitlabclient.h"

#include "core/gitlab/repositoryurl.h"
#include "core/util/logging.h"
#include "core/util/redact.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>
#include <cstring>

namespace Dockmaster {
namespace {

QString humanPath(const QString &encodedPath)
{
    return QUrl::fromPercentEncoding(encodedPath.toLatin1());
}

// GitLab puts its reason in "message" (a string, or an object of field ->
// list of strings for validation errors) or in "error".
QString gitlabMessageOf(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString text = QString::fromUtf8(body).trimmed();
        return text.size() <= 300 ? text : text.left(300) + QStringLiteral("…");
    }
    const QJsonObject object = document.object();
    const QJsonValue message = object.contains(QLatin1StringView("message"))
        ? object.value(QLatin1StringView("message"))
        : object.value(QLatin1StringView("error"));
    // OAuth-style errors: {"error":"insufficient_scope","error_description":"…","scope":"api"}.
    const QString description = object.value(QLatin1StringView("error_description")).toString();
    if (message.isString())
        return description.isEmpty() ? message.toString() : message.toString() + QStringLiteral(": ") + description;
    QStringList parts;
    if (message.isObject()) {
        const QJsonObject fields = message.toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            // {"error": "…"} (application rate limits) or {"field": ["reason", …]}.
            if (it.value().isString()) {
                parts.append(it.key() == QLatin1String("error") ? it.value().toString()
                                                                : it.key() + QLatin1Char(' ') + it.value().toString());
                continue;
            }
            QStringList reasons;
            const QJsonArray list = it.value().toArray();
            for (const QJsonValue &reason : list)
                reasons.append(reason.toString());
            parts.append(it.key() + QLatin1Char(' ') + reasons.join(QStringLiteral(", ")));
        }
    } else if (message.isArray()) {
        const QJsonArray list = message.toArray();
        for (const QJsonValue &reason : list)
            parts.append(reason.toString());
    }
    return parts.join(QStringLiteral("; "));
}

// Link: <https://host/api/v4/x?page=2>; rel="next", <...>; rel="last"
QUrl linkWithRel(const QByteArray &header, QByteArrayView rel)
{
    qsizetype pos = 0;
    while (pos < header.size()) {
        const qsizetype open = header.indexOf('<', pos);
        if (open < 0)
            break;
        const qsizetype close = header.indexOf('>', open);
        if (close < 0)
            break;
        const qsizetype nextEntry = header.indexOf('<', close);
        const QByteArray params = header.mid(close + 1, nextEntry < 0 ? -1 : nextEntry - close - 1);
        const QList<QByteArray> pieces = params.split(';');
        for (const QByteArray &piece : pieces) {
            QByteArray p = piece.trimmed();
            if (p.endsWith(','))
                p.chop(1);
            if (!p.startsWith("rel="))
                continue;
            QByteArray values = p.mid(4).trimmed();
            if (values.startsWith('"') && values.endsWith('"') && values.size() >= 2)
                values = values.mid(1, values.size() - 2);
            const QList<QByteArray> rels = values.split(' ');
            if (std::any_of(rels.cbegin(), rels.cend(), [&](const QByteArray &r) { return r == rel; }))
                return QUrl::fromEncoded(header.mid(open + 1, close - open - 1), QUrl::StrictMode);
        }
        pos = close + 1;
    }
    return {};
}

// The upload body of a non-idempotent request. It can be read once only:
// Qt's HTTP stack silently sends a request again when a kept-alive connection
// closes before the answer, which must never happen to a POST. With an
// unbuffered body that cannot rewind, Qt reports ContentReSendError instead.
class OneShotBody final : public QIODevice
{
public:
    explicit OneShotBody(QByteArray data)
        : m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() - m_position + QIODevice::bytesAvailable(); }
    bool reset() override { return false; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = std::min<qint64>(maxSize, m_data.size() - m_position);
        if (count <= 0)
            return m_position >= m_data.size() ? -1 : 0;
        std::memcpy(data, m_data.constData() + m_position, size_t(count));
        m_position += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

// An HTTP Date header ("Sun, 06 Dec 2026 05:05:39 GMT", RFC 9110 IMF-fixdate).
// Qt's RFC 2822 parser refuses the "GMT" zone name, which every server sends.
QDateTime httpDate(QByteArray value)
{
    value = value.trimmed();
    if (value.endsWith(" GMT") || value.endsWith(" UTC"))
        value = value.chopped(4) + " +0000";
    return QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
}

QString isoUtc(const QDateTime &time)
{
    // 'Z' rather than "+00:00": a '+' in a query would need %2B.
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// A list request sorted newest first (PipelineQuery, DeploymentQuery):
// `filter` is sent when it has a value, updated_after when the query has one.
template<typename Query>
GitLabRequest newestFirst(const QString &path, const Query &query, const QString &orderBy,
                          const std::pair<QString, QString> &filter)
{
    GitLabRequest request;
    request.path = path;
    request.maxPages = query.maxPages;
    request.query = { { QStringLiteral("order_by"), orderBy },
                      { QStringLiteral("sort"), QStringLiteral("desc") },
                      { QStringLiteral("per_page"), QString::number(std::clamp(query.perPage, 1, 100)) } };
    if (!filter.second.isEmpty())
        request.query.append(filter);
    if (query.updatedAfter.isValid())
        request.query.append({ QStringLiteral("updated_after"), isoUtc(query.updatedAfter) });
    return request;
}

// Whether a body arrived shorter than the Content-Length the server announced:
// the connection broke, something on the way cut it, or (seen with Qt 6.8
// while another reply to the same host was aborted) the reply finished
// without error and without its body. QNetworkAccessManager inflates gzip
// itself, and then the announced length is the compressed one: not compared.
bool bodyCutOff(const QByteArray &method, const QHash<QByteArray, QByteArray> &headers, qsizetype received)
{
    if (method == "HEAD")
        return false;
    const QByteArray encoding = headers.value(QByteArrayLiteral("content-encoding")).trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity")
        return false;
    bool ok = false;
    const qint64 announced = headers.value(QByteArrayLiteral("content-length")).trimmed().toLongLong(&ok);
    return ok && received < announced;
}

} // namespace

bool GitLabRequest::isIdempotent() const
{
    if (idempotent)
        return *idempotent;
    return method == "GET" || method == "HEAD";
}

GitLabCall::GitLabCall(GitLabClient *client)
    : QObject(client)
    , m_client(client)
{
}

GitLabCall::~GitLabCall() = default;

void GitLabCall::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_client->cancelCall(this);
}

GitLabClient::GitLabClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_pumpTimer(new QTimer(this))
    , m_unsentTimer(new QTimer(this))
{
    qRegisterMetaType<GitLabError>();
    // The token must never follow a redirect to another origin.
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    m_pumpTimer->setSingleShot(true);
    connect(m_pumpTimer, &QTimer::timeout, this, &GitLabClient::pump);
    m_unsentTimer->setSingleShot(true);
    connect(m_unsentTimer, &QTimer::timeout, this, &GitLabClient::sendStuckAgain);
    m_clock.start();
}

GitLabClient::~GitLabClient()
{
    // Replies die with the access manager without calling back into calls.
    delete m_network;
    m_network = nullptr;
}

QString GitLabClient::encode(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

QString GitLabClient::projectPath(const QString &idOrPath)
{
    return QStringLiteral("/projects/") + encode(idOrPath);
}

QUrl GitLabClient::urlFor(const GitLabRequest &request) const
{
    QUrl url = m_baseUrl;
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    // TolerantMode keeps %2F: QUrl never decodes an encoded delimiter.
    url.setPath(base + (request.graphql ? QStringLiteral("/api/graphql") : QStringLiteral("/api/v4") + request.path),
                QUrl::TolerantMode);
    QStringList pairs;
    for (const auto &[key, value] : request.query)
        pairs.append(encode(key) + QLatin1Char('=') + encode(value));
    url.setQuery(pairs.isEmpty() ? QString() : pairs.join(QLatin1Char('&')), QUrl::TolerantMode);
    url.setFragment({});
    return url;
}

QUrl GitLabClient::repositoryUrl(const QString &pathWithNamespace) const
{
    return gitRepositoryUrl(m_baseUrl, pathWithNamespace);
}

QUrl gitRepositoryUrl(const QUrl &baseUrl, const QString &pathWithNamespace)
{
    QUrl url = baseUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QLatin1Char('/') + pathWithNamespace + QStringLiteral(".git"));
    return url;
}

QUrl GitLabClient::onConfiguredBase(const QUrl &link) const
{
    // The token only ever goes to the configured server: whatever host the
    // link names, its /api/v4/... part is asked there.
    const QString path = link.path(QUrl::FullyEncoded);
    const qsizetype api = path.indexOf(QLatin1String("/api/v4/"));
    if (api < 0)
        return {};
    QUrl url = m_baseUrl;
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path.mid(api), QUrl::TolerantMode);
    url.setQuery(link.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    url.setFragment({});
    return url;
}

GitLabCall *GitLabClient::send(const GitLabRequest &request, QObject *context,
                               std::function<void(const GitLabResponse &)> done)
{
    auto *call = new GitLabCall(this);
    call->m_request = request;
    call->m_done = std::move(done);
    call->m_context = context;
    call->m_hasContext = context != nullptr;
    if (context)
        connect(context, &QObject::destroyed, call, &GitLabCall::cancel);
    enqueue(call);
    return call;
}

void GitLabClient::enqueue(GitLabCall *call)
{
    call->m_queued = true;
    m_queue.push_back(call);
    pump();
}

void GitLabClient::pump()
{
    while (m_inFlight < m_options.maxConcurrent && !m_queue.empty()) {
        const qint64 now = m_clock.elapsed();
        // As GitLab's window runs out, each request waits its share of what is left.
        const qint64 notBefore
            = std::max(m_notBeforeMs, m_lastIssuedMs + m_pacer.spacingMs(QDateTime::currentMSecsSinceEpoch()));
        if (now < notBefore) {
            if (!m_pumpTimer->isActive() || m_pumpTimer->remainingTime() > notBefore - now)
                m_pumpTimer->start(int(notBefore - now));
            return;
        }
        QPointer<GitLabCall> call = m_queue.front();
        m_queue.pop_front();
        if (!call || call->m_cancelled || call->m_finished)
            continue;
        call->m_queued = false;
        m_lastIssuedMs = now;
        issue(call);
    }
}

void GitLabClient::issue(GitLabCall *call)
{
    const QUrl url = call->m_nextUrl.isValid() ? call->m_nextUrl : urlFor(call->m_request);
    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("PRIVATE-TOKEN"), m_token);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Dockmaster/0.1"));
    request.setTransferTimeout(m_options.transferTimeoutMs);
    if (!call->m_request.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    QNetworkReply *reply = nullptr;
    const QByteArray &method = call->m_request.method;
    if (method == "GET") {
        reply = m_network->get(request);
    } else if (method == "HEAD") {
        reply = m_network->head(request);
    } else if (call->m_request.isIdempotent()) {
        reply = m_network->sendCustomRequest(request, method, call->m_request.body);
    } else {
        const QByteArray body = call->m_request.body.isEmpty() ? QByteArrayLiteral("{}") : call->m_request.body;
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto *device = new OneShotBody(body);
        reply = m_network->sendCustomRequest(request, method, device);
        device->setParent(reply);
    }
    ++m_inFlight;
    ++m_requestCount;
    call->m_reply = reply;
    call->m_sent = false;
    call->m_ticket = m_unsent.issued();
    m_unsentCalls.insert(call->m_ticket, call);
    // Its first bytes went out: the request line (requestSent), some of its
    // body, or an answer already.
    const auto wentOut = [this, guard = QPointer<GitLabCall>(call), reply] {
        if (guard && guard->m_reply == reply)
            noteSent(guard);
    };
    connect(reply, &QNetworkReply::requestSent, this, wentOut);
    connect(reply, &QNetworkReply::uploadProgress, this, [wentOut](qint64 bytesSent, qint64) {
        if (bytesSent > 0)
            wentOut();
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, wentOut);
    connect(reply, &QNetworkReply::finished, this,
            [this, guard = QPointer<GitLabCall>(call), reply, method, sentAtMs = m_clock.elapsed(),
             ticket = call->m_ticket] {
                m_unsent.ended(ticket);
                m_unsentCalls.remove(ticket);
                // Method, URL, status and time of every request; never its headers (the token).
                qCDebug(lcGitLab).noquote()
                    << method << redacted(reply->url())
                    << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()
                    << QStringLiteral("%1 ms").arg(m_clock.elapsed() - sentAtMs)
                    << (reply->error() == QNetworkReply::NoError ? QString() : redacted(reply->errorString()));
                onReplyFinished(guard.data(), reply);
            });
}

void GitLabClient::noteSent(GitLabCall *call)
{
    if (call->m_sent)
        return;
    call->m_sent = true;
    m_unsent.sent(call->m_ticket, m_clock.elapsed());
    m_unsentCalls.remove(call->m_ticket);
    scheduleUnsentCheck();
}

void GitLabClient::scheduleUnsentCheck()
{
    const qint64 at = m_unsent.nextCheckAtMs();
    if (at >= 0 && !m_unsentTimer->isActive())
        m_unsentTimer->start(int(std::max<qint64>(0, at - m_clock.elapsed())));
}

void GitLabClient::sendStuckAgain()
{
    const QList<quint64> stuck = m_unsent.takeStuck(m_clock.elapsed());
    // Oldest first, each at the head of the queue: they keep their turn.
    for (auto ticket = stuck.crbegin(); ticket != stuck.crend(); ++ticket) {
        const QPointer<GitLabCall> call = m_unsentCalls.take(*ticket);
        if (!call || call->m_sent || !call->m_reply || call->m_cancelled || call->m_finished)
            continue;
        qCInfo(lcGitLab).noquote() << "sending again a request that never went out while later ones did:"
                                   << call->m_request.method << redacted(call->m_request.path);
        // Its end (finished, from abort) is no longer the call's.
        QNetworkReply *reply = std::exchange(call->m_reply, nullptr);
        reply->abort();
        call->m_queued = true;
        m_queue.push_front(call);
    }
    scheduleUnsentCheck();
    pump();
}

void GitLabClient::noteRateLimit(const QHash<QByteArray, QByteArray> &headers)
{
    m_pacer.observe(headers, QDateTime::currentMSecsSinceEpoch());
}

void GitLabClient::holdBack(qint64 delayMs)
{
    m_notBeforeMs = std::max(m_notBeforeMs, m_clock.elapsed() + delayMs);
}

void GitLabClient::retryLater(GitLabCall *call, int delayMs)
{
    qCDebug(lcGitLab).noquote() << "retry in" << delayMs << "ms:" << call->m_request.method
                                << redacted(call->m_request.path);
    QTimer::singleShot(delayMs, call, [this, call] {
        if (!call->m_cancelled && !call->m_finished)
            enqueue(call);
    });
}

GitLabError GitLabClient::networkError(GitLabCall *call, int qtError, const QString &detail) const
{
    GitLabError error;
    error.path = call->m_request.path;
    const QString where = m_baseUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery);
    switch (QNetworkReply::NetworkError(qtError)) {
    case QNetworkReply::SslHandshakeFailedError:
        error.kind = GitLabError::Kind::Tls;
        error.message = tr("The TLS certificate of %1 could not be verified (%2). Dockmaster does not connect to "
                           "servers it cannot verify.")
                            .arg(where, detail);
        break;
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        error.kind = GitLabError::Kind::Timeout;
        error.message
            = tr("GitLab at %1 did not answer within %2 seconds.").arg(where).arg(m_options.transferTimeoutMs / 1000);
        break;
    default:
        error.kind = GitLabError::Kind::Offline;
        error.message = tr("GitLab at %1 cannot be reached (%2). Dockmaster works offline with the cached data.")
                            .arg(where, detail);
        break;
    }
    return error;
}

void GitLabClient::onReplyFinished(GitLabCall *call, QNetworkReply *reply)
{
    reply->deleteLater();
    --m_inFlight;
    QTimer::singleShot(0, this, &GitLabClient::pump);
    if (!call || call->m_reply != reply || call->m_cancelled || call->m_finished)
        return;
    call->m_reply = nullptr;

    const GitLabRequest &request = call->m_request;
    const bool idempotent = request.isIdempotent();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QHash<QByteArray, QByteArray> headers;
    const auto pairs = reply->rawHeaderPairs();
    for (const auto &[name, value] : pairs)
        headers.insert(name.toLower(), value);
    noteRateLimit(headers);
    if (!call->m_response.serverTime.isValid() && headers.contains(QByteArrayLiteral("date")))
        call->m_response.serverTime = httpDate(headers.value(QByteArrayLiteral("date")));
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const auto qtError = reply->error();
    if (const QVariant http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute); http2.isValid())
        m_answersOverHttp2 = http2.toBool();

    if ((status >= 300 && status < 400) || qtError == QNetworkReply::InsecureRedirectError) {
        // Redirects are not followed with the token (SameOriginRedirectPolicy);
        // the usual one is an Omnibus GitLab sending http:// to https://.
        GitLabError error = errorForStatus(status, request.path, body);
        QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        if (target.isEmpty())
            target = QUrl::fromEncoded(headers.value(QByteArrayLiteral("location")));
        if (target.isRelative())
            target = reply->url().resolved(target);
        const QString configured = m_baseUrl.toDisplayString(QUrl::RemoveUserInfo);
        if (target.scheme() == QLatin1String("https") && m_baseUrl.scheme() == QLatin1String("http")
            && target.host() == m_baseUrl.host()) {
            QUrl suggested = m_baseUrl;
            suggested.setScheme(QStringLiteral("https"));
            suggested.setPort(target.port());
            error.message = tr("The GitLab URL %1 redirects to https. Use %2 in the profile; Dockmaster does not "
                               "follow redirects with the token.")
                                .arg(configured, suggested.toDisplayString(QUrl::RemoveUserInfo));
        } else {
            error.message = tr("GitLab at %1 redirected %2 to %3; Dockmaster does not follow redirects with the "
                               "token. Check the GitLab URL in the profile.")
                                .arg(configured, humanPath(request.path),
                                     target.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
        }
        fail(call, error);
        return;
    }

    // A transport failure, or a 2xx whose body was cut off (Qt's error, or a
    // body shorter than its Content-Length that Qt reported without one).
    const bool success = status >= 200 && status < 300;
    const bool cutOff
        = success && qtError == QNetworkReply::NoError && bodyCutOff(request.method, headers, body.size());
    if (status == 0 || (success && qtError != QNetworkReply::NoError) || cutOff) {
        const bool sentNothing = qtError == QNetworkReply::ConnectionRefusedError
            || qtError == QNetworkReply::HostNotFoundError || qtError == QNetworkReply::SslHandshakeFailedError
            || qtError == QNetworkReply::NetworkSessionFailedError;
        if (sentNothing) {
            fail(call, networkError(call, qtError, reply->errorString()));
            return;
        }
        // Over HTTP/2 a server ending the connection (GOAWAY) or refusing a
        // stream (REFUSED_STREAM) has not begun the request: Qt's
        // ContentReSendError, so it goes again at once, whatever its method.
        // Over HTTP/1.1 the same error means Qt could not resend a body after
        // a dropped connection, which GitLab may have handled. A failed reply
        // does not say which protocol it used; the server's answers do.
        const bool refusedUnseen = qtError == QNetworkReply::ContentReSendError && m_answersOverHttp2;
        if ((idempotent || refusedUnseen) && call->m_attempt + 1 < m_options.maxAttempts) {
            retryLater(call, refusedUnseen ? 0 : m_options.backoffMs(call->m_attempt));
            ++call->m_attempt;
            return;
        }
        GitLabError error;
        if (cutOff) {
            error.kind = GitLabError::Kind::Malformed;
            error.httpStatus = status;
            error.path = request.path;
            error.message = tr("The answer GitLab sent for %1 was cut off (%2 of %3 bytes arrived). Nothing was "
                               "changed.")
                                .arg(humanPath(request.path))
                                .arg(body.size())
                                .arg(QString::fromLatin1(headers.value(QByteArrayLiteral("content-length"))));
        } else {
            error = networkError(call, qtError, reply->errorString());
        }
        if (!idempotent) {
            error.kind = GitLabError::Kind::MayHaveTakenEffect;
            error.message = tr("The connection to GitLab broke while it handled %1 %2. The change may or may not "
                               "have been made; Dockmaster checks before trying again.")
                                .arg(QString::fromLatin1(request.method), humanPath(request.path));
        }
        fail(call, error);
        return;
    }

    if (status == 429) {
        bool ok = false;
        QByteArray retryAfter = headers.value(QByteArrayLiteral("retry-after")).trimmed();
        qint64 seconds = retryAfter.toLongLong(&ok);
        if (!ok) {
            const QDateTime at = httpDate(retryAfter);
            seconds = at.isValid() ? std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(at)) : -1;
        }
        if (seconds < 0) {
            // No Retry-After: an application limit. The RateLimit-* headers
            // describe the Rack::Attack throttle; its RateLimit-Reset (a Unix
            // time) only helps when that throttle is the one exhausted.
            const qint64 reset = headers.value(QByteArrayLiteral("ratelimit-reset")).trimmed().toLongLong(&ok);
            bool remainingKnown = false;
            const int remaining
                = headers.value(QByteArrayLiteral("ratelimit-remaining")).trimmed().toInt(&remainingKnown);
            const qint64 now = QDateTime::currentSecsSinceEpoch();
            if (ok && remainingKnown && remaining == 0 && reset > now && reset - now <= m_options.maxRetryAfterSeconds)
                seconds = reset - now;
        }
        if (call->m_rateLimitWaits < m_options.maxRateLimitWaits && seconds <= m_options.maxRetryAfterSeconds) {
            // A 429 was refused before GitLab did anything, so even a POST may go again.
            int delay = 0;
            if (seconds >= 0) {
                delay = int(seconds * 1000);
            } else {
                delay = m_options.rateLimitWaitMs(call->m_rateLimitWaits);
            }
            ++call->m_rateLimitWaits;
            holdBack(delay);
            retryLater(call, delay);
            return;
        }
        GitLabError error = errorForStatus(status, request.path, body);
        if (seconds > 0)
            error.message = tr("GitLab is limiting the request rate; it asks to wait %n second(s) before trying "
                               "again.",
                               nullptr, int(std::min<qint64>(seconds, 1 << 30)));
        fail(call, error);
        return;
    }

    if (status >= 500) {
        if (idempotent && call->m_attempt + 1 < m_options.maxAttempts) {
            retryLater(call, m_options.backoffMs(call->m_attempt++));
            return;
        }
        GitLabError error = errorForStatus(status, request.path, body);
        if (!idempotent) {
            error.kind = GitLabError::Kind::MayHaveTakenEffect;
            error.message = tr("GitLab failed with HTTP %1 while it handled %2 %3. The change may or may not have "
                               "been made; Dockmaster checks before trying again.")
                                .arg(status)
                                .arg(QString::fromLatin1(request.method), humanPath(request.path));
        }
        fail(call, error);
        return;
    }

    if (status < 200 || status >= 300) {
        fail(call, errorForStatus(status, request.path, body));
        return;
    }

    call->m_attempt = 0;
    call->m_response.httpStatus = status;
    call->m_response.headers = headers;
    ++call->m_response.pages;
    if (request.pagination == GitLabRequest::Pagination::None) {
        call->m_response.body = body;
        complete(call);
        return;
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        GitLabError error;
        error.kind = GitLabError::Kind::Malformed;
        error.httpStatus = status;
        error.path = request.path;
        error.message
            = tr("GitLab sent an answer for %1 that Dockmaster cannot read (%2). Nothing was changed.")
                  .arg(humanPath(request.path),
                       parseError.error != QJsonParseError::NoError ? parseError.errorString() : tr("not a list"));
        fail(call, error);
        return;
    }
    const QJsonArray page = document.array();
    for (const QJsonValue &item : page)
        call->m_response.items.append(item);

    // Offset lists: X-Next-Page, applied to our own request. Keyset lists (and
    // offset lists without that header): the Link URL, whose host and port
    // GitLab builds from its external_url, not from the URL we asked
    // (Gitlab::Pagination::OffsetHeaderBuilder), so only its path and query
    // are used, on the configured base URL.
    QUrl next;
    const QByteArray nextPageHeader = QByteArrayLiteral("x-next-page");
    if (request.pagination == GitLabRequest::Pagination::Offset && headers.contains(nextPageHeader)) {
        const QByteArray nextPage = headers.value(nextPageHeader).trimmed();
        if (!nextPage.isEmpty()) {
            GitLabRequest paged = request;
            paged.query.removeIf([](const auto &pair) { return pair.first == QLatin1String("page"); });
            paged.query.append({ QStringLiteral("page"), QString::fromLatin1(nextPage) });
            next = urlFor(paged);
        }
    } else {
        const QUrl link = linkWithRel(headers.value(QByteArrayLiteral("link")), "next");
        if (link.isValid()) {
            next = onConfiguredBase(link);
            if (!next.isValid()) {
                GitLabError error;
                error.kind = GitLabError::Kind::Malformed;
                error.path = request.path;
                error.message = tr("GitLab's link to the next page of %1 is not an API address; Dockmaster does not "
                                   "follow it.")
                                    .arg(humanPath(request.path));
                fail(call, error);
                return;
            }
        }
    }
    const bool wantMore = request.maxPages <= 0 || call->m_response.pages < request.maxPages;
    if (next.isValid() && wantMore) {
        // A proxy or a broken instance that names a page already read as the
        // next one would keep the call going forever.
        if (call->m_pagesRead.isEmpty())
            call->m_pagesRead.insert(urlFor(request).toString(QUrl::FullyEncoded));
        const QString nextKey = next.toString(QUrl::FullyEncoded);
        if (call->m_pagesRead.contains(nextKey)) {
            GitLabError error;
            error.kind = GitLabError::Kind::Malformed;
            error.path = request.path;
            error.message = tr("GitLab's pages of %1 lead back to a page already read; Dockmaster stopped after %n "
                               "page(s). Nothing was changed.",
                               nullptr, call->m_response.pages)
                                .arg(humanPath(request.path));
            fail(call, error);
            return;
        }
        call->m_pagesRead.insert(nextKey);
        call->m_nextUrl = next;
        enqueue(call);
        return;
    }
    call->m_response.body.clear();
    complete(call);
}

void GitLabClient::complete(GitLabCall *call)
{
    if (call->m_finished)
        return;
    call->m_finished = true;
    const GitLabResponse response = std::move(call->m_response);
    auto done = std::move(call->m_done);
    if (done && (!call->m_hasContext || call->m_context))
        done(response);
    Q_EMIT call->finished();
    call->deleteLater();
}

void GitLabClient::fail(GitLabCall *call, GitLabError error)
{
    if (error.path.isEmpty())
        error.path = call->m_request.path;
    qCDebug(lcGitLab).noquote() << "failed:" << call->m_request.method << redacted(error.path)
                                << redacted(error.message);
    call->m_response.error = std::move(error);
    call->m_response.items = {};
    complete(call);
}

void GitLabClient::cancelCall(GitLabCall *call)
{
    call->m_cancelled = true;
    if (QNetworkReply *reply = std::exchange(call->m_reply, nullptr))
        reply->abort();
    QMetaObject::invokeMethod(
        this,
        [this, guard = QPointer<GitLabCall>(call)] {
            if (!guard || guard->m_finished)
                return;
            GitLabError error;
            error.kind = GitLabError::Kind::Cancelled;
            error.message = tr("Cancelled.");
            fail(guard, error);
        },
        Qt::QueuedConnection);
}

GitLabError GitLabClient::errorForStatus(int httpStatus, const QString &path, const QByteArray &body)
{
    GitLabError error;
    error.httpStatus = httpStatus;
    error.path = path;
    error.gitlabMessage = gitlabMessageOf(body);
    const QString shownPath = humanPath(path);
    switch (httpStatus) {
    case 401:
        error.kind = GitLabError::Kind::Unauthorized;
        error.message = tr("GitLab did not accept the access token: it is invalid, expired or was revoked. Create a "
                           "new token and save it in the profile.");
        break;
    case 403:
        error.kind = GitLabError::Kind::Forbidden;
        if (error.gitlabMessage.startsWith(QLatin1String("insufficient_scope")))
            error.message = tr("The access token is missing a scope for %1: create a token with the api scope and "
                               "save it in the profile.")
                                .arg(shownPath);
        else if (!error.gitlabMessage.isEmpty() && error.gitlabMessage != QLatin1String("403 Forbidden"))
            error.message = tr("GitLab refused %1: %2").arg(shownPath, error.gitlabMessage);
        else
            error.message = tr("Your GitLab account is missing the permission for %1. Ask a GitLab owner for the "
                               "Maintainer role (or an admin token).")
                                .arg(shownPath);
        break;
    case 404:
        error.kind = GitLabError::Kind::NotFound;
        error.message = tr("GitLab has nothing at %1, or the token is not allowed to see it.").arg(shownPath);
        break;
    case 400:
    case 409:
    case 412:
    case 422:
        error.kind = GitLabError::Kind::Conflict;
        error.message = error.gitlabMessage.isEmpty()
            ? tr("GitLab refused the change to %1 (HTTP %2).").arg(shownPath).arg(httpStatus)
            : tr("GitLab refused the change to %1: %2").arg(shownPath, error.gitlabMessage);
        break;
    case 429:
        error.kind = GitLabError::Kind::RateLimited;
        error.message = tr("GitLab is limiting the request rate; try again in a moment.");
        break;
    default:
        if (httpStatus >= 500) {
            error.kind = GitLabError::Kind::Server;
            error.message
                = tr("GitLab had an internal error (HTTP %1) for %2. Try again later.").arg(httpStatus).arg(shownPath);
        } else {
            error.kind = GitLabError::Kind::Other;
            error.message = tr("GitLab answered HTTP %1 for %2.").arg(httpStatus).arg(shownPath);
        }
        break;
    }
    return error;
}

// --- typed calls ---

template<typename T, typename Parser>
GitLabCall *GitLabClient::getList(GitLabRequest request, QObject *context, Parser parser, Callback<QList<T>> done)
{
    if (request.pagination == GitLabRequest::Pagination::None)
        request.pagination = GitLabRequest::Pagination::Offset;
    const bool hasPerPage = std::any_of(request.query.cbegin(), request.query.cend(),
                                        [](const auto &pair) { return pair.first == QLatin1String("per_page"); });
    if (!hasPerPage)
        request.query.append({ QStringLiteral("per_page"), QStringLiteral("100") });
    return send(request, context, [done = std::move(done), parser, path = request.path](const GitLabResponse &r) {
        GitLabResult<QList<T>> result;
        result.serverTime = r.serverTime;
        if (!r.error.isOk()) {
            result.error = r.error;
            done(std::move(result));
            return;
        }
        result.value.reserve(r.items.size());
        for (const QJsonValue &item : r.items) {
            const std::optional<T> parsed = item.isObject() ? parser(item.toObject()) : std::nullopt;
            if (!parsed) {
                result.value.clear();
                result.error.kind = GitLabError::Kind::Malformed;
                result.error.path = path;
                result.error.httpStatus = r.httpStatus;
                result.error.message = tr("GitLab sent an entry in %1 that Dockmaster cannot read. Nothing was "
                                          "changed.")
                                           .arg(humanPath(path));
                break;
            }
            result.value.append(*parsed);
        }
        done(std::move(result));
    });
}

template<typename T, typename Parser>
GitLabCall *GitLabClient::getObject(GitLabRequest request, QObject *context, Parser parser, Callback<T> done)
{
    // A write GitLab accepted (2xx) happened, whatever its answer looks like.
    // A GraphQL query is sent as a POST but reads.
    const bool writes = request.method != "GET" && request.method != "HEAD" && !request.graphql;
    return send(
        request, context, [done = std::move(done), parser, path = request.path, writes](const GitLabResponse &r) {
            GitLabResult<T> result;
            result.serverTime = r.serverTime;
            if (!r.error.isOk()) {
                result.error = r.error;
                done(std::move(result));
                return;
            }
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(r.body, &parseError);
            const std::optional<T> parsed = document.isObject() ? parser(document.object()) : std::nullopt;
            if (!parsed) {
                result.error.path = path;
                result.error.httpStatus = r.httpStatus;
                if (writes) {
                    result.error.kind = GitLabError::Kind::MayHaveTakenEffect;
                    result.error.message = tr("GitLab accepted the change to %1 but sent an answer Dockmaster cannot "
                                              "read; the change was probably made. Check it before doing it again.")
                                               .arg(humanPath(path));
                } else {
                    result.error.kind = GitLabError::Kind::Malformed;
                    result.error.message
                        = tr("GitLab sent an answer for %1 that Dockmaster cannot read. Nothing was changed.")
                              .arg(humanPath(path));
                }
            } else {
                result.value = *parsed;
            }
            done(std::move(result));
        });
}

GitLabCall *GitLabClient::currentUser(QObject *context, Callback<GitLabUser> done)
{
    GitLabRequest request;
    request.path = QStringLiteral("/user");
    return getObject<GitLabUser>(request, context, &GitLabParse::user, std::move(done));
}

GitLabCall *GitLabClient::usersByUsername(const QString &username, QObject *context, Callback<QList<GitLabUser>> done)
{
    GitLabRequest request;
    request.path = QStringLiteral("/users");
    request.query = { { QStringLiteral("username"), username } };
    return getList<GitLabUser>(request, context, &GitLabParse::user, std::move(done));
}

GitLabCall *GitLabClient::project(const QString &project, QObject *context, Callback<GitLabProject> done)
{
    GitLabRequest request;
    request.path = projectPath(project);
    return getObject<GitLabProject>(request, context, &GitLabParse::project, std::move(done));
}

GitLabCall *GitLabClient::projects(const ProjectQuery &query, QObject *context, Callback<QList<GitLabProject>> done)
{
    GitLabRequest request;
    request.path = QStringLiteral("/projects");
    request.pagination = GitLabRequest::Pagination::Keyset;
    request.maxPages = query.maxPages;
    request.query = { { QStringLiteral("pagination"), QStringLiteral("keyset") },
                      { QStringLiteral("order_by"), QStringLiteral("id") },
                      { QStringLiteral("sort"), QStringLiteral("asc") },
                      { QStringLiteral("per_page"), QStringLiteral("100") } };
    if (query.lastActivityAfter.isValid())
        request.query.append({ QStringLiteral("last_activity_after"), isoUtc(query.lastActivityAfter) });
    if (!query.search.isEmpty())
        request.query.append({ QStringLiteral("search"), query.search });
    return getList<GitLabProject>(request, context, &GitLabParse::project, std::move(done));
}

GitLabCall *GitLabClient::groupProjects(const QString &groupPath, const ProjectQuery &query, QObject *context,
                                        Callback<QList<GitLabProject>> done)
{
    GitLabRequest request;
    request.path = QStringLiteral("/groups/") + encode(groupPath) + QStringLiteral("/projects");
    request.maxPages = query.maxPages;
    request.query = { { QStringLiteral("order_by"), QStringLiteral("id") },
                      { QStringLiteral("sort"), QStringLiteral("asc") },
                      { QStringLiteral("per_page"), QStringLiteral("100") } };
    if (query.includeSubgroups)
        request.query.append({ QStringLiteral("include_subgroups"), QStringLiteral("true") });
    if (query.lastActivityAfter.isValid())
        request.query.append({ QStringLiteral("last_activity_after"), isoUtc(query.lastActivityAfter) });
    if (!query.search.isEmpty())
        request.query.append({ QStringLiteral("search"), query.search });
    return getList<GitLabProject>(request, context, &GitLabParse::project, std::move(done));
}

GitLabCall *GitLabClient::issues(const IssueQuery &query, QObject *context, Callback<QList<GitLabIssue>> done)
{
    GitLabRequest request;
    request.path = query.group.isEmpty() ? QStringLiteral("/issues")
                                         : QStringLiteral("/groups/") + encode(query.group) + QStringLiteral("/issues");
    request.maxPages = query.maxPages;
    request.query = { { QStringLiteral("scope"), query.scope }, { QStringLiteral("state"), query.state } };
    if (!query.labels.isEmpty())
        request.query.append({ QStringLiteral("labels"), query.labels.join(QLatin1Char(',')) });
    if (query.updatedAfter.isValid())
        request.query.append({ QStringLiteral("updated_after"), isoUtc(query.updatedAfter) });
    request.query.append({ QStringLiteral("per_page"), QStringLiteral("100") });
    return getList<GitLabIssue>(request, context, &GitLabParse::issue, std::move(done));
}

GitLabCall *GitLabClient::issue(const QString &project, qint64 iid, QObject *context, Callback<GitLabIssue> done)
{
    GitLabRequest request;
    request.path = projectPath(project) + QStringLiteral("/issues/") + QString::number(iid);
    return getObject<GitLabIssue>(request, context, &GitLabParse::issue, std::move(done));
}

GitLabCall *GitLabClient::updateIssue(const QString &project, qint64 iid, const IssueUpdate &update, QObject *context,
                                      Callback<GitLabIssue> done)
{
    GitLabRequest request;
    request.method = QByteArrayLiteral("PUT");
    request.path = projectPath(project) + QStringLiteral("/issues/") + QString::number(iid);
    request.idempotent = true;
    QJsonObject body;
    if (update.labels)
        body.insert(QLatin1StringView("labels"), update.labels->join(QLatin1Char(',')));
    if (!update.addLabels.isEmpty())
        body.insert(QLatin1StringView("add_labels"), update.addLabels.join(QLatin1Char(',')));
    if (!update.removeLabels.isEmpty())
        body.insert(QLatin1StringView("remove_labels"), update.removeLabels.join(QLatin1Char(',')));
    if (!update.stateEvent.isEmpty())
        body.insert(QLatin1StringView("state_event"), update.stateEvent);
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return getObject<GitLabIssue>(request, context, &GitLabParse::issue, std::move(done));
}

GitLabCall *GitLabClient::issueNotes(const QString &project, qint64 iid, int maxPages, QObject *context,
                                     Callback<QList<GitLabNote>> done)
{
    GitLabRequest request;
    request.path = projectPath(project) + QStringLiteral("/issues/") + QString::number(iid) + QStringLiteral("/notes");
    request.maxPages = maxPages;
    request.query = { { QStringLiteral("order_by"), QStringLiteral("created_at") },
                      { QStringLiteral("sort"), QStringLiteral("desc") } };
    return getList<GitLabNote>(request, context, &GitLabParse::note, std::move(done));
}

GitLabCall *GitLabClient::findIssueNote(const QString &project, qint64 iid, const QString &body,
                                        const QDateTime &notBefore, QObject *context,
                                        Callback<std::optional<GitLabNote>> done)
{
    // Newest first; one page is enough for a note posted moments ago.
    return issueNotes(project, iid, 1, context,
                      [done = std::move(done), body, notBefore](GitLabResult<QList<GitLabNote>> notes) {
                          GitLabResult<std::optional<GitLabNote>> result;
                          result.error = notes.error;
                          for (const GitLabNote &note : std::as_const(notes.value)) {
                              if (note.body == body
                                  && (!notBefore.isValid() || !note.createdAt.isValid() || note.createdAt >= notBefore))
                                  result.value = note;
                          }
                          done(std::move(result));
                      });
}

GitLabCall *GitLabClient::createIssueNote(const QString &project, qint64 iid, const QString &body, QObject *context,
                                          Callback<GitLabNote> done)
{
    GitLabRequest request;
    request.method = QByteArrayLiteral("POST");
    request.path = projectPath(project) + QStringLiteral("/issues/") + QString::number(iid) + QStringLiteral("/notes");
    request.body = QJsonDocument(QJsonObject { { QStringLiteral("body"), body } }).toJson(QJsonDocument::Compact);
    // Allow for clock skew between this machine and GitLab.
    const QDateTime startedAt = QDateTime::currentDateTimeUtc().addSecs(-300);
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    return getObject<GitLabNote>(
        request, context, &GitLabParse::note,
        [this, project, iid, body, startedAt, guard, hasContext, done = std::move(done)](GitLabResult<GitLabNote> r) {
            if (r.error.kind != GitLabError::Kind::MayHaveTakenEffect || (hasContext && !guard)) {
                done(std::move(r));
                return;
            }
            const GitLabError ambiguous = r.error;
            findIssueNote(project, iid, body, startedAt, guard.data(),
                          [done, ambiguous](GitLabResult<std::optional<GitLabNote>> found) {
                              GitLabResult<GitLabNote> result;
                              if (found.ok() && found.value)
                                  result.value = *found.value;
                              else
                                  result.error = ambiguous;
                              done(std::move(result));
                          });
        });
}

GitLabCall *GitLabClient::tags(const QString &project, int maxPages, QObject *context, Callback<QList<GitLabTag>> done)
{
    GitLabRequest request;
    request.path = projectPath(project) + QStringLiteral("/repository/tags");
    request.maxPages = maxPages;
    request.query = { { QStringLiteral("order_by"), QStringLiteral("updated") },
                      { QStringLiteral("sort"), QStringLiteral("desc") } };
    return getList<GitLabTag>(request, context, &GitLabParse::tag, std::move(done));
}

GitLabCall *GitLabClient::graphql(const QString &query, const QJsonObject &variables, QObject *context,
                                  Callback<GitLabGraphQLAnswer> done)
{
    GitLabRequest request;
    request.method = QByteArrayLiteral("POST");
    request.graphql = true;
    request.path = QStringLiteral("/api/graphql"); // in messages only: urlFor() knows where it is
    request.idempotent = true;
    request.body
        = QJsonDocument(QJsonObject { { QStringLiteral("query"), query }, { QStringLiteral("variables"), variables } })
              .toJson(QJsonDocument::Compact);
    return getObject<GitLabGraphQLAnswer>(request, context, &GitLabParse::graphqlAnswer, std::move(done));
}

GitLabCall *GitLabClient::commit(const QString &project, const QString &ref, QObject *context,
                                 Callback<GitLabCommit> done)
{
    GitLabRequest request;
    request.path = projectPath(project) + QStringLiteral("/repository/commits/") + encode(ref);
    return getObject<GitLabCommit>(request, context, &GitLabParse::commit, std::move(done));
}

GitLabCall *GitLabClient::branch(const QString &project, const QString &name, QObject *context,
                                 Callback<GitLabBranch> done)
{
    GitLabRequest request;
    request.path = projectPath(project) + QStringLiteral("/repository/branches/") + encode(name);
    return getObject<GitLabBranch>(request, context, &GitLabParse::branch, std::move(done));
}

GitLabCall *GitLabClient::tree(const QString &project, const QString &ref, const QString &path, QObject *context,
                               Callback<QList<GitLabTreeEntry>> done)
{
    GitLabRequest request;
    request.path = projectPath(project) + QStringLiteral("/repository/tree");
    request.query = { { QStringLiteral("ref"), ref } };
    if (!path.isEmpty())
        request.query.append({ QStringLiteral("path"), path });
    return getList<GitLabTreeEntry>(request, context, &GitLabParse::treeEntry, std::move(done));
}

GitLabCall *GitLabClient::file(const QString &project, const QString &filePath, const QString &ref, QObject *context,
                               Callback<GitLabFile> done)
{
    GitLabRequest request;
    request.path = projectPath(project) + QStringLiteral("/repository/files/") + encode(filePath);
    request.query = { { QStringLiteral("ref"), ref } };
    return getObject<GitLabFile>(request, context, &GitLabParse::file, std::move(done));
}

GitLabCall *GitLabClient::fileMeta(const QString &project, const QString &filePath, const QString &ref,
                                   QObject *context, Callback<GitLabFileMeta> done)
{
    GitLabRequest request;
    request.method = QByteArrayLiteral("HEAD");
    request.path = projectPath(project) + QStringLiteral("/repository/files/") + encode(filePath);
    request.query = { { QStringLiteral("ref"), ref } };
    return send(request, context, [done = std::move(done), path = request.path](const GitLabResponse &r) {
        GitLabResult<GitLabFileMeta> result;
        result.error = r.error;
        result.serverTime = r.serverTime;
        if (r.error.isOk()) {
            result.value.blobId = QString::fromLatin1(r.headers.value(QByteArrayLiteral("x-gitlab-blob-id")));
            result.value.commitId = QString::fromLatin1(r.headers.value(QByteArrayLiteral("x-gitlab-commit-id")));
            result.value.lastCommitId
                = QString::fromLatin1(r.headers.value(QByteArrayLiteral("x-gitlab-last-commit-id")));
            result.value.size = r.headers.value(QByteArrayLiteral("x-gitlab-size")).toLongLong();
            if (result.value.blobId.isEmpty()) {
                result.error.kind = GitLabError::Kind::Malformed;
                result.error.path = path;
                result.error.message = tr("GitLab sent no file metadata for %1.").arg(humanPath(path));
            }
        }
        done(std::move(result));
    });
}

GitLabCall *GitLabClient::pipelines(const QString &project, const PipelineQuery &query, QObject *context,
                                    Callback<QList<GitLabPipeline>> done)
{
    const GitLabRequest request = newestFirst(projectPath(project) + QStringLiteral("/pipelines"), query,
                                              QStringLiteral("id"), { QStringLiteral("ref"), query.ref });
    return getList<GitLabPipeline>(request, context, &GitLabParse::pipeline, std::move(done));
}

GitLabCall *GitLabClient::pipeline(const QString &project, qint64 pipelineId, QObject *context,
                                   Callback<GitLabPipeline> done)
{
    GitLabRequest request;
    request.path = projectPath(project) + QStringLiteral("/pipelines/") + QString::number(pipelineId);
    return getObject<GitLabPipeline>(request, context, &GitLabParse::pipeline, std::move(done));
}

GitLabCall *GitLabClient::pipelineJobs(const QString &project, qint64 pipelineId, QObject *context,
                                       Callback<QList<GitLabJob>> done)
{
    GitLabRequest request;
    request.path
        = projectPath(project) + QStringLiteral("/pipelines/") + QString::number(pipelineId) + QStringLiteral("/jobs");
    return getList<GitLabJob>(request, context, &GitLabParse::job, std::move(done));
}

GitLabCall *GitLabClient::jobTrace(const QString &project, qint64 jobId, QObject *context, Callback<QByteArray> done)
{
    GitLabRequest request;
    request.path = projectPath(project) + QStringLiteral("/jobs/") + QString::number(jobId) + QStringLiteral("/trace");
    return send(request, context, [done = std::move(done)](const GitLabResponse &r) {
        GitLabResult<QByteArray> result;
        result.error = r.error;
        if (r.error.isOk())
            result.value = r.body;
        done(std::move(result));
    });
}

GitLabCall *GitLabClient::deployments(const QString &project, const DeploymentQuery &query, QObject *context,
                                      Callback<QList<GitLabDeployment>> done)
{
    // GitLab wants order_by=updated_at together with an updated_* filter.
    const QString orderBy = query.updatedAfter.isValid() ? QStringLiteral("updated_at") : QStringLiteral("id");
    const GitLabRequest request = newestFirst(projectPath(project) + QStringLiteral("/deployments"), query, orderBy,
                                              { QStringLiteral("environment"), query.environment });
    return getList<GitLabDeployment>(request, context, &GitLabParse::deployment, std::move(done));
}

GitLabCall *GitLabClient::environments(const QString &project, QObject *context,
                                       Callback<QList<GitLabEnvironment>> done)
{
    GitLabRequest request;
    request.path = projectPath(project) + QStringLiteral("/environments");
    return getList<GitLabEnvironment>(request, context, &GitLabParse::environment, std::move(done));
}

GitLabCall *GitLabClient::compare(const QString &project, const QString &from, const QString &to, QObject *context,
                                  Callback<GitLabCompare> done)
{
    GitLabRequest request;
    request.path = projectPath(project) + QStringLiteral("/repository/compare");
    // straight=true: the two trees as they are (from..to). The default compares
    // with the merge base (from...to), which hides one side when `to` does not
    // descend from `from` (lib/api/repositories.rb).
    request.query = { { QStringLiteral("from"), from },
                      { QStringLiteral("to"), to },
                      { QStringLiteral("straight"), QStringLiteral("true") } };
    return getObject<GitLabCompare>(request, context, &GitLabParse::compare, std::move(done));
}

} // namespace Dockmaster
