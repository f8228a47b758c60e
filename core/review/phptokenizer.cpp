#include "core/review/phptokenizer.h"

#include <array>

namespace Dockmaster {

namespace {

bool isNameStart(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= 0x80)
        return true;
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_';
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c.unicode() >= '0' && c.unicode() <= '9');
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

// Operator texts shared by every token: static data, so a token's copy is
// neither an allocation nor a reference count to update.
class OperatorTexts
{
public:
    OperatorTexts()
    {
        for (char16_t c = 0; c < 0x80; ++c) {
            m_chars[c] = c;
            m_single[c] = QString::fromRawData(reinterpret_cast<const QChar *>(&m_chars[c]), 1);
        }
    }
    const QString &single(QChar c) const { return m_single[c.unicode()]; }

private:
    char16_t m_chars[0x80];
    QString m_single[0x80];
};

const OperatorTexts &operatorTexts()
{
    static const OperatorTexts texts;
    return texts;
}

// The multi-character operators the analyzer tells apart, longest first
// where one starts another.
struct MultiOperator {
    QStringView text;
    QString shared;
};

const std::array<MultiOperator, 12> &multiOperators()
{
    static const std::array<MultiOperator, 12> ops = [] {
        std::array<MultiOperator, 12> o {};
        const char16_t *texts[]
            = { u"?->", u"===", u"!==", u"->", u"::", u"=>", u"==", u"!=", u".=", u"??", u"<=", u">=" };
        for (size_t i = 0; i < o.size(); ++i) {
            o[i].text = QStringView(texts[i]);
            o[i].shared = QString::fromRawData(o[i].text.data(), o[i].text.size()); // static data, as above
        }
        return o;
    }();
    return ops;
}

// Characters between checks of the cancellation flag.
constexpr qsizetype CancelCheckChars = 64 * 1024;

class Lexer
{
public:
    Lexer(const QString &source, int firstLine, const std::atomic_bool *cancelled, PhpTokenizer::Texts texts)
        : m_src(source)
        , m_d(source.constData())
        , m_n(source.size())
        , m_line(firstLine)
        , m_cancelled(cancelled)
        , m_borrow(texts == PhpTokenizer::Texts::Borrowed)
    {
        m_tokens.reserve(m_n / 5 + 8);
    }

    QList<PhpToken> run(PhpTokenizer::StartState start)
    {
        if (start == PhpTokenizer::StartState::Html)
            html();
        else if (start == PhpTokenizer::StartState::BlockComment)
            skipUntil(u"*/");
        qsizetype nextCheck = m_pos + CancelCheckChars;
        while (m_pos < m_n) {
            php();
            if (m_cancelled && m_pos >= nextCheck) {
                if (m_cancelled->load(std::memory_order_relaxed))
                    return {};
                nextCheck = m_pos + CancelCheckChars;
            }
        }
        return std::move(m_tokens);
    }

private:
    QChar at(qsizetype i) const { return i < m_n ? m_d[i] : QChar(); }
    QChar cur() const { return at(m_pos); }
    bool startsWith(QStringView s) const
    {
        if (m_n - m_pos < s.size())
            return false;
        for (qsizetype k = 0; k < s.size(); ++k) {
            if (m_d[m_pos + k] != s[k])
                return false;
        }
        return true;
    }

    void advance(qsizetype n = 1)
    {
        const qsizetype end = std::min(m_pos + n, m_n);
        for (; m_pos < end; ++m_pos) {
            if (m_d[m_pos] == QLatin1Char('\n'))
                ++m_line;
        }
    }

    QString slice(qsizetype start, qsizetype length) const
    {
        return m_borrow ? QString::fromRawData(m_d + start, length) : m_src.mid(start, length);
    }

    void push(PhpToken::Type type, const QString &text, int line, bool interpolated = false)
    {
        m_tokens.emplaceBack(type, text, line, m_line, interpolated);
    }
    void push(PhpToken::Type type, QString &&text, int line, bool interpolated = false)
    {
        m_tokens.emplaceBack(type, std::move(text), line, m_line, interpolated);
    }

    void skipUntil(QStringView end)
    {
        const qsizetype found = QStringView(m_d, m_n).indexOf(end, m_pos);
        advance(found < 0 ? m_n - m_pos : found - m_pos + end.size());
    }

    // Inline HTML up to the next open tag.
    void html()
    {
        const int line = m_line;
        const qsizetype start = m_pos;
        const qsizetype tag = QStringView(m_d, m_n).indexOf(u"<?", m_pos);
        advance((tag < 0 ? m_n : tag) - m_pos);
        if (m_pos > start)
            push(PhpToken::Type::InlineHtml, slice(start, m_pos - start), line);
        if (m_pos >= m_n)
            return;
        const int tagLine = m_line;
        if (QStringView(m_d, m_n).mid(m_pos).startsWith(QLatin1StringView("<?php"), Qt::CaseInsensitive))
            advance(5);
        else if (startsWith(u"<?="))
            advance(3);
        else
            advance(2);
        static const QString openTag = QStringLiteral("<?php");
        push(PhpToken::Type::OpenTag, openTag, tagLine);
    }

    void lineComment()
    {
        // A line comment also ends at "?>", which leaves PHP mode.
        while (m_pos < m_n && m_d[m_pos] != QLatin1Char('\n')
               && !(m_d[m_pos] == QLatin1Char('?') && at(m_pos + 1) == QLatin1Char('>')))
            ++m_pos;
    }

    void quoted(QChar quote)
    {
        const int line = m_line;
        const bool single = quote == QLatin1Char('\'');
        ++m_pos; // the opening quote
        const qsizetype start = m_pos;
        qsizetype run = m_pos; // start of the text not yet copied into `text`
        QString text;
        bool escaped = false;
        bool interpolated = false;
        while (m_pos < m_n && m_d[m_pos] != quote) {
            const QChar c = m_d[m_pos];
            if (c == QLatin1Char('\\') && m_pos + 1 < m_n) {
                const QChar next = m_d[m_pos + 1];
                text.append(m_d + run, m_pos - run);
                escaped = true;
                if (single && next != QLatin1Char('\'') && next != QLatin1Char('\\'))
                    text.append(c);
                text.append(next);
                if (next == QLatin1Char('\n'))
                    ++m_line;
                m_pos += 2;
                run = m_pos;
                continue;
            }
            if (!single && !interpolated) {
                const QChar next = at(m_pos + 1);
                if ((c == QLatin1Char('$') && (isNameStart(next) || next == QLatin1Char('{')))
                    || (c == QLatin1Char('{') && next == QLatin1Char('$')))
                    interpolated = true;
            }
            if (c == QLatin1Char('\n'))
                ++m_line;
            ++m_pos;
        }
        if (escaped)
            text.append(m_d + run, m_pos - run);
        else
            text = slice(start, m_pos - start);
        if (m_pos < m_n)
            ++m_pos; // the closing quote
        const auto type = quote == QLatin1Char('`') ? PhpToken::Type::Backtick : PhpToken::Type::String;
        push(type, std::move(text), line, interpolated);
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
        const QStringView id(m_d + idStart, p - idStart);
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
        while (m_pos < m_n) {
            const qsizetype lineEnd = [&] {
                const qsizetype e = QStringView(m_d, m_n).indexOf(QLatin1Char('\n'), m_pos);
                return e < 0 ? m_n : e;
            }();
            const QStringView lineText(m_d + m_pos, lineEnd - m_pos);
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
        push(PhpToken::Type::String, std::move(text), line, interpolated);
        return true;
    }

    void php()
    {
        const QChar c = m_d[m_pos];
        if (c.isSpace()) {
            do {
                if (m_d[m_pos] == QLatin1Char('\n'))
                    ++m_line;
                ++m_pos;
            } while (m_pos < m_n && m_d[m_pos].isSpace());
            return;
        }
        const int line = m_line;
        const QChar next = at(m_pos + 1);
        switch (c.unicode()) {
        case '?':
            if (next == QLatin1Char('>')) {
                m_pos += 2;
                static const QString closeTag = QStringLiteral("?>");
                push(PhpToken::Type::CloseTag, closeTag, line);
                html();
                return;
            }
            break;
        case '/':
            if (next == QLatin1Char('*')) {
                m_pos += 2;
                skipUntil(u"*/");
                return;
            }
            if (next == QLatin1Char('/')) {
                lineComment();
                return;
            }
            break;
        case '#':
            if (next != QLatin1Char('[')) {
                lineComment();
                return;
            }
            break;
        case '\'':
        case '"':
        case '`':
            quoted(c);
            return;
        case '<':
            if (next == QLatin1Char('<') && at(m_pos + 2) == QLatin1Char('<') && heredoc())
                return;
            break;
        case '$':
            if (isNameStart(next)) {
                ++m_pos;
                const qsizetype start = m_pos;
                while (m_pos < m_n && isNameChar(m_d[m_pos]))
                    ++m_pos;
                push(PhpToken::Type::Variable, slice(start, m_pos - start), line);
                return;
            }
            break;
        default:
            break;
        }
        if (isNameStart(c) || (c == QLatin1Char('\\') && isNameStart(next))) {
            const qsizetype start = m_pos;
            while (m_pos < m_n
                   && (isNameChar(m_d[m_pos]) || (m_d[m_pos] == QLatin1Char('\\') && isNameStart(at(m_pos + 1)))))
                ++m_pos;
            push(PhpToken::Type::Name, slice(start, m_pos - start), line);
            return;
        }
        if (c.isDigit()) {
            const qsizetype start = m_pos;
            while (m_pos < m_n && (isNameChar(m_d[m_pos]) || m_d[m_pos] == QLatin1Char('.')))
                ++m_pos;
            push(PhpToken::Type::Number, slice(start, m_pos - start), line);
            return;
        }
        if (c.unicode() < 0x80) {
            for (const MultiOperator &op : multiOperators()) {
                if (op.text.front() == c && startsWith(op.text)) {
                    m_pos += op.text.size();
                    push(PhpToken::Type::Operator, op.shared, line);
                    return;
                }
            }
            ++m_pos;
            push(PhpToken::Type::Operator, operatorTexts().single(c), line);
            return;
        }
        advance();
        push(PhpToken::Type::Operator, QString(c), line);
    }

    const QString &m_src;
    const QChar *m_d;
    qsizetype m_n;
    qsizetype m_pos = 0;
    int m_line;
    const std::atomic_bool *m_cancelled;
    bool m_borrow;
    QList<PhpToken> m_tokens;
};

} // namespace

QList<PhpToken> PhpTokenizer::tokenize(const QString &source, StartState start, int firstLine,
                                       const std::atomic_bool *cancelled, Texts texts)
{
    return Lexer(source, firstLine, cancelled, texts).run(start);
}

} // namespace Dockmaster
