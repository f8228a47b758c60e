#pragma once

#include <QList>
#include <QString>

#include <atomic>

// A small PHP lexer: just enough to tell code from comments, string literals,
// heredocs and inline HTML, so the risk scanner never matches plain text.
namespace Dockmaster {

struct PhpToken {
    enum class Type {
        Name,     // identifier or keyword, possibly namespaced ("\exec", "Foo\Bar")
        Variable, // $name (text without the '$')
        String,   // '...', "...", heredoc, nowdoc (text is the unescaped-enough content)
        Backtick, // `...` shell execution
        Number,
        Operator,   // punctuation; multi-char for "->", "?->", "::", "=>", "==", "===", "!=", ".=", "??"
        InlineHtml, // text outside <?php ... ?>
        OpenTag,
        CloseTag,
        Break, // not PHP: a gap between two hunks of a diff
    };

    Type type = Type::Operator;
    QString text;
    int line = 0;              // line of the token's first character
    int endLine = 0;           // line of its last character
    bool interpolated = false; // double-quoted / heredoc string with $variables in it

    // Inline and by size first: the analyzer asks this several times per token.
    Q_ALWAYS_INLINE bool is(Type t, QLatin1StringView s) const
    {
        if (type != t || text.size() != s.size())
            return false;
        const QChar *d = text.constData();
        for (qsizetype i = 0; i < s.size(); ++i) {
            if (d[i] != QChar(s[i]))
                return false;
        }
        return true;
    }
    Q_ALWAYS_INLINE bool isOperator(QLatin1StringView s) const { return is(Type::Operator, s); }
};

} // namespace Dockmaster

// A QString and plain values: moved by memcpy when the token list grows.
Q_DECLARE_TYPEINFO(Dockmaster::PhpToken, Q_RELOCATABLE_TYPE);

namespace Dockmaster {

class PhpTokenizer
{
public:
    enum class StartState {
        Html,         // the start of a file: inline HTML until "<?php"
        Php,          // the middle of a file's code
        BlockComment, // the middle of a /* */ comment
    };

    enum class Texts {
        Copied,   // each token owns its text
        Borrowed, // texts point into `source` where they can (no allocation per token): keep it alive
    };

    // Comments are dropped; line numbers start at `firstLine`. Once
    // `cancelled` is set, it stops within a few thousand tokens and returns nothing.
    static QList<PhpToken> tokenize(const QString &source, StartState start, int firstLine = 1,
                                    const std::atomic_bool *cancelled = nullptr, Texts texts = Texts::Copied);
};

} // namespace Dockmaster
