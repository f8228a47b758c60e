#include "core/util/lookalike.h"

#include "core/util/untrustedtext.h"

#include <QHash>
#include <QStringList>

namespace Dockmaster::Lookalike {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::Lookalike)
};

// Unicode's confusables for the characters refs are made of, kept to those
// that render the same as ASCII in common fonts.
const QHash<char32_t, char16_t> &table()
{
    static const QHash<char32_t, char16_t> map = [] {
        QHash<char32_t, char16_t> m;
        auto add = [&m](const char32_t *from, const char *to) {
            for (int i = 0; from[i] != 0; ++i)
                m.insert(from[i], char16_t(to[i]));
        };
        // Cyrillic
        add(U"аеорсухіјѕԁԛԝһԍӏ", "aeopcyxijsdqwhGl");
        add(U"АВЕКМНОРСТХІЈЅУЗ", "ABEKMHOPCTXIJSY3");
        // Greek
        add(U"οαινρτυκΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "oaivptukABEZHIKMNOPTYX");
        // Slashes, dots, dashes, colons and the like
        add(U"\u2215\u2044\u29F8\u2571\u27CB", "/////");
        add(U"\u2024\u0701\u0702\uA4F8\u2027\u00B7\u02D9", ".......");
        add(U"\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u02D7\u2043\uFE58", "----------");
        add(U"\u02D0\u2236\uA789\u0589", "::::");
        add(U"\u0131\u0269", "ii");
        add(U"\u0261", "g");
        return m;
    }();
    return map;
}

} // namespace

char16_t imitated(char32_t c)
{
    if (c < 0x80)
        return 0;
    if (const auto it = table().constFind(c); it != table().cend())
        return *it;
    // Fullwidth, mathematical, circled, superscript…: what NFKC folds to one ASCII character.
    const QString folded = QString::fromUcs4(&c, 1).normalized(QString::NormalizationForm_KC);
    if (folded.size() == 1 && folded.at(0).unicode() > 0x20 && folded.at(0).unicode() < 0x7f)
        return folded.at(0).unicode();
    return 0;
}

bool hasLookalikes(const QString &text)
{
    for (const char32_t c : text.toUcs4()) {
        if (imitated(c) != 0)
            return true;
    }
    return false;
}

QString skeleton(const QString &text)
{
    QString out;
    for (const char32_t c : text.toUcs4()) {
        if (const char16_t ascii = imitated(c))
            out += QChar(ascii);
        else
            out += QString::fromUcs4(&c, 1);
    }
    return out;
}

QString reveal(const QString &text)
{
    QString out;
    for (const char32_t c : text.toUcs4()) {
        if (imitated(c) != 0)
            out += UntrustedText::visibleCodePoint(c);
        else
            out += QString::fromUcs4(&c, 1);
    }
    return out;
}

QString line(const QString &text, int limit)
{
    // Past the limit nothing is shown: no work on a megabyte name either.
    const QString head = text.left(qsizetype(limit) * 2);
    if (!hasLookalikes(head))
        return UntrustedText::line(text, limit);
    const QString shown = UntrustedText::line(reveal(head) + text.mid(head.size(), 1), limit);
    return shown.startsWith(UntrustedText::badge()) ? shown : UntrustedText::badge() + shown;
}

QString note(const QString &text)
{
    if (!hasLookalikes(text))
        return {};
    return Tr::tr("%1 contains characters that imitate others; it reads as \"%2\" but is a different name.")
        .arg(UntrustedText::line(reveal(text), 120), UntrustedText::line(skeleton(text), 120));
}

} // namespace Dockmaster::Lookalike
