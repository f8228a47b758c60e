#pragma once

#include "core/dns/dnsprovider.h"
#include "core/gitlab/gitlabclient.h"
#include "core/provisioning/appkeyvalueadmin.h"
#include "core/provisioning/inventoryallocator.h"
#include "core/provisioning/inventorydata.h"
#include "core/provisioning/pluginskeleton.h"
#include "core/provisioning/provisionrequest.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

namespace Dockmaster {

// Creates (and archives) a plugin app on the platform: inventory allocation,
// code repo A from the skeleton, the owner as Developer, management repo AA
// with one branch per environment (`codes` submodule, rendered conf/ and
// .gitlab-ci.yml), CI/CD variables, the app's user in the platform's
// key/value store and DNS records. Every step first looks
// at what exists, so running it again after a failure continues where it
// stopped and never creates anything twice; finished steps are recorded in
// the app's allocation record, so resume() works after a restart too.
class Provisioner final : public QObject
{
    Q_OBJECT
public:
    enum class Step {
        Allocate,
        CodeRepository,
        OwnerAccess,
        ManagementRepository,
        JobTokenAccess,
        Variables,
        KeyValueUser,
        EnvironmentBranches,
        Dns,
        Activate,
        Archive
    };
    Q_ENUM(Step)

    // The create-app steps, in order.
    static QList<Step> createSteps();
    static QString stepKey(Step step);   // stable: "allocate", "code-repository", ...
    static QString stepTitle(Step step); // for people

    Provisioner(GitLabClient *client, InventoryAllocator *allocator, QObject *parent = nullptr);
    ~Provisioner() override;

    // Not owned; needed for the Dns step and for archive().
    void setDnsProvider(DnsProvider *provider) { m_dns = provider; }
    void setRootGroup(const QString &group) { m_rootGroup = group; }
    void setCommitAuthor(const QString &name, const QString &email);
    void setDnsTtl(int seconds) { m_dnsTtl = seconds; }
    // Not owned; without one (a platform without a key/value store) the
    // KeyValueUser step has nothing to do and archive() nothing to remove there.
    void setKeyValueAdmin(AppKeyValueAdmin *admin) { m_keyValue = admin; }
    // The profile's sign-in at the edge; a new app's branches start with it
    // and with no grants (an empty platform/grants.json).
    void setEdgeSignIn(const QString &authUrl, const QString &loginUrl)
    {
        m_edgeAuthUrl = authUrl;
        m_edgeLoginUrl = loginUrl;
    }

    bool isBusy() const { return m_busy; }
    QString appId() const { return m_record.id; }
    AllocationRecord record() const { return m_record; }

    // Checks every field (patterns first, then that the owner exists in
    // GitLab and chosen hosts exist in the inventory) before anything is
    // written; refusals come as inputRefused(). Then runs every step.
    void start(const ProvisionRequest &request);
    // Continues a provisioning that stopped (failure, crash, closed app).
    void resume(const QString &appId);
    // DNS records removed, both repos archived, allocation released.
    void archive(const QString &appId);

Q_SIGNALS:
    void inputRefused(const QList<Dockmaster::ProvisionFieldError> &errors);
    void allocated(const QString &appId);
    void stepStarted(Dockmaster::Provisioner::Step step);
    void stepFinished(Dockmaster::Provisioner::Step step, bool alreadyDone);
    void failed(Dockmaster::Provisioner::Step step, const QString &reason);
    void finished(const QString &appId);
    void archived(const QString &appId);

private:
    using StepDone = std::function<void(const QString &error)>;
    // The step table: each step's stored key, its title and what runs it.
    struct StepSpec;
    static const StepSpec Steps[];

    void setBusy(bool busy);
    void runFrom(int index);
    void runStep(Step step, StepDone done);
    void fail(Step step, const QString &reason);
    void markDone(Step step, const std::function<void()> &next);

    void allocate(StepDone done);
    void createCodeRepository(StepDone done);
    void addOwner(StepDone done);
    void createManagementRepository(StepDone done);
    void allowJobToken(StepDone done);
    void setVariables(StepDone done);
    void createKeyValueUser(StepDone done);
    void createEnvironmentBranches(StepDone done);
    void allowOwnerOnMain(StepDone done);
    void setDnsRecords(StepDone done);

    // project id, http_url_to_repo, error
    using ProjectDone = std::function<void(qint64, const QString &, const QString &)>;
    void ensureProject(const QString &group, const QString &description, ProjectDone done);
    // createError: why the create before this look failed (reported when the project is not there).
    void lookForProject(const QString &group, const QString &description, bool mayCreate, ProjectDone done,
                        const QString &createError = {});
    void createProject(const QString &group, const QString &description, ProjectDone done);
    void ensureSkeleton(qint64 projectId, StepDone done);
    void ensureLabels(qint64 projectId, StepDone done);
    void pushBranches(const QString &httpUrl, const QString &codeSha, const QStringList &missing, StepDone done);
    void protectBranches(StepDone done);
    void generateKey(std::function<void(QByteArray privateKey, QString publicKey, QString error)> done);
    void upsertDns(int index, StepDone done);
    void deleteDns(int index, StepDone done);
    void archiveProjects(QStringList paths, StepDone done);
    void removeKeyValueData(StepDone done);
    void archiveProjectsAndRelease();

    QPointer<GitLabClient> m_client;
    QPointer<InventoryAllocator> m_allocator;
    QPointer<DnsProvider> m_dns;
    QPointer<AppKeyValueAdmin> m_keyValue;
    QString m_rootGroup = QStringLiteral("plugins");
    QString m_authorName = QStringLiteral("Dockmaster");
    QString m_authorEmail = QStringLiteral("dockmaster@localhost");
    int m_dnsTtl = 300;
    QString m_edgeAuthUrl;
    QString m_edgeLoginUrl;
    bool m_busy = false;
    ProvisionRequest m_request;
    InventoryConfig m_config;
    AllocationRecord m_record;
    QString m_publicKey; // set by the Variables step, recorded with it
    QList<Step> m_steps;
};

} // namespace Dockmaster
