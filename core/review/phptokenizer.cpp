#include "core/review/phptokenizer.h"

namespace Dockmaster {

namespace {

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c.unicode() >= 0x80;
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || c.isDigit();
}

// "$name" or "{$" in double-quoted or heredoc text.
bool hasInterpolation(QStringView text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('$') && (isNameStart(text.at(i + 1)) || text.at(i + 1) == QLatin1Char('{')))
            return true;
        if (text.at(i) == QLatin1Char('{') && text.at(i + 1) == QLatin1Char('$'))
            return true;
    }
    return false;
}

class Lexer
{
public:
    Lexer(const QString &source, int firstLine)
        : m_src(source)
        , m_line(firstLine)
    {
    }

    QList<PhpToken> run(PhpTokenizer::StartState start)
    {
        if (start == PhpTokenizer::StartState::Html)
            html();
        else if (start == PhpTokenizer::StartState::BlockComment)
            skipUntil(QStringLiteral("*/"));
        while (m_pos < m_src.size())
            php();
        return std::move(m_tokens);
    }

private:
    QChar at(qsizetype i) const { return i < m_src.size() ? m_src.at(i) : QChar(); }
    QChar cur() const { return at(m_pos); }
    bool startsWith(QLatin1StringView s, Qt::CaseSensitivity cs = Qt::CaseSensitive) const
    {
        return QStringView(m_src).mid(m_pos).startsWith(s, cs);
    }

    void advance(qsizetype n = 1)
    {
        for (qsizetype i = 0; i < n && m_pos < m_src.size(); ++i) {
            if (m_src.at(m_pos) == QLatin1Char('\n'))
                ++m_line;
            ++m_pos;
        }
    }

    void push(PhpToken::Type type, const QString &text, int line, bool interpolated = false)
    {
        PhpToken t;
        t.type = type;
        t.text = text;
        t.line = line;
        t.endLine = m_line;
        t.interpolated = interpolated;
        m_tokens.append(t);
    }

    void skipUntil(const QString &end)
    {
        const qsizetype found = m_src.indexOf(end, m_pos);
        advance(found < 0 ? m_src.size() - m_pos : found - m_pos + end.size());
    }

    // Inline HTML up to the next open tag.
    void html()
    {
        const int line = m_line;
        const qsizetype start = m_pos;
        while (m_pos < m_src.size() && !startsWith(QLatin1StringView("<?")))
            advance();
        if (m_pos > start)
            push(PhpToken::Type::InlineHtml, m_src.mid(start, m_pos - start), line);
        if (m_pos >= m_src.size())
            return;
        const int tagLine = m_line;
        if (startsWith(QLatin1StringView("<?php"), Qt::CaseInsensitive))
            advance(5);
        else if (startsWith(QLatin1StringView("<?=")))
            advance(3);
        else
            advance(2);
        push(PhpToken::Type::OpenTag, QStringLiteral("<?php"), tagLine);
    }

    void lineComment()
    {
        // A line comment also ends at "?>", which leaves PHP mode.
        while (m_pos < m_src.size() && cur() != QLatin1Char('\n') && !startsWith(QLatin1StringView("?>")))
            advance();
    }

    void quoted(QChar quote)
    {
        const int line = m_line;
        advance();
        QString text;
        bool interpolated = false;
        while (m_pos < m_src.size() && cur() != quote) {
            if (cur() == QLatin1Char('\\') && m_pos + 1 < m_src.size()) {
                const QChar next = at(m_pos + 1);
                if (quote == QLatin1Char('\'')) {
                    text.append(next == QLatin1Char('\'') || next == QLatin1Char('\\') ? QString(next)
                                                                                       : QString(cur()) + next);
                } else {
                    text.append(next);
                }
                advance(2);
                continue;
            }
            if (quote != QLatin1Char('\'') && cur() == QLatin1Char('$')
                && (isNameStart(at(m_pos + 1)) || at(m_pos + 1) == QLatin1Char('{')))
                interpolated = true;
            if (quote != QLatin1Char('\'') && cur() == QLatin1Char('{') && at(m_pos + 1) == QLatin1Char('$'))
                interpolated = true;
            text.append(cur());
            advance();
        }
        advance(); // closing quote
        const auto type = quote == QLatin1Char('`') ? PhpToken::Type::Backtick : PhpToken::Type::String;
        push(type, text, line, interpolated);
    }

    // <<<ID / <<<"ID" (heredoc) and <<<'ID' (nowdoc); the closing marker may be
    // indented (PHP 7.3+).
    bool heredoc()
    {
        qsizetype p = m_pos + 3;
        while (at(p) == QLatin1Char(' ') || at(p) == QLatin1Char('\t'))
            ++p;
        bool nowdoc = false;
        QChar quote;
        if (at(p) == QLatin1Char('\'') || at(p) == QLatin1Char('"')) {
            quote = at(p);
            nowdoc = quote == QLatin1Char('\'');
            ++p;
        }
        const qsizetype idStart = p;
        while (isNameChar(at(p)))
            ++p;
        if (p == idStart)
            return false;
        const QString id = m_src.mid(idStart, p - idStart);
        if (!quote.isNull()) {
            if (at(p) != quote)
                return false;
            ++p;
        }
        if (at(p) == QLatin1Char('\r'))
            ++p;
        if (at(p) != QLatin1Char('\n'))
            return false;
        const int line = m_line;
        advance(p + 1 - m_pos);
        QString text;
        bool interpolated = false;
        while (m_pos < m_src.size()) {
            const qsizetype lineEnd = [&] {
                const qsizetype e = m_src.indexOf(QLatin1Char('\n'), m_pos);
                return e < 0 ? m_src.size() : e;
            }();
            const QStringView lineText = QStringView(m_src).mid(m_pos, lineEnd - m_pos);
            qsizetype indent = 0;
            while (indent < lineText.size()
                   && (lineText.at(indent) == QLatin1Char(' ') || lineText.at(indent) == QLatin1Char('\t')))
                ++indent;
            const QStringView rest = lineText.mid(indent);
            if (rest.startsWith(id) && !isNameChar(rest.size() > id.size() ? rest.at(id.size()) : QChar())) {
                // Leave the marker's trailing ";" or ")" for the code.
                advance(indent + id.size());
                break;
            }
            if (!nowdoc && !interpolated)
                interpolated = hasInterpolation(lineText);
            text.append(lineText);
            text.append(QLatin1Char('\n'));
            advance(lineEnd - m_pos + 1);
        }
        push(PhpToken::Type::String, text, line, interpolated);
        return true;
    }

    void php()
    {
        const QChar c = cur();
        if (c.isSpace()) {
            advance();
            return;
        }
        const int line = m_line;
        if (startsWith(QLatin1StringView("?>"))) {
            advance(2);
            push(PhpToken::Type::CloseTag, QStringLiteral("?>"), line);
            html();
            return;
        }
        if (startsWith(QLatin1StringView("/*"))) {
            advance(2);
            skipUntil(QStringLiteral("*/"));
            return;
        }
        if (startsWith(QLatin1StringView("//")) || (c == QLatin1Char('#') && at(m_pos + 1) != QLatin1Char('['))) {
            lineComment();
            return;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            quoted(c);
            return;
        }
        if (startsWith(QLatin1StringView("<<<")) && heredoc())
            return;
        if (c == QLatin1Char('$') && isNameStart(at(m_pos + 1))) {
            advance();
            const qsizetype start = m_pos;
            while (isNameChar(cur()))
                advance();
            push(PhpToken::Type::Variable, m_src.mid(start, m_pos - start), line);
            return;
        }
        if (isNameStart(c) || (c == QLatin1Char('\\') && isNameStart(at(m_pos + 1)))) {
            const qsizetype start = m_pos;
            while (isNameChar(cur()) || (cur() == QLatin1Char('\\') && isNameStart(at(m_pos + 1))))
                advance();
            push(PhpToken::Type::Name, m_src.mid(start, m_pos - start), line);
            return;
        }
        if (c.isDigit()) {
            const qsizetype start = m_pos;
            while (isNameChar(cur()) || cur() == QLatin1Char('.'))
                advance();
            push(PhpToken::Type::Number, m_src.mid(start, m_pos - start), line);
            return;
        }
        static const QLatin1StringView operators[] = {
            QLatin1StringView("?->"), QLatin1StringView("==="), QLatin1StringView("!=="), QLatin1StringView("->"),
            QLatin1StringView("::"),  QLatin1StringView("=>"),  QLatin1StringView("=="),  QLatin1StringView("!="),
            QLatin1StringView(".="),  QLatin1StringView("??"),  QLatin1StringView("<="),  QLatin1StringView(">="),
        };
        for (const QLatin1StringView op : operators) {
            if (startsWith(op)) {
                advance(op.size());
                push(PhpToken::Type::Operator, QString(op), line);
                return;
            }
        }
        advance();
        push(PhpToken::Type::Operator, QString(c), line);
    }

    const QString &m_src;
    qsizetype m_pos = 0;
    int m_line;
    QList<PhpToken> m_tokens;
};

} // namespace

QList<PhpToken> PhpTokenizer::tokenize(const QString &source, StartState start, int firstLine)
{
    return Lexer(source, firstLine).run(start);
}

} // namespace Dockmaster
