// A console's provisioning of a new app in a process of its own, for
// tst_durableprovisioning to SIGKILL at one of its steps: the real
// provisioner, inventory allocator and PowerDNS provider against the
// emulator and a real pdns_server. STOP names a step ("code-repository":
// as it starts) or a step's first write GitLab answered
// ("code-repository:written"); there it says "stopped at STOP" and waits for
// the kill. "none" runs to the end. It prints "allocated APPID" as soon as
// the inventory holds the app.
//
//   provision_child provision PROFILE URL TOKEN ADMIN STOP PDNSURL PDNSKEY ZONE NAME OWNER
//
// Exits 0 when the app was provisioned, 1 when provisioning failed.

#include "core/dns/powerdnsprovider.h"
#include "core/git/gitlibrary.h"
#include "core/provisioning/inventoryallocator.h"
#include "core/provisioning/provisioner.h"
#include "tests/reliability/childconsole.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Dockmaster;
using namespace Dockmaster::Test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    GitLibrary git;
    const QStringList args = app.arguments();
    if (args.size() < 12)
        return 2;
    ChildConsole console(args);
    InventoryAllocator allocator(&console.client, QStringLiteral("plugins/ops/inventory"));
    PowerDnsProvider dns(QUrl(args.at(7)), args.at(8), { args.at(9) });
    Provisioner provisioner(&console.client, &allocator);
    provisioner.setDnsProvider(&dns);

    QString current;
    QObject::connect(&provisioner, &Provisioner::stepStarted, &app, [&current](Provisioner::Step step) {
        current = Provisioner::stepKey(step);
        reached(qPrintable(current));
    });
    QObject::connect(&provisioner, &Provisioner::allocated, &app, [](const QString &appId) {
        std::printf("allocated %s\n", qPrintable(appId));
        std::fflush(stdout);
    });
    // A write of the current step that GitLab answered (its effect is made,
    // the provisioner has not seen the answer yet).
    if (auto *network = console.client.findChild<QNetworkAccessManager *>()) {
        QObject::connect(network, &QNetworkAccessManager::finished, &app, [&current](QNetworkReply *reply) {
            const QByteArray verb = reply->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
            const bool writes = reply->operation() == QNetworkAccessManager::PostOperation
                || reply->operation() == QNetworkAccessManager::PutOperation || verb == "POST" || verb == "PUT";
            if (writes && reply->error() == QNetworkReply::NoError && !current.isEmpty())
                reached(qPrintable(current + QStringLiteral(":written")));
        });
    }
    int exitCode = 0;
    QObject::connect(&provisioner, &Provisioner::finished, &app, [&app](const QString &) { app.exit(0); });
    QObject::connect(&provisioner, &Provisioner::failed, &app,
                     [&app, &exitCode](Provisioner::Step, const QString &reason) {
                         std::fprintf(stderr, "provisioning failed: %s\n", qPrintable(reason));
                         exitCode = 1;
                         app.exit(1);
                     });
    QObject::connect(&provisioner, &Provisioner::inputRefused, &app, [&app, &exitCode] {
        exitCode = 1;
        app.exit(1);
    });
    ProvisionRequest request;
    request.name = args.at(10);
    request.owner = args.at(11);
    request.description = QStringLiteral("Made by a console that is killed mid-way.");
    request.environments = { QStringLiteral("test"), QStringLiteral("production") };
    request.fallbackMode = QStringLiteral("hardened-php");
    provisioner.start(request);
    const int code = app.exec();
    return code == 0 ? exitCode : code;
}
