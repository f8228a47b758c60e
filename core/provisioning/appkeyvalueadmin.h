#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <utility>

namespace Dockmaster {

// What provisioning needs from the platform's key/value store: each app's
// own user, limited to its own keys. An interface, so the provisioning core
// does not depend on a store's client library (the Valkey one is
// ValkeyAppAdmin, in core/platform). Every call answers `done` on the
// caller's thread, unless `context` is gone by then; an empty error is
// success.
class AppKeyValueAdmin : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QString &error)>;
    enum class OtherPasswords { Keep, Remove };

    using QObject::QObject;

    // 32 random bytes as hex: what GitLab accepts in a masked variable, and
    // too long to guess.
    static QString newPassword();

    // The CI/CD variables (name, value) that tell the app's code where its
    // store is (which need not be where the console reaches it as admin) and
    // who it is there; the password aside, which provisioning sets masked.
    virtual QList<std::pair<QString, QString>> connectionVariables(const QString &appId) const = 0;
    // The app's user exists with its rules and accepts `password`; with
    // OtherPasswords::Remove any other password it had stops working (a user
    // made again after a crash), with Keep they stay (a rotation under way).
    virtual void ensureUser(const QString &appId, const QString &password, OtherPasswords others, QObject *context,
                            Done done)
        = 0;
    // Archiving: the user and every key of the app.
    virtual void removeApp(const QString &appId, QObject *context, Done done) = 0;
};

} // namespace Dockmaster
