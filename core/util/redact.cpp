#include "core/util/redact.h"

#include <QRegularExpression>
#include <QUrl>

namespace Dockmaster {

namespace {

const QString Hidden = QStringLiteral("<redacted>");

struct Rule {
    QRegularExpression pattern;
    QString replacement;
};

const QList<Rule> &rules()
{
    static const QList<Rule> list = [] {
        const auto re = [](const char *pattern) {
            return QRegularExpression(QString::fromLatin1(pattern), QRegularExpression::CaseInsensitiveOption);
        };
        return QList<Rule> {
            // Credential headers: the whole value, to the end of the line.
            { re(R"(\b(private-token|job-token|authorization|proxy-authorization|x-api-key|x-auth-token|x-auth-key|)"
                 R"(x-tc-authorization|cookie|set-cookie)(\s*:\s*)[^\r\n]+)"),
              QStringLiteral("\\1\\2") + Hidden },
            // key=value, key: value, "key": "value" for names that hold secrets.
            { re(R"(((?:private[_-]?|access[_-]?|refresh[_-]?|api[_-]?|auth[_-]?)?token|password|passwd|passphrase|)"
                 R"(secret(?:[_-]?(?:id|key))?|api[_-]?key|apikey|credential)(\"?\s*[:=]\s*\"?))"
                 R"([^\s\"'&,;}]+)"),
              QStringLiteral("\\1\\2") + Hidden },
            // user:password@ (or token@) in URLs.
            { re(R"(\b([a-z][a-z0-9+.-]*://)[^/\s@]+@)"), QStringLiteral("\\1") + Hidden + QLatin1Char('@') },
            // GitLab tokens wherever they appear.
            { re(R"(\bgl(?:pat|dt|rt|ptt|oas|cbt|soat|ffct|imt|ft|agent)-[A-Za-z0-9_\-]{8,})"), Hidden },
        };
    }();
    return list;
}

} // namespace

QString redacted(const QString &text)
{
    QString out = text;
    for (const Rule &rule : rules())
        out.replace(rule.pattern, rule.replacement);
    return out;
}

QString redacted(const QUrl &url)
{
    return redacted(url.toString());
}

} // namespace Dockmaster
