#pragma once

#include "core/platform/keyspacetypes.h"
#include "core/platform/valkeyconnection.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <functional>

namespace Dockmaster {

class ThreadMailbox;

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
    void summary(const QString &appId, QObject *context, std::function<void(KeyspaceSummary)> done);
    // Empty on success, else why not.
    // Stores `value` only if the key still holds `expected` (what the admin
    // was shown and edited), so a plugin's write in between is never lost.
    void setString(const QString &appId, const QByteArray &key, const QByteArray &expected, const QByteArray &value,
                   QObject *context, std::function<void(QString)> done);
    // The same for one element: a hash field's value, a list element or a
    // sorted set member's score is replaced only if it still holds
    // `expected`; a set member is renamed to `value` only if it is still
    // there and `value` is not.
    void setElement(const QString &appId, const QByteArray &key, const KeyspaceElement &element,
                    const QByteArray &expected, const QByteArray &value, QObject *context,
                    std::function<void(QString)> done);
    void remove(const QString &appId, const QByteArray &key, QObject *context, std::function<void(QString)> done);

    static KeyspacePage readPage(ValkeyConnection &connection, const QString &appId, const QByteArray &cursor);
    static KeyspaceSummary readSummary(ValkeyConnection &connection, const QString &appId);
    static KeyspaceValue readValue(ValkeyConnection &connection, const QString &appId, const QByteArray &key);

private:
    // Runs `work` on the pool with a connection to the node that holds the
    // app's keys (in a cluster, the primary serving their slot).
    template<typename Result>
    void run(const QString &appId, QObject *context, std::function<Result(ValkeyConnection &)> work,
             std::function<void(Result)> done);
    static ValkeyEndpoint nodeFor(const ValkeyEndpoint &admin, ValkeyConnection &connection, const QString &appId);

    ValkeyEndpoint m_admin;
    ThreadMailbox *m_replies; // child
};

} // namespace Dockmaster
