#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace Dockmaster {

class SecretStore;

// Callers that need one keychain entry: the first one asks the keychain, and
// everyone waiting for that key is answered with what it said. A keychain
// failure reads as "not found" (the caller says what is missing).
class SecretReader final : public QObject
{
    Q_OBJECT
public:
    using Use = std::function<void(const QString &secret, bool found)>;

    explicit SecretReader(SecretStore *secrets, QObject *parent = nullptr);

    void read(const QString &key, Use use);

private:
    void answer(const QString &key, const QString &secret, bool found);

    QPointer<SecretStore> m_secrets;
    QHash<QString, QList<Use>> m_waiting;
};

} // namespace Dockmaster
