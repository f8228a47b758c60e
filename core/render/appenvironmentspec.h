#pragma once

#include "core/domain/environment.h"
#include "core/render/renderfield.h"

#include <QString>
#include <QStringList>

#include <array>

namespace Dockmaster {

enum class FallbackMode { HardenedPhp, StaticMaintenance };

QString fallbackModeKey(FallbackMode mode); // "hardened-php" | "static-maintenance"

// The unchecked draft of one app environment, exactly as a form, the
// inventory or a third party supplied it: every field is raw text. Nothing
// renders from this type; RenderInput::validate() turns it into a RenderInput.
class AppEnvironmentSpec
{
public:
    AppEnvironmentSpec() = default;

    // Platform defaults for an app's environment; host, address, ports and
    // domain still have to come from the inventory.
    static AppEnvironmentSpec withDefaults(const QString &appId, Environment environment);

    QString value(RenderField field) const { return m_values.at(index(field)); }
    void setValue(RenderField field, const QString &value) { m_values.at(index(field)) = value; }

    // Extra environment variable names travel as one comma-separated field.
    void setExtraEnvNames(const QStringList &names);

private:
    static std::size_t index(RenderField field) { return static_cast<std::size_t>(field); }

    std::array<QString, RenderFieldCount> m_values;
};

} // namespace Dockmaster
