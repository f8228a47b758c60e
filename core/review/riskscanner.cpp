#include "core/review/riskscanner.h"

#include "core/review/phptokenizer.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

namespace Dockmaster {

namespace {

using Type = PhpToken::Type;

// One file's new-side code, as hunks glued together with Break tokens.
class Source
{
public:
    QList<PhpToken> tokens;   // their texts point into `code`
    QList<QString> code;      // each hunk's new-side text
    QSet<QString> knownHosts; // hosts already in the unchanged or removed code

    // A new-side line (context or added); `text` must outlive the Source.
    void addLine(int number, QStringView text, bool added) { m_lines.push_back({ number, added, text }); }
    // Whether the diff adds new-file line `number`.
    bool isAdded(int number) const
    {
        index();
        const auto it = m_index.constFind(number);
        return it != m_index.cend() && it->added;
    }
    QStringView text(int number) const
    {
        index();
        return m_index.value(number).text;
    }

private:
    struct Line {
        int number = 0;
        bool added = false;
        QStringView text;
    };
    // Looked up only when a flag is reported: most files never need it.
    void index() const
    {
        if (m_indexed)
            return;
        m_indexed = true;
        m_index.reserve(qsizetype(m_lines.size()));
        for (const Line &line : m_lines) {
            Line &entry = m_index[line.number];
            entry.text = line.text; // the last one wins, the line is added if any is
            entry.added = entry.added || line.added;
        }
    }

    std::vector<Line> m_lines;
    mutable QHash<int, Line> m_index;
    mutable bool m_indexed = false;
};

// text.toLower() == word, for a lower-case ASCII word, without a copy of ASCII text.
bool lowerIs(QStringView text, QLatin1StringView word)
{
    // The sizes must match: the one character that lower-cases to two ("İ")
    // gives a non-ASCII pair, which no ASCII word equals.
    if (text.size() != word.size())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c >= 0x80) // Unicode's rules (the Kelvin sign lower-cases to "k")
            return text.toString().toLower() == word;
        if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != char16_t(word.at(i).unicode()))
            return false;
    }
    return true;
}

// set.contains(text.toLower()), without a copy of short ASCII text.
bool containsLower(const QSet<QString> &set, QStringView text)
{
    constexpr qsizetype Max = 64;
    if (text.size() > Max)
        return set.contains(text.toString().toLower());
    char16_t lower[Max];
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c >= 0x80)
            return set.contains(text.toString().toLower());
        lower[i] = c >= 'A' && c <= 'Z' ? char16_t(c + ('a' - 'A')) : c;
    }
    return set.contains(QString::fromRawData(reinterpret_cast<const QChar *>(lower), text.size()));
}

// Tokens between checks of the cancellation flag.
constexpr qsizetype CancelCheckTokens = 4096;

// ASCII case-insensitive equality with a lower-case word, as
// text.compare(word, Qt::CaseInsensitive) == 0 says it (Unicode folding
// for the rare non-ASCII text).
bool equalsWord(QStringView text, QLatin1StringView word)
{
    if (text.size() != word.size())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c >= 0x80)
            return text.compare(word, Qt::CaseInsensitive) == 0;
        if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != char16_t(word.at(i).unicode()))
            return false;
    }
    return true;
}

struct Range {
    qsizetype begin = 0; // first token
    qsizetype end = 0;   // one past the last token
};

const QSet<QString> &shellFunctions()
{
    static const QSet<QString> names { QStringLiteral("exec"),      QStringLiteral("system"),
                                       QStringLiteral("passthru"),  QStringLiteral("shell_exec"),
                                       QStringLiteral("proc_open"), QStringLiteral("popen"),
                                       QStringLiteral("pcntl_exec") };
    return names;
}

const QSet<QString> &decodeFunctions()
{
    static const QSet<QString> names { QStringLiteral("base64_decode"), QStringLiteral("gzinflate"),
                                       QStringLiteral("str_rot13"),     QStringLiteral("gzuncompress"),
                                       QStringLiteral("gzdecode"),      QStringLiteral("convert_uudecode"),
                                       QStringLiteral("hex2bin"),       QStringLiteral("strrev") };
    return names;
}

// Calls that run what they are given as code or as a command.
const QSet<QString> &executionSinks()
{
    static const QSet<QString> names = [] {
        QSet<QString> n {
            QStringLiteral("eval"),         QStringLiteral("assert"),         QStringLiteral("create_function"),
            QStringLiteral("preg_replace"), QStringLiteral("call_user_func"), QStringLiteral("call_user_func_array")
        };
        n.unite(shellFunctions());
        return n;
    }();
    return names;
}

// Functions that must never be reached through a name given as data: they
// run commands or code. (eval, include and friends are language constructs
// and cannot be called by name.)
const QSet<QString> &dangerousCallables()
{
    static const QSet<QString> names = [] {
        QSet<QString> n { QStringLiteral("assert"),
                          QStringLiteral("create_function"),
                          QStringLiteral("call_user_func"),
                          QStringLiteral("call_user_func_array"),
                          QStringLiteral("forward_static_call"),
                          QStringLiteral("forward_static_call_array") };
        n.unite(shellFunctions());
        return n;
    }();
    return names;
}

// Names that are dangerous callables and almost never ordinary data, so a
// string equal to one of them passed to any call is suspicious. "system",
// "exec" and "assert" are common words in data and only count where a
// callback is expected.
const QSet<QString> &unmistakableCallables()
{
    static const QSet<QString> names {
        QStringLiteral("shell_exec"),          QStringLiteral("passthru"),
        QStringLiteral("proc_open"),           QStringLiteral("popen"),
        QStringLiteral("pcntl_exec"),          QStringLiteral("create_function"),
        QStringLiteral("call_user_func"),      QStringLiteral("call_user_func_array"),
        QStringLiteral("forward_static_call"), QStringLiteral("forward_static_call_array")
    };
    return names;
}

// PHP's functions (and the methods below) that call a callable they are
// given: whichever argument holds it, a dangerous name there is executed.
const QSet<QString> &callbackTakers()
{
    static const QSet<QString> names {
        QStringLiteral("call_user_func"),
        QStringLiteral("call_user_func_array"),
        QStringLiteral("forward_static_call"),
        QStringLiteral("forward_static_call_array"),
        QStringLiteral("array_map"),
        QStringLiteral("array_filter"),
        QStringLiteral("array_walk"),
        QStringLiteral("array_walk_recursive"),
        QStringLiteral("array_reduce"),
        QStringLiteral("usort"),
        QStringLiteral("uasort"),
        QStringLiteral("uksort"),
        QStringLiteral("array_udiff"),
        QStringLiteral("array_udiff_assoc"),
        QStringLiteral("array_udiff_uassoc"),
        QStringLiteral("array_diff_uassoc"),
        QStringLiteral("array_diff_ukey"),
        QStringLiteral("array_uintersect"),
        QStringLiteral("array_uintersect_assoc"),
        QStringLiteral("array_uintersect_uassoc"),
        QStringLiteral("array_intersect_uassoc"),
        QStringLiteral("array_intersect_ukey"),
        QStringLiteral("register_shutdown_function"),
        QStringLiteral("register_tick_function"),
        QStringLiteral("set_error_handler"),
        QStringLiteral("set_exception_handler"),
        QStringLiteral("spl_autoload_register"),
        QStringLiteral("iterator_apply"),
        QStringLiteral("ob_start"),
        QStringLiteral("preg_replace_callback"),
        QStringLiteral("preg_replace_callback_array"),
        QStringLiteral("mb_ereg_replace_callback"),
        QStringLiteral("header_register_callback"),
        QStringLiteral("session_set_save_handler"),
        QStringLiteral("libxml_set_external_entity_loader"),
        QStringLiteral("xml_set_element_handler"),
        QStringLiteral("xml_set_character_data_handler"),
        QStringLiteral("xml_set_default_handler"),
        QStringLiteral("xml_set_processing_instruction_handler"),
        QStringLiteral("stream_context_set_params"),
        QStringLiteral("func_overload"),
        // methods (ArrayObject, ArrayIterator, SQLite3, PDO, Closure, Reflection)
        QStringLiteral("createfunction"),
        QStringLiteral("createaggregate"),
        QStringLiteral("sqlitecreatefunction"),
        QStringLiteral("sqlitecreateaggregate"),
        QStringLiteral("fromcallable"),
        QStringLiteral("reflectionfunction"),
    };
    return names;
}

// Functions whose result cannot be a string: assert() given one of them
// cannot be tricked into evaluating code.
bool returnsNoString(const QString &name)
{
    static const QSet<QString> names {
        QStringLiteral("in_array"),
        QStringLiteral("array_key_exists"),
        QStringLiteral("key_exists"),
        QStringLiteral("isset"),
        QStringLiteral("empty"),
        QStringLiteral("method_exists"),
        QStringLiteral("function_exists"),
        QStringLiteral("class_exists"),
        QStringLiteral("interface_exists"),
        QStringLiteral("property_exists"),
        QStringLiteral("file_exists"),
        QStringLiteral("preg_match"),
        QStringLiteral("count"),
        QStringLiteral("strlen"),
        QStringLiteral("str_contains"),
        QStringLiteral("str_starts_with"),
        QStringLiteral("str_ends_with"),
        QStringLiteral("array_is_list"),
        QStringLiteral("enum_exists"),
        QStringLiteral("trait_exists"),
        QStringLiteral("defined"),
    };
    return names.contains(name) || name.startsWith(QLatin1String("is_")) || name.startsWith(QLatin1String("ctype_"));
}

// A function name given as data: without a leading "\", lower case.
QString callableName(QString text)
{
    text = text.trimmed();
    while (text.startsWith(QLatin1Char('\\')))
        text.remove(0, 1);
    return text.toLower();
}

// Function -> which arguments are paths it writes or deletes.
const QHash<QString, QList<int>> &writeFunctions()
{
    static const QHash<QString, QList<int>> map {
        { QStringLiteral("file_put_contents"), { 0 } },
        { QStringLiteral("fopen"), { 0 } },
        { QStringLiteral("move_uploaded_file"), { 1 } },
        { QStringLiteral("unlink"), { 0 } },
        { QStringLiteral("rename"), { 0, 1 } },
        { QStringLiteral("copy"), { 1 } },
        { QStringLiteral("symlink"), { 0, 1 } },
        { QStringLiteral("link"), { 0, 1 } },
        { QStringLiteral("rmdir"), { 0 } },
        { QStringLiteral("mkdir"), { 0 } },
        { QStringLiteral("chmod"), { 0 } },
        { QStringLiteral("touch"), { 0 } },
    };
    return map;
}

// URL readers that are only outbound when given a URL.
const QSet<QString> &urlReaders()
{
    static const QSet<QString> names {
        QStringLiteral("file_get_contents"), QStringLiteral("fopen"),       QStringLiteral("file"),
        QStringLiteral("readfile"),          QStringLiteral("get_headers"), QStringLiteral("copy")
    };
    return names;
}

// Every function checkCall() has a rule for besides the callable arguments.
const QSet<QString> &specialCalls()
{
    static const QSet<QString> names = [] {
        QSet<QString> n = executionSinks();
        for (const QSet<QString> *more : { &callbackTakers(), &shellFunctions(), &urlReaders() })
            n.unite(*more);
        for (auto it = writeFunctions().cbegin(); it != writeFunctions().cend(); ++it)
            n.insert(it.key());
        for (const char *name :
             { "define", "eval", "create_function", "preg_replace", "assert", "curl_init", "fsockopen", "pfsockopen",
               "stream_socket_client", "curl_setopt", "curl_setopt_array" })
            n.insert(QString::fromLatin1(name));
        return n;
    }();
    return names;
}

// What at() answers outside the tokens.
const PhpToken &noToken()
{
    static const PhpToken none { Type::Break, QString(), 0, 0, false };
    return none;
}

const QRegularExpression &urlPattern()
{
    static const QRegularExpression re(
        QStringLiteral(R"((?:https?|ftps?|ssl|tls|tcp|udp)://([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?))"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

bool isUrl(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*(?:https?|ftps?)://)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(text).hasMatch();
}

// The host at the start of a literal ("https://h/x", "ssl://h", "h"); empty
// when it is built at run time.
QString hostOf(const PhpToken &token, bool bareHostAllowed)
{
    if (token.type != Type::String)
        return {};
    const QString text = token.text.trimmed();
    const auto m = urlPattern().match(text);
    if (m.hasMatch() && m.capturedStart() == 0) {
        const qsizetype after = m.capturedEnd(1);
        if (after < text.size() && text.at(after) == QLatin1Char('$'))
            return {};
        return m.captured(1).toLower();
    }
    static const QRegularExpression bare(QStringLiteral(R"(^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$)"));
    if (bareHostAllowed && bare.match(text).hasMatch())
        return text.toLower();
    return {};
}

bool isOutsidePath(const PhpToken &token, bool first)
{
    if (token.type != Type::String)
        return false;
    const QString &t = token.text;
    static const QRegularExpression parent(QStringLiteral(R"((^|[/\\])\.\.([/\\]|$))"));
    if (parent.match(t).hasMatch())
        return true;
    if (!first)
        return false;
    static const QRegularExpression absolute(QStringLiteral(R"(^(?:/|\\|~|[A-Za-z]:[/\\]|file://))"));
    return absolute.match(t).hasMatch();
}

// A string value known while reading the code: a literal, a concatenation of
// literals, or a variable or constant that holds one.
struct KnownString {
    QString value;
    int line = 0;
};

class Analyzer
{
public:
    Analyzer(const QString &path, const Source &source, const QList<PhpToken> &tokens,
             const std::atomic_bool *cancelled)
        : m_path(path)
        , m_src(source)
        , m_t(tokens)
        , m_cancelled(cancelled)
    {
    }

    QList<RiskFlag> run()
    {
        for (qsizetype i = 0; i < m_t.size(); ++i) {
            if (m_cancelled && i % CancelCheckTokens == 0 && m_cancelled->load(std::memory_order_relaxed))
                return {};
            const PhpToken &tok = m_t.at(i);
            if (tok.type == Type::Backtick) {
                report(RiskKind::ShellExecution, tok.line, tok.endLine,
                       RiskScanner::tr("Backticks run their content as a shell command."));
                continue;
            }
            if (tok.type == Type::String && tok.interpolated)
                checkInterpolation(tok);
            if (tok.type == Type::String && next(i).isOperator(QLatin1StringView("("))) {
                checkCalledValue(i, { i, i + 1 }, matching(i + 1));
                continue;
            }
            if (tok.isOperator(QLatin1StringView(")")) && next(i).isOperator(QLatin1StringView("("))) {
                checkCalledGroup(i);
                continue;
            }
            if (tok.isOperator(QLatin1StringView("]")) && next(i).isOperator(QLatin1StringView("("))) {
                report(RiskKind::DynamicCall, tok.line, lineOf(matching(i + 1)),
                       RiskScanner::tr("Calls a function taken from an array; check what it can be."));
                continue;
            }
            if (tok.type == Type::Variable && isAssignment(i)) {
                trackAssignment(i);
                continue;
            }
            if (tok.type == Type::Variable && next(i).isOperator(QLatin1StringView("("))) {
                checkVariableCall(i);
                continue;
            }
            if (tok.type != Type::Name)
                continue;
            if (equalsWord(tok.text, QLatin1StringView("const"))) {
                trackConstant(i);
                continue;
            }
            // Most names are neither called nor an include: nothing to check.
            if (!next(i).isOperator(QLatin1StringView("(")) && !mayBeInclude(tok.text))
                continue;
            const QString name = globalName(i);
            if (name.isEmpty()) {
                checkMethodOrConstructor(i);
                continue;
            }
            if (isIncludeKeyword(name)) {
                checkInclude(i);
                continue;
            }
            if (!next(i).isOperator(QLatin1StringView("(")))
                continue;
            checkCall(i, name);
        }
        return std::move(m_flags);
    }

private:
    const PhpToken &at(qsizetype i) const { return i >= 0 && i < m_t.size() ? m_t.at(i) : noToken(); }
    const PhpToken &next(qsizetype i) const { return at(i + 1); }
    int lineOf(qsizetype i) const { return at(std::min(i, m_t.size() - 1)).endLine; }

    // Whether globalName() of a name with this text can be an include keyword.
    static bool mayBeInclude(QStringView text)
    {
        if (text.startsWith(QLatin1Char('\\')))
            text = text.mid(1);
        return lowerIs(text, QLatin1StringView("include")) || lowerIs(text, QLatin1StringView("include_once"))
            || lowerIs(text, QLatin1StringView("require")) || lowerIs(text, QLatin1StringView("require_once"));
    }

    static bool isIncludeKeyword(const QString &name)
    {
        return name == QLatin1String("include") || name == QLatin1String("include_once")
            || name == QLatin1String("require") || name == QLatin1String("require_once");
    }

    static bool endsStatement(const PhpToken &t)
    {
        return t.type == Type::Break || t.type == Type::CloseTag || t.type == Type::OpenTag
            || t.type == Type::InlineHtml || t.isOperator(QLatin1StringView(";"))
            || t.isOperator(QLatin1StringView("{")) || t.isOperator(QLatin1StringView("}"));
    }

    // A global function or language construct name, lower case; empty for
    // methods, static calls, definitions and namespaced names.
    QString globalName(qsizetype i) const
    {
        const std::optional<QStringView> name = globalNameView(i);
        return name ? name->toString().toLower() : QString();
    }

    // decodeFunctions().contains(globalName(i)) and the like, without a copy.
    bool isGlobalNameIn(qsizetype i, const QSet<QString> &names) const
    {
        const std::optional<QStringView> name = globalNameView(i);
        return name ? containsLower(names, *name) : names.contains(QString());
    }

    // globalName() before lower-casing, without a copy.
    std::optional<QStringView> globalNameView(qsizetype i) const
    {
        QStringView name = at(i).text;
        if (name.startsWith(QLatin1Char('\\')))
            name = name.mid(1);
        if (name.contains(QLatin1Char('\\')))
            return std::nullopt;
        const PhpToken &prev = at(i - 1);
        if (prev.isOperator(QLatin1StringView("->")) || prev.isOperator(QLatin1StringView("?->"))
            || prev.isOperator(QLatin1StringView("::")))
            return std::nullopt;
        if (prev.isOperator(QLatin1StringView("&")) && at(i - 2).type == Type::Name
            && at(i - 2).text.compare(QLatin1String("function"), Qt::CaseInsensitive) == 0)
            return std::nullopt;
        if (prev.type == Type::Name) {
            const QStringView p = prev.text;
            if (lowerIs(p, QLatin1StringView("function")) || lowerIs(p, QLatin1StringView("new"))
                || lowerIs(p, QLatin1StringView("const")) || lowerIs(p, QLatin1StringView("class"))
                || lowerIs(p, QLatin1StringView("interface")) || lowerIs(p, QLatin1StringView("trait"))
                || lowerIs(p, QLatin1StringView("enum")) || lowerIs(p, QLatin1StringView("use")))
                return std::nullopt;
        }
        return name;
    }

    static bool opensGroup(const PhpToken &t)
    {
        return t.isOperator(QLatin1StringView("(")) || t.isOperator(QLatin1StringView("["))
            || t.isOperator(QLatin1StringView("{"));
    }
    static bool closesGroup(const PhpToken &t)
    {
        return t.isOperator(QLatin1StringView(")")) || t.isOperator(QLatin1StringView("]"))
            || t.isOperator(QLatin1StringView("}"));
    }

    // Index of the ")" matching the "(" at `open` (or where the statement breaks).
    qsizetype matching(qsizetype open) const
    {
        int depth = 0;
        for (qsizetype i = open; i < m_t.size(); ++i) {
            const PhpToken &t = m_t.at(i);
            if (t.type == Type::Break || t.type == Type::CloseTag)
                return i - 1;
            if (opensGroup(t))
                ++depth;
            else if (closesGroup(t)) {
                if (--depth == 0)
                    return i;
            }
        }
        return m_t.size() - 1;
    }

    // Argument token ranges of the call whose "(" is at `open`.
    QList<Range> arguments(qsizetype open, qsizetype close) const
    {
        QList<Range> args;
        int depth = 0;
        qsizetype start = open + 1;
        for (qsizetype i = open + 1; i < close; ++i) {
            const PhpToken &t = m_t.at(i);
            if (opensGroup(t))
                ++depth;
            else if (closesGroup(t))
                --depth;
            else if (depth == 0 && t.isOperator(QLatin1StringView(","))) {
                args.append({ start, i });
                start = i + 1;
            }
        }
        if (close > start)
            args.append({ start, close });
        return args;
    }

    bool isAssignment(qsizetype i) const
    {
        const PhpToken &n = next(i);
        const PhpToken &p = at(i - 1);
        return (n.isOperator(QLatin1StringView("=")) || n.isOperator(QLatin1StringView(".=")))
            && !p.isOperator(QLatin1StringView("->")) && !p.isOperator(QLatin1StringView("?->"))
            && !p.isOperator(QLatin1StringView("::"));
    }

    // Whether `range` decodes data (a decode call) or uses a variable that holds decoded data.
    // Returns the line of the decode, 0 if none.
    int decodedIn(Range range) const
    {
        for (qsizetype i = range.begin; i < range.end; ++i) {
            const PhpToken &t = m_t.at(i);
            if (t.type == Type::Name && next(i).isOperator(QLatin1StringView("("))
                && isGlobalNameIn(i, decodeFunctions()))
                return t.line;
            if (t.type == Type::Variable && m_tainted.contains(t.text))
                return m_tainted.value(t.text);
            if (t.type == Type::String && t.interpolated) {
                for (auto it = m_tainted.cbegin(); it != m_tainted.cend(); ++it) {
                    const QString needle = QLatin1Char('$') + it.key();
                    for (qsizetype pos = t.text.indexOf(needle); pos >= 0; pos = t.text.indexOf(needle, pos + 1)) {
                        const qsizetype after = pos + needle.size();
                        const QChar next = after < t.text.size() ? t.text.at(after) : QChar();
                        if (!next.isLetterOrNumber() && next != QLatin1Char('_'))
                            return it.value();
                    }
                }
            }
        }
        return 0;
    }

    void trackAssignment(qsizetype i)
    {
        qsizetype end = i + 2;
        while (end < m_t.size() && !endsStatement(m_t.at(end)))
            ++end;
        const int line = decodedIn({ i + 2, end });
        const QString &name = m_t.at(i).text;
        if (line > 0)
            m_tainted.insert(name, line);
        else if (next(i).isOperator(QLatin1StringView("=")))
            m_tainted.remove(name);
        const std::optional<QString> value = constantString({ i + 2, end });
        const bool append = next(i).isOperator(QLatin1StringView(".="));
        if (value && (!append || m_literals.contains(name)))
            m_literals.insert(name, { append ? m_literals.value(name).value + *value : *value, m_t.at(i).line });
        else
            m_literals.remove(name);
    }

    // `const NAME = 'value';` (also in classes, where NAME only matters for
    // self::NAME, which is not followed here).
    void trackConstant(qsizetype i)
    {
        if (next(i).type != Type::Name || !at(i + 2).isOperator(QLatin1StringView("=")))
            return;
        qsizetype end = i + 3;
        while (end < m_t.size() && !endsStatement(m_t.at(end)) && !m_t.at(end).isOperator(QLatin1StringView(",")))
            ++end;
        if (const std::optional<QString> value = constantString({ i + 3, end }))
            m_constants.insert(next(i).text, *value);
    }

    // The value of a range that is only string literals, known variables and
    // constants joined by ".", e.g. 'sys' . 'tem' or $prefix . 'tem'.
    std::optional<QString> constantString(Range range) const
    {
        QString out;
        bool any = false;
        for (qsizetype k = range.begin; k < range.end; ++k) {
            const PhpToken &t = m_t.at(k);
            if (t.type == Type::String && !t.interpolated) {
                out += t.text;
                any = true;
            } else if (t.type == Type::Variable && m_literals.contains(t.text)) {
                out += m_literals.value(t.text).value;
                any = true;
            } else if (t.type == Type::Name && m_constants.contains(t.text)
                       && !next(k).isOperator(QLatin1StringView("("))) {
                out += m_constants.value(t.text);
                any = true;
            } else if (!t.isOperator(QLatin1StringView(".")) && !t.isOperator(QLatin1StringView("("))
                       && !t.isOperator(QLatin1StringView(")"))) {
                return std::nullopt;
            }
        }
        if (!any)
            return std::nullopt;
        return out;
    }

    // A value that is called: 'system'(...), ('sys' . 'tem')(...).
    void checkCalledValue(qsizetype at_, Range value, qsizetype close)
    {
        const PhpToken &tok = m_t.at(at_);
        if (const std::optional<QString> name = constantString(value)) {
            const QString function = callableName(*name);
            if (dangerousCallables().contains(function))
                report(RiskKind::CallableExecution, tok.line, lineOf(close),
                       RiskScanner::tr("Calls %1() through a string holding its name; the call is hidden from a plain "
                                       "search.")
                           .arg(function));
            return;
        }
        if (const int decoded = decodedIn(value)) {
            report(
                RiskKind::ObfuscatedExecution, tok.line, lineOf(close),
                RiskScanner::tr("Calls a function whose name was decoded from obfuscated data (line %1).").arg(decoded),
                {}, decoded);
            return;
        }
        report(RiskKind::DynamicCall, tok.line, lineOf(close),
               RiskScanner::tr("Calls a function whose name is computed at run time; check what it can be."));
    }

    // ")(" : the parenthesised expression before it is called, unless it is
    // the argument list of a call (f(x)(y) calls what f returns).
    void checkCalledGroup(qsizetype closeIndex)
    {
        int depth = 0;
        qsizetype open = closeIndex;
        for (; open >= 0; --open) {
            const PhpToken &t = m_t.at(open);
            if (t.type == Type::Break)
                return;
            if (t.isOperator(QLatin1StringView(")")))
                ++depth;
            else if (t.isOperator(QLatin1StringView("(")) && --depth == 0)
                break;
        }
        if (open < 0)
            return;
        const PhpToken &before = at(open - 1);
        static const QSet<QString> keywords { QStringLiteral("return"), QStringLiteral("echo"),
                                              QStringLiteral("print"),  QStringLiteral("yield"),
                                              QStringLiteral("throw"),  QStringLiteral("case"),
                                              QStringLiteral("else"),   QStringLiteral("and"),
                                              QStringLiteral("or"),     QStringLiteral("xor") };
        const bool afterKeyword = before.type == Type::Name && keywords.contains(before.text.toLower());
        const bool argumentList = (before.type == Type::Name && !afterKeyword) || before.type == Type::Variable
            || before.type == Type::String || before.isOperator(QLatin1StringView(")"))
            || before.isOperator(QLatin1StringView("]")) || before.isOperator(QLatin1StringView("}"));
        if (argumentList)
            return;
        const PhpToken &first = at(open + 1);
        // (function () { ... })() and (fn () => ...)() run their own code, shown as it is.
        if (first.type == Type::Name
            && (first.text.compare(QLatin1String("function"), Qt::CaseInsensitive) == 0
                || first.text.compare(QLatin1String("fn"), Qt::CaseInsensitive) == 0
                || first.text.compare(QLatin1String("static"), Qt::CaseInsensitive) == 0
                || first.text.compare(QLatin1String("new"), Qt::CaseInsensitive) == 0))
            return;
        checkCalledValue(open, { open + 1, closeIndex }, matching(closeIndex + 1));
    }

    // $f(...), $obj->$m(...), Class::$m(...).
    void checkVariableCall(qsizetype i)
    {
        const PhpToken &tok = m_t.at(i);
        const PhpToken &prev = at(i - 1);
        if (prev.type == Type::Name && prev.text.compare(QLatin1String("new"), Qt::CaseInsensitive) == 0)
            return; // new $class(...) makes an object
        const qsizetype close = matching(i + 1);
        const bool method = prev.isOperator(QLatin1StringView("->")) || prev.isOperator(QLatin1StringView("?->"))
            || prev.isOperator(QLatin1StringView("::"));
        if (!method && m_tainted.contains(tok.text)) {
            report(RiskKind::ObfuscatedExecution, tok.line, lineOf(close),
                   RiskScanner::tr("Calls a function whose name was decoded from obfuscated data (line %1).")
                       .arg(m_tainted.value(tok.text)));
            return;
        }
        if (method) {
            report(RiskKind::DynamicCall, tok.line, lineOf(close),
                   RiskScanner::tr("Calls a method whose name is in $%1; check what it can be.").arg(tok.text));
            return;
        }
        if (m_literals.contains(tok.text)) {
            const KnownString known = m_literals.value(tok.text);
            const QString function = callableName(known.value);
            if (dangerousCallables().contains(function))
                report(RiskKind::CallableExecution, tok.line, lineOf(close),
                       RiskScanner::tr("Calls %1() through $%2, which holds its name (line %3).")
                           .arg(function, tok.text)
                           .arg(known.line),
                       {}, known.line);
            return;
        }
        report(RiskKind::DynamicCall, tok.line, lineOf(close),
               RiskScanner::tr("Calls the function held in $%1; check what it can be.").arg(tok.text));
    }

    // Arguments that name a dangerous function: any of them where a callback
    // is expected, the unmistakable ones anywhere.
    void checkCallableArguments(qsizetype nameIndex, const QString &callee, bool takesCallback)
    {
        const qsizetype close = matching(nameIndex + 1);
        checkCallableArguments(nameIndex, callee, takesCallback, close, arguments(nameIndex + 1, close));
    }
    void checkCallableArguments(qsizetype nameIndex, const QString &callee, bool takesCallback, qsizetype close,
                                const QList<Range> &args)
    {
        for (const Range &arg : args) {
            const std::optional<QString> value = constantString(arg);
            if (!value)
                continue;
            // callableName()'s steps on a view: most values are ordinary text, not worth a copy.
            QStringView bare = QStringView(*value).trimmed();
            while (bare.startsWith(QLatin1Char('\\')))
                bare = bare.mid(1);
            const bool dangerous = containsLower(takesCallback ? dangerousCallables() : unmistakableCallables(), bare);
            if (dangerous) {
                const QString function = callableName(*value);
                report(RiskKind::CallableExecution, m_t.at(nameIndex).line, lineOf(close),
                       RiskScanner::tr("%1() is given the name of %2() as a callable: it runs %2() with arguments the "
                                       "code chooses.")
                           .arg(callee, function));
                return;
            }
        }
    }

    // Methods and constructors that take callables: Closure::fromCallable(),
    // new ReflectionFunction(), $sqlite->createFunction(), $arrayObject->uasort().
    void checkMethodOrConstructor(qsizetype i)
    {
        if (!next(i).isOperator(QLatin1StringView("(")))
            return;
        const PhpToken &prev = at(i - 1);
        const bool method = prev.isOperator(QLatin1StringView("->")) || prev.isOperator(QLatin1StringView("?->"))
            || prev.isOperator(QLatin1StringView("::"));
        const bool constructor
            = prev.type == Type::Name && prev.text.compare(QLatin1String("new"), Qt::CaseInsensitive) == 0;
        if (!method && !constructor)
            return;
        QString name = m_t.at(i).text;
        if (constructor && name.contains(QLatin1Char('\\')))
            name = name.section(QLatin1Char('\\'), -1);
        checkCallableArguments(i, name, containsLower(callbackTakers(), name));
    }

    // "{$...}" and "${...}" inside a double-quoted string or heredoc run PHP
    // expressions: "${expr}" and "{${expr}}" any expression, "{$f(...)}" a call.
    void checkInterpolation(const PhpToken &tok)
    {
        const QString &text = tok.text;
        // A heredoc's text begins on the line after its "<<<ID" (its token
        // spans one line more than its text holds); a quoted string's at once.
        const int textLine
            = tok.line + std::max(0, int(tok.endLine - tok.line - QStringView(text).count(QLatin1Char('\n'))));
        qsizetype counted = 0; // newlines before `counted` are in `newlines`
        int newlines = 0;
        for (qsizetype pos = 0; pos + 1 < text.size(); ++pos) {
            const bool braceDollar = text.at(pos) == QLatin1Char('{') && text.at(pos + 1) == QLatin1Char('$');
            const bool dollarBrace = text.at(pos) == QLatin1Char('$') && text.at(pos + 1) == QLatin1Char('{');
            if (!braceDollar && !dollarBrace)
                continue;
            const qsizetype bodyStart = braceDollar ? pos + 1 : pos + 2;
            const qsizetype close = closingBrace(text, pos + (braceDollar ? 0 : 1));
            if (close < 0)
                return;
            const QString body = text.mid(bodyStart, close - bodyStart);
            newlines += int(QStringView(text).mid(counted, pos - counted).count(QLatin1Char('\n')));
            counted = pos;
            const int line = textLine + newlines;
            static const QRegularExpression simpleName(
                QStringLiteral(R"(^\s*[A-Za-z_\x80-\xff][\w\x80-\xff]*\s*(?:\[[^\]]*\])?\s*$)"));
            if (dollarBrace && !simpleName.match(body).hasMatch())
                report(RiskKind::InterpolatedCode, line, line,
                       RiskScanner::tr("A string runs the expression ${%1} when it is built; code hidden in strings "
                                       "escapes a plain reading.")
                           .arg(body.trimmed().left(60)));
            analyzeEmbedded(body, line);
            if (dollarBrace)
                pos = close; // after "{$" go on inside: "{${...}}" is read again from its "${"
        }
    }

    static qsizetype closingBrace(const QString &text, qsizetype open)
    {
        int depth = 0;
        QChar quote;
        for (qsizetype k = open; k < text.size(); ++k) {
            const QChar c = text.at(k);
            if (!quote.isNull()) {
                if (c == quote)
                    quote = QChar();
                continue;
            }
            if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
                quote = c;
            } else if (c == QLatin1Char('{')) {
                ++depth;
            } else if (c == QLatin1Char('}') && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    void analyzeEmbedded(const QString &code, int line)
    {
        const QList<PhpToken> tokens = PhpTokenizer::tokenize(code, PhpTokenizer::StartState::Php, line, m_cancelled,
                                                              PhpTokenizer::Texts::Borrowed);
        Analyzer inner(m_path, m_src, tokens, m_cancelled);
        inner.m_tainted = m_tainted;
        inner.m_literals = m_literals;
        inner.m_constants = m_constants;
        inner.m_depth = m_depth + 1;
        if (inner.m_depth > 8) // strings in strings in strings: stop somewhere
            return;
        for (const RiskFlag &flag : inner.run())
            addFlag(flag);
    }

    // The first added line within [first, last], or 0.
    int addedLineIn(int first, int last) const
    {
        for (int l = first; l <= last; ++l) {
            if (m_src.isAdded(l))
                return l;
        }
        return 0;
    }

    void report(RiskKind kind, int first, int last, const QString &explanation, const QString &host = {},
                int alsoAddedLine = 0)
    {
        int line = m_src.isAdded(first) ? first : addedLineIn(first, std::max(first, last));
        if (line == 0 && alsoAddedLine > 0 && m_src.isAdded(alsoAddedLine))
            line = first;
        if (line == 0)
            return;
        RiskFlag flag;
        flag.path = m_path;
        flag.line = line;
        flag.kind = kind;
        flag.explanation = explanation;
        flag.code = m_src.text(line).trimmed().left(240).toString();
        // Token texts point into the Source, which the flag outlives.
        flag.host = host;
        if (!flag.host.isEmpty())
            flag.host.detach();
        addFlag(flag);
    }

    void addFlag(const RiskFlag &flag)
    {
        // A set, not a walk through the flags so far: vendor code can hold thousands.
        if (!m_reported.insert({ flag.line, int(flag.kind), flag.host }).second)
            return;
        m_flags.append(flag);
    }

    void checkInclude(qsizetype i)
    {
        qsizetype end = i + 1;
        int depth = 0;
        while (end < m_t.size()) {
            const PhpToken &t = m_t.at(end);
            if (t.isOperator(QLatin1StringView("(")))
                ++depth;
            else if (t.isOperator(QLatin1StringView(")")) && --depth < 0)
                break;
            if (depth <= 0 && (endsStatement(t) || t.isOperator(QLatin1StringView(","))))
                break;
            ++end;
        }
        static const QRegularExpression remote(QStringLiteral(R"(^\s*(?:[a-z][a-z0-9+.-]+:|//))"),
                                               QRegularExpression::CaseInsensitiveOption);
        bool variable = false;
        for (qsizetype k = i + 1; k < end; ++k) {
            const PhpToken &t = m_t.at(k);
            if (t.type == Type::String && k == i + 1 + (at(i + 1).isOperator(QLatin1StringView("(")) ? 1 : 0)
                && remote.match(t.text).hasMatch() && !t.text.trimmed().startsWith(QLatin1String("phar:"))) {
                report(RiskKind::DynamicInclude, at(i).line, lineOf(end - 1),
                       RiskScanner::tr("Includes code from a remote location (%1).").arg(t.text.trimmed().left(80)),
                       hostOf(t, false));
                return;
            }
            if (t.type == Type::Variable || (t.type == Type::String && t.interpolated))
                variable = true;
        }
        if (variable) {
            report(RiskKind::DynamicInclude, at(i).line, lineOf(end - 1),
                   RiskScanner::tr("Includes a file whose path comes from a variable; check it cannot be chosen by a "
                                   "visitor."));
        }
    }

    // An assert() condition that cannot be a string: a comparison, a negation,
    // a logical operator, true/false, or a test function such as is_int().
    bool isBooleanExpression(Range range) const
    {
        if (range.end <= range.begin)
            return true;
        const PhpToken &first = m_t.at(range.begin);
        if (first.isOperator(QLatin1StringView("!")))
            return true;
        if (range.end - range.begin == 1 && first.type == Type::Name
            && (first.text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0
                || first.text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0))
            return true;
        int depth = 0;
        for (qsizetype k = range.begin; k < range.end; ++k) {
            const PhpToken &t = m_t.at(k);
            if (opensGroup(t))
                ++depth;
            else if (closesGroup(t))
                --depth;
            if (depth != 0)
                continue;
            static const QSet<QString> comparisons { QStringLiteral("=="),  QStringLiteral("==="), QStringLiteral("!="),
                                                     QStringLiteral("!=="), QStringLiteral("<"),   QStringLiteral(">"),
                                                     QStringLiteral("<="),  QStringLiteral(">=") };
            if (t.type == Type::Operator
                && (comparisons.contains(t.text)
                    || ((t.text == QLatin1String("&") || t.text == QLatin1String("|")) && next(k).text == t.text)))
                return true;
            if (t.type == Type::Name
                && (t.text.compare(QLatin1String("instanceof"), Qt::CaseInsensitive) == 0
                    || t.text.compare(QLatin1String("and"), Qt::CaseInsensitive) == 0
                    || t.text.compare(QLatin1String("or"), Qt::CaseInsensitive) == 0
                    || t.text.compare(QLatin1String("xor"), Qt::CaseInsensitive) == 0))
                return true;
        }
        if (first.type == Type::Name && next(range.begin).isOperator(QLatin1StringView("("))
            && matching(range.begin + 1) == range.end - 1)
            return returnsNoString(globalName(range.begin));
        return false;
    }

    void checkCall(qsizetype i, const QString &name)
    {
        const PhpToken &tok = m_t.at(i);
        const qsizetype open = i + 1;
        const qsizetype close = matching(open);
        const int last = lineOf(close);
        const QList<Range> args = arguments(open, close);
        auto firstToken = [&](int n) -> const PhpToken & {
            return n < args.size() && args.at(n).end > args.at(n).begin ? m_t.at(args.at(n).begin) : noToken();
        };
        // Most calls are none of the functions below: only their arguments matter.
        if (!specialCalls().contains(name)) {
            checkCallableArguments(i, name, false, close, args);
            return;
        }

        if (executionSinks().contains(name) && !args.isEmpty()) {
            // Callbacks and regex patterns are where code hides; decoding the
            // subject of a replace or an argument of a harmless callback is normal.
            const bool codeInFirst = name == QLatin1String("preg_replace") || name == QLatin1String("call_user_func")
                || name == QLatin1String("call_user_func_array");
            const int decodeLine = decodedIn(codeInFirst ? args.first() : Range { open + 1, close });
            if (decodeLine > 0) {
                report(
                    RiskKind::ObfuscatedExecution, tok.line, last,
                    RiskScanner::tr("Runs data decoded from an obfuscated form (decoded on line %1); hidden code is a "
                                    "common sign of a backdoor.")
                        .arg(decodeLine),
                    {}, decodeLine);
            }
        }

        checkCallableArguments(i, name, callbackTakers().contains(name));
        if (name == QLatin1String("define") && args.size() >= 2) {
            const std::optional<QString> constant = constantString(args.at(0));
            const std::optional<QString> value = constantString(args.at(1));
            if (constant && value)
                m_constants.insert(*constant, *value);
        }

        if (name == QLatin1String("eval")) {
            report(RiskKind::Eval, tok.line, last, RiskScanner::tr("eval() runs a string as PHP code."));
        } else if (name == QLatin1String("create_function")) {
            report(RiskKind::Eval, tok.line, last,
                   RiskScanner::tr("create_function() compiles a string into PHP code."));
        } else if (name == QLatin1String("preg_replace")) {
            const PhpToken &pattern = firstToken(0);
            static const QRegularExpression eModifier(QStringLiteral(R"(^\s*([^\w\s\\]).*\1([a-zA-Z]*)\s*$)"),
                                                      QRegularExpression::DotMatchesEverythingOption);
            const auto m = eModifier.match(pattern.text);
            if (pattern.type == Type::String && m.hasMatch() && m.captured(2).contains(QLatin1Char('e')))
                report(RiskKind::Eval, tok.line, last,
                       RiskScanner::tr("preg_replace() with the /e modifier runs the replacement as PHP code."));
        } else if (name == QLatin1String("assert")) {
            if (firstToken(0).type == Type::String)
                report(RiskKind::AssertString, tok.line, last,
                       RiskScanner::tr("assert() with a string argument evaluates that string as PHP code."));
            else if (!args.isEmpty() && !isBooleanExpression(args.first()))
                report(RiskKind::AssertString, tok.line, last,
                       RiskScanner::tr("assert() is given a value that is not a comparison or a test; PHP before 8 "
                                       "runs a string given to assert() as code."));
        } else if (shellFunctions().contains(name)) {
            report(RiskKind::ShellExecution, tok.line, last,
                   RiskScanner::tr("%1() runs an operating system command.").arg(name));
        }

        if (writeFunctions().contains(name)) {
            bool writes = true;
            if (name == QLatin1String("fopen")) {
                const PhpToken &mode = firstToken(1);
                static const QRegularExpression writeMode(QStringLiteral("[waxc+]"));
                writes = mode.type == Type::String && writeMode.match(mode.text).hasMatch();
            }
            if (writes) {
                for (const int n : writeFunctions().value(name)) {
                    if (n >= args.size())
                        continue;
                    bool outside = false;
                    for (qsizetype k = args.at(n).begin; k < args.at(n).end && !outside; ++k)
                        outside = isOutsidePath(m_t.at(k), k == args.at(n).begin);
                    if (outside) {
                        report(
                            RiskKind::WriteOutsideApp, tok.line, last,
                            RiskScanner::tr("%1() changes a file outside the app's folder (absolute path or \"..\").")
                                .arg(name));
                        break;
                    }
                }
            }
        }

        QString host;
        bool outbound = false;
        if (name == QLatin1String("curl_init") || name == QLatin1String("fsockopen")
            || name == QLatin1String("pfsockopen") || name == QLatin1String("stream_socket_client")) {
            outbound = !args.isEmpty();
            host = hostOf(firstToken(0), name != QLatin1String("curl_init"));
        } else if (name == QLatin1String("curl_setopt") && args.size() >= 3
                   && firstToken(1).is(Type::Name, QLatin1StringView("CURLOPT_URL"))) {
            outbound = true;
            host = hostOf(firstToken(2), false);
        } else if (name == QLatin1String("curl_setopt_array") && args.size() >= 2) {
            for (qsizetype k = args.at(1).begin; k + 2 < args.at(1).end; ++k) {
                if (m_t.at(k).is(Type::Name, QLatin1StringView("CURLOPT_URL"))
                    && m_t.at(k + 1).isOperator(QLatin1StringView("=>"))) {
                    outbound = true;
                    host = hostOf(m_t.at(k + 2), false);
                    break;
                }
            }
        } else if (urlReaders().contains(name) && firstToken(0).type == Type::String && isUrl(firstToken(0).text)) {
            outbound = true;
            host = hostOf(firstToken(0), false);
        }
        if (outbound && !(host.isEmpty() ? false : m_src.knownHosts.contains(host))) {
            report(
                RiskKind::OutboundHost, tok.line, last,
                host.isEmpty()
                    ? RiskScanner::tr("%1() connects to an address computed at run time.").arg(name)
                    : RiskScanner::tr("%1() connects to %2, a host this code did not contact before.").arg(name, host),
                host);
        }
    }

    QString m_path;
    const Source &m_src;
    const QList<PhpToken> &m_t;
    QHash<QString, int> m_tainted;          // variable -> line its decoded value came from
    QHash<QString, KnownString> m_literals; // variable -> the string it holds, where known
    QHash<QString, QString> m_constants;    // constant -> its string value
    int m_depth = 0;                        // strings inside strings
    const std::atomic_bool *m_cancelled;
    QList<RiskFlag> m_flags;
    std::set<std::tuple<int, int, QString>> m_reported; // line, kind, host of m_flags
};

PhpTokenizer::StartState startStateFor(int firstLine, const QString &text)
{
    if (firstLine <= 1)
        return PhpTokenizer::StartState::Html;
    // "<?php"/"<?=" rather than "<?": an XML prolog in a PHP string is not a tag.
    qsizetype open = text.indexOf(QLatin1String("<?php"), 0, Qt::CaseInsensitive);
    const qsizetype echoTag = text.indexOf(QLatin1String("<?="));
    if (echoTag >= 0 && (open < 0 || echoTag < open))
        open = echoTag;
    const qsizetype close = text.indexOf(QLatin1String("?>"));
    if (open >= 0 && (close < 0 || open < close))
        return PhpTokenizer::StartState::Html;
    const qsizetype commentEnd = text.indexOf(QLatin1String("*/"));
    const qsizetype commentStart = text.indexOf(QLatin1String("/*"));
    if (commentEnd >= 0 && (commentStart < 0 || commentEnd < commentStart))
        return PhpTokenizer::StartState::BlockComment;
    return PhpTokenizer::StartState::Php;
}

void addHunk(Source &src, QString &&text, int firstLine, const std::atomic_bool *cancelled)
{
    if (firstLine <= 0)
        return;
    src.code.append(std::move(text));
    const QString &code = src.code.constLast();
    QList<PhpToken> tokens = PhpTokenizer::tokenize(code, startStateFor(firstLine, code), firstLine, cancelled,
                                                    PhpTokenizer::Texts::Borrowed);
    if (src.tokens.isEmpty()) {
        src.tokens = std::move(tokens);
        return;
    }
    src.tokens.append(PhpToken { Type::Break, QString(), firstLine, firstLine, false });
    src.tokens.append(std::move(tokens));
}

// The lines of `src` point into `diff`.
void readDiff(Source &src, const QString &diff, const std::atomic_bool *cancelled)
{
    std::vector<QStringView> hunkLines; // joined once per hunk: one allocation, not one per line
    qsizetype hunkSize = 0;
    int hunkFirst = 0;
    auto flush = [&] {
        QString hunkText;
        hunkText.reserve(hunkSize);
        for (const QStringView line : hunkLines) {
            hunkText.append(line);
            hunkText.append(QLatin1Char('\n'));
        }
        addHunk(src, std::move(hunkText), hunkFirst, cancelled);
        hunkLines.clear();
        hunkSize = 0;
        hunkFirst = 0;
    };
    UnifiedDiff::forEachLine(diff, [&](DiffLine::Kind kind, int, int newLine, QStringView text) {
        switch (kind) {
        case DiffLine::Kind::Hunk:
            flush();
            break;
        case DiffLine::Kind::Added:
        case DiffLine::Kind::Context:
            if (hunkFirst == 0)
                hunkFirst = newLine;
            hunkLines.push_back(text);
            hunkSize += text.size() + 1;
            src.addLine(newLine, text, kind == DiffLine::Kind::Added);
            if (kind == DiffLine::Kind::Added)
                break;
            [[fallthrough]];
        case DiffLine::Kind::Removed:
            // The pattern needs "://": most lines are passed over without a match.
            if (text.contains(u"://")) {
                auto it = urlPattern().globalMatchView(text);
                while (it.hasNext())
                    src.knownHosts.insert(it.next().captured(1).toLower());
            }
            break;
        case DiffLine::Kind::Header:
        case DiffLine::Kind::NoNewline:
            break;
        }
    });
    flush();
}

// A whole file read as new: every line added, like the patch
// "@@ -0,0 +1,N @@" of "+" lines would be (a "\r" before each line end
// dropped). The lines of `src` point into `source`.
void readNewFile(Source &src, const QString &source, const std::atomic_bool *cancelled)
{
    QString code;
    code.reserve(source.size() + 1);
    int number = 0;
    const QStringView all(source);
    for (qsizetype pos = 0; pos < all.size();) {
        qsizetype end = all.indexOf(QLatin1Char('\n'), pos);
        if (end < 0)
            end = all.size();
        QStringView line = all.mid(pos, end - pos);
        pos = end + 1;
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        code.append(line);
        code.append(QLatin1Char('\n'));
        src.addLine(++number, line, true);
    }
    addHunk(src, std::move(code), number > 0 ? 1 : 0, cancelled);
}

} // namespace

bool RiskScanner::isPhpFile(const QString &path)
{
    static const QSet<QString> suffixes { QStringLiteral("php"),   QStringLiteral("phtml"), QStringLiteral("inc"),
                                          QStringLiteral("php2"),  QStringLiteral("php3"),  QStringLiteral("php4"),
                                          QStringLiteral("php5"),  QStringLiteral("php6"),  QStringLiteral("php7"),
                                          QStringLiteral("php8"),  QStringLiteral("phps"),  QStringLiteral("pht"),
                                          QStringLiteral("phar"),  QStringLiteral("pgif"),  QStringLiteral("phpt"),
                                          QStringLiteral("module") };
    // Trailing dots and spaces are dropped by some file systems and servers.
    QString name = path.section(QLatin1Char('/'), -1);
    while (name.endsWith(QLatin1Char('.')) || name.endsWith(QLatin1Char(' ')))
        name.chop(1);
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot >= 0 && suffixes.contains(name.mid(dot + 1).toLower());
}

bool RiskScanner::isComposerFile(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    return name == QLatin1String("composer.json") || name == QLatin1String("composer.lock");
}

bool RiskScanner::isSubmoduleFile(const QString &path)
{
    return path.section(QLatin1Char('/'), -1) == QLatin1String(".gitmodules");
}

bool RiskScanner::isPhpSettingsFile(const QString &path)
{
    const QString name = path.section(QLatin1Char('/'), -1).toLower();
    return name == QLatin1String(".user.ini") || name == QLatin1String("php.ini");
}

QList<RiskFlag> RiskScanner::scan(const FileDiff &file) const
{
    const QString path = file.path();
    if (isPhpSettingsFile(path) && !file.deletedFile) {
        RiskFlag flag;
        flag.path = path;
        flag.kind = RiskKind::PhpSettings;
        flag.explanation = tr("%1 changes PHP settings for its folder; a setting such as auto_prepend_file can make "
                              "PHP run any file of the app as code.")
                               .arg(QFileInfo(path).fileName());
        return { flag };
    }
    if (isSubmoduleFile(path) || (file.renamedFile && isSubmoduleFile(file.oldPath))) {
        // Dockmaster never fetches submodules, but a deploy job that checks
        // out recursively would fetch from whatever host, file:// or ext::
        // command the file names, code this review never sees.
        RiskFlag flag;
        flag.path = path;
        flag.kind = RiskKind::Submodule;
        flag.explanation = file.deletedFile
            ? tr(".gitmodules was removed; the repositories a checkout fetches with this code change.")
            : tr(".gitmodules changed: a checkout with submodules would fetch code from the repositories it names "
                 "(another host, a file:// or ext:: URL), code this review does not show.");
        return { flag };
    }
    if (isPlatformManifest(path) || (file.renamedFile && isPlatformManifest(file.oldPath))) {
        // What the plugin asks of the platform: what the admins grant and
        // open is decided elsewhere, but the request itself needs a look.
        RiskFlag flag;
        flag.path = file.deletedFile || !isPlatformManifest(path) ? file.oldPath : path;
        flag.kind = RiskKind::PlatformManifest;
        flag.explanation = file.deletedFile || !isPlatformManifest(path)
            ? tr("platform.json was removed or moved: the plugin no longer declares its permissions, open paths "
                 "and key/value quota.")
            : tr("platform.json changed: the permissions the plugin asks for, the paths it wants open without "
                 "signing in or its key/value quota change. Compare them with what is granted before approving.");
        return { flag };
    }
    if (isComposerFile(path) || (file.renamedFile && isComposerFile(file.oldPath))) {
        RiskFlag flag;
        flag.path = path;
        flag.kind = RiskKind::DependencyChange;
        flag.explanation = file.deletedFile
            ? tr("%1 was removed; the app's dependencies change.").arg(QFileInfo(path).fileName())
            : tr("%1 changed; new or updated third-party packages come with this release.")
                  .arg(QFileInfo(path).fileName());
        return { flag };
    }
    if (file.deletedFile || file.binary || !isPhpFile(path))
        return {};
    Source source;
    readDiff(source, file.diff, m_cancelled);
    return Analyzer(path, source, source.tokens, m_cancelled).run();
}

QList<RiskFlag> RiskScanner::scan(const QList<FileDiff> &files) const
{
    QList<RiskFlag> flags;
    for (const FileDiff &file : files) {
        if (isCancelled())
            return flags;
        flags.append(scan(file));
    }
    return flags;
}

QList<RiskFlag> RiskScanner::scanSource(const QString &path, const QString &source) const
{
    // What scan() of the file as a new-file patch finds, without writing that patch.
    if (isPhpSettingsFile(path) || flagsAnyChange(path) || !isPhpFile(path)) {
        FileDiff file;
        file.oldPath = path;
        file.newPath = path;
        file.newFile = true;
        return scan(file);
    }
    Source src;
    readNewFile(src, source, m_cancelled);
    return Analyzer(path, src, src.tokens, m_cancelled).run();
}

QString RiskScanner::kindKey(RiskKind kind)
{
    switch (kind) {
    case RiskKind::Eval:
        return QStringLiteral("eval");
    case RiskKind::AssertString:
        return QStringLiteral("assert");
    case RiskKind::ShellExecution:
        return QStringLiteral("shell");
    case RiskKind::ObfuscatedExecution:
        return QStringLiteral("obfuscated");
    case RiskKind::WriteOutsideApp:
        return QStringLiteral("write");
    case RiskKind::DynamicInclude:
        return QStringLiteral("include");
    case RiskKind::OutboundHost:
        return QStringLiteral("outbound");
    case RiskKind::DependencyChange:
        return QStringLiteral("composer");
    case RiskKind::PhpSettings:
        return QStringLiteral("phpsettings");
    case RiskKind::CallableExecution:
        return QStringLiteral("callable");
    case RiskKind::InterpolatedCode:
        return QStringLiteral("interpolation");
    case RiskKind::DynamicCall:
        return QStringLiteral("dynamiccall");
    case RiskKind::Submodule:
        return QStringLiteral("submodule");
    case RiskKind::PlatformManifest:
        return QStringLiteral("manifest");
    }
    return {};
}

QString RiskScanner::kindLabel(RiskKind kind)
{
    switch (kind) {
    case RiskKind::Eval:
        return tr("Code evaluation");
    case RiskKind::AssertString:
        return tr("assert() with a string");
    case RiskKind::ShellExecution:
        return tr("Shell command");
    case RiskKind::ObfuscatedExecution:
        return tr("Obfuscated code executed");
    case RiskKind::WriteOutsideApp:
        return tr("Write outside the app folder");
    case RiskKind::DynamicInclude:
        return tr("Remote or variable include");
    case RiskKind::OutboundHost:
        return tr("New outbound host");
    case RiskKind::DependencyChange:
        return tr("Dependencies changed");
    case RiskKind::PhpSettings:
        return tr("PHP settings file");
    case RiskKind::CallableExecution:
        return tr("Dangerous function as a callback");
    case RiskKind::InterpolatedCode:
        return tr("Code inside a string");
    case RiskKind::DynamicCall:
        return tr("Call through a variable");
    case RiskKind::Submodule:
        return tr("Submodule source changed");
    case RiskKind::PlatformManifest:
        return tr("Platform manifest changed");
    }
    return {};
}

} // namespace Dockmaster
