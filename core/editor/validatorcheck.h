#pragma once

#include "core/editor/configcheck.h"
#include "core/render/configvalidation.h"

namespace Dockmaster {

// Validates with the renderer's checks: the real nginx -t, php-fpm -t,
// docker-compose config and YAML parse when installed, else their structural
// fallbacks. Files those checks do not know, and half-merged files, get the
// editor's StructuralConfigCheck.
class ValidatorConfigCheck final : public ConfigCheck
{
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::ValidatorConfigCheck)
public:
    ValidatorConfigCheck();
    explicit ValidatorConfigCheck(ConfigValidation::Tools tools);

    QList<ValidationIssue> check(const QString &path, const QString &text) const override;

private:
    ConfigValidation::Tools m_tools;
};

} // namespace Dockmaster
