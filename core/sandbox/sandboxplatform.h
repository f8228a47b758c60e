#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace Dockmaster {

class GitLabEmulator;

// The sandbox platform behind `dockmaster --sandbox`: a GitLab emulator with
// demo apps, release requests, tags and deployments, living in a temporary
// folder that disappears with the app. Seeding runs off the UI thread.
class SandboxPlatform final : public QObject
{
    Q_OBJECT
public:
    explicit SandboxPlatform(QObject *parent = nullptr);
    ~SandboxPlatform() override;

    void start(); // ready() or failed() follows
    bool isReady() const { return m_ready; }

    QUrl gitlabUrl() const;
    QString adminToken() const;
    QString workingDirectory() const { return m_dir.path(); }
    GitLabEmulator *emulator() const { return m_emulator.get(); }

Q_SIGNALS:
    void ready();
    void failed(const QString &message);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    QFutureWatcher<QString> m_seeding; // result: error message, empty on success
    bool m_ready = false;
};

} // namespace Dockmaster
