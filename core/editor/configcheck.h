#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Dockmaster {

// The kinds of file an app's management repository holds; chosen from the path.
enum class ConfigKind { Nginx, Yaml, PhpFpmPool, Php, Shell, Other };

ConfigKind configKindForPath(const QString &path);

// One problem found in a file, placed at a 1-based line (column 0: whole line).
struct ConfigIssue {
    int line = 0;
    int column = 0;
    QString message;

    friend bool operator==(const ConfigIssue &, const ConfigIssue &) = default;
};

// Checks a file's text before it is committed. The editor runs it on a worker
// thread, so implementations must be thread-safe and touch no widgets. The
// real validators (nginx -t, php-fpm -t, docker-compose config) plug in here;
// StructuralConfigCheck is the fallback when they are not available locally.
class ConfigCheck
{
public:
    virtual ~ConfigCheck() = default;
    virtual QList<ConfigIssue> check(const QString &path, const QString &text) const = 0;
};

// Catches what breaks a config before any validator runs: unbalanced nginx
// blocks and missing semicolons, tabs in YAML indentation, malformed php-fpm
// pool lines, and leftover merge conflict markers in every kind of file.
class StructuralConfigCheck final : public ConfigCheck
{
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::StructuralConfigCheck)
public:
    QList<ConfigIssue> check(const QString &path, const QString &text) const override;
    // Leftover <<<<<<< / ======= / >>>>>>> lines of a conflicting rebase.
    static QList<ConfigIssue> conflictMarkers(const QString &text);

private:
    static void checkNginx(const QStringList &lines, QList<ConfigIssue> *issues);
    static void checkYaml(const QStringList &lines, QList<ConfigIssue> *issues);
    static void checkIni(const QStringList &lines, QList<ConfigIssue> *issues);
};

} // namespace Dockmaster
