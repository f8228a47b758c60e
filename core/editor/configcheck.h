#pragma once

#include "core/domain/configfile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Dockmaster {

// Checks a file's text before it is committed. The editor runs it on a worker
// thread, so implementations must be thread-safe and touch no widgets. The
// real validators (nginx -t, php-fpm -t, docker-compose config) plug in here;
// StructuralConfigCheck is the fallback when they are not available locally.
class ConfigCheck
{
public:
    virtual ~ConfigCheck() = default;
    virtual QList<ValidationIssue> check(const QString &path, const QString &text) const = 0;
};

// Catches what breaks a config before any validator runs: unbalanced nginx
// blocks and missing semicolons, tabs in YAML indentation, malformed php-fpm
// pool lines, and leftover merge conflict markers in every kind of file. Every
// issue it finds is an error.
class StructuralConfigCheck final : public ConfigCheck
{
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::StructuralConfigCheck)
public:
    QList<ValidationIssue> check(const QString &path, const QString &text) const override;
    // Leftover <<<<<<< / ======= / >>>>>>> lines of a conflicting rebase.
    static QList<ValidationIssue> conflictMarkers(const QString &text);

private:
    static void checkNginx(const QStringList &lines, QList<ValidationIssue> *issues);
    static void checkYaml(const QStringList &lines, QList<ValidationIssue> *issues);
    static void checkIni(const QStringList &lines, QList<ValidationIssue> *issues);
};

} // namespace Dockmaster
