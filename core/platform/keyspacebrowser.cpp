#include "core/platform/keyspacebrowser.h"

#include "core/platform/appkeyspace.h"
#include "core/platform/clusternodes.h"
#include "core/util/pooljob.h"
#include "core/util/threadmailbox.h"
#include "core/util/untrustedtext.h"

#include <QPointer>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <functional>

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

ValkeyEndpoint KeyspaceBrowser::nodeFor(const ValkeyEndpoint &admin, ValkeyConnection &connection, const QString &appId)
{
    // In a cluster the app's keys all hash to one slot (the prefix is a hash
    // tag), which one primary serves: SCAN on any other node finds none.
    const ValkeyReply slot = connection.command({ "CLUSTER", "KEYSLOT", AppKeyspace::keyPrefix(appId) });
    if (slot.type != ValkeyReply::Type::Integer)
        return admin; // "cluster support disabled": one server holds everything
    const std::optional<ClusterNode> owner = ClusterNodes::ownerOf(
        ClusterNodes::parse(connection.command({ "CLUSTER", "NODES" }).text), int(slot.integer));
    if (!owner)
        return admin; // the cluster is down: the commands will say so
    ValkeyEndpoint node = admin;
    node.host = owner->host;
    node.port = owner->port;
    return node;
}

template<typename Result>
void KeyspaceBrowser::run(const QString &appId, QObject *context, std::function<Result(ValkeyConnection &)> work,
                          std::function<void(Result)> done)
{
    // One connection per job: jobs run side by side on the pool, and a
    // blocking connection is not shared between threads.
    runInPool<Result>(
        *m_replies,
        [endpoint = m_admin, appId, work = std::move(work)] {
            ValkeyConnection connection(endpoint);
            if (!connection.isOpen() || !AppKeyspace::isValidAppId(appId))
                return work(connection);
            const ValkeyEndpoint node = nodeFor(endpoint, connection, appId);
            if (node.host == endpoint.host && node.port == endpoint.port)
                return work(connection);
            ValkeyConnection owner(node);
            return work(owner);
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

KeyspaceSummary KeyspaceBrowser::readSummary(ValkeyConnection &connection, const QString &appId)
{
    KeyspaceSummary summary;
    // SCAN may name a key twice (a rehash between two steps): each is
    // counted once.
    QSet<QByteArray> seen;
    QByteArray cursor = "0";
    do {
        const KeyspacePage page = readPage(connection, appId, cursor);
        if (!page.error.isEmpty()) {
            summary.error = page.error;
            return summary;
        }
        for (const KeyspaceKey &key : page.keys) {
            if (seen.contains(key.name))
                continue;
            seen.insert(key.name);
            ++summary.keys;
            summary.bytes += std::max<qint64>(key.bytes, 0);
            const auto at = std::find_if(summary.largest.begin(), summary.largest.end(),
                                         [&key](const KeyspaceKey &other) { return other.bytes < key.bytes; });
            if (at - summary.largest.begin() < KeyspaceSummary::LargestCount) {
                summary.largest.insert(at, key);
                if (summary.largest.size() > KeyspaceSummary::LargestCount)
                    summary.largest.removeLast();
            }
        }
        cursor = page.cursor;
    } while (cursor != "0");
    return summary;
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
        appId, context, [appId, cursor](ValkeyConnection &connection) { return readPage(connection, appId, cursor); },
        std::move(done));
}

void KeyspaceBrowser::value(const QString &appId, const QByteArray &key, QObject *context,
                            std::function<void(KeyspaceValue)> done)
{
    run<KeyspaceValue>(
        appId, context, [appId, key](ValkeyConnection &connection) { return readValue(connection, appId, key); },
        std::move(done));
}

void KeyspaceBrowser::summary(const QString &appId, QObject *context, std::function<void(KeyspaceSummary)> done)
{
    run<KeyspaceSummary>(
        appId, context, [appId](ValkeyConnection &connection) { return readSummary(connection, appId); },
        std::move(done));
}

namespace {

// WATCH, read, compare, then MULTI, the writes, EXEC: the writes happen only
// if the key still holds what the admin was shown, and nobody wrote it in
// between (EXEC answers nil then), so a plugin's write is never lost.
// `refusal` says why not from what `read` answered, or nothing.
QString writeIfUnchanged(ValkeyConnection &connection, const QByteArray &name, const QString &shown,
                         const QList<QByteArray> &read, const std::function<QString(const ValkeyReply &)> &refusal,
                         const QList<QList<QByteArray>> &writes)
{
    if (!connection.isOpen())
        return connection.error();
    const QList<ValkeyReply> replies = connection.pipeline({ { "WATCH", name }, read });
    if (replies.size() != 2 || replies.at(0).isError() || replies.at(1).isError())
        return Text::tr("Valkey did not read %1: %2")
            .arg(shown, QString::fromUtf8(replies.value(1).isError() ? replies.value(1).text : replies.value(0).text));
    if (const QString why = refusal(replies.at(1)); !why.isEmpty()) {
        connection.command({ "UNWATCH" });
        return why;
    }
    QList<QList<QByteArray>> transaction { { "MULTI" } };
    transaction += writes;
    transaction.append({ "EXEC" });
    const ValkeyReply exec = connection.pipeline(transaction).value(transaction.size() - 1);
    if (exec.isError())
        return Text::tr("Valkey did not store %1: %2").arg(shown, QString::fromUtf8(exec.text));
    if (exec.type == ValkeyReply::Type::Nil)
        return Text::tr("%1 changed while it was being stored; it was not overwritten. Read it again, then edit.")
            .arg(shown);
    for (const ValkeyReply &reply : exec.elements)
        if (reply.isError())
            return Text::tr("Valkey did not store %1: %2").arg(shown, QString::fromUtf8(reply.text));
    return {};
}

QString changedSinceShown(const QString &shown)
{
    return Text::tr("%1 changed since it was shown (the plugin wrote it, or another admin); it was not "
                    "overwritten. Read it again, then edit.")
        .arg(shown);
}

} // namespace

void KeyspaceBrowser::setString(const QString &appId, const QByteArray &key, const QByteArray &expected,
                                const QByteArray &value, QObject *context, std::function<void(QString)> done)
{
    run<QString>(
        appId, context,
        [appId, key, expected, value](ValkeyConnection &connection) -> QString {
            if (!AppKeyspace::isValidAppId(appId))
                return AppKeyspace::invalidAppId(appId);
            const QByteArray name = AppKeyspace::keyPrefix(appId) + key;
            const QString shown = UntrustedText::line(QString::fromUtf8(key));
            const auto refusal = [&](const ValkeyReply &now) {
                return now.type == ValkeyReply::Type::String && now.text == expected ? QString()
                                                                                     : changedSinceShown(shown);
            };
            // KEEPTTL: editing the value does not change when it expires.
            return writeIfUnchanged(connection, name, shown, { "GET", name }, refusal,
                                    { { "SET", name, value, "KEEPTTL" } });
        },
        std::move(done));
}

void KeyspaceBrowser::setElement(const QString &appId, const QByteArray &key, const KeyspaceElement &element,
                                 const QByteArray &expected, const QByteArray &value, QObject *context,
                                 std::function<void(QString)> done)
{
    run<QString>(
        appId, context,
        [appId, key, element, expected, value](ValkeyConnection &connection) -> QString {
            if (!AppKeyspace::isValidAppId(appId))
                return AppKeyspace::invalidAppId(appId);
            const QByteArray name = AppKeyspace::keyPrefix(appId) + key;
            const QString shown = UntrustedText::line(QString::fromUtf8(key));
            const auto sameText = [&](const ValkeyReply &now) {
                return now.type == ValkeyReply::Type::String && now.text == expected ? QString()
                                                                                     : changedSinceShown(shown);
            };
            if (element.type == QLatin1String("hash"))
                return writeIfUnchanged(connection, name, shown, { "HGET", name, element.member }, sameText,
                                        { { "HSET", name, element.member, value } });
            if (element.type == QLatin1String("list"))
                return writeIfUnchanged(connection, name, shown, { "LINDEX", name, QByteArray::number(element.index) },
                                        sameText, { { "LSET", name, QByteArray::number(element.index), value } });
            if (element.type == QLatin1String("zset")) {
                bool number = false;
                const double score = value.trimmed().toDouble(&number);
                if (!number || std::isnan(score))
                    return Text::tr("A score is a number, such as 12 or 0.5.");
                // XX: only a member that is still there gets the new score.
                return writeIfUnchanged(connection, name, shown, { "ZSCORE", name, element.member }, sameText,
                                        { { "ZADD", name, "XX", value.trimmed(), element.member } });
            }
            if (element.type == QLatin1String("set")) {
                if (value == element.member)
                    return {};
                // The old member still there, the new one not yet: renaming
                // onto an existing member would quietly lose one of them.
                const auto renamable = [&](const ValkeyReply &now) {
                    if (now.elements.size() != 2 || now.elements.at(0).integer != 1)
                        return changedSinceShown(shown);
                    if (now.elements.at(1).integer != 0)
                        return Text::tr("%1 already holds that member.").arg(shown);
                    return QString();
                };
                return writeIfUnchanged(connection, name, shown, { "SMISMEMBER", name, element.member, value },
                                        renamable, { { "SREM", name, element.member }, { "SADD", name, value } });
            }
            return Text::tr("Elements of type %1 are not edited here.").arg(element.type.left(40));
        },
        std::move(done));
}

void KeyspaceBrowser::remove(const QString &appId, const QByteArray &key, QObject *context,
                             std::function<void(QString)> done)
{
    run<QString>(
        appId, context,
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
