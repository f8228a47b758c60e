#pragma once

#include "core/sandbox/sandbox.h"

#include <QFutureWatcher>
#include <QStringList>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace Dockmaster {

class GitLabEmulator;
class PodmanEngine;
class PowerDnsServer;
class SandboxKeyValue;

// The sandbox platform behind `dockmaster --sandbox`: a GitLab emulator with
// demo apps, release requests, tags and deployments, and (where podman runs)
// a private container engine whose demo containers serve live logs. It lives
// in a temporary folder that disappears with the app. Seeding and container
// start-up run off the UI thread.
class SandboxPlatform final : public Sandbox
{
    Q_OBJECT
public:
    // How many demo apps get containers (both environments each).
    static constexpr int AppsWithContainers = 3;
    static constexpr int HealthCheckIntervalMs = 5000;

    explicit SandboxPlatform(QObject *parent = nullptr);
    ~SandboxPlatform() override;

    // The domain suffixes the seeded inventory uses (SandboxSeeder).
    static constexpr const char *TestSuffix = "test.plugins.example";
    static constexpr const char *ProductionSuffix = "plugins.example";

    void start() override;
    bool isReady() const { return m_ready; }
    QUrl gitlabUrl() const override;
    QString adminToken() const override;
    QString testDomainSuffix() const override { return QString::fromLatin1(TestSuffix); }
    QString productionDomainSuffix() const override { return QString::fromLatin1(ProductionSuffix); }
    // As if each host ran oauth2-proxy next to its nginx (its usual port and
    // auth path). Nothing answers there: the sandbox serves no visitors
    // through the outer nginx, it only renders and checks its sites.
    static constexpr const char *EdgeAuthUrl = "http://127.0.0.1:4180/oauth2/auth";
    static constexpr const char *EdgeLoginUrl = "https://sso.plugins.example/oauth2/start";
    QString edgeAuthUrl() const override { return QString::fromLatin1(EdgeAuthUrl); }
    QString edgeLoginUrl() const override { return QString::fromLatin1(EdgeLoginUrl); }
    QString workingDirectory() const { return m_dir.path(); }
    GitLabEmulator *emulator() const { return m_emulator.get(); }
    // Apps whose containers run (empty until containersReady()).
    QStringList appsWithContainers() const { return m_appsWithContainers; }

    // Stops and deletes what sandboxes (and private podman engines) of
    // processes that died without cleaning up left in tempRoot: their
    // containers, podman services and folders. Returns the folders swept.
    // Blocks on podman; start() runs it off the UI thread.
    static QStringList sweepLeftovers(const QString &tempRoot);

private:
    struct Seeded {
        QString error; // empty on success
        QStringList appIds;
    };
    struct Containers {
        QString error;
        QStringList appIds;
    };
    QString podmanStateDir() const;
    void startContainers(const QStringList &appIds);
    void startDns();
    void startKeyValue(const QStringList &appIds);

    QTemporaryDir m_dir;
    std::unique_ptr<QTemporaryDir> m_healthDir; // health check markers
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<PodmanEngine> m_engine;
    std::unique_ptr<PowerDnsServer> m_dns;
    std::unique_ptr<SandboxKeyValue> m_keyValue;
    // The sandbox's slow, blocking work (seeding, podman commands, health
    // checks that can hang for their whole timeout when podman is unwell) runs
    // on its own threads: on the global pool it took both threads of a
    // 2-core machine, and the console's own background jobs (provisioning,
    // validation, reviews) queued behind it for minutes.
    QThreadPool m_workers;
    QFutureWatcher<Seeded> m_seeding;
    QFutureWatcher<Containers> m_containers;
    QFuture<void> m_healthChecks;
    QTimer m_healthTimer;
    QStringList m_appsWithContainers;
    bool m_ready = false;
};

} // namespace Dockmaster
