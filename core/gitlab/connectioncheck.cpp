#include "core/gitlab/connectioncheck.h"

#include "core/audit/auditentry.h"
#include "core/provisioning/gitlabensure.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QVersionNumber>

#include <memory>

namespace Dockmaster {

namespace {

using Item = ConnectionCheckLine::Item;

QString origin(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString(QUrl::StripTrailingSlash);
}

QString roleName(int accessLevel)
{
    switch (accessLevel) {
    case 10:
        return ConnectionCheck::tr("Guest");
    case 20:
        return ConnectionCheck::tr("Reporter");
    case 30:
        return ConnectionCheck::tr("Developer");
    case 40:
        return ConnectionCheck::tr("Maintainer");
    case 50:
        return ConnectionCheck::tr("Owner");
    default:
        return ConnectionCheck::tr("access level %1").arg(accessLevel);
    }
}

// At most `max` names, then "and N more".
QString someNames(const QStringList &names, int max = 8)
{
    if (names.size() <= max)
        return names.join(QStringLiteral(", "));
    return ConnectionCheck::tr("%1 and %n more", nullptr, int(names.size()) - max)
        .arg(names.mid(0, max).join(QStringLiteral(", ")));
}

} // namespace

ConnectionCheck::ConnectionCheck(GitLabClient *client, const QString &rootGroup, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_rootGroup(rootGroup)
    , m_network(new QNetworkAccessManager(this))
{
    // The probe carries no token and follows nothing: its answer is the finding.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    const auto line = [](Item item, const QString &title) {
        return Line { item, Status::Pending, title, {}, {} };
    };
    m_lines = {
        line(Item::Version, tr("GitLab version")),
        line(Item::Token, tr("Token scopes and expiry")),
        line(Item::Role, tr("Role on the root group")),
        line(Item::Links, tr("Pagination links")),
        line(Item::JobTokenAllowlist, tr("CI/CD job token allowlists")),
        line(Item::Runners, tr("Runners for the deploy jobs")),
        line(Item::HttpsRedirect, tr("http to https redirect")),
    };
}

void ConnectionCheck::start()
{
    m_started = true;
    m_pending = int(m_lines.size());
    for (int i = 0; i < m_lines.size(); ++i) {
        m_lines[i].status = Status::Pending;
        m_lines[i].found.clear();
        m_lines[i].fix.clear();
        Q_EMIT lineChanged(i);
    }
    m_missing.clear();
    checkVersion();
    checkToken();
    checkRole();
    checkLinks();
    checkApps();
    checkRedirect();
}

void ConnectionCheck::set(Item item, Status status, const QString &found, const QString &fix)
{
    const int index = int(item);
    Line &line = m_lines[index];
    const bool wasPending = line.status == Status::Pending;
    line.status = status;
    line.found = found;
    line.fix = fix;
    Q_EMIT lineChanged(index);
    if (wasPending && --m_pending == 0)
        Q_EMIT finished();
}

void ConnectionCheck::couldNotCheck(Item item, const GitLabError &error)
{
    if (error.kind == GitLabError::Kind::Unauthorized || error.isOffline() || error.kind == GitLabError::Kind::Tls) {
        set(item, Status::CouldNotCheck, error.message);
        return;
    }
    set(item, Status::CouldNotCheck, error.message,
        error.kind == GitLabError::Kind::Forbidden
            ? tr("The token's user needs more rights for this check (see \"Role on the root group\").")
            : QString());
}

void ConnectionCheck::checkVersion()
{
    GitLabRequest request;
    request.path = QStringLiteral("/version");
    m_client->send(request, this, [this](const GitLabResponse &r) {
        if (!r.error.isOk()) {
            QString fix;
            if (r.error.kind == GitLabError::Kind::Unauthorized)
                fix = tr("Create a personal access token with the api scope and store it in this profile.");
            else if (r.error.isOffline() || r.error.kind == GitLabError::Kind::Tls
                     || r.error.kind == GitLabError::Kind::Timeout)
                fix = tr("Check the GitLab URL in this profile and that this computer can reach it.");
            set(Item::Version, Status::Failed, r.error.message, fix);
            return;
        }
        const QString version = QJsonDocument::fromJson(r.body).object().value(QLatin1String("version")).toString();
        const QVersionNumber found = QVersionNumber::fromString(version);
        const QVersionNumber minimum = QVersionNumber::fromString(m_options.minimumVersion);
        if (found.isNull()) {
            set(Item::Version, Status::CouldNotCheck, tr("GitLab sent no version number."));
            return;
        }
        if (found < minimum) {
            set(Item::Version, Status::Failed,
                tr("GitLab %1; Dockmaster needs %2 or later.").arg(version.left(40), m_options.minimumVersion),
                tr("Upgrade GitLab to %1 or later (the CI/CD job token allowlist API).").arg(m_options.minimumVersion));
            return;
        }
        set(Item::Version, Status::Ok,
            tr("GitLab %1 (%2 or later needed).").arg(version.left(40), m_options.minimumVersion));
    });
}

void ConnectionCheck::checkToken()
{
    GitLabRequest request;
    request.path = QStringLiteral("/personal_access_tokens/self");
    m_client->send(request, this, [this](const GitLabResponse &r) {
        const QString newToken = tr("Create a personal access token with the api scope and store it in this profile.");
        if (r.error.kind == GitLabError::Kind::Unauthorized) {
            set(Item::Token, Status::Failed, r.error.message, newToken);
            return;
        }
        if (!r.error.isOk()) {
            // 400: a group or project access token, which cannot read itself here.
            if (r.error.httpStatus == 400) {
                set(Item::Token, Status::CouldNotCheck, tr("GitLab says: %1").arg(r.error.gitlabMessage.left(300)),
                    tr("Make sure this token has the api scope and note when it expires."));
                return;
            }
            couldNotCheck(Item::Token, r.error);
            return;
        }
        const QJsonObject token = QJsonDocument::fromJson(r.body).object();
        QStringList scopes;
        for (const QJsonValue &scope : token.value(QLatin1String("scopes")).toArray())
            scopes.append(scope.toString().left(40));
        const QString scopeText = scopes.isEmpty() ? tr("none") : scopes.join(QStringLiteral(", "));
        const QDate expires = QDate::fromString(token.value(QLatin1String("expires_at")).toString(), Qt::ISODate);
        const QString expiryText
            = expires.isValid() ? tr("expires on %1").arg(expires.toString(Qt::ISODate)) : tr("does not expire");
        const QString found = tr("Scopes: %1; %2.").arg(scopeText, expiryText);
        if (token.value(QLatin1String("revoked")).toBool() || !token.value(QLatin1String("active")).toBool(true)) {
            set(Item::Token, Status::Failed, tr("The token is revoked or expired. %1").arg(found), newToken);
            return;
        }
        if (!scopes.contains(QStringLiteral("api"))) {
            set(Item::Token, Status::Failed, found,
                tr("Dockmaster writes to GitLab, so the token needs the api scope (read_api is not enough). %1")
                    .arg(newToken));
            return;
        }
        const qint64 daysLeft = expires.isValid() ? QDate::currentDate().daysTo(expires) : -1;
        if (expires.isValid() && daysLeft < 0) {
            set(Item::Token, Status::Failed, found, newToken);
            return;
        }
        if (expires.isValid() && daysLeft <= m_options.tokenExpiryWarningDays) {
            set(Item::Token, Status::Warning, tr("%1 That is in %n day(s).", nullptr, int(daysLeft)).arg(found),
                tr("Create a new token with the api scope before then and store it in this profile."));
            return;
        }
        set(Item::Token, Status::Ok, found);
    });
}

void ConnectionCheck::checkRole()
{
    m_client->currentUser(this, [this](GitLabResult<GitLabUser> user) {
        if (!user.ok()) {
            couldNotCheck(Item::Role, user.error);
            return;
        }
        m_username = user.value.username;
        if (user.value.isAdmin) {
            set(Item::Role, Status::Ok, tr("%1 is an administrator of this GitLab.").arg(user.value.username));
            return;
        }
        GitLabRequest request;
        request.path = QStringLiteral("/groups/") + GitLabClient::encode(m_rootGroup) + QStringLiteral("/members/all/")
            + QString::number(user.value.id);
        const QString owner
            = tr("Make %1 Owner of %2 (the group's Manage > Members), or store the token of a user who is.")
                  .arg(user.value.username, m_rootGroup);
        m_client->send(request, this, [this, owner, name = user.value.username](const GitLabResponse &r) {
            if (r.error.kind == GitLabError::Kind::NotFound) {
                set(Item::Role, Status::Failed,
                    tr("%1 is not a member of %2 (or the group does not exist).").arg(name, m_rootGroup), owner);
                return;
            }
            if (!r.error.isOk()) {
                couldNotCheck(Item::Role, r.error);
                return;
            }
            const int level = QJsonDocument::fromJson(r.body).object().value(QLatin1String("access_level")).toInt();
            const QString found = tr("%1 is %2 of %3.").arg(name, roleName(level), m_rootGroup);
            set(Item::Role, level >= 50 ? Status::Ok : Status::Failed, found, level >= 50 ? QString() : owner);
        });
    });
}

void ConnectionCheck::checkLinks()
{
    // One page of one: GitLab sends Link (rel first/last at least) on every
    // offset-paginated list, built from its external_url
    // (lib/gitlab/pagination/offset_header_builder.rb).
    GitLabRequest request;
    request.path = QStringLiteral("/groups/") + GitLabClient::encode(m_rootGroup) + QStringLiteral("/projects");
    request.query = { { QStringLiteral("per_page"), QStringLiteral("1") },
                      { QStringLiteral("include_subgroups"), QStringLiteral("true") } };
    m_client->send(request, this, [this](const GitLabResponse &r) {
        if (!r.error.isOk()) {
            couldNotCheck(Item::Links, r.error);
            return;
        }
        static const QRegularExpression LinkUrl(QStringLiteral("<([^>]*)>"));
        const QString configured = origin(m_client->baseUrl());
        QString named;
        auto it = LinkUrl.globalMatch(QString::fromUtf8(r.headers.value("link")));
        while (it.hasNext() && named.isEmpty()) {
            const QString other = origin(QUrl(it.next().captured(1)));
            if (other.compare(configured, Qt::CaseInsensitive) != 0)
                named = other.left(200);
        }
        if (named.isEmpty()) {
            set(Item::Links, Status::Ok, tr("GitLab's links point to %1, the URL in this profile.").arg(configured));
            return;
        }
        // GitLabClient::onConfiguredBase keeps only /api/v4/... and the query.
        set(Item::Links, Status::Warning,
            tr("GitLab names %1 in its pagination links, not %2: its external_url differs from the URL in this "
               "profile. Dockmaster copes: it keeps the path of each link and asks %2, and never sends the token "
               "to %1.")
                .arg(named, configured),
            tr("Nothing to do for Dockmaster. Other tools may follow these links; if %1 is GitLab's real address, "
               "set external_url to it.")
                .arg(configured));
    });
}

void ConnectionCheck::checkApps()
{
    // Code and ops projects pair by path: <root>/apps/<id> and <root>/ops/<id>.
    auto codes = std::make_shared<std::optional<QList<GitLabProject>>>();
    auto ops = std::make_shared<std::optional<QList<GitLabProject>>>();
    auto failed = std::make_shared<bool>(false);
    auto joined = [this, codes, ops, failed](const GitLabError &error) {
        if (*failed)
            return;
        if (!error.isOk()) {
            *failed = true;
            couldNotCheck(Item::JobTokenAllowlist, error);
            couldNotCheck(Item::Runners, error);
            return;
        }
        if (!*codes || !*ops)
            return;
        QHash<QString, qint64> codeIds;
        for (const GitLabProject &p : std::as_const(**codes))
            codeIds.insert(p.path, p.id);
        QList<AppPair> pairs;
        for (const GitLabProject &p : std::as_const(**ops)) {
            if (codeIds.contains(p.path))
                pairs.append(AppPair { p.path, codeIds.value(p.path), p.id });
        }
        checkAllowlists(pairs);
        checkRunners(**ops);
    };
    m_client->groupProjects(m_rootGroup + QStringLiteral("/apps"), {}, this,
                            [codes, joined](GitLabResult<QList<GitLabProject>> r) {
                                if (r.ok())
                                    *codes = r.value;
                                joined(r.error);
                            });
    m_client->groupProjects(m_rootGroup + QStringLiteral("/ops"), {}, this,
                            [ops, joined](GitLabResult<QList<GitLabProject>> r) {
                                if (r.ok())
                                    *ops = r.value;
                                joined(r.error);
                            });
}

void ConnectionCheck::recheckApps()
{
    m_missing.clear(); // until GitLab lists them again
    for (const Item item : { Item::JobTokenAllowlist, Item::Runners }) {
        Line &line = m_lines[int(item)];
        if (line.status == Status::Pending)
            continue;
        line.status = Status::Pending;
        ++m_pending;
        Q_EMIT lineChanged(int(item));
    }
    checkApps();
}

void ConnectionCheck::checkAllowlists(const QList<AppPair> &pairs)
{
    if (pairs.isEmpty()) {
        set(Item::JobTokenAllowlist, Status::Ok, tr("No app is provisioned yet: nothing to check."));
        return;
    }
    struct State {
        int left = 0;
        QList<AppPair> missing;
        std::optional<GitLabError> error;
    };
    auto state = std::make_shared<State>();
    state->left = int(pairs.size());
    for (const AppPair &pair : pairs) {
        GitLabRequest request;
        request.path = GitLabClient::projectPath(QString::number(pair.codeProjectId))
            + QStringLiteral("/job_token_scope/allowlist");
        request.query = { { QStringLiteral("per_page"), QStringLiteral("100") } };
        request.pagination = GitLabRequest::Pagination::Offset;
        m_client->send(request, this, [this, state, pair, total = pairs.size()](const GitLabResponse &r) {
            if (!r.error.isOk()) {
                if (!state->error)
                    state->error = r.error;
            } else {
                bool listed = false;
                for (const QJsonValue &v : r.items)
                    listed = listed || v.toObject().value(QLatin1String("id")).toInteger() == pair.opsProjectId;
                if (!listed)
                    state->missing.append(pair);
            }
            if (--state->left > 0)
                return;
            m_missing = state->missing;
            if (state->error && state->missing.isEmpty()) {
                couldNotCheck(Item::JobTokenAllowlist, *state->error);
                return;
            }
            if (m_missing.isEmpty()) {
                set(Item::JobTokenAllowlist, Status::Ok,
                    tr("The deploy jobs of all %n app(s) may clone their code repository.", nullptr, int(total)));
                return;
            }
            QStringList names;
            for (const AppPair &p : std::as_const(m_missing))
                names.append(p.appId);
            set(Item::JobTokenAllowlist, Status::Failed,
                tr("%n app(s) cannot deploy: their ops project is not on the code repository's CI/CD job token "
                   "allowlist (%1).",
                   nullptr, int(names.size()))
                    .arg(someNames(names)),
                tr("Press Repair to add them (recorded in the audit log), or add each <root>/ops project under "
                   "the code project's Settings > CI/CD > Job token permissions."));
        });
    }
}

void ConnectionCheck::checkRunners(const QList<GitLabProject> &opsProjects)
{
    if (opsProjects.isEmpty()) {
        set(Item::Runners, Status::Warning, tr("No app is provisioned yet, so no runner could be checked."),
            tr("Check again after the first app is created."));
        return;
    }
    struct State {
        int left = 0;
        QStringList without;
        std::optional<GitLabError> error;
    };
    auto state = std::make_shared<State>();
    state->left = int(opsProjects.size());
    for (const GitLabProject &project : opsProjects) {
        GitLabRequest request;
        request.path = GitLabClient::projectPath(QString::number(project.id)) + QStringLiteral("/runners");
        request.query = { { QStringLiteral("per_page"), QStringLiteral("100") } };
        request.pagination = GitLabRequest::Pagination::Offset;
        m_client->send(request, this, [this, state, name = project.path](const GitLabResponse &r) {
            if (!r.error.isOk()) {
                if (!state->error)
                    state->error = r.error;
            } else {
                // API::Entities::Ci::Runner: `online` and `paused` (older: `active`).
                bool online = false;
                for (const QJsonValue &v : r.items) {
                    const QJsonObject runner = v.toObject();
                    online = online
                        || (runner.value(QLatin1String("online")).toBool()
                            && !runner.value(QLatin1String("paused")).toBool()
                            && runner.value(QLatin1String("active")).toBool(true));
                }
                if (!online)
                    state->without.append(name);
            }
            if (--state->left > 0)
                return;
            if (state->error && state->without.isEmpty()) {
                couldNotCheck(Item::Runners, *state->error);
                return;
            }
            if (state->without.isEmpty()) {
                set(Item::Runners, Status::Ok, tr("An online runner can take the deploy jobs of every ops project."));
                return;
            }
            set(Item::Runners, Status::Failed,
                tr("No online runner for %n ops project(s): %1. Their deploy jobs would stay pending.", nullptr,
                   int(state->without.size()))
                    .arg(someNames(state->without)),
                tr("Register a runner for the group %1/ops or the whole instance (gitlab-runner register), or "
                   "start or unpause the one that is there.")
                    .arg(m_rootGroup));
        });
    }
}

QUrl ConnectionCheck::probeUrl() const
{
    if (!m_options.plainHttpUrl.isEmpty())
        return m_options.plainHttpUrl;
    QUrl url = m_client->baseUrl();
    if (url.scheme() == QLatin1String("https")) {
        url.setScheme(QStringLiteral("http"));
        url.setPort(-1); // nginx listens for http on 80 beside 443
    }
    return url;
}

void ConnectionCheck::checkRedirect()
{
    const bool httpsProfile
        = m_client->baseUrl().scheme() == QLatin1String("https") || !m_options.plainHttpUrl.isEmpty();
    const QUrl url = probeUrl();
    QNetworkRequest request(url);
    request.setTransferTimeout(m_options.probeTimeoutMs);
    QNetworkReply *reply = m_network->head(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, httpsProfile] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QUrl location = url.resolved(reply->header(QNetworkRequest::LocationHeader).toUrl());
        const bool toHttps = status >= 300 && status < 400 && location.scheme() == QLatin1String("https");
        const QString shown = url.toString(QUrl::RemoveUserInfo);
        if (status == 0) {
            if (httpsProfile && reply->error() == QNetworkReply::ConnectionRefusedError) {
                set(Item::HttpsRedirect, Status::Ok, tr("%1 is not served (connection refused).").arg(shown));
                return;
            }
            set(Item::HttpsRedirect, Status::CouldNotCheck, tr("%1: %2").arg(shown, reply->errorString().left(300)));
            return;
        }
        const QString target = location.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery).left(200);
        if (!httpsProfile) {
            // An http profile (allowed for this computer only) that GitLab
            // redirects: every call would end in "redirects to https".
            if (toHttps) {
                QUrl https = m_client->baseUrl();
                https.setScheme(QStringLiteral("https"));
                https.setPort(location.port());
                set(Item::HttpsRedirect, Status::Failed,
                    tr("The GitLab URL %1 redirects to %2 (HTTP %3).").arg(shown, target).arg(status),
                    tr("Use %1 in this profile; Dockmaster does not follow redirects with the token.")
                        .arg(https.toString(QUrl::StripTrailingSlash)));
                return;
            }
            set(Item::HttpsRedirect, Status::Ok,
                tr("%1 answers over plain http on this computer, without a redirect.").arg(shown));
            return;
        }
        if (toHttps) {
            set(Item::HttpsRedirect, Status::Ok, tr("%1 redirects to %2.").arg(shown, target));
            return;
        }
        set(Item::HttpsRedirect, Status::Warning,
            tr("%1 answers HTTP %2 without redirecting to https: whoever types the http address sends passwords "
               "and tokens unencrypted. Dockmaster itself uses https.")
                .arg(shown)
                .arg(status),
            tr("Redirect http to https on the server (Omnibus GitLab: nginx['redirect_http_to_https'] = true), or "
               "close port 80."));
    });
}

void ConnectionCheck::repair()
{
    if (m_repairing || m_missing.isEmpty()) {
        Q_EMIT repairFinished({});
        return;
    }
    m_repairing = true;
    repairNext(m_missing);
}

void ConnectionCheck::repairNext(QList<AppPair> remaining)
{
    if (remaining.isEmpty()) {
        m_repairing = false;
        recheckApps(); // the lines show what GitLab has now
        Q_EMIT repairFinished({});
        return;
    }
    const AppPair pair = remaining.takeFirst();
    GitLabEnsure::Collection allowlist = GitLabEnsure::jobTokenAllowlist(pair.codeProjectId, pair.opsProjectId);
    // Audited only when a POST added it: an entry someone else added meanwhile is not ours.
    auto added = std::make_shared<bool>(false);
    allowlist.missing = [missing = allowlist.missing, added](const QJsonArray &items) {
        QList<QJsonObject> bodies = missing(items);
        *added = !bodies.isEmpty();
        return bodies;
    };
    allowlist.readFailed
        = tr("Cannot read the CI/CD job token allowlist of %1: %2").arg(pair.appId, QStringLiteral("%1"));
    allowlist.addFailed = tr("Cannot add %1's ops project to its code project's CI/CD job token allowlist: %2")
                              .arg(pair.appId, QStringLiteral("%1"));
    GitLabEnsure::ensureInCollection(
        m_client, this, std::move(allowlist), [this, pair, added, remaining](const QString &error) {
            if (!error.isEmpty()) {
                m_repairing = false;
                Q_EMIT repairFinished(error);
                return;
            }
            if (*added) {
                Q_EMIT auditEntry(stampedAuditEntry(
                    m_username, QStringLiteral("gitlab.job-token-allowlist.repair"), pair.appId, {},
                    tr("Added %1/ops/%2 to the CI/CD job token allowlist of %1/apps/%2").arg(m_rootGroup, pair.appId)));
            }
            repairNext(remaining);
        });
}

int ConnectionCheck::exitCode(const QList<Line> &lines)
{
    for (const Line &line : lines) {
        if (line.status != Status::Ok && line.status != Status::Warning)
            return 1;
    }
    return 0;
}

QString ConnectionCheck::statusText(Status status)
{
    switch (status) {
    case Status::Pending:
        return tr("checking");
    case Status::Ok:
        return tr("ok");
    case Status::Warning:
        return tr("warning");
    case Status::Failed:
        return tr("failed");
    case Status::CouldNotCheck:
        return tr("could not check");
    }
    return {};
}

QString ConnectionCheck::toText(const QList<Line> &lines)
{
    QString text;
    for (const Line &line : lines) {
        text += QStringLiteral("[%1] %2: %3\n").arg(statusText(line.status), line.title, line.found);
        if (!line.fix.isEmpty())
            text += QStringLiteral("    ") + tr("Fix: %1").arg(line.fix) + QLatin1Char('\n');
    }
    return text;
}

} // namespace Dockmaster
