#pragma once

namespace Dockmaster {

class Provisioner;

// Logs what `provisioner` does to dockmaster.provisioning (each step as it
// starts and ends, failures with their reason, the outcome), from its
// signals. The connections end with the provisioner.
void logProvisioningSteps(Provisioner *provisioner);

} // namespace Dockmaster
