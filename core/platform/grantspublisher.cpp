#include "core/platform/grantspublisher.h"

#include "core/gitlab/gitlabclient.h"
#include "core/provisioning/gitlabwrite.h"
#include "core/render/configvalidator.h"

#include <QJsonArray>
#include <QLocale>

namespace Dockmaster {

GrantsPublisher::GrantsPublisher(GitLabClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_validator(new ConfigValidator(this))
{
}

GrantsPublisher::~GrantsPublisher() = default;

QString GrantsPublisher::withoutSignInCheck()
{
    return tr("This profile has no sign-in check URL (Settings, Platform services): without it the edge cannot tell "
              "who a visitor is, so nothing can be granted.");
}

void GrantsPublisher::read(const QString &opsProject, Environment environment, QObject *context,
                           std::function<void(const Branch &)> done)
{
    auto branch = std::make_shared<Branch>();
    branch->environment = environment;
    if (!m_client) {
        branch->error = tr("Not connected to GitLab.");
        done(*branch);
        return;
    }
    const QString ref = environmentBranch(environment);
    // The fallback the admin chose decides how the site renders: a hardened
    // PHP pool, or a static maintenance page.
    m_client->tree(opsProject, ref, QStringLiteral("conf"), context,
                   [this, opsProject, ref, branch, context, done](const GitLabResult<QList<GitLabTreeEntry>> &tree) {
                       if (!tree.ok()) {
                           branch->error = tr("Cannot read %1: %2").arg(ref, tree.error.message);
                           done(*branch);
                           return;
                       }
                       bool php = false;
                       bool maintenance = false;
                       for (const GitLabTreeEntry &entry : tree.value) {
                           php = php || entry.path == QLatin1String("conf/php-fpm-fallback.conf");
                           maintenance = maintenance || entry.path == QLatin1String("conf/maintenance");
                       }
                       branch->fallbackMode
                           = (!php && maintenance) ? FallbackMode::StaticMaintenance : FallbackMode::HardenedPhp;
                       if (!m_client)
                           return;
                       m_client->fileMeta(
                           opsProject, QString::fromLatin1(SitePath), ref, context,
                           [this, opsProject, ref, branch, context, done](const GitLabResult<GitLabFileMeta> &meta) {
                               if (!meta.ok()) {
                                   branch->error = tr("Cannot read %1 on %2: %3")
                                                       .arg(QString::fromLatin1(SitePath), ref, meta.error.message);
                                   done(*branch);
                                   return;
                               }
                               branch->siteCommit = meta.value.lastCommitId;
                               readGrantsFile(opsProject, branch, context, done);
                           });
                   });
}

void GrantsPublisher::readGrantsFile(const QString &opsProject, std::shared_ptr<Branch> branch, QObject *context,
                                     std::function<void(const Branch &)> done)
{
    if (!m_client)
        return;
    const QString ref = environmentBranch(branch->environment);
    const QString path = QString::fromLatin1(EdgeGrants::FilePath);
    m_client->fileMeta(
        opsProject, path, ref, context,
        [client = m_client, opsProject, ref, path, branch, context, done](const GitLabResult<GitLabFileMeta> &meta) {
            if (meta.error.kind == GitLabError::Kind::NotFound) {
                done(*branch); // an app set up before grants: nothing granted yet
                return;
            }
            if (!meta.ok()) {
                branch->error = tr("Cannot read %1 on %2: %3").arg(path, ref, meta.error.message);
                done(*branch);
                return;
            }
            if (meta.value.size > EdgeGrants::MaxBytes) {
                branch->error = tr("%1 on %2 is %3, more than a grants file may be.")
                                    .arg(path, ref, QLocale().formattedDataSize(meta.value.size));
                done(*branch);
                return;
            }
            if (!client)
                return;
            client->file(opsProject, path, ref, context,
                         [path, ref, branch, done](const GitLabResult<GitLabFile> &file) {
                             if (!file.ok()) {
                                 branch->error = tr("Cannot read %1 on %2: %3").arg(path, ref, file.error.message);
                                 done(*branch);
                                 return;
                             }
                             const EdgeGrantsResult parsed = EdgeGrantsFile::parse(file.value.content);
                             if (!parsed.ok()) {
                                 branch->error = tr("%1 on %2 is refused: %3").arg(path, ref, parsed.errors.join(u' '));
                                 done(*branch);
                                 return;
                             }
                             branch->hasGrantsFile = true;
                             branch->grantsCommit = file.value.lastCommitId;
                             branch->grants = parsed.grants;
                             done(*branch);
                         });
        });
}

void GrantsPublisher::publish(const Change &change, QObject *context, std::function<void(const Published &)> done)
{
    Published result;
    result.changes = change.grants.changesFrom(change.base.grants);
    if (result.changes.isEmpty()) {
        result.error = tr("Nothing changed.");
        done(result);
        return;
    }
    if (!change.grants.isEmpty() && change.authUrl.isEmpty()) {
        result.error = withoutSignInCheck();
        done(result);
        return;
    }
    const EnvironmentRender::Edge edge { change.authUrl, change.loginUrl, change.grants };
    const AppEnvironmentSpec spec
        = EnvironmentRender::specFor(change.app, change.base.environment, change.host, change.base.fallbackMode, edge);
    const EnvironmentRender::FileResult site = EnvironmentRender::renderFile(spec, QString::fromLatin1(SitePath));
    if (!site.ok) {
        result.error = tr("The outer nginx site cannot be rendered with these grants: %1").arg(site.error);
        done(result);
        return;
    }
    m_validator->validate(
        QStringLiteral("nginx-outer.conf"), site.content, ConfigFileKind::NginxSite, context,
        [this, change, content = site.content, result, context, done](const ValidationReport &report) mutable {
            if (!report.ok()) {
                QStringList messages;
                for (const ValidationIssue &issue : report.errors())
                    messages.append(issue.line > 0 ? tr("line %1: %2").arg(issue.line).arg(issue.message)
                                                   : issue.message);
                result.error = tr("%1 refuses the outer nginx site rendered with these grants: %2")
                                   .arg(report.checker, messages.join(u' '));
                done(result);
                return;
            }
            commit(change, content, result.changes, context, done);
        });
}

void GrantsPublisher::commit(const Change &change, const QByteArray &site, const QStringList &changes, QObject *context,
                             std::function<void(const Published &)> done)
{
    if (!m_client)
        return;
    const QString path = QString::fromLatin1(EdgeGrants::FilePath);
    QJsonArray actions;
    actions.append(
        change.base.hasGrantsFile
            ? GitLabWrite::action(QStringLiteral("update"), path, change.grants.toJson(), change.base.grantsCommit)
            : GitLabWrite::action(QStringLiteral("create"), path, change.grants.toJson()));
    actions.append(
        GitLabWrite::action(QStringLiteral("update"), QString::fromLatin1(SitePath), site, change.base.siteCommit));
    // Commit messages are part of the repository's history, read by every
    // admin: English, as the rest of what Dockmaster commits.
    const QString message
        = QStringLiteral("Permission grants of %1 in %2\n\n%3\n\nChanged by %4 in Dockmaster.\n")
              .arg(change.app.id, environmentKey(change.base.environment),
                   change.grants.changesFrom(change.base.grants, EdgeGrants::Wording::English).join(QLatin1Char('\n')),
                   change.actor);
    const QString ref = environmentBranch(change.base.environment);
    GitLabWrite::commit(m_client, change.opsProject, ref, message, actions, context,
                        [changes, ref, done](const GitLabResponse &response) {
                            Published result;
                            result.changes = changes;
                            if (response.error.isOk()) {
                                result.commit = GitLabWrite::object(response).value(QStringLiteral("id")).toString();
                                done(result);
                                return;
                            }
                            result.conflict = GitLabWrite::isEditConflict(response);
                            result.error = result.conflict
                                ? tr("Someone changed %1 since the grants were read. Nothing was written; the "
                                     "grants are read again.")
                                      .arg(ref)
                                : tr("GitLab refused the commit to %1: %2").arg(ref, response.error.message);
                            done(result);
                        });
}

} // namespace Dockmaster
