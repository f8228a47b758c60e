#include "core/approvals/releasetrailers.h"

#include "core/util/validation.h"

#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

namespace Dockmaster::ReleaseTrailers {

namespace {

QString line(const char *key, const QString &value)
{
    return QString::fromLatin1(key) + QStringLiteral(": ") + value + QLatin1Char('\n');
}

// The trailers that end every approved release commit: who approved it, the
// codes commit it puts live and, for a resumable operation, its id.
QString approvalTrailers(const QString &admin, const QString &codesSha, const QString &operationId)
{
    QString trailers = line(ApprovedByKey, admin) + line(CodesCommitKey, codesSha);
    if (!operationId.isEmpty())
        trailers += line(OperationKey, operationId);
    return trailers;
}

} // namespace

QString requestKey(const QString &codeProjectPath, qint64 iid)
{
    return codeProjectPath + QLatin1Char('#') + QString::number(iid);
}

QString requestLine(const QString &key)
{
    return QString::fromLatin1(ReleaseRequestKey) + QStringLiteral(": ") + key;
}

QString newOperationId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString operationLine(const QString &operationId)
{
    return QString::fromLatin1(OperationKey) + QStringLiteral(": ") + operationId;
}

QString operationKey(const QString &operationId)
{
    return QStringLiteral("operation:") + operationId;
}

Trailers parse(const QString &message)
{
    Trailers trailers;
    const QStringList lines = message.split(QLatin1Char('\n'));
    const std::pair<const char *, QString *> keys[] = {
        { ReleaseRequestKey, &trailers.releaseRequest }, { ApprovedByKey, &trailers.approvedBy },
        { RequestedByKey, &trailers.requestedBy },       { ReleaseRefKey, &trailers.releaseRef },
        { CodesCommitKey, &trailers.codesCommit },       { DeployTagKey, &trailers.deployTag },
        { RollbackToKey, &trailers.rollbackTo },         { OperationKey, &trailers.operation },
    };
    for (const QString &raw : lines) {
        const QString text = raw.trimmed();
        const qsizetype colon = text.indexOf(QStringLiteral(": "));
        if (colon <= 0)
            continue;
        const QString key = text.left(colon);
        for (const auto &[name, target] : keys) {
            // Case-insensitive like git's trailer handling ("Approved-by" from older tools).
            if (target->isEmpty() && key.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                *target = text.mid(colon + 2).trimmed();
        }
    }
    return trailers;
}

QString approvalMessage(const QString &requestKey, const QString &environment, const QString &ref, const QString &sha,
                        const QString &admin, const QString &requester, const QStringList &earlierApprovers)
{
    QString message = QStringLiteral("Release %1 (%2) to %3\n\n").arg(ref, sha.left(12), environment);
    message += QStringLiteral("Approved by %1 for %2.\n\n").arg(admin, requestKey);
    message += line(ReleaseRequestKey, requestKey);
    message += line(ApprovedByKey, admin);
    for (const QString &earlier : earlierApprovers)
        message += line(AlsoApprovedByKey, earlier);
    if (!requester.isEmpty())
        message += line(RequestedByKey, requester);
    message += line(ReleaseRefKey, ref);
    message += line(CodesCommitKey, sha);
    return message;
}

QString deployTagMessage(const QString &environment, const QString &tagOrSha, const QString &sha, const QString &admin,
                         const QString &operationId)
{
    QString message = QStringLiteral("Deploy %1 (%2) to %3\n\n").arg(tagOrSha, sha.left(12), environment);
    message += line(DeployTagKey, tagOrSha);
    return message + approvalTrailers(admin, sha, operationId);
}

QString rollbackMessage(const QString &environment, const QString &targetSha, const QString &fromSha,
                        const QString &admin, const QString &operationId)
{
    QString message = QStringLiteral("Roll back %1 to %2\n\n").arg(environment, targetSha.left(12));
    message += line(RollbackToKey, targetSha);
    if (!fromSha.isEmpty())
        message += line(RolledBackFromKey, fromSha);
    return message + approvalTrailers(admin, targetSha, operationId);
}

QString approvedMarkerPrefix(const QString &key)
{
    return QStringLiteral("<!-- dockmaster:approved request=") + key + QLatin1Char(' ');
}

QString rejectedMarkerPrefix(const QString &key)
{
    return QStringLiteral("<!-- dockmaster:rejected request=") + key + QLatin1Char(' ');
}

QString finishedMarkerPrefix(const QString &key, const QString &commit)
{
    return QStringLiteral("<!-- dockmaster:finished request=") + key + QStringLiteral(" commit=") + commit
        + QLatin1Char(' ');
}

QString finishedStatus(const QList<GitLabNote> &notes, const QString &markerPrefix)
{
    const QString status = markerPrefix + QStringLiteral("status=");
    for (const GitLabNote &note : notes) {
        const qsizetype at = note.body.indexOf(status);
        if (at < 0)
            continue;
        const qsizetype from = at + status.size();
        const qsizetype end = note.body.indexOf(QLatin1Char(' '), from);
        return note.body.mid(from, end < 0 ? -1 : end - from);
    }
    return {};
}

QString approvedMarker(const QString &key, const QString &commit, const QString &admin)
{
    return approvedMarkerPrefix(key) + QStringLiteral("commit=") + commit + QStringLiteral(" by=") + admin
        + QStringLiteral(" -->");
}

QString rejectedMarker(const QString &key, const QString &admin)
{
    return rejectedMarkerPrefix(key) + QStringLiteral("by=") + admin + QStringLiteral(" -->");
}

QString finishedMarker(const QString &key, const QString &commit, const QString &status)
{
    return finishedMarkerPrefix(key, commit) + QStringLiteral("status=") + status + QStringLiteral(" -->");
}

QString approvalMarkerPrefix(const QString &key, const QString &sha, const QString &admin)
{
    return QStringLiteral("<!-- dockmaster:approval request=") + key + QStringLiteral(" sha=") + sha
        + QStringLiteral(" by=") + admin + QLatin1Char(' ');
}

QString approvalMarker(const QString &key, const QString &sha, const QString &admin, int given, int required)
{
    return approvalMarkerPrefix(key, sha, admin) + QStringLiteral("count=%1/%2 -->").arg(given).arg(required);
}

QList<RecordedApproval> recordedApprovals(const QList<GitLabNote> &notes, const QString &key)
{
    static const QRegularExpression marker(
        QStringLiteral(R"(<!-- dockmaster:approval request=(\S+) sha=([0-9a-f]{40}) by=(\S+) count=\d+/\d+ -->)"));
    QList<RecordedApproval> found;
    for (const GitLabNote &note : notes) {
        if (note.system)
            continue;
        auto matches = marker.globalMatch(note.body);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            const QString admin = match.captured(3);
            if (match.captured(1) != key || !Validation::isGitLabUsername(admin)
                || admin.compare(note.author, Qt::CaseInsensitive) != 0)
                continue;
            found.append({ note.author, note.authorId, match.captured(2), note.createdAt });
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const RecordedApproval &a, const RecordedApproval &b) { return a.at < b.at; });
    QList<RecordedApproval> unique;
    for (const RecordedApproval &approval : std::as_const(found)) {
        const bool seen = std::any_of(unique.cbegin(), unique.cend(), [&](const RecordedApproval &u) {
            return u.sha == approval.sha && u.admin.compare(approval.admin, Qt::CaseInsensitive) == 0;
        });
        if (!seen)
            unique.append(approval);
    }
    return unique;
}

QString actorOf(const QString &noteBody, const QString &verb)
{
    const QRegularExpression pattern(QStringLiteral("^%1 by @([A-Za-z0-9_.][A-Za-z0-9_.-]*)").arg(verb),
                                     QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = pattern.match(noteBody);
    // The pattern only finds where the name ends; whether it is one is the
    // single GitLab-username rule's call.
    const QString name = match.captured(1);
    return Validation::isGitLabUsername(name) ? name : QString();
}

bool isFullSha(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-f]{40}$"));
    return pattern.match(value).hasMatch();
}

QString logTailBlock(const QByteArray &trace, int lines)
{
    static const QRegularExpression ansi(QStringLiteral("\x1b\\[[0-9;?]*[A-Za-z]"));
    // GitLab section markers ("section_start:1700000000:name\r\x1b[0K") and
    // carriage-return progress lines keep only their last part.
    QStringList all = QString::fromUtf8(trace).remove(ansi).split(QLatin1Char('\n'));
    for (QString &text : all) {
        const qsizetype cr = text.lastIndexOf(QLatin1Char('\r'), text.endsWith(QLatin1Char('\r')) ? -2 : -1);
        if (cr >= 0)
            text = text.mid(cr + 1);
        text.remove(QLatin1Char('\r'));
    }
    while (!all.isEmpty() && all.constLast().trimmed().isEmpty())
        all.removeLast();
    const QStringList tail = all.mid(std::max<qsizetype>(0, all.size() - lines));
    return fencedBlock(tail.join(QLatin1Char('\n')));
}

QString fencedBlock(const QString &body)
{
    // A fence longer than any backtick run in the log.
    qsizetype longest = 0;
    qsizetype run = 0;
    for (const QChar c : body) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString fence(std::max<qsizetype>(3, longest + 1), QLatin1Char('`'));
    return fence + QLatin1Char('\n') + body + QLatin1Char('\n') + fence;
}

} // namespace Dockmaster::ReleaseTrailers
