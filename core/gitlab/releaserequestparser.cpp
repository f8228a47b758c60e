#include "core/gitlab/releaserequestparser.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Dockmaster::ReleaseRequestParser {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dockmaster::ReleaseRequestParser", text);
}

QString refFromBody(const QString &body)
{
    static const QRegularExpression line(
        QStringLiteral(R"re(^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:requested[ \t]+)?(?:ref|tag|commit|version))re"
                       R"re((?:[ \t]*\(tag or commit\))?[ \t]*:(?:\*\*|__)?[ \t]*`?([^`\s]+)`?[ \t]*$)re"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(body);
    return match.hasMatch() ? match.captured(1) : QString();
}

// release::approved-<k>-of-<n>, 0 < k < n <= 99
std::optional<std::pair<int, int>> partialApproval(QStringView label)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^release::approved-([1-9][0-9]?)-of-([1-9][0-9]?)$)"));
    const QRegularExpressionMatch match = pattern.matchView(label);
    if (!match.hasMatch())
        return std::nullopt;
    const int given = match.captured(1).toInt();
    const int required = match.captured(2).toInt();
    if (given >= required)
        return std::nullopt;
    return std::pair { given, required };
}

QString refFromTitle(const QString &title)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*release\s+(?:request\s*:?\s*)?`?([^`\s]+)`?)"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(title);
    if (!match.hasMatch())
        return {};
    const QString candidate = match.captured(1);
    // "Release to production" names no ref.
    if (candidate.compare(QLatin1String("to"), Qt::CaseInsensitive) == 0)
        return {};
    return candidate;
}

} // namespace

QString partialApprovalLabel(int given, int required)
{
    return QStringLiteral("release::approved-%1-of-%2").arg(given).arg(required);
}

bool isPartialApprovalLabel(const QString &label)
{
    return partialApproval(label).has_value();
}

bool isAcceptableRef(const QString &ref)
{
    static const QRegularExpression allowed(QStringLiteral(R"(^[A-Za-z0-9][A-Za-z0-9._/+-]{0,199}$)"));
    if (!allowed.match(ref).hasMatch())
        return false;
    return !ref.contains(QLatin1String("..")) && !ref.contains(QLatin1String("//")) && !ref.endsWith(QLatin1Char('/'))
        && !ref.endsWith(QLatin1Char('.')) && !ref.endsWith(QLatin1String(".lock"))
        && !ref.contains(QLatin1String("/."));
}

bool isAppId(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^app[0-9]{7}$)"));
    return pattern.match(value).hasMatch();
}

QString appIdFromPath(const QString &path)
{
    QString last = path.section(QLatin1Char('/'), -1);
    last = last.section(QLatin1Char('#'), 0, 0);
    return isAppId(last) ? last : QString();
}

Parsed parse(const GitLabIssue &issue)
{
    Parsed parsed;
    int environments = 0;
    int states = 0;
    for (const QString &label : issue.labels) {
        if (label.startsWith(QLatin1String("env::"))) {
            const auto environment = environmentFromKey(label.mid(5));
            if (environment) {
                ++environments;
                parsed.environment = environment;
            }
        } else if (const auto partial = partialApproval(label)) {
            // Approved by some of the admins needed: still waiting for the rest.
            ++states;
            parsed.state = ReleaseState::Pending;
            parsed.approvalsGiven = partial->first;
            parsed.approvalsRequired = partial->second;
        } else if (label.startsWith(QLatin1String("release::"))) {
            // "invalid" is Dockmaster's verdict, never a label anyone may set.
            const auto state = enumFromKey(ReleaseStates, QStringView(label).mid(9));
            if (state && *state != ReleaseState::Invalid) {
                ++states;
                parsed.state = *state;
            }
        }
    }
    if (environments != 1) {
        parsed.environment.reset();
        parsed.problem = environments == 0 ? tr("The request has no env::test or env::production label.")
                                           : tr("The request has more than one environment label.");
    }
    // Without one the request is new. Scoped labels are exclusive only on
    // Premium (ee/app/helpers/ee/issues_helper.rb); on Free a developer can
    // add release::approved next to release::pending, so several are a problem,
    // never a state.
    if (states == 0)
        parsed.state = ReleaseState::Pending;
    if (states > 1) {
        parsed.state = ReleaseState::Invalid;
        if (parsed.problem.isEmpty())
            parsed.problem = tr("The request has more than one release:: label; an admin must sort it out in GitLab.");
    }

    QString ref = refFromBody(issue.description);
    if (ref.isEmpty())
        ref = refFromTitle(issue.title);
    if (ref.isEmpty()) {
        if (parsed.problem.isEmpty())
            parsed.problem = tr("The request does not name a tag or commit (a line \"Ref: v1.2.3\").");
    } else if (!isAcceptableRef(ref)) {
        if (parsed.problem.isEmpty())
            parsed.problem = tr("The requested ref is not a valid tag or commit name.");
    } else {
        parsed.requestedRef = ref;
    }
    return parsed;
}

} // namespace Dockmaster::ReleaseRequestParser
