#pragma once

#include "core/provisioning/appkeyvalueadmin.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Dockmaster {

class ValkeyConnection;

// An app's own part of the platform's Valkey: the keys and channels under
// its prefix, reached by an ACL user of its own that can do nothing else.
//
// The prefix is "{<app id>}:": the braces are a hash tag, so in a Valkey
// Cluster every key of an app hashes to one slot and multi-key commands
// (MGET, transactions) keep working for the plugin.
namespace AppKeyspace {

// Lower-case letters, digits and dashes, as app ids are made: nothing that
// could widen a key pattern ("*", "?", "[") or split an ACL rule.
bool isValidAppId(const QString &appId);
QByteArray userName(const QString &appId);
QByteArray keyPrefix(const QString &appId);
// What to say when isValidAppId() refuses one.
QString invalidAppId(const QString &appId);

// The rules of the app's user after its passwords (ACL SETUSER arguments):
// its own keys and channels, every command except those that reach beyond
// them or the server (dangerous and admin commands, scripts, other
// databases, listing the key space or the channels of others).
QList<QByteArray> rules(const QString &appId);

} // namespace AppKeyspace

// What Dockmaster does to an app's keyspace with the platform's admin
// credentials, on one server or on every node of a Valkey Cluster (whose
// nodes each keep their own ACL users). Blocking calls: for a worker thread.
// Each returns an empty string on success, else what went wrong.
// Passwords travel as SHA-256 hashes ("#…"), never in clear.
class AppKeyspaceAdmin final
{
public:
    explicit AppKeyspaceAdmin(ValkeyConnection &admin);
    explicit AppKeyspaceAdmin(const QList<ValkeyConnection *> &nodes);

    // The app's user exists with exactly its rules, enabled, and accepts
    // `password`; other passwords it has are kept (a rotation may be under
    // way) or removed, as `others` says.
    QString ensureUser(const QString &appId, const QString &password,
                       AppKeyValueAdmin::OtherPasswords others = AppKeyValueAdmin::OtherPasswords::Keep);
    // Rotation without downtime: add the new password, deploy, remove the old.
    QString addPassword(const QString &appId, const QString &password);
    QString removePassword(const QString &appId, const QString &password);
    // Archiving: the user (its connections are closed) and every key of the app.
    QString removeApp(const QString &appId, qint64 *keysRemoved = nullptr);

private:
    QString setUser(const QString &appId, const QList<QByteArray> &arguments);
    static QString removeKeysOn(ValkeyConnection &node, const QString &appId, qint64 *keysRemoved);

    QList<ValkeyConnection *> m_nodes;
};

} // namespace Dockmaster
