#pragma once

#include <QCoreApplication>
#include <QString>

// The one way to put text a third party wrote (titles, names, paths, commit
// and tag messages, descriptions, code excerpts) in front of an admin: never
// interpreted as markup, hidden and direction-changing characters made
// visible, isolated so it cannot reorder the console's own text around it,
// and bounded in length so a 1 MB message cannot take the window.
namespace Dockmaster::UntrustedText {

constexpr int LineLimit = 160;     // one-line places: labels, list cells, captions
constexpr int BlockLimit = 2000;   // multi-line places: tooltips, dialog texts
constexpr int DetailLimit = 65536; // "show full text" viewers, per call

// True for characters that are invisible or change the direction of text:
// C0/C1 controls (not tab or newline), bidi embeddings, overrides, isolates
// and marks, zero-width characters, soft hyphen, fillers, tag characters.
bool isHidden(char32_t c);
bool hasHiddenCharacters(const QString &text);

// How a revealed character is shown: ⟨U+XXXX⟩.
QString visibleCodePoint(char32_t c);

// Every hidden character replaced by a visible ⟨U+XXXX⟩; newlines and tabs kept.
QString reveal(const QString &text);

// For a line a program printed (container logs): terminal escape sequences
// (CSI such as colours and cursor moves, OSC such as titles and hyperlinks,
// and two-character ones) removed, since the console does not interpret them
// and a copied line must not carry them into a terminal; then the other
// hidden characters revealed as in reveal(), a line break shown as " ⏎ ".
// Printable ASCII comes back unchanged, without a copy.
QString terminalLine(const QString &text);

// For one-line places: newlines folded to " ⏎ ", hidden characters revealed,
// elided to `limit` characters with "…", wrapped in a bidi isolate
// (U+2068 … U+2069), with a "⚠ " badge in front when it had hidden characters.
// Plain text: show it only where text is never interpreted as markup.
QString line(const QString &text, int limit = LineLimit);

// For multi-line plain-text places (message boxes with PlainText format):
// like line() but newlines kept (each line isolated on its own), at most
// `maxLines` lines.
QString block(const QString &text, int limit = BlockLimit, int maxLines = 40);

// A tooltip that cannot render markup whatever the text holds: block()
// escaped and wrapped as HTML that word-wraps, plus a note when hidden
// characters were revealed. Empty text gives an empty tooltip.
QString toolTip(const QString &text, int limit = BlockLimit);

// Console text (already translated, may quote untrusted parts made with
// line()/block()) as a safe tooltip: escaped and word-wrapped.
QString plainToolTip(const QString &text);

// For a details viewer (plain text widget): hidden characters revealed,
// at most `limit` characters, very long lines hard-broken so a text layout
// never has to measure a megabyte in one line.
QString details(const QString &text, int limit = DetailLimit);

// The warning badge and its explanation (translated).
QString badge();
QString hiddenCharactersNote();

} // namespace Dockmaster::UntrustedText
