#include "core/platform/valkeyconnection.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>

#include <hiredis/hiredis.h>
#include <hiredis/hiredis_ssl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <vector>

namespace Dockmaster {
namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::ValkeyConnection)
};

timeval toTimeval(int ms)
{
    return { ms / 1000, (ms % 1000) * 1000 };
}

ValkeyReply convert(const redisReply *reply)
{
    ValkeyReply out;
    if (!reply)
        return out;
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
        out.type = ValkeyReply::Type::Status;
        out.text = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ERROR:
        out.type = ValkeyReply::Type::Error;
        out.text = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_INTEGER:
        out.type = ValkeyReply::Type::Integer;
        out.integer = reply->integer;
        break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_VERB:
        out.type = ValkeyReply::Type::String;
        out.text = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ARRAY:
    case REDIS_REPLY_SET:
    case REDIS_REPLY_MAP:
        out.type = ValkeyReply::Type::Array;
        out.elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            out.elements.append(convert(reply->element[i]));
        break;
    default:
        break;
    }
    return out;
}

} // namespace

void ValkeyConnection::ContextFree::operator()(redisContext *context) const
{
    redisFree(context);
}

ValkeyConnection::ValkeyConnection(const ValkeyEndpoint &endpoint)
    : m_address(QStringLiteral("%1:%2").arg(endpoint.host).arg(endpoint.port))
{
    const QByteArray host = endpoint.host.toUtf8();
    m_context.reset(redisConnectWithTimeout(host.constData(), endpoint.port, toTimeval(endpoint.timeoutMs)));
    if (!m_context) {
        m_error = Text::tr("Cannot reach Valkey at %1: out of memory.").arg(m_address);
        return;
    }
    if (m_context->err) {
        m_error = Text::tr("Cannot reach Valkey at %1: %2").arg(m_address, QString::fromUtf8(m_context->errstr));
        return;
    }
    redisSetTimeout(m_context.get(), toTimeval(endpoint.timeoutMs));
    if (endpoint.tls) {
        m_error = startTls(endpoint);
        if (!m_error.isEmpty())
            return;
    }
    if (endpoint.password.isEmpty())
        return;
    QList<QByteArray> auth { QByteArrayLiteral("AUTH") };
    if (!endpoint.user.isEmpty())
        auth.append(endpoint.user.toUtf8());
    auth.append(endpoint.password.toUtf8());
    const ValkeyReply answer = command(auth);
    if (answer.isError()) {
        // The server's words ("WRONGPASS invalid username-password pair")
        // never contain the password; ours name the user.
        m_error = Text::tr("Valkey at %1 refused the credentials of %2: %3")
                      .arg(m_address, endpoint.user.isEmpty() ? QStringLiteral("default") : endpoint.user,
                           QString::fromUtf8(answer.text));
    }
}

// OpenSSL directly rather than hiredis' redisCreateSSLContext: that one
// checks the certificate's chain but not that it names the server.
QString ValkeyConnection::startTls(const ValkeyEndpoint &endpoint)
{
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> tls(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    if (!tls)
        return Text::tr("Cannot start TLS with Valkey at %1.").arg(m_address);
    SSL_CTX_set_min_proto_version(tls.get(), TLS1_2_VERSION);
    SSL_CTX_set_verify(tls.get(), SSL_VERIFY_PEER, nullptr);
    if (endpoint.caFile.isEmpty()) {
        SSL_CTX_set_default_verify_paths(tls.get());
    } else if (!QFile::exists(endpoint.caFile)
               || SSL_CTX_load_verify_locations(tls.get(), QFile::encodeName(endpoint.caFile).constData(), nullptr)
                   != 1) {
        ERR_clear_error();
        return Text::tr("Cannot read the CA certificate %1 for Valkey at %2.").arg(endpoint.caFile, m_address);
    }
    SSL *session = SSL_new(tls.get());
    if (!session)
        return Text::tr("Cannot start TLS with Valkey at %1.").arg(m_address);
    const QByteArray host = endpoint.host.toUtf8();
    if (QHostAddress(endpoint.host).isNull()) {
        // SSL_set_tlsext_host_name() without its C cast (the name for SNI).
        SSL_ctrl(session, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char *>(host.constData()));
        SSL_set1_host(session, host.constData());
    } else {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(session), host.constData());
    }
    if (redisInitiateSSL(m_context.get(), session) == REDIS_OK)
        return {}; // the context owns the session now
    const long verdict = SSL_get_verify_result(session);
    SSL_free(session);
    ERR_clear_error();
    if (verdict != X509_V_OK) {
        return Text::tr("Valkey at %1 showed a certificate that is not trusted: %2")
            .arg(m_address, QString::fromUtf8(X509_verify_cert_error_string(verdict)));
    }
    return Text::tr("TLS with Valkey at %1 failed: %2").arg(m_address, QString::fromUtf8(m_context->errstr));
}

ValkeyConnection::~ValkeyConnection() = default;

QList<ValkeyReply> ValkeyConnection::pipeline(const QList<QList<QByteArray>> &commands)
{
    QList<ValkeyReply> replies;
    replies.reserve(commands.size());
    // Unreachable, refused or broken: nothing more is sent.
    if (!m_context || !m_error.isEmpty()) {
        for (qsizetype i = 0; i < commands.size(); ++i)
            replies.append(ValkeyReply::error(m_error.toUtf8()));
        return replies;
    }
    for (const QList<QByteArray> &arguments : commands) {
        std::vector<const char *> argv;
        std::vector<size_t> lengths;
        for (const QByteArray &argument : arguments) {
            argv.push_back(argument.constData());
            lengths.push_back(size_t(argument.size()));
        }
        redisAppendCommandArgv(m_context.get(), int(argv.size()), argv.data(), lengths.data());
    }
    for (qsizetype i = 0; i < commands.size(); ++i) {
        void *raw = nullptr;
        if (redisGetReply(m_context.get(), &raw) != REDIS_OK || !raw) {
            m_error = Text::tr("The connection to Valkey at %1 broke: %2")
                          .arg(m_address, QString::fromUtf8(m_context->errstr));
            while (replies.size() < commands.size())
                replies.append(ValkeyReply::error(m_error.toUtf8()));
            return replies;
        }
        replies.append(convert(static_cast<redisReply *>(raw)));
        freeReplyObject(raw);
    }
    return replies;
}

ValkeyReply ValkeyConnection::command(const QList<QByteArray> &arguments)
{
    // One command is a pipeline of one: the same sending, the same failures.
    return pipeline({ arguments }).constFirst();
}

} // namespace Dockmaster
