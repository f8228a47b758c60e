#include "core/provisioning/provisioninglog.h"

#include "core/provisioning/provisioner.h"
#include "core/util/logging.h"
#include "core/util/redact.h"

namespace Dockmaster {

void logProvisioningSteps(Provisioner *provisioner)
{
    QObject::connect(provisioner, &Provisioner::allocated, provisioner,
                     [](const QString &appId) { qCDebug(lcProvisioning).noquote() << "allocated" << appId; });
    QObject::connect(provisioner, &Provisioner::stepStarted, provisioner, [](Provisioner::Step step) {
        qCDebug(lcProvisioning).noquote() << Provisioner::stepKey(step) << "started";
    });
    QObject::connect(provisioner, &Provisioner::stepFinished, provisioner,
                     [](Provisioner::Step step, bool alreadyDone) {
                         qCDebug(lcProvisioning).noquote()
                             << Provisioner::stepKey(step) << (alreadyDone ? "was already done" : "done");
                     });
    QObject::connect(provisioner, &Provisioner::failed, provisioner, [](Provisioner::Step step, const QString &reason) {
        qCDebug(lcProvisioning).noquote() << Provisioner::stepKey(step) << "failed:" << redacted(reason);
    });
    QObject::connect(provisioner, &Provisioner::inputRefused, provisioner,
                     [](const QList<ProvisionFieldError> &errors) {
                         qCDebug(lcProvisioning) << "input refused:" << errors.size() << "field(s)";
                     });
    QObject::connect(provisioner, &Provisioner::finished, provisioner,
                     [](const QString &appId) { qCDebug(lcProvisioning).noquote() << "created" << appId; });
    QObject::connect(provisioner, &Provisioner::archived, provisioner,
                     [](const QString &appId) { qCDebug(lcProvisioning).noquote() << "archived" << appId; });
}

} // namespace Dockmaster
