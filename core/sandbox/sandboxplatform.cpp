#include "sandbox/sandboxplatform.h"

#include "emulator/gitlabemulator.h"
#include "emulator/sandboxseeder.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Dockmaster {

SandboxPlatform::SandboxPlatform(QObject *parent)
    : QObject(parent)
{
    connect(&m_seeding, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_seeding.result();
        if (!error.isEmpty()) {
            Q_EMIT failed(error);
            return;
        }
        if (!m_emulator->start()) {
            Q_EMIT failed(tr("The sandbox platform could not listen on a local port."));
            return;
        }
        m_ready = true;
        Q_EMIT ready();
    });
}

SandboxPlatform::~SandboxPlatform()
{
    m_seeding.waitForFinished(); // the seeder writes into m_emulator
    if (m_emulator)
        m_emulator->stop();
}

void SandboxPlatform::start()
{
    if (!m_dir.isValid()) {
        Q_EMIT failed(tr("No temporary folder for the sandbox platform: %1").arg(m_dir.errorString()));
        return;
    }
    m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
    // Nothing else touches the emulator until it is started, so the worker
    // thread has it to itself while seeding (about a second of git work).
    GitLabEmulator *emulator = m_emulator.get();
    m_seeding.setFuture(QtConcurrent::run([emulator]() -> QString {
        const SandboxSeedResult result = SandboxSeeder(*emulator).seed();
        if (result.appIds.isEmpty())
            return tr("The sandbox platform could not be prepared.");
        return QString();
    }));
}

QUrl SandboxPlatform::gitlabUrl() const
{
    return m_emulator ? m_emulator->baseUrl() : QUrl();
}

QString SandboxPlatform::adminToken() const
{
    return m_emulator ? m_emulator->adminToken() : QString();
}

} // namespace Dockmaster
