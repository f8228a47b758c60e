#pragma once

#include "core/render/configvalidation.h"

#include <QObject>

namespace Dockmaster {

// Validates config files off the UI thread: real nginx -t, php-fpm -t,
// docker-compose config and a YAML parse when installed here, else a
// structural check. Each validate() returns an id that finished() carries.
class ConfigValidator final : public QObject
{
    Q_OBJECT
public:
    explicit ConfigValidator(QObject *parent = nullptr);
    ~ConfigValidator() override;

    quint64 validate(const QString &fileName, const QByteArray &content, ConfigFileKind kind = ConfigFileKind::Auto);

    ConfigValidation::Tools tools() const { return m_tools; }
    // Tests use this to force the structural path (empty tools).
    void setTools(const ConfigValidation::Tools &tools) { m_tools = tools; }
    int pendingCount() const { return m_pending; }

Q_SIGNALS:
    void finished(quint64 requestId, const Dockmaster::ValidationReport &report);

private:
    ConfigValidation::Tools m_tools;
    quint64 m_nextId = 1;
    int m_pending = 0;
};

} // namespace Dockmaster
