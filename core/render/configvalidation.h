#pragma once

#include "core/domain/configfile.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Dockmaster {

struct ValidationReport {
    QString file;
    ConfigFileKind kind = ConfigFileKind::Other;
    QString checker;       // "nginx -t", "php-fpm8.4 -t", "docker-compose config", "yaml", "structural"
    bool realTool = false; // false: only the structural check ran
    QList<ValidationIssue> issues;

    bool ok() const;
    QList<ValidationIssue> errors() const;
};

// Runs the real validators (nginx -t, php-fpm -t, docker-compose config) on
// one file's text when they are installed, otherwise a structural check, plus
// the platform's policy rules. YAML is always parsed in-process (yaml-cpp). Blocking: call it off
// the UI thread (ConfigValidator does).
class ConfigValidation
{
public:
    struct Tools {
        QString nginx;
        QString phpFpm;
        QString dockerCompose;
        QString openssl;

        static Tools detect();
    };

    static ValidationReport run(const QString &fileName, const QByteArray &content, ConfigFileKind kind,
                                const Tools &tools);

    static QList<ValidationIssue> structuralNginx(const QByteArray &content);
    static QList<ValidationIssue> structuralIni(const QByteArray &content);
    static QList<ValidationIssue> policy(ConfigFileKind kind, const QByteArray &content);
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::ValidationReport)
