#include "sandbox/emulator/graphqldocument.h"

#include <QHash>
#include <QJsonArray>
#include <QStringList>

namespace Dockmaster::GraphQL {

const Argument *Field::argument(const QString &argumentName) const
{
    for (const Argument &a : arguments) {
        if (a.name == argumentName)
            return &a;
    }
    return nullptr;
}

QJsonValue Field::argumentValue(const QString &argumentName, const QJsonObject &variables) const
{
    const Argument *a = argument(argumentName);
    return a ? jsonValue(a->value, variables) : QJsonValue(QJsonValue::Undefined);
}

QJsonValue jsonValue(const Value &value, const QJsonObject &variables)
{
    switch (value.kind) {
    case Value::Kind::Null:
        return QJsonValue::Null;
    case Value::Kind::Int:
        return QJsonValue(value.text.toLongLong());
    case Value::Kind::Float:
        return QJsonValue(value.text.toDouble());
    case Value::Kind::String:
    case Value::Kind::Enum:
        return QJsonValue(value.text);
    case Value::Kind::Boolean:
        return QJsonValue(value.boolean);
    case Value::Kind::Variable:
        return variables.contains(value.text) ? variables.value(value.text) : QJsonValue(QJsonValue::Undefined);
    case Value::Kind::List: {
        QJsonArray items;
        for (const Value &item : value.list)
            items.append(jsonValue(item, variables));
        return items;
    }
    case Value::Kind::Object: {
        QJsonObject object;
        for (const auto &[key, item] : value.fields)
            object.insert(key, jsonValue(item, variables));
        return object;
    }
    }
    return QJsonValue::Null;
}

namespace {

struct Token {
    enum class Kind { End, Punctuator, Name, Int, Float, String };
    Kind kind = Kind::End;
    QString text; // punctuator or name as written; a string's decoded contents
    QString raw;  // as written, for error messages
    Location location;
};

// Thrown inside the parser only, caught by parseDocument(): the recursive
// descent stays readable without an error check after every call.
struct Failure {
    ParseError error;
};

// Splits the source into tokens, skipping what the spec calls ignored:
// whitespace, line terminators, commas, comments and a byte order mark.
class Lexer
{
public:
    explicit Lexer(const QString &text)
        : m_text(text)
    {
    }

    Token next()
    {
        skipIgnored();
        Token t;
        t.location = location();
        if (m_pos >= m_text.size())
            return t;
        const QChar c = m_text.at(m_pos);
        const qsizetype start = m_pos;
        if (m_text.mid(m_pos, 3) == QLatin1String("...")) {
            m_pos += 3;
            t.kind = Token::Kind::Punctuator;
        } else if (QStringLiteral("!$&():=@[]{}|").contains(c)) {
            ++m_pos;
            t.kind = Token::Kind::Punctuator;
        } else if (c == QLatin1Char('_') || isLetter(c)) {
            while (m_pos < m_text.size()
                   && (m_text.at(m_pos) == QLatin1Char('_') || isLetter(m_text.at(m_pos)) || isDigit(m_text.at(m_pos))))
                ++m_pos;
            t.kind = Token::Kind::Name;
        } else if (c == QLatin1Char('-') || isDigit(c)) {
            t.kind = number(t.location);
        } else if (c == QLatin1Char('"')) {
            t.kind = Token::Kind::String;
            t.text = m_text.mid(m_pos, 3) == QLatin1String("\"\"\"") ? blockString(t.location) : string(t.location);
            t.raw = m_text.mid(start, m_pos - start);
            return t;
        } else {
            fail(QStringLiteral("Parse error on \"%1\" (error) at [%2, %3]")
                     .arg(QString(c))
                     .arg(t.location.line)
                     .arg(t.location.column),
                 t.location);
        }
        t.text = m_text.mid(start, m_pos - start);
        t.raw = t.text;
        return t;
    }

    [[noreturn]] static void fail(const QString &message, const Location &at) { throw Failure { { message, at } }; }

private:
    static bool isLetter(QChar c)
    {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
    }
    static bool isDigit(QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }

    Location location() const
    {
        // Lines are counted as they are passed, so this stays linear.
        while (m_counted < m_pos) {
            const QChar c = m_text.at(m_counted++);
            if (c == QLatin1Char('\n')
                || (c == QLatin1Char('\r')
                    && (m_counted >= m_text.size() || m_text.at(m_counted) != QLatin1Char('\n')))) {
                ++m_line;
                m_lineStart = m_counted;
            }
        }
        return { m_line, int(m_pos - m_lineStart) + 1 };
    }

    void skipIgnored()
    {
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r')
                || c == QLatin1Char(',') || c == QChar(0xFEFF)) {
                ++m_pos;
            } else if (c == QLatin1Char('#')) {
                while (m_pos < m_text.size() && m_text.at(m_pos) != QLatin1Char('\n')
                       && m_text.at(m_pos) != QLatin1Char('\r'))
                    ++m_pos;
            } else {
                return;
            }
        }
    }

    Token::Kind number(const Location &at)
    {
        auto digits = [this] {
            const qsizetype from = m_pos;
            while (m_pos < m_text.size() && isDigit(m_text.at(m_pos)))
                ++m_pos;
            return m_pos - from;
        };
        if (m_text.at(m_pos) == QLatin1Char('-'))
            ++m_pos;
        const qsizetype intStart = m_pos;
        if (digits() == 0 || (m_text.at(intStart) == QLatin1Char('0') && m_pos - intStart > 1))
            fail(QStringLiteral("Parse error on bad number at [%1, %2]").arg(at.line).arg(at.column), at);
        Token::Kind kind = Token::Kind::Int;
        if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('.')) {
            ++m_pos;
            if (digits() == 0)
                fail(QStringLiteral("Parse error on bad number at [%1, %2]").arg(at.line).arg(at.column), at);
            kind = Token::Kind::Float;
        }
        if (m_pos < m_text.size() && (m_text.at(m_pos) == QLatin1Char('e') || m_text.at(m_pos) == QLatin1Char('E'))) {
            ++m_pos;
            if (m_pos < m_text.size() && (m_text.at(m_pos) == QLatin1Char('+') || m_text.at(m_pos) == QLatin1Char('-')))
                ++m_pos;
            if (digits() == 0)
                fail(QStringLiteral("Parse error on bad number at [%1, %2]").arg(at.line).arg(at.column), at);
            kind = Token::Kind::Float;
        }
        // "12abc" is no number followed by a name (spec: NameStart may not follow).
        if (m_pos < m_text.size() && (isLetter(m_text.at(m_pos)) || m_text.at(m_pos) == QLatin1Char('_')))
            fail(QStringLiteral("Parse error on bad number at [%1, %2]").arg(at.line).arg(at.column), at);
        return kind;
    }

    QString string(const Location &at)
    {
        ++m_pos; // opening quote
        QString out;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c == QLatin1Char('"'))
                return out;
            if (c == QLatin1Char('\n') || c == QLatin1Char('\r'))
                break;
            if (c != QLatin1Char('\\')) {
                out.append(c);
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const QChar e = m_text.at(m_pos++);
            switch (e.unicode()) {
            case '"':
            case '\\':
            case '/':
                out.append(e);
                break;
            case 'b':
                out.append(QLatin1Char('\b'));
                break;
            case 'f':
                out.append(QLatin1Char('\f'));
                break;
            case 'n':
                out.append(QLatin1Char('\n'));
                break;
            case 'r':
                out.append(QLatin1Char('\r'));
                break;
            case 't':
                out.append(QLatin1Char('\t'));
                break;
            case 'u': {
                bool ok = false;
                const ushort code = m_text.mid(m_pos, 4).toUShort(&ok, 16);
                if (!ok || m_text.mid(m_pos, 4).size() != 4)
                    fail(QStringLiteral("Parse error on bad Unicode escape sequence at [%1, %2]")
                             .arg(at.line)
                             .arg(at.column),
                         at);
                out.append(QChar(code)); // surrogate pairs arrive as two escapes and join up
                m_pos += 4;
                break;
            }
            default:
                fail(QStringLiteral("Parse error on bad escape \\%1 at [%2, %3]").arg(e).arg(at.line).arg(at.column),
                     at);
            }
        }
        fail(QStringLiteral("Parse error on unterminated string at [%1, %2]").arg(at.line).arg(at.column), at);
    }

    // Block strings: raw text, \""" the only escape, common indentation and
    // blank first/last lines removed (spec: BlockStringValue()).
    QString blockString(const Location &at)
    {
        m_pos += 3;
        QString raw;
        while (m_pos < m_text.size()) {
            if (m_text.mid(m_pos, 3) == QLatin1String("\"\"\"")) {
                m_pos += 3;
                return blockValue(raw);
            }
            if (m_text.mid(m_pos, 4) == QLatin1String("\\\"\"\"")) {
                raw.append(QLatin1String("\"\"\""));
                m_pos += 4;
                continue;
            }
            raw.append(m_text.at(m_pos++));
        }
        fail(QStringLiteral("Parse error on unterminated string at [%1, %2]").arg(at.line).arg(at.column), at);
    }

    static QString blockValue(const QString &raw)
    {
        QString normalised = raw;
        normalised.replace(QLatin1String("\r\n"), QLatin1String("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
        QStringList lines = normalised.split(QLatin1Char('\n'));
        auto indentOf = [](const QString &line) {
            qsizetype i = 0;
            while (i < line.size() && (line.at(i) == QLatin1Char(' ') || line.at(i) == QLatin1Char('\t')))
                ++i;
            return i;
        };
        qsizetype common = -1;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype indent = indentOf(lines.at(i));
            if (indent < lines.at(i).size() && (common < 0 || indent < common))
                common = indent;
        }
        if (common > 0) {
            for (qsizetype i = 1; i < lines.size(); ++i)
                lines[i].remove(0, common);
        }
        auto blank = [&](const QString &line) {
            return indentOf(line) == line.size();
        };
        while (!lines.isEmpty() && blank(lines.first()))
            lines.removeFirst();
        while (!lines.isEmpty() && blank(lines.last()))
            lines.removeLast();
        return lines.join(QLatin1Char('\n'));
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    mutable qsizetype m_counted = 0;
    mutable int m_line = 1;
    mutable qsizetype m_lineStart = 0;
};

// Recursive descent over the executable-document grammar, one token of lookahead.
class Parser
{
public:
    explicit Parser(const QString &text)
        : m_lexer(text)
    {
        advance();
    }

    Document document()
    {
        Document d;
        do {
            d.operations.push_back(operation());
        } while (m_token.kind != Token::Kind::End);
        return d;
    }

private:
    void advance() { m_token = m_lexer.next(); }

    bool isPunctuator(const char *p) const
    {
        return m_token.kind == Token::Kind::Punctuator && m_token.text == QLatin1String(p);
    }
    bool isName(const char *n) const { return m_token.kind == Token::Kind::Name && m_token.text == QLatin1String(n); }

    // graphql-ruby's wording: Parse error on "}" (RCURLY) at [1, 12].
    [[noreturn]] void unexpected() const
    {
        if (m_token.kind == Token::Kind::End)
            Lexer::fail(QStringLiteral("Unexpected end of document"), m_token.location);
        static const QHash<QString, QString> Names {
            { QStringLiteral("{"), QStringLiteral("LCURLY") },   { QStringLiteral("}"), QStringLiteral("RCURLY") },
            { QStringLiteral("("), QStringLiteral("LPAREN") },   { QStringLiteral(")"), QStringLiteral("RPAREN") },
            { QStringLiteral("["), QStringLiteral("LBRACKET") }, { QStringLiteral("]"), QStringLiteral("RBRACKET") },
            { QStringLiteral(":"), QStringLiteral("COLON") },    { QStringLiteral("$"), QStringLiteral("VAR_SIGN") },
            { QStringLiteral("!"), QStringLiteral("BANG") },     { QStringLiteral("="), QStringLiteral("EQUALS") },
            { QStringLiteral("@"), QStringLiteral("DIR_SIGN") }, { QStringLiteral("..."), QStringLiteral("ELLIPSIS") },
            { QStringLiteral("|"), QStringLiteral("PIPE") },     { QStringLiteral("&"), QStringLiteral("AMP") },
        };
        QString kind;
        switch (m_token.kind) {
        case Token::Kind::Name:
            kind = QStringLiteral("IDENTIFIER");
            break;
        case Token::Kind::Int:
            kind = QStringLiteral("INT");
            break;
        case Token::Kind::Float:
            kind = QStringLiteral("FLOAT");
            break;
        case Token::Kind::String:
            kind = QStringLiteral("STRING");
            break;
        default:
            kind = Names.value(m_token.text);
        }
        Lexer::fail(QStringLiteral("Parse error on \"%1\" (%2) at [%3, %4]")
                        .arg(m_token.kind == Token::Kind::String ? m_token.text : m_token.raw, kind)
                        .arg(m_token.location.line)
                        .arg(m_token.location.column),
                    m_token.location);
    }

    [[noreturn]] void unsupported(const QString &what) const
    {
        Lexer::fail(QStringLiteral("%1 are not supported by the GitLab emulator (at [%2, %3])")
                        .arg(what)
                        .arg(m_token.location.line)
                        .arg(m_token.location.column),
                    m_token.location);
    }

    void expect(const char *p)
    {
        if (!isPunctuator(p))
            unexpected();
        advance();
    }

    QString name()
    {
        if (m_token.kind != Token::Kind::Name)
            unexpected();
        const QString n = m_token.text;
        advance();
        return n;
    }

    Operation operation()
    {
        Operation op;
        op.location = m_token.location;
        if (isName("fragment"))
            unsupported(QStringLiteral("Fragments"));
        if (isPunctuator("{")) {
            op.selections = selectionSet();
            return op;
        }
        if (!isName("query") && !isName("mutation") && !isName("subscription"))
            unexpected();
        op.type = name();
        if (m_token.kind == Token::Kind::Name)
            op.name = name();
        if (isPunctuator("(")) {
            advance();
            do {
                op.variables.push_back(variableDefinition());
            } while (!isPunctuator(")"));
            advance();
        }
        if (isPunctuator("@"))
            unsupported(QStringLiteral("Directives"));
        op.selections = selectionSet();
        return op;
    }

    VariableDefinition variableDefinition()
    {
        VariableDefinition v;
        v.location = m_token.location;
        expect("$");
        v.name = name();
        expect(":");
        if (isPunctuator("[")) {
            advance();
            v.list = true;
            v.typeName = name();
            v.typeText = QLatin1Char('[') + v.typeName;
            if (isPunctuator("!")) {
                advance();
                v.typeText += QLatin1Char('!');
            }
            expect("]");
            v.typeText += QLatin1Char(']');
        } else {
            v.typeName = name();
            v.typeText = v.typeName;
        }
        if (isPunctuator("!")) {
            advance();
            v.nonNull = true;
            v.typeText += QLatin1Char('!');
        }
        if (isPunctuator("=")) {
            advance();
            v.defaultValue = value(true);
        }
        return v;
    }

    std::vector<Field> selectionSet()
    {
        expect("{");
        std::vector<Field> fields;
        do {
            if (isPunctuator("..."))
                unsupported(QStringLiteral("Fragments"));
            fields.push_back(field());
        } while (!isPunctuator("}"));
        advance();
        return fields;
    }

    Field field()
    {
        Field f;
        f.location = m_token.location;
        f.name = name();
        if (isPunctuator(":")) {
            advance();
            f.alias = f.name;
            f.name = name();
        }
        if (isPunctuator("(")) {
            advance();
            do {
                Argument a;
                a.location = m_token.location;
                a.name = name();
                expect(":");
                a.value = value(false);
                f.arguments.push_back(std::move(a));
            } while (!isPunctuator(")"));
            advance();
        }
        if (isPunctuator("@"))
            unsupported(QStringLiteral("Directives"));
        if (isPunctuator("{"))
            f.selections = selectionSet();
        return f;
    }

    // `constant`: inside a variable's default, where variables may not appear.
    Value value(bool constant)
    {
        Value v;
        v.location = m_token.location;
        switch (m_token.kind) {
        case Token::Kind::Int:
            v.kind = Value::Kind::Int;
            v.text = m_token.text;
            advance();
            return v;
        case Token::Kind::Float:
            v.kind = Value::Kind::Float;
            v.text = m_token.text;
            advance();
            return v;
        case Token::Kind::String:
            v.kind = Value::Kind::String;
            v.text = m_token.text;
            advance();
            return v;
        case Token::Kind::Name:
            if (isName("true") || isName("false")) {
                v.kind = Value::Kind::Boolean;
                v.boolean = isName("true");
            } else if (isName("null")) {
                v.kind = Value::Kind::Null;
            } else {
                v.kind = Value::Kind::Enum;
                v.text = m_token.text;
            }
            advance();
            return v;
        case Token::Kind::Punctuator:
            if (isPunctuator("$") && !constant) {
                advance();
                v.kind = Value::Kind::Variable;
                v.text = name();
                return v;
            }
            if (isPunctuator("[")) {
                advance();
                v.kind = Value::Kind::List;
                while (!isPunctuator("]"))
                    v.list.push_back(value(constant));
                advance();
                return v;
            }
            if (isPunctuator("{")) {
                advance();
                v.kind = Value::Kind::Object;
                while (!isPunctuator("}")) {
                    QString key = name();
                    expect(":");
                    v.fields.emplace_back(std::move(key), value(constant));
                }
                advance();
                return v;
            }
            break;
        case Token::Kind::End:
            break;
        }
        unexpected();
    }

    Lexer m_lexer;
    Token m_token;
};

} // namespace

std::optional<Document> parseDocument(const QString &text, ParseError *error)
{
    try {
        Parser parser(text);
        return parser.document();
    } catch (const Failure &failure) {
        if (error)
            *error = failure.error;
        return std::nullopt;
    }
}

} // namespace Dockmaster::GraphQL
