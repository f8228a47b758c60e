#pragma once

#include "core/review/reviewresult.h"
#include "core/util/latestonly.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace Dockmaster {

class GitLabCall;
class GitLabClient;
struct GitLabRequest;
struct GitLabResponse;

// Display limits (what the review lists and shows) and the bounds that keep a
// hostile release from taking the console's memory and time (tree entries,
// files scanned, bytes read). Within the bounds the risk scan reads every
// changed file PHP would run, whatever the display limits say; what a bound
// leaves out is named in the result and needs the admin's acknowledgement.
struct ReviewLimits {
    int maxFiles = 1000;                           // files listed in the review
    qsizetype maxTotalDiffChars = 8 * 1024 * 1024; // all patches shown together
    qsizetype maxFileChars = 1024 * 1024;          // one patch shown
    int maxFirstReleaseFiles = 300;                // first release: files fetched to show
    int maxCommitPages = 5;                        // first release: commit history pages of 100
    qsizetype maxScanBytes = 64 * 1024 * 1024;     // one file the scanner reads; larger is named unscanned
    int maxParallelFetches = 8;                    // blob reads in flight
    int maxTreeEntries = 30000;                    // entries listed per tree (pages of 100)
    int maxScanFiles = 10000;                      // files the scanner reads; the rest are counted as skipped
    qsizetype maxReadBytes = 256 * 1024 * 1024;    // all blobs read for one review together
};

// Loads what a release would change in repo A and scans it for risk flags.
// The review (commits, file list, diffs) comes from GitLab's compare, or the
// whole tree for a first release. The scan does not trust that diff: it
// compares the live and the requested trees blob by blob, and reads from the
// repository every changed file PHP would run whose patch GitLab left out,
// collapsed, cut, called binary or renamed. Parsing and scanning run off the
// UI thread. One load at a time; a new load or cancel() drops the previous one.
class ReviewLoader final : public QObject
{
    Q_OBJECT
public:
    explicit ReviewLoader(GitLabClient *client, QObject *parent = nullptr);
    ~ReviewLoader() override;

    void setLimits(const ReviewLimits &limits) { m_limits = limits; }
    const ReviewLimits &limits() const { return m_limits; }

    // `project`: repo A id or full path. `liveSha`: empty for a first release.
    void load(const QString &project, const QString &liveSha, const QString &requestedSha);
    void cancel();
    bool isLoading() const { return m_loading; }

    // Pure step, public for tests: GitLab's compare answer as a review (scan of
    // the patches included; no tree comparison, so no blob reads).
    static ReviewResult fromCompare(const QString &project, const QString &fromSha, const QString &toSha,
                                    const QByteArray &compareJson, const ReviewLimits &limits, bool *ok);

    // One blob of a tree listing.
    struct TreeBlob {
        QString id;
        QString mode;
    };
    using Tree = QHash<QString, TreeBlob>; // path -> blob

Q_SIGNALS:
    void loaded(const Dockmaster::ReviewResult &result);
    void failed(const QString &message);
    // Files read for the scan so far, of `total`.
    void progress(int done, int total);

private:
    struct Job;

    void loadCompare();
    void loadFirstRelease();
    void listTree(const QString &sha, bool requested);
    void maybePlan();
    void fetchBlobs();
    void fetchNextBlob();
    // The files API request for path at the requested ref ("" for its
    // metadata, "/raw" for its content).
    GitLabRequest fileRequest(const QString &path, const QString &suffix) const;
    void readBlob(const QString &path, qsizetype reserved);
    void blobDone();
    void finish();
    void fail(const QString &message);
    QString messageFor(const GitLabResponse &response, bool compare) const;
    void track(GitLabCall *call);
    // Sends a request of the current load. done gets a good answer while the
    // load is still current; an error ends the load with failure's message.
    void sendForLoad(const GitLabRequest &request, std::function<QString(const GitLabResponse &)> failure,
                     std::function<void(const GitLabResponse &)> done);

    QPointer<GitLabClient> m_client;
    ReviewLimits m_limits;
    LatestOnly m_loads; // load(), cancel() and fail() end every earlier load's answers
    bool m_loading = false;
    QString m_project;
    QString m_from;
    QString m_to;
    QList<QPointer<GitLabCall>> m_calls;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    std::shared_ptr<Job> m_state;
};

} // namespace Dockmaster
