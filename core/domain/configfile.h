#pragma once

#include <QList>
#include <QString>

namespace Dockmaster {

// The kinds of file an app's management repository holds. The renderer's
// validation and the editor (its checks and its highlighting) read a path the
// same way, through configFileKindForPath.
enum class ConfigFileKind {
    Auto,       // decide from the path (ConfigValidation::run)
    NginxSite,  // a server/upstream file for the http context (outer, fallback, container)
    PhpFpmPool, // a php-fpm pool (INI)
    Compose,    // a docker-compose file (YAML)
    GitlabCi,   // .gitlab-ci.yml (YAML)
    Yaml,       // any other YAML file
    Php,
    Shell,
    Other // nothing to check (HTML page, README)
};

// The names the renderer writes decide first (nginx-outer.conf,
// php-fpm-container.conf, docker-compose.yaml, .gitlab-ci.yml); other names
// that management repositories keep (nginx/site.conf, pool.d/app1.conf) are
// guessed from their suffix and folders.
ConfigFileKind configFileKindForPath(const QString &path);
// Compose, GitlabCi and any other YAML file.
bool isYamlKind(ConfigFileKind kind);

// One problem found in a file, placed at a 1-based line and column (0 when
// the checker named none: the whole line, or the whole file).
struct ValidationIssue {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    int line = 0;
    QString message;
    int column = 0;

    static ValidationIssue error(int line, const QString &message, int column = 0)
    {
        return { Severity::Error, line, message, column };
    }
    static ValidationIssue warning(int line, const QString &message, int column = 0)
    {
        return { Severity::Warning, line, message, column };
    }

    bool operator==(const ValidationIssue &) const = default;
};

} // namespace Dockmaster
