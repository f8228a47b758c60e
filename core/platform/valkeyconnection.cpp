#include "core/platform/valkeyconnection.h"

#include <QCoreApplication>

#include <hiredis/hiredis.h>
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
