#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;
class QWidget;

namespace Dockmaster {

// One Dockmaster per profile and user: the first start listens on a local
// socket named after the profile; a second start with the same profile hands
// its arguments over, the first raises its window, and the second ends.
// Different profiles run side by side. The socket lives in the user's
// runtime folder (XDG_RUNTIME_DIR), so other users never see it.
class SingleInstance final : public QObject
{
    Q_OBJECT
public:
    // `profile` as given on the command line (empty: the default profile).
    explicit SingleInstance(const QString &profile, QObject *parent = nullptr);
    ~SingleInstance() override;

    // Tries to hand `arguments` to a running instance of the same profile.
    // True when one took them: this process should end.
    bool forwardToRunning(const QStringList &arguments) const;
    // Becomes the instance later starts talk to. False if the socket cannot
    // be created (the app then runs without the guard).
    bool listen();

    // Brings `window` to the front whenever a later start arrives.
    void raiseOnActivation(QWidget *window);

    QString serverName() const { return m_serverName; }

Q_SIGNALS:
    // A later start of the same profile, with its command line.
    void activated(const QStringList &arguments);

private:
    void readConnection();

    QString m_serverName;
    QLocalServer *m_server = nullptr;
};

} // namespace Dockmaster
