#pragma once

#include "core/gitlab/gitlaberror.h"
#include "core/gitlab/gitlabtypes.h"
#include "core/gitlab/ratelimitpacer.h"
#include "core/gitlab/unsentwatch.h"
#include "core/util/retrypolicy.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include <deque>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Dockmaster {

class GitLabClient;

// One raw REST call below /api/v4.
struct GitLabRequest {
    enum class Pagination {
        None,   // a single answer
        Offset, // follow Link rel="next" / x-next-page, collecting every page's array
        Keyset, // follow Link rel="next" only (pagination=keyset is added by the caller)
    };

    QByteArray method = QByteArrayLiteral("GET");
    QString path;                             // already encoded, starts with '/', e.g. "/projects/a%2Fb/issues"
    QList<std::pair<QString, QString>> query; // decoded values; encoded when the URL is built
    QByteArray body;                          // JSON for POST/PUT
    Pagination pagination = Pagination::None;
    int maxPages = 0; // 0: every page
    // Whether sending it twice has the same effect as once. Only such calls are
    // retried after a 5xx, a timeout or a dropped connection. Defaults to
    // GET/HEAD only; set it for a PUT whose documented effect is idempotent.
    std::optional<bool> idempotent;
    bool graphql = false; // POST /api/graphql instead of a path under /api/v4

    bool isIdempotent() const;
};

struct GitLabResponse {
    GitLabError error;
    int httpStatus = 0;
    QByteArray body;                       // the (last) answer's body
    QJsonArray items;                      // every page's elements for paginated calls
    QHash<QByteArray, QByteArray> headers; // the (last) answer's headers, names in lower case
    int pages = 0;
    QDateTime serverTime; // from the first answer's Date header, when sent
};

// A call in flight. Owned by the client; deletes itself after `finished`.
// Keep it in a QPointer to cancel it later.
class GitLabCall final : public QObject
{
    Q_OBJECT
public:
    ~GitLabCall() override;

    // Stops the call; the callback then receives a Cancelled error (queued).
    void cancel();
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void finished();

private:
    friend class GitLabClient;
    explicit GitLabCall(GitLabClient *client);

    GitLabClient *m_client;
    GitLabRequest m_request;
    QPointer<QObject> m_context;
    bool m_hasContext = false;
    std::function<void(const GitLabResponse &)> m_done;
    QUrl m_nextUrl;            // set while following pages
    QSet<QString> m_pagesRead; // every page URL asked for, to stop a loop of next links
    QNetworkReply *m_reply = nullptr;
    GitLabResponse m_response;
    int m_attempt = 0;    // retries of the current page (5xx, timeouts)
    quint64 m_ticket = 0; // the current page's request in the client's UnsentWatch
    bool m_sent = false;  // its first bytes went out
    int m_rateLimitWaits = 0;
    bool m_queued = false;
    bool m_cancelled = false;
    bool m_finished = false;
};

struct GitLabClientOptions : RetryPolicy {
    int transferTimeoutMs = 30000;
    int maxRetryAfterSeconds = 120;          // a longer Retry-After is reported instead of waited for
    RateLimitPacer::Options rateLimitPacing; // how requests slow down as GitLab's window runs out
    // Requests in flight at once: the profile's ceiling. Qt opens up to 6
    // HTTP/1.1 connections per server; over HTTP/2 (a GitLab behind TLS) one
    // connection carries them all.
    int maxConcurrent = 6;
    // A request still unsent this long after one issued later went out is
    // sent again (UnsentWatch: what Qt strands when HTTP/2 ends a connection).
    int unsentGraceMs = 3000;
};

// Asynchronous GitLab REST v4 client with PRIVATE-TOKEN auth, pagination,
// rate-limit handling and retries of idempotent calls only. Results arrive as
// typed values on the thread that owns the client; nothing ever blocks.
class GitLabClient final : public QObject
{
    Q_OBJECT
public:
    template<typename T> using Callback = std::function<void(GitLabResult<T>)>;

    explicit GitLabClient(QObject *parent = nullptr);
    ~GitLabClient() override;

    // e.g. https://gitlab.example.com (a path prefix is kept; /api/v4 is added)
    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    QUrl baseUrl() const { return m_baseUrl; }
    // The caller reads the token from the SecretStore; the client keeps it in
    // memory only and never writes it to a log, a message or a URL.
    void setToken(const QString &token) { m_token = token.toUtf8(); }
    bool hasToken() const { return !m_token.isEmpty(); }
    // For git over HTTP (libgit2 credential callbacks) only; never log it.
    QString token() const { return QString::fromUtf8(m_token); }
    void setOptions(const GitLabClientOptions &options)
    {
        m_options = options;
        m_pacer.setOptions(options.rateLimitPacing);
        m_unsent.setGraceMs(options.unsentGraceMs);
    }
    // <base URL>/<path_with_namespace>.git on the configured server (never
    // http_url_to_repo, which names GitLab's external_url).
    QUrl repositoryUrl(const QString &pathWithNamespace) const;
    const GitLabClientOptions &options() const { return m_options; }

    // HTTP requests sent so far, retries and pages included (benchmarks, tests).
    quint64 requestCount() const { return m_requestCount; }
    int callsInFlight() const { return m_inFlight + int(m_queue.size()); }

    // Percent-encodes one path parameter completely ("plugins/ops" -> "plugins%2Fops").
    static QString encode(const QString &segment);
    // "/projects/<encoded id or full path>"
    static QString projectPath(const QString &idOrPath);

    // Low-level: any call. `done` runs on this thread unless `context` is gone.
    GitLabCall *send(const GitLabRequest &request, QObject *context, std::function<void(const GitLabResponse &)> done);

    // --- typed calls; `project` is a numeric id or a full path ---
    GitLabCall *currentUser(QObject *context, Callback<GitLabUser> done);
    GitLabCall *usersByUsername(const QString &username, QObject *context, Callback<QList<GitLabUser>> done);
    GitLabCall *project(const QString &project, QObject *context, Callback<GitLabProject> done);

    struct ProjectQuery {
        QDateTime lastActivityAfter; // invalid: no filter
        QString search;
        bool includeSubgroups = false;
        int maxPages = 0;
    };
    // /projects with keyset pagination (order_by=id, sort=asc).
    GitLabCall *projects(const ProjectQuery &query, QObject *context, Callback<QList<GitLabProject>> done);
    // /groups/:id/projects with offset pagination.
    GitLabCall *groupProjects(const QString &groupPath, const ProjectQuery &query, QObject *context,
                              Callback<QList<GitLabProject>> done);

    struct IssueQuery {
        QStringList labels;
        QString state = QStringLiteral("opened"); // opened, closed, all
        QString scope = QStringLiteral("all");
        QDateTime updatedAfter;
        int maxPages = 0;
        QString group; // GET /groups/<group>/issues instead of /issues (every project the token sees)
    };
    // GET /issues, or a group's issues (with its subgroups) when `group` is set.
    GitLabCall *issues(const IssueQuery &query, QObject *context, Callback<QList<GitLabIssue>> done);
    GitLabCall *issue(const QString &project, qint64 iid, QObject *context, Callback<GitLabIssue> done);

    struct IssueUpdate {
        std::optional<QStringList> labels; // replaces the whole set
        QStringList addLabels;
        QStringList removeLabels;
        QString stateEvent; // close, reopen
    };
    // Label and state changes are idempotent, so this PUT is retried like a GET.
    GitLabCall *updateIssue(const QString &project, qint64 iid, const IssueUpdate &update, QObject *context,
                            Callback<GitLabIssue> done);
    GitLabCall *issueNotes(const QString &project, qint64 iid, int maxPages, QObject *context,
                           Callback<QList<GitLabNote>> done);
    // POST a comment. Never retried blindly: when the POST fails ambiguously the
    // client looks for the comment first and reports success if it is there,
    // otherwise MayHaveTakenEffect.
    GitLabCall *createIssueNote(const QString &project, qint64 iid, const QString &body, QObject *context,
                                Callback<GitLabNote> done);
    // The helper behind that check, for callers that want to look before they post.
    GitLabCall *findIssueNote(const QString &project, qint64 iid, const QString &body, const QDateTime &notBefore,
                              QObject *context, Callback<std::optional<GitLabNote>> done);

    // Tags, newest first.
    GitLabCall *tags(const QString &project, int maxPages, QObject *context, Callback<QList<GitLabTag>> done);
    // A GraphQL query (POST /api/graphql; a read, so retried like a GET).
    // GitLab answers 200 also when it refuses the query: see answer.errors.
    GitLabCall *graphql(const QString &query, const QJsonObject &variables, QObject *context,
                        Callback<GitLabGraphQLAnswer> done);
    GitLabCall *commit(const QString &project, const QString &ref, QObject *context, Callback<GitLabCommit> done);
    GitLabCall *branch(const QString &project, const QString &name, QObject *context, Callback<GitLabBranch> done);
    GitLabCall *tree(const QString &project, const QString &ref, const QString &path, QObject *context,
                     Callback<QList<GitLabTreeEntry>> done);
    GitLabCall *file(const QString &project, const QString &filePath, const QString &ref, QObject *context,
                     Callback<GitLabFile> done);
    // HEAD on the files API: ids only, no content (a cheap "did it change?" probe).
    GitLabCall *fileMeta(const QString &project, const QString &filePath, const QString &ref, QObject *context,
                         Callback<GitLabFileMeta> done);

    struct PipelineQuery {
        QString ref;
        QDateTime updatedAfter;
        int perPage = 100;
        int maxPages = 0;
    };
    // Pipelines, newest first.
    GitLabCall *pipelines(const QString &project, const PipelineQuery &query, QObject *context,
                          Callback<QList<GitLabPipeline>> done);
    GitLabCall *pipeline(const QString &project, qint64 pipelineId, QObject *context, Callback<GitLabPipeline> done);
    GitLabCall *pipelineJobs(const QString &project, qint64 pipelineId, QObject *context,
                             Callback<QList<GitLabJob>> done);
    // The whole job log (the REST API has no offsets; callers diff by length).
    GitLabCall *jobTrace(const QString &project, qint64 jobId, QObject *context, Callback<QByteArray> done);

    struct DeploymentQuery {
        QString environment;
        QDateTime updatedAfter;
        int perPage = 100;
        int maxPages = 0;
    };
    // Deployments, newest first.
    GitLabCall *deployments(const QString &project, const DeploymentQuery &query, QObject *context,
                            Callback<QList<GitLabDeployment>> done);
    GitLabCall *environments(const QString &project, QObject *context, Callback<QList<GitLabEnvironment>> done);
    GitLabCall *compare(const QString &project, const QString &from, const QString &to, QObject *context,
                        Callback<GitLabCompare> done);

    // Maps a failed answer to an error a person understands (public for tests).
    static GitLabError errorForStatus(int httpStatus, const QString &path, const QByteArray &body);

private:
    friend class GitLabCall;

    void enqueue(GitLabCall *call);
    void pump();
    void issue(GitLabCall *call);
    void onReplyFinished(GitLabCall *call, QNetworkReply *reply);
    void retryLater(GitLabCall *call, int delayMs);
    void complete(GitLabCall *call);
    void fail(GitLabCall *call, GitLabError error);
    void cancelCall(GitLabCall *call);
    void noteRateLimit(const QHash<QByteArray, QByteArray> &headers);
    void holdBack(qint64 delayMs); // no new request for this long
    void noteSent(GitLabCall *call);
    void scheduleUnsentCheck();
    void sendStuckAgain();
    QUrl urlFor(const GitLabRequest &request) const;
    // A pagination link's path and query on m_baseUrl (invalid: not an API URL).
    QUrl onConfiguredBase(const QUrl &link) const;
    GitLabError networkError(GitLabCall *call, int qtError, const QString &detail) const;

    template<typename T, typename Parser>
    GitLabCall *getList(GitLabRequest request, QObject *context, Parser parser, Callback<QList<T>> done);
    template<typename T, typename Parser>
    GitLabCall *getObject(GitLabRequest request, QObject *context, Parser parser, Callback<T> done);

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QByteArray m_token;
    GitLabClientOptions m_options;
    std::deque<QPointer<GitLabCall>> m_queue;
    int m_inFlight = 0;
    quint64 m_requestCount = 0;
    QElapsedTimer m_clock;
    qint64 m_notBeforeMs = 0; // no new request before this m_clock time (rate limiting)
    RateLimitPacer m_pacer;
    qint64 m_lastIssuedMs = -(qint64(1) << 40); // m_clock time the last request left
    QTimer *m_pumpTimer;
    bool m_answersOverHttp2 = false; // the server's last answer came over HTTP/2
    UnsentWatch m_unsent;
    QHash<quint64, QPointer<GitLabCall>> m_unsentCalls; // by ticket
    QTimer *m_unsentTimer;
};

} // namespace Dockmaster
