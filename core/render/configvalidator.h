#pragma once

#include "core/render/configvalidation.h"

#include <QObject>

#include <functional>

namespace Dockmaster {

// Validates config files off the UI thread: real nginx -t, php-fpm -t,
// docker-compose config and a YAML parse when installed here, else a
// structural check. Each validate() answers through `done`, on this object's
// thread, unless `context` was destroyed meanwhile (as with GitLabClient).
class ConfigValidator final : public QObject
{
    Q_OBJECT
public:
    explicit ConfigValidator(QObject *parent = nullptr);
    ~ConfigValidator() override;

    void validate(const QString &fileName, const QByteArray &content, ConfigFileKind kind, QObject *context,
                  std::function<void(const ValidationReport &)> done);

    ConfigValidation::Tools tools() const { return m_tools; }
    // Tests use this to force the structural path (empty tools).
    void setTools(const ConfigValidation::Tools &tools) { m_tools = tools; }
    int pendingCount() const { return m_pending; }

private:
    ConfigValidation::Tools m_tools;
    int m_pending = 0;
};

} // namespace Dockmaster
