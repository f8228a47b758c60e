#include "core/provisioning/provisioner.h"

#include "core/dns/dnsprovider.h"
#include "core/domain/appstatus.h"
#include "core/gitlab/gitlabclient.h"
#include "core/provisioning/gitlabensure.h"
#include "core/provisioning/gitlabwrite.h"
#include "core/provisioning/inventoryallocator.h"
#include "core/provisioning/keyvaluerotation.h"
#include "core/provisioning/opsrepopusher.h"
#include "core/provisioning/pluginskeleton.h"
#include "core/render/appenvironmentspec.h"
#include "core/render/configrenderer.h"
#include "core/render/environmentrender.h"
#include "core/render/renderinput.h"
#include "core/util/enumkeys.h"
#include "core/util/localdisk.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

namespace Dockmaster {
namespace {

using GitLabEnsure::alreadyTaken;
using GitLabEnsure::describe;
using GitLabEnsure::statusOf;

constexpr int DeveloperAccess = 30;

// "<address> <type> <base64>": one line, nothing a shell or a file format could
// read as more than a key.
bool isKnownHostsLine(const QString &line)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[0-9A-Za-z.:\\[\\]-]{1,255} (ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|"
                       "sk-ssh-ed25519@openssh\\.com) [A-Za-z0-9+/]{16,8192}={0,2}$"));
    return pattern.match(line).hasMatch();
}

// What the renderer needs of one placement, as the inventory records it; the
// environment branches and the deploy variables are built from the same one.
AppEnvironmentSpec specForPlacement(const AllocationRecord &record, const AllocationPlacement &placement,
                                    Environment environment, const EnvironmentRender::Edge &edge = {})
{
    AppEnvironmentSpec spec = AppEnvironmentSpec::withDefaults(record.id, environment);
    spec.setValue(RenderField::HostName, placement.host);
    spec.setValue(RenderField::HostAddress, placement.address);
    spec.setValue(RenderField::ContainerPort, QString::number(placement.containerPort));
    spec.setValue(RenderField::FallbackPort, QString::number(placement.fallbackPort));
    spec.setValue(RenderField::Domain, placement.domain);
    spec.setValue(RenderField::FallbackMode, ProvisionValidation::renderFallbackKey(record.fallbackMode));
    EnvironmentRender::applyEdge(spec, edge);
    return spec;
}

} // namespace

QList<Provisioner::Step> Provisioner::createSteps()
{
    // The environment branches come last: pushing them starts their first
    // pipelines, which need the protected variables (given only to protected
    // refs) and the job token allowlist (to clone `codes`) to be in place.
    return { Step::Allocate,
             Step::CodeRepository,
             Step::OwnerAccess,
             Step::ManagementRepository,
             Step::JobTokenAccess,
             Step::Variables,
             Step::KeyValueUser,
             Step::EnvironmentBranches,
             Step::Dns,
             Step::Activate };
}

struct Provisioner::StepSpec {
    Step value;
    const char *key; // recorded in the allocation's steps_done: never change one
    const char *text;
    void (Provisioner::*run)(StepDone); // null: nothing to do but record it
};

const Provisioner::StepSpec Provisioner::Steps[] = {
    { Step::Allocate, "allocate",
      QT_TRANSLATE_NOOP("Dockmaster::Provisioner", "Allocate ID, host and ports in the inventory"),
      &Provisioner::allocate },
    { Step::CodeRepository, "code-repository",
      QT_TRANSLATE_NOOP("Dockmaster::Provisioner", "Create the code repository from the plugin skeleton"),
      &Provisioner::createCodeRepository },
    { Step::OwnerAccess, "owner-access",
      QT_TRANSLATE_NOOP("Dockmaster::Provisioner", "Give the owner Developer access and the right to push to main"),
      &Provisioner::addOwner },
    { Step::ManagementRepository, "management-repository",
      QT_TRANSLATE_NOOP("Dockmaster::Provisioner",
                        "Create the management repository and protect its environment branches"),
      &Provisioner::createManagementRepository },
    { Step::JobTokenAccess, "job-token-access",
      QT_TRANSLATE_NOOP("Dockmaster::Provisioner",
                        "Let the deploy jobs clone the code repository (CI/CD job token allowlist)"),
      &Provisioner::allowJobToken },
    { Step::Variables, "variables", QT_TRANSLATE_NOOP("Dockmaster::Provisioner", "Set the CI/CD deploy variables"),
      &Provisioner::setVariables },
    { Step::KeyValueUser, "key-value-user",
      QT_TRANSLATE_NOOP("Dockmaster::Provisioner",
                        "Create the app's user in the platform's key/value store (its password a masked CI/CD "
                        "variable)"),
      &Provisioner::createKeyValueUser },
    { Step::EnvironmentBranches, "environment-branches",
      QT_TRANSLATE_NOOP("Dockmaster::Provisioner", "Push the environment branches (starts the first deployments)"),
      &Provisioner::createEnvironmentBranches },
    { Step::Dns, "dns", QT_TRANSLATE_NOOP("Dockmaster::Provisioner", "Create the DNS records"),
      &Provisioner::setDnsRecords },
    { Step::Activate, "activate", QT_TRANSLATE_NOOP("Dockmaster::Provisioner", "Mark the app active"), nullptr },
    { Step::Archive, "archive", QT_TRANSLATE_NOOP("Dockmaster::Provisioner", "Archive the app"), nullptr },
};

QString Provisioner::stepKey(Step step)
{
    return enumKey(Steps, step);
}

QString Provisioner::stepTitle(Step step)
{
    return enumText("Dockmaster::Provisioner", Steps, step);
}

Provisioner::Provisioner(GitLabClient *client, InventoryAllocator *allocator, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_allocator(allocator)
{
}

Provisioner::~Provisioner() = default;

void Provisioner::setCommitAuthor(const QString &name, const QString &email)
{
    m_authorName = name;
    m_authorEmail = email;
}

void Provisioner::setBusy(bool busy)
{
    m_busy = busy;
}

void Provisioner::fail(Step step, const QString &reason)
{
    setBusy(false);
    Q_EMIT failed(step, reason);
}

// --- entry points ---

void Provisioner::start(const ProvisionRequest &request)
{
    if (m_busy || !m_client || !m_allocator)
        return;
    const QList<ProvisionFieldError> errors = ProvisionValidation::check(request);
    if (!errors.isEmpty()) {
        Q_EMIT inputRefused(errors);
        return;
    }
    setBusy(true);
    m_request = request;
    m_record = AllocationRecord();
    m_publicKey.clear();

    // The owner must exist and chosen hosts must be in the inventory before
    // anything is written.
    auto pending = std::make_shared<int>(2);
    auto problems = std::make_shared<QList<ProvisionFieldError>>();
    auto failure = std::make_shared<QString>();
    auto proceed = [this, pending, problems, failure] {
        if (--*pending > 0)
            return;
        if (!failure->isEmpty()) {
            fail(Step::Allocate, *failure);
            return;
        }
        if (!problems->isEmpty()) {
            setBusy(false);
            Q_EMIT inputRefused(*problems);
            return;
        }
        m_steps = createSteps();
        runFrom(0);
    };
    m_client->usersByUsername(
        request.owner, this, [this, problems, failure, proceed](GitLabResult<QList<GitLabUser>> result) {
            if (!result.ok())
                *failure = tr("Cannot look up the owner in GitLab: %1").arg(result.error.message);
            else if (std::none_of(result.value.cbegin(), result.value.cend(), [this](const GitLabUser &u) {
                         // A blocked account must not be handed a repository.
                         return u.username.compare(m_request.owner, Qt::CaseInsensitive) == 0
                             && (u.state.isEmpty() || u.state == QLatin1String("active"));
                     }))
                problems->append(
                    { QStringLiteral("owner"), tr("GitLab has no active user called %1.").arg(m_request.owner) });
            proceed();
        });
    m_allocator->readConfig(
        this, [this, problems, failure, proceed](std::optional<InventoryConfig> config, const QString &error) {
            if (!config) {
                *failure = error;
            } else {
                m_config = *config;
                const std::pair<QString, QString> chosen[]
                    = { { QStringLiteral("test"), m_request.testHost },
                        { QStringLiteral("production"), m_request.productionHost } };
                for (const auto &[environment, host] : chosen) {
                    if (host.isEmpty() || !m_request.environments.contains(environment))
                        continue;
                    const InventoryHostSpec *spec = m_config.host(host);
                    if (!spec || spec->environment != environment)
                        problems->append({ environment + QStringLiteral("_host"),
                                           tr("The inventory has no %1 host called %2.").arg(environment, host) });
                }
            }
            proceed();
        });
}

void Provisioner::resume(const QString &appId)
{
    if (m_busy || !m_client || !m_allocator)
        return;
    if (InventoryPlanning::appNumber(appId) < 0) {
        Q_EMIT failed(Step::Allocate, tr("%1 is not an app ID.").arg(appId.left(40)));
        return;
    }
    setBusy(true);
    m_publicKey.clear();
    m_allocator->readConfig(this, [this, appId](std::optional<InventoryConfig> config, const QString &error) {
        if (!config) {
            fail(Step::Allocate, error);
            return;
        }
        m_config = *config;
        m_allocator->read(appId, this, [this](const AllocationOutcome &outcome) {
            if (!outcome.ok()) {
                fail(Step::Allocate, outcome.error);
                return;
            }
            m_record = *outcome.record;
            if (isAppStatus(m_record.status, AppStatus::Archived)) {
                fail(Step::Allocate, tr("%1 is archived; it cannot be provisioned again.").arg(m_record.id));
                return;
            }
            // The record is input too: it goes into files, descriptions and URLs.
            QStringList problems;
            for (const QString &problem :
                 { ProvisionValidation::name(m_record.name), ProvisionValidation::owner(m_record.owner),
                   ProvisionValidation::description(m_record.description),
                   ProvisionValidation::fallbackMode(m_record.fallbackMode) }) {
                if (!problem.isEmpty())
                    problems.append(problem);
            }
            if (!problems.isEmpty()) {
                fail(Step::Allocate,
                     tr("The inventory record of %1 is not valid: %2")
                         .arg(m_record.id, problems.join(QLatin1Char(' '))));
                return;
            }
            m_steps = createSteps();
            runFrom(0);
        });
    });
}

// --- the step runner ---

void Provisioner::runFrom(int index)
{
    if (index >= m_steps.size()) {
        setBusy(false);
        Q_EMIT finished(m_record.id);
        return;
    }
    const Step step = m_steps.at(index);
    if (step != Step::Allocate ? m_record.stepsDone.contains(stepKey(step)) : !m_record.id.isEmpty()) {
        Q_EMIT stepFinished(step, true);
        runFrom(index + 1);
        return;
    }
    Q_EMIT stepStarted(step);
    runStep(step, [this, step, index](const QString &error) {
        if (!error.isEmpty()) {
            fail(step, error);
            return;
        }
        markDone(step, [this, step, index] {
            Q_EMIT stepFinished(step, false);
            runFrom(index + 1);
        });
    });
}

void Provisioner::runStep(Step step, StepDone done)
{
    const StepSpec *spec = enumEntry(Steps, step);
    if (spec && spec->run)
        (this->*spec->run)(std::move(done));
    else
        done({});
}

void Provisioner::markDone(Step step, const std::function<void()> &next)
{
    if (step == Step::Allocate) {
        next(); // the record was just written by the allocation itself
        return;
    }
    const AllocationRecord local = m_record;
    const QString publicKey = m_publicKey;
    const QString key = stepKey(step);
    m_allocator->update(
        m_record.id, QStringLiteral("Provisioning %1: %2 done").arg(m_record.id, key),
        [local, publicKey, key, step](AllocationRecord &r) {
            bool changed = false;
            auto set = [&changed](auto &field, const auto &value) {
                if (field != value) {
                    field = value;
                    changed = true;
                }
            };
            if (local.codeProjectId > 0)
                set(r.codeProjectId, local.codeProjectId);
            if (local.opsProjectId > 0)
                set(r.opsProjectId, local.opsProjectId);
            if (!publicKey.isEmpty())
                set(r.deployPublicKey, publicKey);
            if (!r.stepsDone.contains(key)) {
                r.stepsDone.append(key);
                changed = true;
            }
            if (step == Step::Activate) {
                set(r.status,
                    enumKey(AppStatuses,
                            r.placement(QStringLiteral("production")) ? AppStatus::Active : AppStatus::TestOnly));
            }
            return changed;
        },
        this,
        [this, step, next](const AllocationOutcome &outcome) {
            if (!outcome.ok()) {
                fail(step, tr("The step worked but could not be recorded in the inventory: %1").arg(outcome.error));
                return;
            }
            m_record = *outcome.record;
            next();
        });
}

// --- steps ---

void Provisioner::allocate(StepDone done)
{
    AllocationRequest request;
    request.name = m_request.name;
    request.owner = m_request.owner;
    request.description = m_request.description;
    request.fallbackMode = ProvisionValidation::renderFallbackKey(m_request.fallbackMode);
    request.environments = m_request.environments;
    if (!m_request.testHost.isEmpty())
        request.chosenHosts.insert(QStringLiteral("test"), m_request.testHost);
    if (!m_request.productionHost.isEmpty())
        request.chosenHosts.insert(QStringLiteral("production"), m_request.productionHost);
    m_allocator->allocate(request, this, [this, done](const AllocationOutcome &outcome) {
        if (!outcome.ok()) {
            done(outcome.error);
            return;
        }
        m_record = *outcome.record;
        Q_EMIT allocated(m_record.id);
        done({});
    });
}

void Provisioner::ensureProject(const QString &group, const QString &description, ProjectDone done)
{
    // Looks first; creates only when it is not there. A refused or ambiguous
    // create is followed by one more look, so a project made by an earlier
    // run (or an answer lost on the way) is found, never duplicated.
    lookForProject(group, description, true, std::move(done));
}

void Provisioner::lookForProject(const QString &group, const QString &description, bool mayCreate, ProjectDone done,
                                 const QString &createError)
{
    const QString fullPath = m_rootGroup + QLatin1Char('/') + group + QLatin1Char('/') + m_record.id;
    m_client->project(
        fullPath, this,
        [this, group, description, done, mayCreate, fullPath, createError](GitLabResult<GitLabProject> result) {
            // Pushes go to the configured server: http_url_to_repo names GitLab's
            // external_url, which this desktop may not reach (or not by that name).
            if (result.ok())
                done(result.value.id, m_client->repositoryUrl(result.value.pathWithNamespace).toString(), {});
            else if (result.error.kind == GitLabError::Kind::NotFound && mayCreate)
                createProject(group, description, done);
            else if (result.error.kind == GitLabError::Kind::NotFound && !createError.isEmpty())
                // The look after a failed create: say why it failed, not that it is missing.
                done(0, {},
                     tr("The project %1 was not there after its creation failed: %2").arg(fullPath, createError));
            else
                done(0, {}, tr("Cannot read the project: %1").arg(result.error.message));
        });
}

void Provisioner::createProject(const QString &group, const QString &description, ProjectDone done)
{
    const QString groupPath = m_rootGroup + QLatin1Char('/') + group;
    GitLabRequest groupRequest;
    groupRequest.path = QStringLiteral("/groups/") + GitLabClient::encode(groupPath);
    // Otherwise GET /groups/:id embeds every project of the group (lib/api/groups.rb).
    groupRequest.query = { { QStringLiteral("with_projects"), QStringLiteral("false") } };
    m_client->send(groupRequest, this, [this, group, groupPath, description, done](const GitLabResponse &g) {
        const qint64 namespaceId = GitLabWrite::object(g).value(QLatin1StringView("id")).toInteger();
        if (!g.error.isOk() || namespaceId <= 0) {
            done(0, {}, tr("Cannot find the group %1: %2").arg(groupPath, describe(g)));
            return;
        }
        // Always private: without it the project gets the instance's default
        // visibility (internal or public on some instances).
        const QJsonObject body { { QStringLiteral("name"), m_record.id },
                                 { QStringLiteral("path"), m_record.id },
                                 { QStringLiteral("namespace_id"), namespaceId },
                                 { QStringLiteral("description"), description },
                                 { QStringLiteral("default_branch"), QStringLiteral("main") },
                                 { QStringLiteral("visibility"), QStringLiteral("private") } };
        GitLabWrite::sendJson(
            m_client, "POST", QStringLiteral("/projects"), body, this,
            [this, group, description, done](const GitLabResponse &r) {
                const QJsonObject o = GitLabWrite::object(r);
                const qint64 id = o.value(QLatin1StringView("id")).toInteger();
                if (r.error.isOk() && id > 0) {
                    done(id,
                         m_client->repositoryUrl(o.value(QLatin1StringView("path_with_namespace")).toString())
                             .toString(),
                         {});
                } else if (r.error.isOk() || alreadyTaken(r) || r.error.kind == GitLabError::Kind::MayHaveTakenEffect) {
                    // Created, but the answer cannot be read (or it may have
                    // been created): the project itself says which one it is.
                    lookForProject(group, description, false, done, describe(r));
                } else {
                    done(0, {}, tr("GitLab refused to create the project: %1").arg(describe(r)));
                }
            });
    });
}

void Provisioner::createCodeRepository(StepDone done)
{
    const QString description
        = m_record.description.isEmpty() ? m_record.name : m_record.name + QStringLiteral(": ") + m_record.description;
    ensureProject(QStringLiteral("apps"), description, [this, done](qint64 id, const QString &, const QString &error) {
        if (!error.isEmpty()) {
            done(error);
            return;
        }
        m_record.codeProjectId = id;
        ensureSkeleton(id, [this, id, done](const QString &skeletonError) {
            if (!skeletonError.isEmpty()) {
                done(skeletonError);
                return;
            }
            ensureLabels(id, done);
        });
    });
}

void Provisioner::ensureSkeleton(qint64 projectId, StepDone done)
{
    const QString project = QString::number(projectId);
    m_client->branch(project, QStringLiteral("main"), this, [this, project, done](GitLabResult<GitLabBranch> branch) {
        if (branch.ok()) {
            done({}); // the skeleton is the first commit; a branch means it is there
            return;
        }
        if (branch.error.kind != GitLabError::Kind::NotFound) {
            done(tr("Cannot read the code repository: %1").arg(branch.error.message));
            return;
        }
        const AllocationPlacement *test = m_record.placement(QStringLiteral("test"));
        const AllocationPlacement *production = m_record.placement(QStringLiteral("production"));
        const auto files = PluginSkeleton::files(m_record.id, m_record.name, test ? test->domain : QString(),
                                                 production ? production->domain : QString());
        QJsonArray actions;
        QStringList paths = files.keys();
        paths.sort();
        for (const QString &path : std::as_const(paths))
            actions.append(GitLabWrite::action(QStringLiteral("create"), path, files.value(path)));
        GitLabWrite::commit(m_client, project, QStringLiteral("main"), QStringLiteral("Plugin skeleton"), actions, this,
                            [this, done](const GitLabResponse &r) {
                                if (r.error.isOk() || GitLabWrite::isEditConflict(r))
                                    done({});
                                else
                                    done(tr("Cannot commit the plugin skeleton: %1").arg(describe(r)));
                            });
    });
}

void Provisioner::ensureLabels(qint64 projectId, StepDone done)
{
    GitLabEnsure::Collection labels;
    labels.path = GitLabClient::projectPath(QString::number(projectId)) + QStringLiteral("/labels");
    labels.query = { { QStringLiteral("per_page"), QStringLiteral("100") } };
    labels.missing = [](const QJsonArray &items) {
        const QSet<QString> existing = GitLabEnsure::names(items);
        QList<QJsonObject> bodies;
        for (const SkeletonLabel &label : PluginSkeleton::labels()) {
            if (!existing.contains(label.name))
                bodies.append({ { QStringLiteral("name"), label.name },
                                { QStringLiteral("color"), label.color },
                                { QStringLiteral("description"), label.description } });
        }
        return bodies;
    };
    labels.alreadyThere = GitLabEnsure::isConflict;
    labels.readFailed = tr("Cannot read the labels: %1");
    labels.addFailed = tr("Cannot create a label: %1");
    GitLabEnsure::ensureInCollection(m_client, this, std::move(labels), std::move(done));
}

void Provisioner::addOwner(StepDone done)
{
    const QString project = QString::number(m_record.codeProjectId);
    m_client->usersByUsername(m_record.owner, this, [this, project, done](GitLabResult<QList<GitLabUser>> users) {
        const auto user = std::find_if(users.value.cbegin(), users.value.cend(), [this](const GitLabUser &u) {
            return u.username.compare(m_record.owner, Qt::CaseInsensitive) == 0;
        });
        if (!users.ok() || user == users.value.cend()) {
            done(users.ok() ? tr("GitLab has no user called %1.").arg(m_record.owner)
                            : tr("Cannot look up the owner: %1").arg(users.error.message));
            return;
        }
        const qint64 userId = user->id;
        const QString members = GitLabClient::projectPath(project) + QStringLiteral("/members");
        // The effective role, inherited ones included: an owner who already
        // has Developer or more through a group needs nothing, and GitLab
        // refuses a direct role below an inherited one.
        GitLabRequest effective;
        effective.path = members + QStringLiteral("/all/") + QString::number(userId);
        m_client->send(effective, this, [this, members, userId, done](const GitLabResponse &r) {
            if (!r.error.isOk() && r.error.kind != GitLabError::Kind::NotFound) {
                done(tr("Cannot read the members of the code repository: %1").arg(describe(r)));
                return;
            }
            if (r.error.isOk()
                && GitLabWrite::object(r).value(QLatin1StringView("access_level")).toInt() >= DeveloperAccess) {
                allowOwnerOnMain(done);
                return;
            }
            const QJsonObject body { { QStringLiteral("user_id"), userId },
                                     { QStringLiteral("access_level"), DeveloperAccess } };
            GitLabWrite::sendJson(m_client, "POST", members, body, this, [this, done](const GitLabResponse &a) {
                const QString text = a.error.gitlabMessage + QString::fromUtf8(a.body);
                if (a.error.isOk() || statusOf(a) == 409 || text.contains(QLatin1String("inherited membership")))
                    allowOwnerOnMain(done);
                else
                    done(tr("Cannot add the owner as Developer: %1").arg(describe(a)));
            });
        });
    });
}

void Provisioner::allowOwnerOnMain(StepDone done)
{
    // GitLab protects the default branch when it is created
    // (Projects::ProtectDefaultBranchService; "fully protected": Maintainers
    // only). The owner is a Developer and works on main, so main is
    // re-protected with Developers allowed to push and merge; force pushes and
    // deleting main stay refused.
    const QString base
        = GitLabClient::projectPath(QString::number(m_record.codeProjectId)) + QStringLiteral("/protected_branches");
    GitLabRequest get;
    get.path = base + QStringLiteral("/main");
    m_client->send(get, this, [this, base, done](const GitLabResponse &r) {
        const bool exists = r.error.isOk();
        if (!exists && r.error.kind != GitLabError::Kind::NotFound) {
            done(tr("Cannot read the protection of main: %1").arg(describe(r)));
            return;
        }
        if (exists) {
            const QJsonArray levels = GitLabWrite::object(r).value(QLatin1StringView("push_access_levels")).toArray();
            for (const QJsonValue &v : levels) {
                const int level = v.toObject().value(QLatin1StringView("access_level")).toInt();
                if (level > 0 && level <= DeveloperAccess) {
                    done({});
                    return;
                }
            }
        }
        auto protect = [this, base, done] {
            const QJsonObject body { { QStringLiteral("name"), QStringLiteral("main") },
                                     { QStringLiteral("push_access_level"), DeveloperAccess },
                                     { QStringLiteral("merge_access_level"), DeveloperAccess },
                                     { QStringLiteral("allow_force_push"), false } };
            GitLabWrite::sendJson(m_client, "POST", base, body, this, [this, done](const GitLabResponse &a) {
                if (a.error.isOk() || statusOf(a) == 409)
                    done({});
                else
                    done(tr("Cannot let the owner push to main: %1").arg(describe(a)));
            });
        };
        if (!exists) {
            protect();
            return;
        }
        GitLabRequest remove;
        remove.method = QByteArrayLiteral("DELETE");
        remove.path = base + QStringLiteral("/main");
        remove.idempotent = true;
        m_client->send(remove, this, [this, done, protect](const GitLabResponse &d) {
            if (!d.error.isOk() && d.error.kind != GitLabError::Kind::NotFound) {
                done(tr("Cannot let the owner push to main: %1").arg(describe(d)));
                return;
            }
            protect();
        });
    });
}

void Provisioner::createManagementRepository(StepDone done)
{
    ensureProject(QStringLiteral("ops"), tr("Management repository of %1 (admins only)").arg(m_record.id),
                  [this, done](qint64 id, const QString &, const QString &error) {
                      if (!error.isEmpty()) {
                          done(error);
                          return;
                      }
                      m_record.opsProjectId = id;
                      // Protected by name before they exist: their first
                      // pipelines must already get the protected variables.
                      protectBranches(done);
                  });
}

void Provisioner::allowJobToken(StepDone done)
{
    // The deploy job clones `codes` with its CI/CD job token; GitLab (enforced
    // for every project from 18.0) lets it in only when the ops project is on
    // the code project's inbound allowlist.
    GitLabEnsure::Collection allowlist = GitLabEnsure::jobTokenAllowlist(m_record.codeProjectId, m_record.opsProjectId);
    allowlist.readFailed = tr("Cannot read the CI/CD job token allowlist of the code repository: %1");
    allowlist.addFailed
        = tr("Cannot add the management repository to the code repository's CI/CD job token allowlist: %1");
    GitLabEnsure::ensureInCollection(m_client, this, std::move(allowlist), std::move(done));
}

void Provisioner::createEnvironmentBranches(StepDone done)
{
    const QUrl httpUrl = m_client->repositoryUrl(m_rootGroup + QStringLiteral("/ops/") + m_record.id);
    const qint64 id = m_record.opsProjectId;
    // The submodule is pinned to the head of the code repository.
    m_client->branch(QString::number(m_record.codeProjectId), QStringLiteral("main"), this,
                     [this, id, httpUrl, done](GitLabResult<GitLabBranch> code) {
                         if (!code.ok()) {
                             done(tr("Cannot read the code repository's main branch: %1").arg(code.error.message));
                             return;
                         }
                         GitLabRequest list;
                         list.path
                             = GitLabClient::projectPath(QString::number(id)) + QStringLiteral("/repository/branches");
                         list.pagination = GitLabRequest::Pagination::Offset;
                         const QString sha = code.value.commit.id;
                         m_client->send(list, this, [this, httpUrl, sha, done](const GitLabResponse &r) {
                             if (!r.error.isOk() && r.error.kind != GitLabError::Kind::NotFound) {
                                 done(tr("Cannot list the management repository's branches: %1").arg(describe(r)));
                                 return;
                             }
                             const QSet<QString> existing = GitLabEnsure::names(r.items);
                             QStringList missing;
                             if (!existing.contains(QStringLiteral("main")))
                                 missing.append(QStringLiteral("main"));
                             for (const AllocationPlacement &p : std::as_const(m_record.placements)) {
                                 const QString branch = QStringLiteral("env/") + p.environment;
                                 if (!existing.contains(branch))
                                     missing.append(branch);
                             }
                             if (missing.isEmpty()) {
                                 done({});
                                 return;
                             }
                             pushBranches(httpUrl.toString(), sha, missing, done);
                         });
                     });
}

void Provisioner::pushBranches(const QString &httpUrl, const QString &codeSha, const QStringList &missing,
                               StepDone done)
{
    QList<BranchContent> branches;
    const QByteArray readme = QStringLiteral("# %1 management\n\nAdmins only, written by Dockmaster. One branch per "
                                             "environment (`env/test`, `env/production`): `codes` pins the deployed "
                                             "commit of the code repository, `conf/` holds the rendered "
                                             "configuration, and every commit is deployed by its pipeline.\n")
                                  .arg(m_record.id)
                                  .toUtf8();
    const QByteArray gitmodules = QStringLiteral("[submodule \"codes\"]\n\tpath = codes\n\turl = ../../apps/%1.git\n")
                                      .arg(m_record.id)
                                      .toUtf8();
    for (const QString &branch : missing) {
        BranchContent content;
        content.branch = branch;
        content.files.insert(QStringLiteral("README.md"), readme);
        if (branch == QLatin1String("main")) {
            content.message = QStringLiteral("Management repository of %1").arg(m_record.id);
            branches.append(content);
            continue;
        }
        const QString environmentName = branch.mid(4);
        const AllocationPlacement *p = m_record.placement(environmentName);
        const auto environment = environmentFromKey(environmentName);
        if (!p || !environment) {
            done(tr("The allocation of %1 has no %2 placement.").arg(m_record.id, environmentName));
            return;
        }
        const EnvironmentRender::Edge edge { m_edgeAuthUrl, m_edgeLoginUrl, {} };
        const RenderInputResult checked = RenderInput::validate(specForPlacement(m_record, *p, *environment, edge));
        if (!checked.ok()) {
            QStringList reasons;
            for (const FieldError &e : checked.errors)
                reasons.append(e.message);
            done(tr("The %1 configuration cannot be rendered: %2")
                     .arg(environmentName, reasons.join(QStringLiteral(" "))));
            return;
        }
        const ConfigRenderer::Result rendered = ConfigRenderer::render(*checked.input);
        if (!rendered.ok()) {
            done(rendered.error);
            return;
        }
        for (const RenderedFile &file : rendered.files)
            content.files.insert(file.path, file.content);
        content.files.insert(QStringLiteral(".gitmodules"), gitmodules);
        content.files.insert(QString::fromLatin1(EdgeGrants::FilePath), edge.grants.toJson());
        content.gitlinks.insert(QStringLiteral("codes"), codeSha);
        content.message
            = QStringLiteral("Provision %1 for %2\n\ncodes: %3\n").arg(environmentName, m_record.id, codeSha);
        branches.append(content);
    }

    const QUrl url(httpUrl);
    const QString token = m_client->token();
    const QString name = m_authorName;
    const QString email = m_authorEmail;
    auto *watcher = new QFutureWatcher<BranchPushResult>(this);
    connect(watcher, &QFutureWatcher<BranchPushResult>::finished, this, [this, watcher, done] {
        const BranchPushResult result = watcher->result();
        watcher->deleteLater();
        if (!result.ok()) {
            // Its scratch repository is a temporary folder on this computer.
            done(LocalDisk::withDiskProblem(result.error, QDir::tempPath()));
            return;
        }
        // A rejected new branch was created by someone else meanwhile; the
        // next run looks at it like any existing branch.
        if (!result.rejected.isEmpty()) {
            done(tr("Someone else created %1 at the same time; retry to continue with what is there.")
                     .arg(result.rejected.join(QStringLiteral(", "))));
            return;
        }
        done({});
    });
    watcher->setFuture(QtConcurrent::run([url, token, branches, name, email] {
        return OpsRepoPusher::pushNewBranches(url, QStringLiteral("oauth2"), token, branches, name, email);
    }));
}

void Provisioner::protectBranches(StepDone done)
{
    // GitLab hands protected variables (the deploy key) only to pipelines of
    // protected branches; protecting them also keeps pushes to maintainers.
    GitLabEnsure::Collection protectedBranches;
    protectedBranches.path
        = GitLabClient::projectPath(QString::number(m_record.opsProjectId)) + QStringLiteral("/protected_branches");
    protectedBranches.missing = [placements = m_record.placements](const QJsonArray &items) {
        const QSet<QString> existing = GitLabEnsure::names(items);
        QList<QJsonObject> bodies;
        for (const AllocationPlacement &p : placements) {
            const QString branch = QStringLiteral("env/") + p.environment;
            if (!existing.contains(branch))
                bodies.append({ { QStringLiteral("name"), branch },
                                { QStringLiteral("push_access_level"), 40 },
                                { QStringLiteral("merge_access_level"), 40 },
                                { QStringLiteral("allow_force_push"), false } });
        }
        return bodies;
    };
    protectedBranches.alreadyThere = GitLabEnsure::isConflict;
    protectedBranches.readFailed = tr("Cannot read the protected branches: %1");
    protectedBranches.addFailed = tr("Cannot protect the environment branch: %1");
    GitLabEnsure::ensureInCollection(m_client, this, std::move(protectedBranches), std::move(done));
}

void Provisioner::generateKey(std::function<void(QByteArray, QString, QString)> done)
{
    auto dir = std::make_shared<QTemporaryDir>();
    if (!dir->isValid()) {
        done({}, {},
             LocalDisk::withDiskProblem(tr("Cannot create a temporary folder for the deploy key."), QDir::tempPath()));
        return;
    }
    auto *process = new QProcess(this);
    const QString keyFile = dir->filePath(QStringLiteral("deploy"));
    connect(process, &QProcess::finished, this,
            [process, dir, keyFile, done](int exitCode, QProcess::ExitStatus status) {
                process->deleteLater();
                QFile privateFile(keyFile);
                QFile publicFile(keyFile + QStringLiteral(".pub"));
                if (status != QProcess::NormalExit || exitCode != 0 || !privateFile.open(QIODevice::ReadOnly)
                    || !publicFile.open(QIODevice::ReadOnly)) {
                    done({}, {},
                         LocalDisk::withDiskProblem(
                             tr("ssh-keygen could not create the deploy key: %1")
                                 .arg(QString::fromUtf8(process->readAllStandardError()).trimmed().left(200)),
                             dir->path()));
                    return;
                }
                done(privateFile.readAll(), QString::fromUtf8(publicFile.readAll()).trimmed(), {});
            });
    connect(process, &QProcess::errorOccurred, this, [process, done](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        process->deleteLater();
        done({}, {}, tr("ssh-keygen is not installed; it is needed to create the deploy key."));
    });
    process->start(QStringLiteral("ssh-keygen"),
                   { QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                     QString(), QStringLiteral("-C"), QStringLiteral("dockmaster-deploy-%1").arg(m_record.id),
                     QStringLiteral("-f"), keyFile });
}

void Provisioner::setVariables(StepDone done)
{
    const QString base
        = GitLabClient::projectPath(QString::number(m_record.opsProjectId)) + QStringLiteral("/variables");
    auto specs = std::make_shared<QList<GitLabEnsure::Variable>>();
    for (const AllocationPlacement &p : std::as_const(m_record.placements)) {
        const InventoryHostSpec *host = m_config.host(p.host);
        if (!host || host->hostKey.trimmed().isEmpty()) {
            done(tr("Host %1 has no pinned SSH host key in the inventory (host_key in hosts.json). Add it, then "
                    "retry; deploys never skip host key checking.")
                     .arg(p.host));
            return;
        }
        const auto environment = environmentFromKey(p.environment);
        const RenderInputResult checked
            = RenderInput::validate(specForPlacement(m_record, p, environment.value_or(Environment::Test)));
        if (!checked.ok()) {
            done(tr("The %1 placement of %2 is not valid.").arg(p.environment, m_record.id));
            return;
        }
        QString knownHosts = host->hostKey.trimmed();
        if (!knownHosts.startsWith(p.address + QLatin1Char(' ')))
            knownHosts = p.address + QLatin1Char(' ') + knownHosts;
        if (!isKnownHostsLine(knownHosts)) {
            done(tr("The pinned host key of %1 in the inventory is not a single known_hosts line "
                    "(\"<address> <key type> <base64 key>\").")
                     .arg(p.host));
            return;
        }
        specs->append({ QStringLiteral("DEPLOY_KNOWN_HOSTS"), knownHosts, p.environment, false, true, false });
        specs->append({ QStringLiteral("DEPLOY_HOST"), p.address, p.environment, false, true, false });
        specs->append({ QStringLiteral("DEPLOY_DIR"), checked.input->appRoot(), p.environment, false, true, false });
    }
    GitLabRequest list;
    list.path = base;
    list.pagination = GitLabRequest::Pagination::Offset;
    m_client->send(list, this, [this, specs, done](const GitLabResponse &r) {
        if (!r.error.isOk()) {
            done(tr("Cannot read the CI/CD variables: %1").arg(describe(r)));
            return;
        }
        QString existingPublicKey;
        bool hasKey = false;
        for (const QJsonValue &v : r.items) {
            const QJsonObject o = v.toObject();
            const QString key = o.value(QLatin1StringView("key")).toString();
            if (key == QLatin1String("DEPLOY_SSH_KEY_B64"))
                hasKey = true;
            if (key == QLatin1String("DEPLOY_SSH_PUBLIC_KEY"))
                existingPublicKey = o.value(QLatin1StringView("value")).toString();
        }
        auto proceed = [this, specs, done](const QByteArray &privateKey, const QString &publicKey) {
            if (!privateKey.isEmpty()) {
                specs->prepend({ QStringLiteral("DEPLOY_SSH_KEY_B64"), QString::fromLatin1(privateKey.toBase64()),
                                 QStringLiteral("*"), true, true, true });
            }
            if (!publicKey.isEmpty()) {
                m_publicKey = publicKey;
                specs->append(
                    { QStringLiteral("DEPLOY_SSH_PUBLIC_KEY"), publicKey, QStringLiteral("*"), false, false, false });
            }
            GitLabEnsure::ensureVariables(m_client, this, QString::number(m_record.opsProjectId), *specs, done);
        };
        if (hasKey) {
            proceed({}, existingPublicKey);
            return;
        }
        generateKey([proceed, done](QByteArray privateKey, QString publicKey, QString error) {
            if (!error.isEmpty()) {
                done(error);
                return;
            }
            proceed(privateKey, publicKey);
        });
    });
}

void Provisioner::createKeyValueUser(StepDone done)
{
    if (!m_keyValue) {
        done({}); // a platform without a key/value store
        return;
    }
    KeyValueRotation::ensureUser(m_client, m_keyValue, m_record.id, QString::number(m_record.opsProjectId), this, done);
}

void Provisioner::setDnsRecords(StepDone done)
{
    // A profile that manages DNS by hand has no provider: nothing to set here
    // (the DNS records window shows what is missing once one is configured).
    if (!m_dns) {
        done({});
        return;
    }
    upsertDns(0, std::move(done));
}

void Provisioner::upsertDns(int index, StepDone done)
{
    if (index >= m_record.placements.size()) {
        done({});
        return;
    }
    const AllocationPlacement p = m_record.placements.at(index);
    if (p.domain.isEmpty()) {
        upsertDns(index + 1, std::move(done));
        return;
    }
    DnsOperation *operation = m_dns->upsertARecord(p.domain, p.address, m_dnsTtl);
    connect(operation, &DnsOperation::finished, this, [this, index, done, p](DnsOperation *result) {
        if (!result->succeeded()) {
            done(tr("DNS record %1: %2").arg(p.domain, result->errorMessage()));
            return;
        }
        upsertDns(index + 1, done);
    });
}

// --- archive ---

void Provisioner::archive(const QString &appId)
{
    if (m_busy || !m_client || !m_allocator)
        return;
    if (InventoryPlanning::appNumber(appId) < 0) {
        Q_EMIT failed(Step::Archive, tr("%1 is not an app ID.").arg(appId.left(40)));
        return;
    }
    if (!m_dns) {
        Q_EMIT failed(Step::Archive, tr("No DNS provider is configured."));
        return;
    }
    setBusy(true);
    Q_EMIT stepStarted(Step::Archive);
    m_allocator->read(appId, this, [this](const AllocationOutcome &outcome) {
        if (!outcome.ok()) {
            fail(Step::Archive, outcome.error);
            return;
        }
        m_record = *outcome.record;
        deleteDns(0, [this](const QString &dnsError) {
            if (!dnsError.isEmpty()) {
                fail(Step::Archive, dnsError);
                return;
            }
            removeKeyValueData([this](const QString &keyValueError) {
                if (!keyValueError.isEmpty()) {
                    fail(Step::Archive, keyValueError);
                    return;
                }
                archiveProjectsAndRelease();
            });
        });
    });
}

void Provisioner::removeKeyValueData(StepDone done)
{
    if (!m_keyValue) {
        done({});
        return;
    }
    m_keyValue->removeApp(m_record.id, this, std::move(done));
}

void Provisioner::archiveProjectsAndRelease()
{
    const QStringList paths { m_rootGroup + QStringLiteral("/apps/") + m_record.id,
                              m_rootGroup + QStringLiteral("/ops/") + m_record.id };
    archiveProjects(paths, [this](const QString &projectError) {
        if (!projectError.isEmpty()) {
            fail(Step::Archive, projectError);
            return;
        }
        m_allocator->release(m_record.id, this, [this](const AllocationOutcome &released) {
            if (!released.ok()) {
                fail(Step::Archive, released.error);
                return;
            }
            m_record = *released.record;
            setBusy(false);
            Q_EMIT stepFinished(Step::Archive, false);
            Q_EMIT archived(m_record.id);
        });
    });
}

void Provisioner::deleteDns(int index, StepDone done)
{
    if (index >= m_record.placements.size()) {
        done({});
        return;
    }
    const AllocationPlacement p = m_record.placements.at(index);
    if (p.domain.isEmpty()) {
        deleteDns(index + 1, std::move(done));
        return;
    }
    DnsOperation *operation = m_dns->deleteRecords(p.domain);
    connect(operation, &DnsOperation::finished, this, [this, index, done, p](DnsOperation *result) {
        if (!result->succeeded()) {
            done(tr("Cannot remove the DNS record %1: %2").arg(p.domain, result->errorMessage()));
            return;
        }
        deleteDns(index + 1, done);
    });
}

void Provisioner::archiveProjects(QStringList paths, StepDone done)
{
    if (paths.isEmpty()) {
        done({});
        return;
    }
    const QString path = paths.takeFirst();
    m_client->project(path, this, [this, paths, done, path](GitLabResult<GitLabProject> project) {
        if (!project.ok() && project.error.kind == GitLabError::Kind::NotFound) {
            archiveProjects(paths, done); // never created: nothing to archive
            return;
        }
        if (!project.ok()) {
            done(tr("Cannot read %1: %2").arg(path, project.error.message));
            return;
        }
        if (project.value.archived) {
            archiveProjects(paths, done);
            return;
        }
        GitLabRequest request;
        request.method = QByteArrayLiteral("POST");
        request.path = GitLabClient::projectPath(QString::number(project.value.id)) + QStringLiteral("/archive");
        request.idempotent = true; // archiving twice leaves it archived
        m_client->send(request, this, [this, paths, done, path](const GitLabResponse &r) {
            if (!r.error.isOk()) {
                done(tr("Cannot archive %1: %2").arg(path, describe(r)));
                return;
            }
            archiveProjects(paths, done);
        });
    });
}

} // namespace Dockmaster
