#include "core/platform/appkeyspace.h"

#include "core/platform/valkeyconnection.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>

namespace Dockmaster {
namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::AppKeyspace)
};

QByteArray passwordHash(const QString &password)
{
    return QCryptographicHash::hash(password.toUtf8(), QCryptographicHash::Sha256).toHex();
}

// How many keys one SCAN step asks for, and one UNLINK removes.
constexpr int ScanBatch = 1000;

} // namespace

bool AppKeyspace::isValidAppId(const QString &appId)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    return pattern.match(appId).hasMatch();
}

QByteArray AppKeyspace::userName(const QString &appId)
{
    return appId.toUtf8();
}

QString AppKeyspace::invalidAppId(const QString &appId)
{
    return Text::tr("%1 is not an app id (lower-case letters, digits and dashes).").arg(appId.left(80));
}

QByteArray AppKeyspace::keyPrefix(const QString &appId)
{
    return '{' + appId.toUtf8() + "}:";
}

QList<QByteArray> AppKeyspace::rules(const QString &appId)
{
    const QByteArray prefix = keyPrefix(appId);
    return {
        "on",
        "resetkeys",
        "resetchannels",
        '~' + prefix + '*',
        '&' + prefix + '*',
        // Everything, then away with what reaches beyond the app's own keys.
        "nocommands",
        "+@all",
        "-@dangerous",
        "-@admin",
        "-@scripting",
        // Other databases, where the app's keys would escape the console's view.
        "-select",
        "-move",
        "-swapdb",
        // Commands without a key that would show other apps' key or channel names.
        "-scan",
        "-randomkey",
        "-dbsize",
        "-pubsub",
        "-memory",
        "+memory|usage",
    };
}

AppKeyspaceAdmin::AppKeyspaceAdmin(ValkeyConnection &admin)
    : m_nodes { &admin }
{
}

AppKeyspaceAdmin::AppKeyspaceAdmin(const QList<ValkeyConnection *> &nodes)
    : m_nodes(nodes)
{
}

QString AppKeyspaceAdmin::setUser(const QString &appId, const QList<QByteArray> &arguments)
{
    if (!AppKeyspace::isValidAppId(appId))
        return AppKeyspace::invalidAppId(appId);
    QList<QByteArray> command { "ACL", "SETUSER", AppKeyspace::userName(appId) };
    command += arguments;
    // Every node: a cluster does not share its ACL users. Done again, it
    // changes nothing, so a failure part-way is mended by trying again.
    for (ValkeyConnection *node : std::as_const(m_nodes)) {
        const ValkeyReply reply = node->command(command);
        if (reply.isError())
            return Text::tr("Valkey did not change the user of %1: %2").arg(appId, QString::fromUtf8(reply.text));
    }
    return {};
}

QString AppKeyspaceAdmin::ensureUser(const QString &appId, const QString &password,
                                     AppKeyValueAdmin::OtherPasswords others)
{
    QList<QByteArray> arguments;
    if (others == AppKeyValueAdmin::OtherPasswords::Remove)
        arguments.append("resetpass");
    arguments.append('#' + passwordHash(password));
    arguments += AppKeyspace::rules(appId);
    return setUser(appId, arguments);
}

QString AppKeyspaceAdmin::addPassword(const QString &appId, const QString &password)
{
    return setUser(appId, { '#' + passwordHash(password) });
}

QString AppKeyspaceAdmin::removePassword(const QString &appId, const QString &password)
{
    return setUser(appId, { '!' + passwordHash(password) });
}

QString AppKeyspaceAdmin::removeApp(const QString &appId, qint64 *keysRemoved)
{
    if (keysRemoved)
        *keysRemoved = 0;
    if (!AppKeyspace::isValidAppId(appId))
        return AppKeyspace::invalidAppId(appId);
    // The user first, everywhere: its connections close, so no key is
    // written behind the sweep.
    for (ValkeyConnection *node : std::as_const(m_nodes)) {
        const ValkeyReply deleted = node->command({ "ACL", "DELUSER", AppKeyspace::userName(appId) });
        if (deleted.isError())
            return Text::tr("Valkey did not remove the user of %1: %2").arg(appId, QString::fromUtf8(deleted.text));
    }
    for (ValkeyConnection *node : std::as_const(m_nodes)) {
        if (const QString problem = removeKeysOn(*node, appId, keysRemoved); !problem.isEmpty())
            return problem;
    }
    return {};
}

QString AppKeyspaceAdmin::removeKeysOn(ValkeyConnection &node, const QString &appId, qint64 *keysRemoved)
{
    // SCAN, never KEYS: the server keeps answering others between the steps.
    // In a cluster each node lists its own keys; the app's (one hash tag,
    // one slot) are on one of them.
    const QByteArray match = AppKeyspace::keyPrefix(appId) + '*';
    QByteArray cursor = "0";
    do {
        const ValkeyReply step
            = node.command({ "SCAN", cursor, "MATCH", match, "COUNT", QByteArray::number(ScanBatch) });
        if (step.isError() || step.elements.size() != 2)
            return Text::tr("Valkey did not list the keys of %1: %2").arg(appId, QString::fromUtf8(step.text));
        cursor = step.elements.at(0).text;
        QList<QByteArray> unlink { "UNLINK" };
        for (const ValkeyReply &key : step.elements.at(1).elements)
            unlink.append(key.text);
        if (unlink.size() == 1)
            continue;
        const ValkeyReply removed = node.command(unlink);
        // A replica lists its master's keys and sends the removal there.
        if (removed.isError() && (removed.text.startsWith("MOVED") || removed.text.startsWith("READONLY")))
            return {};
        if (removed.isError())
            return Text::tr("Valkey did not remove the keys of %1: %2").arg(appId, QString::fromUtf8(removed.text));
        if (keysRemoved)
            *keysRemoved += removed.integer;
    } while (cursor != "0");
    return {};
}

} // namespace Dockmaster
