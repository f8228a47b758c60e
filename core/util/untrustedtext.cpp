#include "core/util/untrustedtext.h"

#include <QStringList>
#include <QStringView>

#include <algorithm>
#include <climits>

namespace Dockmaster::UntrustedText {

namespace {

constexpr char16_t Fsi = 0x2068; // first strong isolate
constexpr char16_t Pdi = 0x2069; // pop directional isolate
// Functions, not global QStrings: no static initialisation order to mind
// (clazy non-pod-global-static); QStringLiteral costs nothing at run time.
QString ellipsis()
{
    return QStringLiteral("…");
}

QString foldedNewline()
{
    return QStringLiteral(" ⏎ ");
}

// Calls fn(codePoint, begin, end) for each code point of text[0, end).
template<typename Fn> void forEachCodePoint(QStringView text, Fn &&fn)
{
    for (qsizetype i = 0; i < text.size();) {
        const QChar c = text.at(i);
        char32_t u = c.unicode();
        qsizetype next = i + 1;
        if (c.isHighSurrogate() && next < text.size() && text.at(next).isLowSurrogate()) {
            u = QChar::surrogateToUcs4(c, text.at(next));
            ++next;
        }
        fn(u, i, next);
        i = next;
    }
}

// Cuts at most `limit` code units without splitting a surrogate pair.
QStringView prefix(QStringView text, qsizetype limit, bool *cut)
{
    *cut = text.size() > limit;
    if (!*cut)
        return text;
    qsizetype n = limit;
    if (n > 0 && text.at(n - 1).isHighSurrogate())
        --n;
    return text.first(n);
}

// Reveals hidden characters of text; `newline` replaces '\n' (and CR, LS, PS).
QString revealed(QStringView text, const QString &newline, bool *hidden)
{
    QString out;
    out.reserve(text.size() + 16);
    forEachCodePoint(text, [&](char32_t c, qsizetype begin, qsizetype end) {
        if (c == U'\n' || c == 0x2028 || c == 0x2029) {
            out += newline;
        } else if (c == U'\r') {
            // CRLF is one newline; a lone CR would return the carriage in some renderers.
            if (!(end < text.size() && text.at(end) == QLatin1Char('\n')))
                out += newline;
        } else if (c == U'\t') {
            out += QLatin1Char(' ');
        } else if (isHidden(c)) {
            *hidden = true;
            out += visibleCodePoint(c);
        } else {
            out += text.sliced(begin, end - begin);
        }
    });
    return out;
}

// Text of printable ASCII only cannot reorder the console's (left-to-right)
// text around it, so it is left as is; anything else gets an isolate.
QString isolated(const QString &text)
{
    const bool ascii
        = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; });
    return ascii ? text : QChar(Fsi) + text + QChar(Pdi);
}

} // namespace

bool isHidden(char32_t c)
{
    if (c < 0x20)
        return c != U'\t' && c != U'\n' && c != U'\r';
    if (c >= 0x7f && c <= 0x9f)
        return true;
    switch (c) {
    case 0x00ad: // soft hyphen
    case 0x034f: // combining grapheme joiner
    case 0x061c: // Arabic letter mark
    case 0x115f:
    case 0x1160: // Hangul fillers
    case 0x17b4:
    case 0x17b5:
    case 0x180e: // Mongolian vowel separator
    case 0x3164:
    case 0xffa0: // Hangul fillers
    case 0xfeff: // zero-width no-break space / BOM
        return true;
    default:
        break;
    }
    if (c >= 0x200b && c <= 0x200f) // zero-width space/joiners, LRM, RLM
        return true;
    if (c >= 0x202a && c <= 0x202e) // embeddings and overrides
        return true;
    if (c >= 0x2060 && c <= 0x206f) // word joiner, invisible operators, isolates, deprecated formats
        return true;
    if (c >= 0xfff9 && c <= 0xfffb) // interlinear annotations
        return true;
    if (c >= 0xe0000 && c <= 0xe007f) // tag characters
        return true;
    return false;
}

bool hasHiddenCharacters(const QString &text)
{
    bool found = false;
    forEachCodePoint(text, [&found](char32_t c, qsizetype, qsizetype) { found = found || isHidden(c); });
    return found;
}

QString visibleCodePoint(char32_t c)
{
    return QStringLiteral("⟨U+%1⟩").arg(QString::number(uint(c), 16).toUpper().rightJustified(4, QLatin1Char('0')));
}

QString reveal(const QString &text)
{
    bool hidden = false;
    return revealed(text, QStringLiteral("\n"), &hidden);
}

namespace {

// Where a CSI sequence whose parameters start at text[i] ends (one past its
// final byte 0x40-0x7e, or where the text ends).
qsizetype csiEnd(QStringView text, qsizetype i)
{
    const qsizetype n = text.size();
    while (i < n && text.at(i).unicode() >= 0x20 && text.at(i).unicode() < 0x40)
        ++i;
    return i < n && text.at(i).unicode() >= 0x40 && text.at(i).unicode() <= 0x7e ? i + 1 : i;
}

// Where the escape sequence starting at text[i] (an ESC) ends (one past it).
qsizetype escapeEnd(QStringView text, qsizetype i)
{
    const qsizetype n = text.size();
    if (i + 1 >= n)
        return n;
    const char16_t kind = text.at(i + 1).unicode();
    if (kind == u'[')
        return csiEnd(text, i + 2);
    if (kind == u']' || kind == u'P' || kind == u'_' || kind == u'^' || kind == u'X') {
        // OSC, DCS, APC, PM, SOS: a string up to BEL or the string terminator ESC + backslash.
        for (qsizetype j = i + 2; j < n; ++j) {
            if (text.at(j).unicode() == 0x07)
                return j + 1;
            if (text.at(j).unicode() == 0x1b && j + 1 < n && text.at(j + 1) == QLatin1Char('\\'))
                return j + 2;
        }
        return n;
    }
    // Two-character sequences (ESC c, ESC 7, ESC =, ...), with an
    // intermediate byte for character-set choices (ESC ( B).
    qsizetype j = i + 1;
    while (j < n && text.at(j).unicode() >= 0x20 && text.at(j).unicode() < 0x30)
        ++j;
    return j < n ? j + 1 : n;
}

} // namespace

QString terminalLine(const QString &text)
{
    const bool plain
        = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; });
    if (plain)
        return text;
    QString stripped;
    stripped.reserve(text.size());
    const QStringView view(text);
    for (qsizetype i = 0; i < view.size();) {
        const char16_t c = view.at(i).unicode();
        if (c == 0x1b) {
            i = escapeEnd(view, i);
        } else if (c == 0x9b) {
            i = csiEnd(view, i + 1); // the 8-bit CSI: the same as ESC [
        } else {
            stripped += view.at(i);
            ++i;
        }
    }
    // A line break inside one log line (a lone carriage return) is shown, not obeyed.
    bool hidden = false;
    return revealed(stripped, foldedNewline(), &hidden);
}

QString badge()
{
    return QStringLiteral("⚠ ");
}

QString hiddenCharactersNote()
{
    return QCoreApplication::translate("Dockmaster::UntrustedText",
                                       "⚠ This text contains hidden or direction-changing characters, shown as "
                                       "⟨U+…⟩.");
}

QString line(const QString &text, int limit)
{
    if (text.isEmpty())
        return {};
    bool cut = false;
    // The hidden-character check looks at everything; the work is bounded by the limit.
    const bool anyHidden = hasHiddenCharacters(text);
    bool hidden = false;
    QString out = revealed(prefix(text, limit, &cut), foldedNewline(), &hidden);
    if (out.size() > limit) {
        bool more = false;
        out = prefix(out, limit, &more).toString();
        cut = cut || more;
    }
    if (cut)
        out += ellipsis();
    out = isolated(out);
    return anyHidden ? badge() + out : out;
}

QString block(const QString &text, int limit, int maxLines)
{
    if (text.isEmpty())
        return {};
    bool cut = false;
    const bool anyHidden = hasHiddenCharacters(text);
    bool hidden = false;
    const QString shown = revealed(prefix(text, limit, &cut), QStringLiteral("\n"), &hidden);
    QStringList lines = shown.split(QLatin1Char('\n'));
    if (lines.size() > maxLines) {
        lines = lines.mid(0, maxLines);
        cut = true;
    }
    for (QString &l : lines) {
        // Each paragraph is its own bidi context: isolate each line, cap each line.
        if (l.size() > limit)
            l = l.left(limit) + ellipsis();
        l = isolated(l);
    }
    if (cut)
        lines.append(ellipsis());
    QString out = lines.join(QLatin1Char('\n'));
    return anyHidden ? badge() + out : out;
}

QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    // Rich text that shows the escaped characters literally and word-wraps
    // (a plain-text tooltip would not wrap).
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + text.toHtmlEscaped() + QStringLiteral("</p>");
}

QString toolTip(const QString &text, int limit)
{
    if (text.isEmpty())
        return {};
    QString shown = block(text, limit);
    if (hasHiddenCharacters(text))
        shown += QLatin1Char('\n') + hiddenCharactersNote();
    return plainToolTip(shown);
}

QString details(const QString &text, int limit)
{
    bool cut = false;
    bool hidden = false;
    const QString shown = revealed(prefix(text, limit, &cut), QStringLiteral("\n"), &hidden);
    constexpr qsizetype Width = 200;
    QString out;
    out.reserve(shown.size() + shown.size() / Width + 8);
    qsizetype column = 0;
    for (const QChar c : shown) {
        if (c == QLatin1Char('\n')) {
            column = 0;
        } else if (column >= Width && !c.isLowSurrogate()) {
            out += QLatin1Char('\n');
            column = 0;
        }
        out += c;
        ++column;
    }
    if (cut) {
        // (Computed first: lupdate cannot parse template arguments inside a translate() call.)
        const qsizetype left = text.size() - limit;
        const int more = left > INT_MAX ? INT_MAX : int(left);
        out += QLatin1Char('\n')
            + QCoreApplication::translate("Dockmaster::UntrustedText", "… (%n more character(s) not shown)", nullptr,
                                          more);
    }
    return out;
}

} // namespace Dockmaster::UntrustedText
