#pragma once

#include "sandbox/emulator/emulatorfaults.h"
#include "sandbox/emulator/emulatorstore.h"
#include "sandbox/emulator/gitlabemulator.h"

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
    std::atomic<bool> enforceRateLimit { false };
    std::atomic<int> pipelineStepMs { 150 };
    std::atomic<bool> runnerAvailable { true };

    QMutex deployMutex;
    EmulatorDeployer deployer;
    QString failNextMessage;
    bool failNext = false;
};

} // namespace Dockmaster
