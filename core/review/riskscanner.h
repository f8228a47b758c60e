#pragma once

#include "review/unifieddiff.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

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
    CallableExecution,   // a dangerous function named as a string and handed to code that calls it
    InterpolatedCode,    // an expression run inside a double-quoted string or heredoc ("${...}", "{${...}}")
    DynamicCall,         // a call through a variable ($f(), $o->$m()): low severity, worth a look
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
    static bool isPhpFile(const QString &path);
    static bool isComposerFile(const QString &path);

    QList<RiskFlag> scan(const FileDiff &file) const;
    QList<RiskFlag> scan(const QList<FileDiff> &files) const;
    // Treats every line of `source` as added (a new file).
    QList<RiskFlag> scanSource(const QString &path, const QString &source) const;

    // Stable, untranslated key ("eval", "shell", ...) for tests and exports.
    static QString kindKey(RiskKind kind);
    // Short translated label for lists.
    static QString kindLabel(RiskKind kind);
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::RiskFlag)
