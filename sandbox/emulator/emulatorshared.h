#pragma once

#include "sandbox/emulator/emulatorfaults.h"
#include "sandbox/emulator/emulatorstate.h"
#include "sandbox/emulator/emulatorstore.h"
#include "sandbox/emulator/gitlabemulator.h"

#include <QDebug>
#include <QMutex>

#include <atomic>

namespace Dockmaster {

// State the facade (caller thread) and the server thread share; each part is
// thread-safe on its own.
struct GitLabEmulator::Shared {
    explicit Shared(const QString &dataDir)
        : store(dataDir)
    {
    }

    EmulatorStore store;
    EmulatorFaultInjector faults;
    EmulatorRequestLog log;
    std::atomic<int> rateLimit { 100000 };
    std::atomic<int> rateLimitPeriodSeconds { 60 };
    std::atomic<bool> enforceRateLimit { false };
    std::atomic<bool> rateLimitHeadersOnEveryAnswer { false };
    std::atomic<int> latencyMs { 0 };
    std::atomic<int> pipelineStepMs { 150 };
    std::atomic<bool> runnerAvailable { true };

    // Writes the store to the data folder after a change, as GitLab's
    // database holds it: a restarted emulator carries on from there.
    void saveState()
    {
        QMutexLocker lock(&store.mutex());
        QString error;
        if (!EmulatorState::save(store, &error))
            qWarning().noquote() << "emulator: could not save its state:" << error;
    }

    QMutex deployMutex;
    EmulatorDeployer deployer;
    QString failNextMessage;
    bool failNext = false;
};

} // namespace Dockmaster
