#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

struct redisContext;

namespace Dockmaster {

// Where a Valkey (or Redis) server listens and who speaks to it.
struct ValkeyEndpoint {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    QString user; // empty: the "default" user (a password given alone)
    QString password;
    int timeoutMs = 5000; // to connect, and for each answer
    // TLS: the server's certificate must chain to `caFile` (PEM; empty: the
    // system's trusted CAs) and name `host` (DNS name or IP address).
    bool tls = false;
    QString caFile;
};

// One answer of the server, in RESP's shapes.
struct ValkeyReply {
    enum class Type { Nil, Status, Error, Integer, String, Array };
    Type type = Type::Nil;
    QByteArray text; // Status, Error, String
    qint64 integer = 0;
    QList<ValkeyReply> elements;

    bool isError() const { return type == Type::Error; }
    static ValkeyReply error(const QByteArray &message) { return { Type::Error, message, 0, {} }; }
};

// A blocking connection through hiredis. Blocking on purpose: it is only
// ever used on a worker thread, one connection per job, so the simple
// synchronous API is the clearest. Not copyable; closed when destroyed.
class ValkeyConnection final
{
public:
    explicit ValkeyConnection(const ValkeyEndpoint &endpoint);
    ~ValkeyConnection();
    ValkeyConnection(const ValkeyConnection &) = delete;
    ValkeyConnection &operator=(const ValkeyConnection &) = delete;

    // Connected and, when a password was given, authenticated.
    bool isOpen() const { return m_error.isEmpty(); }
    // Why not, in words for an admin (the password never appears).
    QString error() const { return m_error; }

    // One command, its arguments binary-safe. A broken connection answers
    // with an Error reply and stays broken.
    ValkeyReply command(const QList<QByteArray> &arguments);
    // Several commands sent at once, their replies read after: one round
    // trip instead of one per command (the key browser's TYPE/TTL/MEMORY).
    QList<ValkeyReply> pipeline(const QList<QList<QByteArray>> &commands);

private:
    QString startTls(const ValkeyEndpoint &endpoint);

    struct ContextFree {
        void operator()(redisContext *context) const;
    };
    std::unique_ptr<redisContext, ContextFree> m_context;
    QString m_error;
    QString m_address;
};

} // namespace Dockmaster
