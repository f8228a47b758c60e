#pragma once

#include "core/review/unifieddiff.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

#include <atomic>

namespace Dockmaster {

enum class RiskKind {
    Eval,                // eval(), create_function(), preg_replace with /e
    AssertString,        // assert() given a string (evaluated as code by old PHP)
    ShellExecution,      // exec, system, passthru, shell_exec, proc_open, popen, backticks
    ObfuscatedExecution, // base64_decode/gzinflate/str_rot13/... output that gets executed
    WriteOutsideApp,     // file writes/deletes on absolute paths or paths with ".."
    DynamicInclude,      // include/require of a remote URL or a variable path
    OutboundHost,        // a new network destination (curl, sockets, URL file reads)
    DependencyChange,    // composer.json / composer.lock changed
    PhpSettings,         // a .user.ini changed: per-folder PHP settings (auto_prepend_file runs any file)
    CallableExecution,   // a dangerous function named as a string and handed to code that calls it
    InterpolatedCode,    // an expression run inside a double-quoted string or heredoc ("${...}", "{${...}}")
    DynamicCall,         // a call through a variable ($f(), $o->$m()): low severity, worth a look
    Submodule,           // a .gitmodules changed: a checkout with submodules fetches from the URLs it names
    PlatformManifest,    // platform.json changed: the permissions, open paths or key/value quota asked for
};

struct RiskFlag {
    QString path; // file path in the new tree
    int line = 0; // new-file line; 0 for a file-level flag
    RiskKind kind = RiskKind::Eval;
    QString explanation; // translated, one sentence
    QString code;        // the offending line, trimmed
    QString host;        // OutboundHost only; empty when computed at run time

    bool operator==(const RiskFlag &) const = default;
};

// Finds risky constructs in what a diff ADDS to third-party PHP. It lexes the
// code (comments, strings, heredocs and inline HTML are not code), so words in
// text, methods like $pdo->exec() and look-alike names never match.
class RiskScanner
{
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::RiskScanner)

public:
    // A file PHP would run or include as code: .php and the other suffixes
    // PHP-FPM and mod_php setups execute (.phtml, .php3-8, .phar, .inc, …),
    // in any letter case.
    static bool isPhpFile(const QString &path);
    static bool isComposerFile(const QString &path);
    static bool isSubmoduleFile(const QString &path);
    // The plugin's manifest for the platform's services (issue 18): only the
    // repository's own, at its root.
    static bool isPlatformManifest(const QString &path) { return path == QLatin1String("platform.json"); }
    // Files flagged for changing at all, whatever their content: composer
    // files, .gitmodules and the platform manifest.
    static bool flagsAnyChange(const QString &path)
    {
        return isComposerFile(path) || isSubmoduleFile(path) || isPlatformManifest(path);
    }
    // PHP-FPM reads .user.ini in every folder it runs a script from.
    static bool isPhpSettingsFile(const QString &path);
    // What the review's scan must read in full when changed: PHP files and PHP settings files.
    static bool mustScan(const QString &path) { return isPhpFile(path) || isPhpSettingsFile(path); }

    // Once `cancelled` is set, scans stop within a few thousand tokens and
    // return an incomplete answer, for the caller to drop.
    void setCancelFlag(const std::atomic_bool *cancelled) { m_cancelled = cancelled; }

    QList<RiskFlag> scan(const FileDiff &file) const;
    QList<RiskFlag> scan(const QList<FileDiff> &files) const;
    // Treats every line of `source` as added (a new file).
    QList<RiskFlag> scanSource(const QString &path, const QString &source) const;

    // Flags an admin must acknowledge one by one before approving.
    static bool isHighSeverity(RiskKind kind)
    {
        return kind != RiskKind::OutboundHost && kind != RiskKind::DependencyChange && kind != RiskKind::DynamicCall;
    }

    // Stable, untranslated key ("eval", "shell", ...) for tests and exports.
    static QString kindKey(RiskKind kind);
    // Short translated label for lists.
    static QString kindLabel(RiskKind kind);

private:
    bool isCancelled() const { return m_cancelled && m_cancelled->load(std::memory_order_relaxed); }

    const std::atomic_bool *m_cancelled = nullptr;
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::RiskFlag)
