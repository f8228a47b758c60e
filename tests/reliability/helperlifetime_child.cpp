// A stand-in for a test or a sandbox in the middle of its run: it starts the
// helper processes Dockmaster's tests and sandbox use, says READY on stdout
// and waits to be killed. tst_helperlifetime kills it and checks what is left.
//
//   helperlifetime_child all STATEDIR      podman + container, pdns_server, nginx + php-fpm
//   helperlifetime_child sandbox STATEDIR  what the sandbox runs: podman + container, pdns_server
//   helperlifetime_child platform TEMPROOT a whole sandbox platform with its folder in TEMPROOT,
//                                          READY once its GitLab answers

#include "sandbox/platform/podmanengine.h"
#include "sandbox/platform/powerdnsserver.h"
#include "sandbox/platform/sandboxplatform.h"
#include "tests/render/failoverharness.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Dockmaster;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3)
        return 2;
    if (args.at(1) == QLatin1String("platform")) {
        // QTemporaryDir and the sweep look in TMPDIR.
        qputenv("TMPDIR", QFile::encodeName(args.at(2)));
        SandboxPlatform platform;
        QObject::connect(&platform, &Sandbox::ready, [] {
            std::puts("READY");
            std::fflush(stdout);
        });
        QObject::connect(&platform, &Sandbox::failed, [](const QString &message) {
            std::fprintf(stderr, "platform: %s\n", qPrintable(message));
            QCoreApplication::exit(6);
        });
        platform.start();
        return app.exec();
    }
    const bool everything = args.at(1) == QLatin1String("all");
    const QDir state(args.at(2));
    const QByteArray mark = qgetenv("DOCKMASTER_LIFETIME_MARK");

    PodmanEngine engine(state.filePath(QStringLiteral("podman")));
    if (!engine.importBusyboxImage() || !engine.startService()
        || !engine.runShellContainer(QStringLiteral("lifetime-web-1"), QStringLiteral("lifetime"),
                                     QStringLiteral("while true; do sleep 1; done # ") + QString::fromLatin1(mark))) {
        std::fprintf(stderr, "podman: %s\n", qPrintable(engine.lastError()));
        return 3;
    }
    std::unique_ptr<FailoverHarness::FrontStack> front;
    if (everything) {
        front = std::make_unique<FailoverHarness::FrontStack>();
        const QString problem = front->start(FailoverHarness::freePort());
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "front: %s\n", qPrintable(problem));
            return 4;
        }
    }
    PowerDnsServer dns(state.filePath(QStringLiteral("pdns")));
    QObject::connect(&dns, &PowerDnsServer::ready, [] {
        std::puts("READY");
        std::fflush(stdout);
    });
    QObject::connect(&dns, &PowerDnsServer::failed, [](const QString &message) {
        std::fprintf(stderr, "pdns: %s\n", qPrintable(message));
        QCoreApplication::exit(5);
    });
    dns.start({ QStringLiteral("lifetime.example") });
    return app.exec();
}
