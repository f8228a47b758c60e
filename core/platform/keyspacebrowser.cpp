#include "core/platform/keyspacebrowser.h"

#include "core/platform/appkeyspace.h"
#include "core/util/pooljob.h"
#include "core/util/threadmailbox.h"
#include "core/util/untrustedtext.h"

#include <QPointer>

namespace Dockmaster {
namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::KeyspaceBrowser)
};

// SSCAN/HSCAN until `limit` elements (a hash gives two per field), never
// SMEMBERS/HGETALL, which would block the server on a huge collection. An
// error reply is returned as it is.
ValkeyReply scanCollection(ValkeyConnection &connection, const QByteArray &command, const QByteArray &name,
                           qsizetype limit)
{
    ValkeyReply collected;
    QByteArray cursor = "0";
    do {
        const ValkeyReply step = connection.command({ command, name, cursor, "COUNT", "500" });
        if (step.isError() || step.elements.size() != 2)
            return step;
        cursor = step.elements.at(0).text;
        collected.elements += step.elements.at(1).elements;
    } while (cursor != "0" && collected.elements.size() < limit);
    return collected;
}

} // namespace

KeyspaceBrowser::KeyspaceBrowser(const ValkeyEndpoint &admin, QObject *parent)
    : QObject(parent)
    , m_admin(admin)
    , m_replies(new ThreadMailbox(this))
{
}

KeyspaceBrowser::~KeyspaceBrowser() = default;

template<typename Result>
void KeyspaceBrowser::run(QObject *context, std::function<Result(ValkeyConnection &)> work,
                          std::function<void(Result)> done)
{
    // One connection per job: jobs run side by side on the pool, and a
    // blocking connection is not shared between threads.
    runInPool<Result>(
        *m_replies,
        [endpoint = m_admin, work = std::move(work)] {
            ValkeyConnection connection(endpoint);
            return work(connection);
        },
        [guard = QPointer<QObject>(context), done = std::move(done)](Result result) {
            if (guard)
                done(std::move(result));
        });
}

KeyspacePage KeyspaceBrowser::readPage(ValkeyConnection &connection, const QString &appId, const QByteArray &cursor)
{
    KeyspacePage page;
    if (!AppKeyspace::isValidAppId(appId)) {
        page.error = AppKeyspace::invalidAppId(appId);
        return page;
    }
    if (!connection.isOpen()) {
        page.error = connection.error();
        return page;
    }
    const QByteArray prefix = AppKeyspace::keyPrefix(appId);
    const ValkeyReply step = connection.command({ "SCAN", cursor.isEmpty() ? QByteArray("0") : cursor, "MATCH",
                                                  prefix + '*', "COUNT", QByteArray::number(PageSize) });
    if (step.isError() || step.elements.size() != 2) {
        page.error = Text::tr("Valkey did not list the keys of %1: %2").arg(appId, QString::fromUtf8(step.text));
        return page;
    }
    page.cursor = step.elements.at(0).text;
    QList<QList<QByteArray>> questions;
    for (const ValkeyReply &key : step.elements.at(1).elements) {
        questions.append({ "TYPE", key.text });
        questions.append({ "TTL", key.text });
        questions.append({ "MEMORY", "USAGE", key.text });
    }
    const QList<ValkeyReply> answers = connection.pipeline(questions);
    const QList<ValkeyReply> &names = step.elements.at(1).elements;
    for (qsizetype i = 0; i < names.size(); ++i) {
        KeyspaceKey key;
        key.name = names.at(i).text.mid(prefix.size());
        key.type = QString::fromUtf8(answers.value(3 * i).text);
        const qint64 ttl = answers.value(3 * i + 1).integer;
        key.ttlSeconds = ttl >= 0 ? ttl : -1;
        const ValkeyReply &usage = answers.value(3 * i + 2);
        key.bytes = usage.type == ValkeyReply::Type::Integer ? usage.integer : -1;
        if (key.type == QLatin1String("none"))
            continue; // expired or removed between SCAN and TYPE
        page.keys.append(key);
    }
    return page;
}

KeyspaceValue KeyspaceBrowser::readValue(ValkeyConnection &connection, const QString &appId, const QByteArray &key)
{
    KeyspaceValue value;
    if (!AppKeyspace::isValidAppId(appId)) {
        value.error = AppKeyspace::invalidAppId(appId);
        return value;
    }
    if (!connection.isOpen()) {
        value.error = connection.error();
        return value;
    }
    const QByteArray name = AppKeyspace::keyPrefix(appId) + key;
    const QByteArray type = connection.command({ "TYPE", name }).text;
    value.type = QString::fromUtf8(type);
    const QByteArray last = QByteArray::number(KeyspaceValue::ValueLimit - 1);
    ValkeyReply body;
    if (type == "string") {
        value.length = connection.command({ "STRLEN", name }).integer;
        body = connection.command({ "GETRANGE", name, "0", last });
        value.text = body.text;
        value.truncated = value.length > value.text.size();
    } else if (type == "list") {
        value.length = connection.command({ "LLEN", name }).integer;
        body = connection.command({ "LRANGE", name, "0", last });
    } else if (type == "set") {
        value.length = connection.command({ "SCARD", name }).integer;
        body = scanCollection(connection, "SSCAN", name, KeyspaceValue::ValueLimit);
    } else if (type == "hash") {
        value.length = connection.command({ "HLEN", name }).integer;
        body = scanCollection(connection, "HSCAN", name, 2 * KeyspaceValue::ValueLimit);
    } else if (type == "zset") {
        value.length = connection.command({ "ZCARD", name }).integer;
        body = connection.command({ "ZRANGE", name, "0", last, "WITHSCORES" });
    } else if (type == "none") {
        value.error = Text::tr("The key %1 no longer exists.").arg(UntrustedText::line(QString::fromUtf8(key)));
        return value;
    } else {
        value.error = Text::tr("Keys of type %1 are not shown here.").arg(value.type.left(40));
        return value;
    }
    if (body.isError()) {
        value.error = Text::tr("Valkey did not read %1: %2")
                          .arg(UntrustedText::line(QString::fromUtf8(key)), QString::fromUtf8(body.text));
        return value;
    }
    if (type == "list" || type == "set") {
        for (const ValkeyReply &item : body.elements.mid(0, KeyspaceValue::ValueLimit))
            value.items.append(item.text);
        value.truncated = value.length > value.items.size();
    } else if (type == "hash" || type == "zset") {
        for (qsizetype i = 0; i + 1 < body.elements.size() && value.entries.size() < KeyspaceValue::ValueLimit; i += 2)
            value.entries.append({ body.elements.at(i).text, body.elements.at(i + 1).text });
        value.truncated = value.length > value.entries.size();
    }
    return value;
}

void KeyspaceBrowser::page(const QString &appId, const QByteArray &cursor, QObject *context,
                           std::function<void(KeyspacePage)> done)
{
    run<KeyspacePage>(
        context, [appId, cursor](ValkeyConnection &connection) { return readPage(connection, appId, cursor); },
        std::move(done));
}

void KeyspaceBrowser::value(const QString &appId, const QByteArray &key, QObject *context,
                            std::function<void(KeyspaceValue)> done)
{
    run<KeyspaceValue>(
        context, [appId, key](ValkeyConnection &connection) { return readValue(connection, appId, key); },
        std::move(done));
}

void KeyspaceBrowser::setString(const QString &appId, const QByteArray &key, const QByteArray &value, QObject *context,
                                std::function<void(QString)> done)
{
    run<QString>(
        context,
        [appId, key, value](ValkeyConnection &connection) -> QString {
            if (!AppKeyspace::isValidAppId(appId))
                return AppKeyspace::invalidAppId(appId);
            // KEEPTTL: editing the value does not change when it expires.
            const ValkeyReply reply
                = connection.command({ "SET", AppKeyspace::keyPrefix(appId) + key, value, "KEEPTTL" });
            return reply.isError()
                ? Text::tr("Valkey did not store %1: %2")
                      .arg(UntrustedText::line(QString::fromUtf8(key)), QString::fromUtf8(reply.text))
                : QString();
        },
        std::move(done));
}

void KeyspaceBrowser::remove(const QString &appId, const QByteArray &key, QObject *context,
                             std::function<void(QString)> done)
{
    run<QString>(
        context,
        [appId, key](ValkeyConnection &connection) -> QString {
            if (!AppKeyspace::isValidAppId(appId))
                return AppKeyspace::invalidAppId(appId);
            const ValkeyReply reply = connection.command({ "UNLINK", AppKeyspace::keyPrefix(appId) + key });
            return reply.isError()
                ? Text::tr("Valkey did not remove %1: %2")
                      .arg(UntrustedText::line(QString::fromUtf8(key)), QString::fromUtf8(reply.text))
                : QString();
        },
        std::move(done));
}

} // namespace Dockmaster
