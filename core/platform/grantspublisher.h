#pragma once

#include "core/domain/records.h"
#include "core/platform/edgegrants.h"
#include "core/render/environmentrender.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace Dockmaster {

class ConfigValidator;
class GitLabClient;

// Reads and changes who may do what in one environment of an app (issue 18).
// The grants live in platform/grants.json on the environment's branch of the
// management repository; a change commits that file and the outer nginx site
// rendered with it in one commit, so the pipeline that deploys the commit
// puts both on the host together, and reverting the commit reverts both.
// The site is checked (nginx -t where nginx is installed) before anything is
// written, and the commit is refused by GitLab if either file changed since
// it was read.
class GrantsPublisher final : public QObject
{
    Q_OBJECT
public:
    // What the branch holds now.
    struct Branch {
        Environment environment = Environment::Test;
        EdgeGrants grants;
        bool hasGrantsFile = false;
        QString grantsCommit; // the last commit of each file: the commit is refused if it moved
        QString siteCommit;
        FallbackMode fallbackMode = FallbackMode::HardenedPhp;
        QString error; // translated; set when the branch could not be read or its file is refused
        bool ok() const { return error.isEmpty(); }
    };
    struct Change {
        AppRecord app;
        HostRecord host;
        QString opsProject; // id or path of the management repository
        QString authUrl;    // the profile's
        QString loginUrl;
        Branch base; // as read
        EdgeGrants grants;
        QString actor;
    };
    struct Published {
        QString commit;        // empty when refused
        QString error;         // translated
        bool conflict = false; // someone changed the branch since it was read
        QStringList changes;   // what changed, one line each
    };

    static constexpr auto SitePath = "conf/nginx-outer.conf";
    // Why nothing can be granted on a platform without a sign-in check.
    static QString withoutSignInCheck();

    // client: not owned.
    explicit GrantsPublisher(GitLabClient *client, QObject *parent = nullptr);
    ~GrantsPublisher() override;

    void read(const QString &opsProject, Environment environment, QObject *context,
              std::function<void(const Branch &)> done);
    void publish(const Change &change, QObject *context, std::function<void(const Published &)> done);

private:
    void readGrantsFile(const QString &opsProject, std::shared_ptr<Branch> branch, QObject *context,
                        std::function<void(const Branch &)> done);
    // `changes`: the translated lines the caller gets back.
    void commit(const Change &change, const QByteArray &site, const QStringList &changes, QObject *context,
                std::function<void(const Published &)> done);

    QPointer<GitLabClient> m_client;
    ConfigValidator *m_validator;
};

} // namespace Dockmaster
