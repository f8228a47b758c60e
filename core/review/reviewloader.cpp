#include "core/review/reviewloader.h"

#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/gitlabtypes.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

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

// One file the scan must read: from its patch when GitLab sent a whole,
// readable one, else from the blob in the requested tree.
struct ScanTarget {
    QString path;
    FileDiff diff;
    bool useDiff = false;
    QString unscannable; // translated reason when it cannot be read at all
};

// Whether a patch GitLab sent shows every line the file adds. Empty patches
// (GitLab truncated or collapsed them, or called the file binary), renames
// (the patch shows only what changed, not the code that now runs under a new
// name) and patches with decoding damage are not trusted.
bool patchIsWhole(const FileDiff &diff, bool collapsed)
{
    return !collapsed && !diff.binary && !diff.deletedFile && !diff.renamedFile && !diff.diff.isEmpty()
        && !diff.diff.contains(QChar::ReplacementCharacter);
}

struct ParsedCompare {
    ReviewResult display;
    QHash<QString, ScanTarget> patches; // new path -> patch, every entry (not only the listed ones)
    QList<FileDiff> composer;           // files flagged for changing at all (RiskScanner::flagsAnyChange)
};

ParsedCompare parseCompare(const QString &project, const QString &fromSha, const QString &toSha,
                           const QByteArray &compareJson, const ReviewLimits &limits, bool *ok)
{
    ParsedCompare parsed;
    ReviewResult &result = parsed.display;
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
        const QJsonObject d = v.toObject();
        FileDiff diff;
        diff.oldPath = d.value(QLatin1StringView("old_path")).toString();
        diff.newPath = d.value(QLatin1StringView("new_path")).toString();
        diff.newFile = d.value(QLatin1StringView("new_file")).toBool();
        diff.deletedFile = d.value(QLatin1StringView("deleted_file")).toBool();
        diff.renamedFile = d.value(QLatin1StringView("renamed_file")).toBool();
        diff.diff = d.value(QLatin1StringView("diff")).toString();
        diff.binary = diff.diff.startsWith(QLatin1String("Binary files"));
        const bool collapsed
            = d.value(QLatin1StringView("too_large")).toBool() || d.value(QLatin1StringView("collapsed")).toBool();
        ScanTarget target;
        target.path = diff.path();
        target.diff = diff;
        target.useDiff = patchIsWhole(diff, collapsed);
        parsed.patches.insert(target.path, target);
        if (RiskScanner::flagsAnyChange(diff.path()) || (diff.renamedFile && RiskScanner::flagsAnyChange(diff.oldPath)))
            parsed.composer.append(diff);

        if (result.files.size() >= limits.maxFiles) {
            ++result.omittedFiles;
            continue;
        }
        ReviewFile file;
        file.diff = diff;
        file.tooLarge = collapsed || diff.diff.size() > limits.maxFileChars
            || total + diff.diff.size() > limits.maxTotalDiffChars;
        if (file.tooLarge)
            file.diff.diff.clear();
        total += file.diff.diff.size();
        result.files.append(file);
    }
    if (result.omittedFiles > 0)
        result.tooLarge = true;
    for (const ReviewFile &file : std::as_const(result.files))
        result.tooLarge = result.tooLarge || file.tooLarge;
    return parsed;
}

// The changed files PHP would run: every path of the requested tree that
// must be scanned and whose blob (or mode) differs from the live tree.
QList<ScanTarget> targetsFromTrees(const ReviewLoader::Tree &to, const ReviewLoader::Tree &from,
                                   const QHash<QString, ScanTarget> &patches)
{
    QList<ScanTarget> targets;
    QStringList paths = to.keys();
    paths.sort();
    for (const QString &path : std::as_const(paths)) {
        if (!RiskScanner::mustScan(path))
            continue;
        const ReviewLoader::TreeBlob blob = to.value(path);
        const auto live = from.constFind(path);
        if (live != from.cend() && live->id == blob.id && live->mode == blob.mode)
            continue;
        ScanTarget target;
        target.path = path;
        if (blob.mode == QLatin1String("120000")) {
            target.unscannable = ReviewResult::tr("a symbolic link: PHP would run the file it points to");
        } else if (const auto patch = patches.constFind(path); patch != patches.cend() && patch->useDiff) {
            target = *patch;
        }
        targets.append(target);
    }
    return targets;
}

// The files flagged for changing at all (composer.json, .gitmodules) that the
// trees say changed but GitLab's diff left out: past its limits a comparison
// stops listing files, and a 10 MB composer.json takes it there by itself.
QList<FileDiff> namedChangesFromTrees(const ReviewLoader::Tree &to, const ReviewLoader::Tree &from,
                                      const QList<FileDiff> &fromDiff)
{
    QSet<QString> known;
    for (const FileDiff &diff : fromDiff)
        known.insert(diff.path());
    QList<FileDiff> out;
    for (auto it = to.cbegin(); it != to.cend(); ++it) {
        const auto live = from.constFind(it.key());
        if (!RiskScanner::flagsAnyChange(it.key()) || known.contains(it.key())
            || (live != from.cend() && live->id == it->id && live->mode == it->mode))
            continue;
        FileDiff diff;
        diff.oldPath = diff.newPath = it.key();
        diff.newFile = live == from.cend();
        out.append(diff);
    }
    for (auto it = from.cbegin(); it != from.cend(); ++it) {
        if (!RiskScanner::flagsAnyChange(it.key()) || known.contains(it.key()) || to.contains(it.key()))
            continue;
        FileDiff diff;
        diff.oldPath = diff.newPath = it.key();
        diff.deletedFile = true;
        out.append(diff);
    }
    std::sort(out.begin(), out.end(), [](const FileDiff &a, const FileDiff &b) { return a.path() < b.path(); });
    return out;
}

// How many paths differ between the two trees: added, changed or removed.
qsizetype changedPathCount(const ReviewLoader::Tree &to, const ReviewLoader::Tree &from)
{
    qsizetype changed = 0;
    for (auto it = to.cbegin(); it != to.cend(); ++it) {
        const auto live = from.constFind(it.key());
        if (live == from.cend() || live->id != it->id || live->mode != it->mode)
            ++changed;
    }
    for (auto it = from.cbegin(); it != from.cend(); ++it) {
        if (!to.contains(it.key()))
            ++changed;
    }
    return changed;
}

QString decodeSource(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        return text;
    // PHP reads bytes, not characters: one character per byte keeps every token.
    return QString::fromLatin1(bytes);
}

// The whole file as a new-file patch, for the diff view.
QString wholeFileDiff(const QString &source)
{
    QStringList lines = source.split(QLatin1Char('\n'));
    const bool finalNewline = !lines.isEmpty() && lines.constLast().isEmpty();
    if (finalNewline)
        lines.removeLast();
    QString diff = QStringLiteral("@@ -0,0 +1,%1 @@\n").arg(lines.size());
    for (const QString &line : std::as_const(lines)) {
        diff += QLatin1Char('+');
        diff += line;
        diff += QLatin1Char('\n');
    }
    if (!finalNewline && !lines.isEmpty())
        diff += QStringLiteral("\\ No newline at end of file\n");
    return diff;
}

// Scans every target and counts the display files; runs on a worker thread.
void scanAll(ReviewResult &result, const QList<ScanTarget> &targets, const QList<FileDiff> &composer,
             const QHash<QString, QByteArray> &blobs, const QHash<QString, QString> &blobErrors,
             const ReviewLimits &limits, const std::atomic_bool &cancelled)
{
    RiskScanner scanner;
    scanner.setCancelFlag(&cancelled); // stops within a file too: one file can be 20 MB
    result.scanTotal = int(targets.size());
    QMultiHash<QString, qsizetype> listed; // path -> index in result.files
    for (qsizetype i = 0; i < result.files.size(); ++i)
        listed.insert(result.files.at(i).path(), i);
    for (const ScanTarget &target : targets) {
        if (cancelled.load())
            return;
        if (!target.unscannable.isEmpty()) {
            result.unscanned.append({ target.path, target.unscannable });
            continue;
        }
        if (target.useDiff) {
            result.flags.append(scanner.scan(target.diff));
            ++result.scanned;
            continue;
        }
        if (const auto error = blobErrors.constFind(target.path); error != blobErrors.cend()) {
            result.unscanned.append({ target.path, *error });
            continue;
        }
        const auto blob = blobs.constFind(target.path);
        if (blob == blobs.cend()) {
            result.unscanned.append({ target.path, ReviewResult::tr("not read") });
            continue;
        }
        if (blob->size() > limits.maxScanBytes) {
            result.unscanned.append(
                { target.path, ReviewResult::tr("larger than %1 MB").arg(limits.maxScanBytes / (1024 * 1024)) });
            continue;
        }
        const QString source = decodeSource(*blob);
        result.flags.append(scanner.scanSource(target.path, source));
        ++result.scanned;
        // A listed file GitLab showed no patch for: show what runs instead.
        for (auto it = listed.constFind(target.path); it != listed.cend() && it.key() == target.path; ++it) {
            ReviewFile &file = result.files[*it];
            if (file.diff.diff.isEmpty() && !file.diff.deletedFile && blob->size() <= limits.maxFileChars) {
                file.diff.diff = wholeFileDiff(source);
                file.diff.binary = false;
                file.wholeFile = true;
                file.tooLarge = false;
            }
        }
    }
    for (const FileDiff &diff : composer)
        result.flags.append(scanner.scan(diff));
    for (ReviewFile &file : result.files) {
        if (cancelled.load())
            return;
        const auto [added, removed] = UnifiedDiff::countChanges(file.diff.diff);
        file.added = added;
        file.removed = removed;
    }
}

} // namespace

struct ReviewLoader::Job {
    bool compareDone = false;
    bool toDone = false;
    bool fromDone = false;
    bool badCompare = false;
    QByteArray compareJson;
    Tree toTree;
    QStringList toOrder; // first release: tree order
    Tree fromTree;
    QList<ReviewCommit> commits;
    // After planning:
    ReviewResult result;
    QList<ScanTarget> targets;
    QList<FileDiff> composer;
    QStringList displayPaths; // first release: files shown
    QStringList queue;        // blobs still to read
    QSet<QString> queued;     // every path ever queued (a 100,000-file release makes a list search quadratic)
    int blobTotal = 0;
    int blobsDone = 0;
    int inFlight = 0;
    int treeCutAt = 0;           // the requested tree was listed only this far
    qsizetype bytesReserved = 0; // blob bytes read or being read, against ReviewLimits::maxReadBytes
    QHash<QString, QByteArray> blobs;
    QHash<QString, QString> blobErrors;
    QSet<QString> tooLargeToShow; // display-only files not read for their size
};

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
    m_loads.invalidate();
    m_loading = false;
    if (m_cancelled)
        m_cancelled->store(true);
    m_cancelled.reset();
    m_state.reset();
    const QList<QPointer<GitLabCall>> calls = std::exchange(m_calls, {});
    for (const QPointer<GitLabCall> &call : calls) {
        if (call)
            call->cancel();
    }
}

void ReviewLoader::track(GitLabCall *call)
{
    m_calls.removeAll(nullptr);
    m_calls.append(call);
}

void ReviewLoader::sendForLoad(const GitLabRequest &request, std::function<QString(const GitLabResponse &)> failure,
                               std::function<void(const GitLabResponse &)> done)
{
    track(m_client->send(
        request, this,
        m_loads.guard(m_loads.latest(),
                      [this, failure = std::move(failure), done = std::move(done)](const GitLabResponse &response) {
                          if (!response.error.isOk()) {
                              fail(failure(response));
                              return;
                          }
                          done(response);
                      })));
}

void ReviewLoader::load(const QString &project, const QString &liveSha, const QString &requestedSha)
{
    cancel();
    m_loading = true;
    m_project = project;
    m_from = liveSha.trimmed().toLower();
    m_to = requestedSha.trimmed().toLower();
    m_cancelled = std::make_shared<std::atomic_bool>(false);
    m_state = std::make_shared<Job>();
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
    // One answer per load: whatever else is still in flight for it is dropped.
    auto report = m_loads.startGuarded([this, message] { Q_EMIT failed(message); });
    m_loading = false;
    if (m_cancelled)
        m_cancelled->store(true);
    const QList<QPointer<GitLabCall>> calls = std::exchange(m_calls, {});
    for (const QPointer<GitLabCall> &call : calls) {
        if (call && !call->isFinished())
            call->cancel();
    }
    // Queued so callers always see load() return before a signal.
    QMetaObject::invokeMethod(this, [report = std::move(report)]() mutable { report(); }, Qt::QueuedConnection);
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

void ReviewLoader::loadCompare()
{
    GitLabRequest request;
    request.path = GitLabClient::projectPath(m_project) + QStringLiteral("/repository/compare");
    // straight: the tree live now against the requested tree, which is what a
    // deploy really changes even when the request is not a descendant.
    request.query = { { QStringLiteral("from"), m_from },
                      { QStringLiteral("to"), m_to },
                      { QStringLiteral("straight"), QStringLiteral("true") } };
    sendForLoad(
        request, [this](const GitLabResponse &response) { return messageFor(response, true); },
        [this](const GitLabResponse &response) {
            // Parsed off the UI thread (maybePlan): a compare with megabyte commit messages is big.
            m_state->compareJson = response.body;
            m_state->compareDone = true;
            maybePlan();
        });
    listTree(m_to, true);
    listTree(m_from, false);
}

void ReviewLoader::listTree(const QString &sha, bool requested)
{
    GitLabRequest tree;
    tree.path = GitLabClient::projectPath(m_project) + QStringLiteral("/repository/tree");
    tree.query = { { QStringLiteral("ref"), sha },
                   { QStringLiteral("recursive"), QStringLiteral("true") },
                   { QStringLiteral("per_page"), QStringLiteral("100") } };
    tree.pagination = GitLabRequest::Pagination::Offset;
    // A release of 100,000 files would take a thousand pages: list a bounded
    // part and say the rest was not scanned.
    tree.maxPages = std::max(1, (m_limits.maxTreeEntries + 99) / 100);
    sendForLoad(
        tree,
        [this, requested](const GitLabResponse &response) {
            return tr("The file tree of %1 could not be read, so the risk scan cannot see what would run: %2")
                .arg((requested ? m_to : m_from).left(12), messageFor(response, false));
        },
        [this, requested](const GitLabResponse &response) {
            Tree &out = requested ? m_state->toTree : m_state->fromTree;
            const bool more = !response.headers.value(QByteArrayLiteral("x-next-page")).isEmpty()
                || response.headers.value(QByteArrayLiteral("link")).contains("rel=\"next\"");
            if (requested && more)
                m_state->treeCutAt = int(response.items.size());
            for (const QJsonValue &v : response.items) {
                const QJsonObject o = v.toObject();
                if (o.value(QLatin1StringView("type")).toString() != QLatin1String("blob"))
                    continue;
                const QString path = o.value(QLatin1StringView("path")).toString();
                out.insert(
                    path,
                    { o.value(QLatin1StringView("id")).toString(), o.value(QLatin1StringView("mode")).toString() });
                if (requested)
                    m_state->toOrder.append(path);
            }
            (requested ? m_state->toDone : m_state->fromDone) = true;
            maybePlan();
        });
}

void ReviewLoader::maybePlan()
{
    const std::shared_ptr<Job> state = m_state;
    if (!state || !state->compareDone || !state->toDone || !state->fromDone)
        return;
    m_calls.removeAll(nullptr);
    const QString project = m_project, from = m_from, to = m_to;
    const ReviewLimits limits = m_limits;
    // Parsing a large comparison takes a while: off the UI thread.
    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcher<void>::finished, watcher, &QObject::deleteLater);
    connect(watcher, &QFutureWatcher<void>::finished, this, m_loads.guard(m_loads.latest(), [this, state] {
        if (state->badCompare) {
            fail(tr("GitLab answered the comparison with something that is not JSON."));
            return;
        }
        fetchBlobs();
    }));
    watcher->setFuture(QtConcurrent::run([state, project, from, to, limits] {
        if (state->compareJson.isEmpty())
            return; // first release: no comparison
        bool ok = false;
        ParsedCompare parsed = parseCompare(project, from, to, state->compareJson, limits, &ok);
        state->badCompare = !ok;
        state->compareJson.clear();
        state->result = std::move(parsed.display);
        state->result.scanFromTrees = true;
        state->composer = std::move(parsed.composer);
        state->composer.append(namedChangesFromTrees(state->toTree, state->fromTree, state->composer));
        state->targets = targetsFromTrees(state->toTree, state->fromTree, parsed.patches);
        // GitLab stops listing a big comparison at its own limits (without
        // saying how many files it left out): count what the trees say.
        const qsizetype listed = state->result.files.size() + state->result.omittedFiles;
        const qsizetype changed = changedPathCount(state->toTree, state->fromTree);
        if (changed > listed) {
            state->result.omittedFiles += int(changed - listed);
            state->result.tooLarge = true;
        }
    }));
}

void ReviewLoader::loadFirstRelease()
{
    GitLabRequest request;
    request.path = GitLabClient::projectPath(m_project) + QStringLiteral("/repository/commits");
    request.query = { { QStringLiteral("ref_name"), m_to }, { QStringLiteral("per_page"), QStringLiteral("100") } };
    request.pagination = GitLabRequest::Pagination::Offset;
    request.maxPages = m_limits.maxCommitPages;
    sendForLoad(
        request, [this](const GitLabResponse &response) { return messageFor(response, false); },
        [this](const GitLabResponse &response) {
            // GitLab lists newest first; reviewers read oldest first like compare.
            for (qsizetype i = response.items.size() - 1; i >= 0; --i)
                m_state->commits.append(commitFrom(response.items.at(i).toObject()));
            m_state->compareDone = true;
            maybePlan();
        });
    m_state->fromDone = true;
    listTree(m_to, true);
}

void ReviewLoader::fetchBlobs()
{
    Job &state = *m_state;
    if (m_from.isEmpty()) {
        // First release: every file is new. Show the first ones, scan all PHP.
        state.result = {};
        state.result.project = m_project;
        state.result.toSha = m_to;
        state.result.firstRelease = true;
        state.result.scanFromTrees = true;
        state.result.commits = state.commits;
        state.targets.clear();
        for (const QString &path : std::as_const(state.toOrder)) {
            if (state.displayPaths.size() < m_limits.maxFirstReleaseFiles)
                state.displayPaths.append(path);
            else
                ++state.result.omittedFiles;
            if (RiskScanner::mustScan(path)) {
                ScanTarget target;
                target.path = path;
                if (state.toTree.value(path).mode == QLatin1String("120000"))
                    target.unscannable = ReviewResult::tr("a symbolic link: PHP would run the file it points to");
                state.targets.append(target);
            }
            if (RiskScanner::flagsAnyChange(path)) {
                FileDiff composer;
                composer.oldPath = composer.newPath = path;
                composer.newFile = true;
                state.composer.append(composer);
            }
        }
        state.result.tooLarge = state.result.omittedFiles > 0;
        state.queue = state.displayPaths;
    }
    if (state.targets.size() > m_limits.maxScanFiles) {
        state.result.skippedByLimit = int(state.targets.size() - std::max(0, m_limits.maxScanFiles));
        state.targets.resize(std::max(0, m_limits.maxScanFiles));
    }
    state.result.treeCutAt = state.treeCutAt;
    state.result.tooLarge = state.result.tooLarge || state.treeCutAt > 0;
    state.queued = QSet<QString>(state.queue.cbegin(), state.queue.cend());
    for (const ScanTarget &target : std::as_const(state.targets)) {
        if (!target.useDiff && target.unscannable.isEmpty() && !state.queued.contains(target.path)) {
            state.queue.append(target.path);
            state.queued.insert(target.path);
        }
    }
    state.blobTotal = int(state.queue.size());
    Q_EMIT progress(0, state.blobTotal);
    if (state.queue.isEmpty()) {
        finish();
        return;
    }
    for (int i = 0; i < std::max(1, m_limits.maxParallelFetches) && !state.queue.isEmpty(); ++i)
        fetchNextBlob();
}

void ReviewLoader::fetchNextBlob()
{
    Job &state = *m_state;
    if (state.queue.isEmpty()) {
        if (state.inFlight == 0)
            finish();
        return;
    }
    const QString path = state.queue.takeFirst();
    ++state.inFlight;
    // The size first (GitLab's HEAD of a file answers with headers only): a
    // 500 MB blob is never read, whatever the limits of the client below.
    GitLabRequest request = fileRequest(path, {});
    request.method = QByteArrayLiteral("HEAD");
    track(m_client->send(request, this, m_loads.guard(m_loads.latest(), [this, path](const GitLabResponse &response) {
        Job &current = *m_state;
        if (!response.error.isOk()) {
            current.blobErrors.insert(path, tr("could not be read: %1").arg(messageFor(response, false)));
            blobDone();
            return;
        }
        bool known = false;
        const qsizetype size = response.headers.value(QByteArrayLiteral("x-gitlab-size")).trimmed().toLongLong(&known);
        // Files only shown (a first release's) are read up to what one patch may show.
        const bool scan = RiskScanner::mustScan(path);
        const qsizetype limit = scan ? m_limits.maxScanBytes : m_limits.maxFileChars;
        if (known && size > limit) {
            if (scan)
                current.blobErrors.insert(path, tr("larger than %1 MB: not read").arg(limit / (1024 * 1024)));
            else
                current.tooLargeToShow.insert(path);
            blobDone();
            return;
        }
        const qsizetype reserve = known ? size : limit;
        if (current.bytesReserved + reserve > m_limits.maxReadBytes) {
            if (scan)
                current.blobErrors.insert(
                    path, tr("not read: this review already read %1 MB").arg(m_limits.maxReadBytes / (1024 * 1024)));
            else
                current.tooLargeToShow.insert(path);
            blobDone();
            return;
        }
        current.bytesReserved += reserve;
        readBlob(path, reserve);
    })));
}

GitLabRequest ReviewLoader::fileRequest(const QString &path, const QString &suffix) const
{
    GitLabRequest request;
    request.path = GitLabClient::projectPath(m_project) + QStringLiteral("/repository/files/")
        + GitLabClient::encode(path) + suffix;
    request.query = { { QStringLiteral("ref"), m_to } };
    return request;
}

void ReviewLoader::readBlob(const QString &path, qsizetype reserved)
{
    const GitLabRequest request = fileRequest(path, QStringLiteral("/raw"));
    track(m_client->send(
        request, this, m_loads.guard(m_loads.latest(), [this, path, reserved](const GitLabResponse &response) {
            Job &current = *m_state;
            if (response.error.isOk()) {
                current.blobs.insert(path, response.body);
                // What was really read counts, not what HEAD promised.
                current.bytesReserved += response.body.size() - reserved;
            } else {
                current.blobErrors.insert(path, tr("could not be read: %1").arg(messageFor(response, false)));
                current.bytesReserved -= reserved;
            }
            blobDone();
        })));
}

void ReviewLoader::blobDone()
{
    Job &state = *m_state;
    --state.inFlight;
    ++state.blobsDone;
    Q_EMIT progress(state.blobsDone, state.blobTotal);
    fetchNextBlob();
}

void ReviewLoader::finish()
{
    m_calls.removeAll(nullptr);
    const std::shared_ptr<Job> state = m_state;
    const std::shared_ptr<std::atomic_bool> cancelled = m_cancelled;
    const ReviewLimits limits = m_limits;
    auto *watcher = new QFutureWatcher<ReviewResult>(this);
    connect(watcher, &QFutureWatcher<ReviewResult>::finished, watcher, &QObject::deleteLater);
    connect(watcher, &QFutureWatcher<ReviewResult>::finished, this, m_loads.guard(m_loads.latest(), [this, watcher] {
        m_loading = false;
        m_state.reset();
        Q_EMIT loaded(watcher->result());
    }));
    watcher->setFuture(QtConcurrent::run([state, cancelled, limits] {
        ReviewResult result = state->result;
        if (result.firstRelease) {
            qsizetype total = 0;
            for (const QString &path : std::as_const(state->displayPaths)) {
                ReviewFile file;
                file.diff.oldPath = file.diff.newPath = path;
                file.diff.newFile = true;
                const QByteArray bytes = state->blobs.value(path);
                if (!state->blobs.contains(path)
                    && (state->tooLargeToShow.contains(path) || state->blobErrors.contains(path))) {
                    file.tooLarge = true; // not read: too large, or past the review's byte budget
                } else if (bytes.contains('\0')) {
                    file.diff.binary = true;
                } else if (!bytes.isEmpty()) {
                    file.diff.diff = wholeFileDiff(decodeSource(bytes));
                }
                file.tooLarge = file.tooLarge || file.diff.diff.size() > limits.maxFileChars
                    || total + file.diff.diff.size() > limits.maxTotalDiffChars;
                if (file.tooLarge) {
                    file.diff.diff.clear();
                    result.tooLarge = true;
                }
                total += file.diff.diff.size();
                result.files.append(file);
            }
        }
        scanAll(result, state->targets, state->composer, state->blobs, state->blobErrors, limits, *cancelled);
        return result;
    }));
}

ReviewResult ReviewLoader::fromCompare(const QString &project, const QString &fromSha, const QString &toSha,
                                       const QByteArray &compareJson, const ReviewLimits &limits, bool *ok)
{
    ParsedCompare parsed = parseCompare(project, fromSha, toSha, compareJson, limits, ok);
    // Without the trees, the patches are all there is: whatever GitLab did not
    // send whole is named unscanned.
    QList<ScanTarget> targets;
    QStringList paths = parsed.patches.keys();
    paths.sort();
    for (const QString &path : std::as_const(paths)) {
        ScanTarget target = parsed.patches.value(path);
        if (!RiskScanner::mustScan(path) || target.diff.deletedFile)
            continue;
        if (!target.useDiff)
            target.unscannable = ReviewResult::tr("GitLab sent no readable patch");
        targets.append(target);
    }
    const std::atomic_bool notCancelled(false);
    scanAll(parsed.display, targets, parsed.composer, {}, {}, limits, notCancelled);
    return parsed.display;
}

} // namespace Dockmaster
