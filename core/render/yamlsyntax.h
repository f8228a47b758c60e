#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Dockmaster {

// The first YAML syntax error in a text (yaml-cpp's parser, no Python), with
// its 1-based line and column. Only events are read, never a tree: an alias is
// one event however often it is repeated ("billion laughs" costs nothing), and
// nesting deeper than maxDepth is an error instead of deep recursion.
struct YamlSyntaxError {
    int line = 0;   // 0 when the parser named no position
    int column = 0; // 0 when the parser named no position
    QString message;
};

class YamlSyntax
{
public:
    static constexpr int maxDepth = 64;

    static std::optional<YamlSyntaxError> firstError(const QByteArray &content);
};

} // namespace Dockmaster
