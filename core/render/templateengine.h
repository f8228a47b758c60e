#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace Dockmaster {

// Fills `{{name}}` placeholders in a template; nothing else is interpreted.
// A placeholder without a value (or a malformed one) is an error, so a typo
// in a template can never silently produce a half-rendered file.
// A placeholder alone on its line is a block: a multi-line value is indented
// like the placeholder, and an empty value removes the line.
class TemplateEngine
{
public:
    struct Result {
        QString text;
        QString error; // empty on success
        bool ok() const { return error.isEmpty(); }
    };

    static Result render(const QString &templateText, const QHash<QString, QString> &values);
};

} // namespace Dockmaster
