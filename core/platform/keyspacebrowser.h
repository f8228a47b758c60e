#pragma once

#include "core/platform/valkeyconnection.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <functional>

namespace Dockmaster {

class ThreadMailbox;

// One key of an app's namespace, as the Platform services tab lists it.
struct KeyspaceKey {
    QByteArray name;        // without the app's prefix
    QString type;           // "string", "hash", "list", "set", "zset", "stream"
    qint64 ttlSeconds = -1; // -1: no expiry
    qint64 bytes = -1;      // MEMORY USAGE; -1 when unknown
};

// One step through the namespace (SCAN by prefix, never KEYS). A key may
// show up on two pages (SCAN's promise is "at least once"); cursor "0" ends.
struct KeyspacePage {
    QList<KeyspaceKey> keys;
    QByteArray cursor = "0";
    QString error;
    bool atEnd() const { return cursor == "0"; }
};

// A key's value, bounded: at most ValueLimit elements (or bytes of a string).
struct KeyspaceValue {
    QString type;
    QByteArray text;                              // string
    QList<QByteArray> items;                      // list, set
    QList<QPair<QByteArray, QByteArray>> entries; // hash: field, value; zset: member, score
    qint64 length = 0;                            // elements (or bytes) in the server
    bool truncated = false;
    QString error;
    static constexpr int ValueLimit = 1000;
};

// Reads and changes an app's keys with the platform's admin credentials, on
// the thread pool: every call answers `done` on the caller's thread, unless
// `context` is gone by then. Key names are given without the app's prefix,
// which is always added here, so no call can reach another app's keys.
class KeyspaceBrowser final : public QObject
{
    Q_OBJECT
public:
    explicit KeyspaceBrowser(const ValkeyEndpoint &admin, QObject *parent = nullptr);
    ~KeyspaceBrowser() override;

    static constexpr int PageSize = 500;

    void page(const QString &appId, const QByteArray &cursor, QObject *context, std::function<void(KeyspacePage)> done);
    void value(const QString &appId, const QByteArray &key, QObject *context, std::function<void(KeyspaceValue)> done);
    // Empty on success, else why not.
    void setString(const QString &appId, const QByteArray &key, const QByteArray &value, QObject *context,
                   std::function<void(QString)> done);
    void remove(const QString &appId, const QByteArray &key, QObject *context, std::function<void(QString)> done);

    static KeyspacePage readPage(ValkeyConnection &connection, const QString &appId, const QByteArray &cursor);
    static KeyspaceValue readValue(ValkeyConnection &connection, const QString &appId, const QByteArray &key);

private:
    template<typename Result>
    void run(QObject *context, std::function<Result(ValkeyConnection &)> work, std::function<void(Result)> done);

    ValkeyEndpoint m_admin;
    ThreadMailbox *m_replies; // child
};

} // namespace Dockmaster
