#include "review/reviewloader.h"

#include "gitlab/gitlabclient.h"
#include "gitlab/gitlabtypes.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

namespace Dockmaster {

namespace {

bool isSha(const QString &value)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{7,64}$"));
    return re.match(value).hasMatch();
}

ReviewCommit commitFrom(const QJsonObject &o)
{
    ReviewCommit c;
    c.sha = o.value(QLatin1StringView("id")).toString();
    c.shortSha = o.value(QLatin1StringView("short_id")).toString();
    if (c.shortSha.isEmpty())
        c.shortSha = c.sha.left(8);
    c.title = o.value(QLatin1StringView("title")).toString();
    c.author = o.value(QLatin1StringView("author_name")).toString();
    QString date = o.value(QLatin1StringView("committed_date")).toString();
    if (date.isEmpty())
        date = o.value(QLatin1StringView("created_at")).toString();
    c.date = GitLabParse::dateTime(QJsonValue(date));
    return c;
}

// Scans and counts; runs on a worker thread.
void complete(ReviewResult &result)
{
    const RiskScanner scanner;
    for (ReviewFile &file : result.files) {
        const auto [added, removed] = UnifiedDiff::countChanges(file.diff.diff);
        file.added = added;
        file.removed = removed;
        if (!file.tooLarge)
            result.flags.append(scanner.scan(file.diff));
    }
    if (result.omittedFiles > 0)
        result.tooLarge = true;
    for (const ReviewFile &file : std::as_const(result.files))
        result.tooLarge = result.tooLarge || file.tooLarge;
}

} // namespace

ReviewLoader::ReviewLoader(GitLabClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

ReviewLoader::~ReviewLoader()
{
    cancel();
}

void ReviewLoader::cancel()
{
    ++m_job;
    m_loading = false;
    if (m_call)
        m_call->cancel();
    m_call.clear();
}

void ReviewLoader::track(GitLabCall *call)
{
    m_call = call;
}

void ReviewLoader::load(const QString &project, const QString &liveSha, const QString &requestedSha)
{
    cancel();
    m_loading = true;
    m_project = project;
    m_from = liveSha.trimmed().toLower();
    m_to = requestedSha.trimmed().toLower();
    m_commits.clear();
    m_pending.clear();
    m_files.clear();
    m_omitted = 0;
    m_truncated = false;
    if (!m_client) {
        fail(tr("Not connected to GitLab."));
        return;
    }
    if (!isSha(m_to)) {
        fail(tr("The release request does not name a pinned commit (got \"%1\"); resolve its ref to a SHA first.")
                 .arg(requestedSha.left(80)));
        return;
    }
    if (!m_from.isEmpty() && !isSha(m_from)) {
        fail(tr("The live version \"%1\" is not a commit SHA.").arg(liveSha.left(80)));
        return;
    }
    if (m_from.isEmpty())
        loadFirstRelease();
    else
        loadCompare();
}

void ReviewLoader::fail(const QString &message)
{
    const quint64 job = m_job;
    m_loading = false;
    // Queued so callers always see load() return before a signal.
    QMetaObject::invokeMethod(
        this,
        [this, job, message] {
            if (job == m_job)
                Q_EMIT failed(message);
        },
        Qt::QueuedConnection);
}

QString ReviewLoader::messageFor(const GitLabResponse &response, bool compare) const
{
    const GitLabError &e = response.error;
    if (e.kind == GitLabError::Kind::NotFound) {
        if (e.gitlabMessage.contains(QLatin1String("Project"), Qt::CaseInsensitive))
            return tr("Repository %1 was not found, or this account cannot see it.").arg(m_project);
        if (compare)
            return tr("GitLab does not know commit %1 or %2 in %3; the ref may have been deleted or force-pushed.")
                .arg(m_from.left(12), m_to.left(12), m_project);
        return tr("GitLab does not know commit %1 in %2; the ref may have been deleted or force-pushed.")
            .arg(m_to.left(12), m_project);
    }
    if (e.isOffline())
        return tr("GitLab cannot be reached, so the changes cannot be loaded. %1").arg(e.message);
    return e.message.isEmpty() ? tr("Loading the changes failed.") : e.message;
}

void ReviewLoader::finishInBackground(std::function<ReviewResult()> work)
{
    const quint64 job = m_job;
    auto *watcher = new QFutureWatcher<ReviewResult>(this);
    connect(watcher, &QFutureWatcher<ReviewResult>::finished, this, [this, watcher, job] {
        watcher->deleteLater();
        if (job != m_job)
            return;
        m_loading = false;
        Q_EMIT loaded(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

void ReviewLoader::loadCompare()
{
    GitLabRequest request;
    request.path = GitLabClient::projectPath(m_project) + QStringLiteral("/repository/compare");
    // straight: the tree live now against the requested tree, which is what a
    // deploy really changes even when the request is not a descendant.
    request.query = { { QStringLiteral("from"), m_from },
                      { QStringLiteral("to"), m_to },
                      { QStringLiteral("straight"), QStringLiteral("true") } };
    const quint64 job = m_job;
    track(m_client->send(request, this, [this, job](const GitLabResponse &response) {
        if (job != m_job)
            return;
        m_call.clear();
        if (!response.error.isOk()) {
            fail(messageFor(response, true));
            return;
        }
        const QByteArray body = response.body;
        const QString project = m_project, from = m_from, to = m_to;
        const ReviewLimits limits = m_limits;
        if (!QJsonDocument::fromJson(body).isObject()) {
            fail(tr("GitLab answered the comparison with something that is not JSON."));
            return;
        }
        // Parsing and scanning a large diff takes a while: off the UI thread.
        finishInBackground(
            [project, from, to, body, limits] { return fromCompare(project, from, to, body, limits, nullptr); });
    }));
}

ReviewResult ReviewLoader::fromCompare(const QString &project, const QString &fromSha, const QString &toSha,
                                       const QByteArray &compareJson, const ReviewLimits &limits, bool *ok)
{
    ReviewResult result;
    result.project = project;
    result.fromSha = fromSha;
    result.toSha = toSha;
    const QJsonObject root = QJsonDocument::fromJson(compareJson).object();
    if (ok)
        *ok = !root.isEmpty();
    result.compareTimeout = root.value(QLatin1StringView("compare_timeout")).toBool();
    result.sameRef = root.value(QLatin1StringView("compare_same_ref")).toBool() || fromSha == toSha;
    result.webUrl = root.value(QLatin1StringView("web_url")).toString();
    for (const QJsonValue &v : root.value(QLatin1StringView("commits")).toArray())
        result.commits.append(commitFrom(v.toObject()));
    qsizetype total = 0;
    for (const QJsonValue &v : root.value(QLatin1StringView("diffs")).toArray()) {
        if (result.files.size() >= limits.maxFiles) {
            ++result.omittedFiles;
            continue;
        }
        const QJsonObject d = v.toObject();
        ReviewFile file;
        file.diff.oldPath = d.value(QLatin1StringView("old_path")).toString();
        file.diff.newPath = d.value(QLatin1StringView("new_path")).toString();
        file.diff.newFile = d.value(QLatin1StringView("new_file")).toBool();
        file.diff.deletedFile = d.value(QLatin1StringView("deleted_file")).toBool();
        file.diff.renamedFile = d.value(QLatin1StringView("renamed_file")).toBool();
        file.diff.diff = d.value(QLatin1StringView("diff")).toString();
        file.diff.binary = file.diff.diff.startsWith(QLatin1String("Binary files"));
        file.tooLarge = d.value(QLatin1StringView("too_large")).toBool()
            || d.value(QLatin1StringView("collapsed")).toBool() || file.diff.diff.size() > limits.maxFileChars
            || total + file.diff.diff.size() > limits.maxTotalDiffChars;
        if (file.tooLarge)
            file.diff.diff.clear();
        total += file.diff.diff.size();
        result.files.append(file);
    }
    complete(result);
    return result;
}

void ReviewLoader::loadFirstRelease()
{
    GitLabRequest request;
    request.path = GitLabClient::projectPath(m_project) + QStringLiteral("/repository/commits");
    request.query = { { QStringLiteral("ref_name"), m_to }, { QStringLiteral("per_page"), QStringLiteral("100") } };
    request.pagination = GitLabRequest::Pagination::Offset;
    request.maxPages = m_limits.maxCommitPages;
    const quint64 job = m_job;
    track(m_client->send(request, this, [this, job](const GitLabResponse &response) {
        if (job != m_job)
            return;
        if (!response.error.isOk()) {
            m_call.clear();
            fail(messageFor(response, false));
            return;
        }
        // GitLab lists newest first; reviewers read oldest first like compare.
        for (qsizetype i = response.items.size() - 1; i >= 0; --i)
            m_commits.append(commitFrom(response.items.at(i).toObject()));
        GitLabRequest tree;
        tree.path = GitLabClient::projectPath(m_project) + QStringLiteral("/repository/tree");
        tree.query = { { QStringLiteral("ref"), m_to },
                       { QStringLiteral("recursive"), QStringLiteral("true") },
                       { QStringLiteral("per_page"), QStringLiteral("100") } };
        tree.pagination = GitLabRequest::Pagination::Offset;
        track(m_client->send(tree, this, [this, job](const GitLabResponse &treeResponse) {
            if (job != m_job)
                return;
            if (!treeResponse.error.isOk()) {
                m_call.clear();
                fail(messageFor(treeResponse, false));
                return;
            }
            for (const QJsonValue &v : treeResponse.items) {
                const QJsonObject o = v.toObject();
                if (o.value(QLatin1StringView("type")).toString() != QLatin1String("blob"))
                    continue;
                if (m_pending.size() >= m_limits.maxFirstReleaseFiles) {
                    ++m_omitted;
                    continue;
                }
                m_pending.append(o.value(QLatin1StringView("path")).toString());
            }
            fetchNextFile();
        }));
    }));
}

void ReviewLoader::fetchNextFile()
{
    if (m_pending.isEmpty()) {
        m_call.clear();
        ReviewResult result;
        result.project = m_project;
        result.toSha = m_to;
        result.firstRelease = true;
        result.commits = m_commits;
        result.omittedFiles = m_omitted;
        const ReviewLimits limits = m_limits;
        qsizetype total = 0;
        for (const FileDiff &d : std::as_const(m_files)) {
            ReviewFile file;
            file.diff = d;
            file.tooLarge = d.diff.size() > limits.maxFileChars || total + d.diff.size() > limits.maxTotalDiffChars;
            if (file.tooLarge)
                file.diff.diff.clear();
            total += file.diff.diff.size();
            result.files.append(file);
        }
        finishInBackground([result]() mutable {
            complete(result);
            return result;
        });
        return;
    }
    const QString path = m_pending.takeFirst();
    GitLabRequest request;
    request.path = GitLabClient::projectPath(m_project) + QStringLiteral("/repository/files/")
        + GitLabClient::encode(path) + QStringLiteral("/raw");
    request.query = { { QStringLiteral("ref"), m_to } };
    const quint64 job = m_job;
    track(m_client->send(request, this, [this, job, path](const GitLabResponse &response) {
        if (job != m_job)
            return;
        if (!response.error.isOk()) {
            m_call.clear();
            fail(messageFor(response, false));
            return;
        }
        FileDiff file;
        file.oldPath = file.newPath = path;
        file.newFile = true;
        if (response.body.contains('\0')) {
            file.binary = true;
            file.diff = tr("Binary file %1 (not shown)").arg(path) + QLatin1Char('\n');
        } else if (!response.body.isEmpty()) {
            QStringList lines = QString::fromUtf8(response.body).split(QLatin1Char('\n'));
            const bool finalNewline = lines.constLast().isEmpty();
            if (finalNewline)
                lines.removeLast();
            QString diff = QStringLiteral("@@ -0,0 +1,%1 @@\n").arg(lines.size());
            for (const QString &line : std::as_const(lines)) {
                diff += QLatin1Char('+');
                diff += line;
                diff += QLatin1Char('\n');
            }
            if (!finalNewline)
                diff += QStringLiteral("\\ No newline at end of file\n");
            file.diff = diff;
        }
        m_files.append(file);
        fetchNextFile();
    }));
}

} // namespace Dockmaster
