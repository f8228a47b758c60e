#pragma once

#include "review/reviewresult.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace Dockmaster {

class GitLabCall;
class GitLabClient;
struct GitLabResponse;

struct ReviewLimits {
    int maxFiles = 1000;                           // files listed and scanned
    qsizetype maxTotalDiffChars = 8 * 1024 * 1024; // all patches together
    qsizetype maxFileChars = 1024 * 1024;          // one patch
    int maxFirstReleaseFiles = 300;                // files fetched one by one for a first release
    int maxCommitPages = 5;                        // first release: commit history pages of 100
};

// Loads what a release would change in repo A (GitLab compare between the live
// and the requested SHA, or the whole tree for a first release) and scans it
// for risk flags off the UI thread. One load at a time; a new load or
// cancel() drops the previous one.
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

    // Pure steps, public for tests: turn GitLab answers into a result (scan included).
    static ReviewResult fromCompare(const QString &project, const QString &fromSha, const QString &toSha,
                                    const QByteArray &compareJson, const ReviewLimits &limits, bool *ok);

Q_SIGNALS:
    void loaded(const Dockmaster::ReviewResult &result);
    void failed(const QString &message);

private:
    void loadCompare();
    void loadFirstRelease();
    void fetchNextFile();
    void fail(const QString &message);
    void finishInBackground(std::function<ReviewResult()> work);
    QString messageFor(const GitLabResponse &response, bool compare) const;
    void track(GitLabCall *call);

    QPointer<GitLabClient> m_client;
    ReviewLimits m_limits;
    quint64 m_job = 0;
    bool m_loading = false;
    QString m_project;
    QString m_from;
    QString m_to;
    QPointer<GitLabCall> m_call;
    // First release: the tree walked file by file.
    QList<ReviewCommit> m_commits;
    QStringList m_pending;
    QList<FileDiff> m_files;
    int m_omitted = 0;
    bool m_truncated = false;
};

} // namespace Dockmaster
