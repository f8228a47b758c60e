#pragma once

#include <QCoreApplication>
#include <QString>

// Names a third party chose for refs (tags, branches) may imitate others:
// "v1.0.0" with a Cyrillic "а", "env∕production" with U+2215 for "/", a
// fullwidth digit. UntrustedText reveals hidden characters; this reveals the
// visible ones that pose as ASCII, so an admin never approves "the same" tag
// that is another one.
namespace Dockmaster::Lookalike {

// The ASCII character `c` imitates (Cyrillic and Greek letters shaped like
// Latin ones, slash, dot and dash look-alikes, fullwidth and mathematical
// forms), or 0 when it imitates none or is ASCII itself.
char16_t imitated(char32_t c);
bool hasLookalikes(const QString &text);
// `text` with every look-alike replaced by the character it imitates: two
// names with the same skeleton look the same to a reader.
QString skeleton(const QString &text);
// Every look-alike replaced by a visible ⟨U+XXXX⟩.
QString reveal(const QString &text);
// For one-line places: reveal() then UntrustedText::line(), with the warning
// badge in front when look-alikes were revealed.
QString line(const QString &text, int limit);
// Translated: "%1 contains characters that imitate others (…)", empty when none.
QString note(const QString &text);

} // namespace Dockmaster::Lookalike
