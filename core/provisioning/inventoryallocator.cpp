#include "core/provisioning/inventoryallocator.h"

#include "core/domain/appstatus.h"
#include "core/gitlab/gitlabclient.h"
#include "core/provisioning/gitlabwrite.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace Dockmaster {
namespace {

constexpr int MaxAppNumber = 9999999;

// A countdown for parallel reads: `then` runs once, after the last one.
struct Join {
    int remaining = 0;
    QString error;
    std::function<void()> then;

    void done()
    {
        if (--remaining == 0 && then)
            std::exchange(then, nullptr)();
    }
};

} // namespace

struct InventoryAllocator::Snapshot {
    InventoryConfig config;
    QHash<QString, AllocationRecord> records; // by ID
    QHash<QString, HostLedger> ledgers;       // by host
    QStringList ids;                          // every allocation file, live or not
};

struct InventoryAllocator::Job {
    enum class Kind { Allocate, Update, Release };
    Kind kind = Kind::Allocate;
    AllocationRequest request;
    QString appId;
    QString message;
    std::function<bool(AllocationRecord &)> mutate;
    QPointer<QObject> context;
    bool hasContext = false;
    Done done;
    int attempts = 0;
    QString nonce;
    bool finished = false;
};

InventoryAllocator::InventoryAllocator(GitLabClient *client, const QString &inventoryProject, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_project(inventoryProject)
{
}

InventoryAllocator::~InventoryAllocator() = default;

QString InventoryAllocator::allocationPath(const QString &appId) const
{
    return QStringLiteral("allocations/%1.json").arg(appId);
}

QString InventoryAllocator::ledgerPath(const QString &host)
{
    return QStringLiteral("ledger/%1.json").arg(host);
}

void InventoryAllocator::allocate(const AllocationRequest &request, QObject *context, Done done)
{
    auto job = std::make_shared<Job>();
    job->kind = Job::Kind::Allocate;
    job->request = request;
    job->context = context;
    job->hasContext = context != nullptr;
    job->done = std::move(done);
    job->nonce = QUuid::createUuid().toString(QUuid::WithoutBraces);
    attemptAllocate(job);
}

void InventoryAllocator::read(const QString &appId, QObject *context, Done done)
{
    update(appId, {}, [](AllocationRecord &) { return false; }, context, std::move(done));
}

void InventoryAllocator::update(const QString &appId, const QString &message,
                                std::function<bool(AllocationRecord &)> mutate, QObject *context, Done done)
{
    auto job = std::make_shared<Job>();
    job->kind = Job::Kind::Update;
    job->appId = appId;
    job->message = message;
    job->mutate = std::move(mutate);
    job->context = context;
    job->hasContext = context != nullptr;
    job->done = std::move(done);
    attemptUpdate(job);
}

void InventoryAllocator::release(const QString &appId, QObject *context, Done done)
{
    auto job = std::make_shared<Job>();
    job->kind = Job::Kind::Release;
    job->appId = appId;
    job->context = context;
    job->hasContext = context != nullptr;
    job->done = std::move(done);
    attemptRelease(job);
}

void InventoryAllocator::readConfig(QObject *context, std::function<void(std::optional<InventoryConfig>, QString)> done)
{
    if (!m_client) {
        done(std::nullopt, tr("No GitLab connection."));
        return;
    }
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    m_client->file(m_project, QStringLiteral("hosts.json"), m_branch, this,
                   [guard, hasContext, done = std::move(done)](GitLabResult<GitLabFile> result) {
                       if (hasContext && !guard)
                           return;
                       if (!result.ok()) {
                           done(std::nullopt,
                                tr("Cannot read the inventory's hosts.json: %1").arg(result.error.message));
                           return;
                       }
                       QString error;
                       auto config = InventoryConfig::parse(result.value.content, &error);
                       done(config, error);
                   });
}

void InventoryAllocator::finish(const std::shared_ptr<Job> &job, AllocationOutcome outcome)
{
    if (job->finished)
        return;
    job->finished = true;
    outcome.attempts = job->attempts;
    if (job->hasContext && !job->context)
        return;
    if (job->done)
        job->done(outcome);
}

void InventoryAllocator::retry(const std::shared_ptr<Job> &job, const GitLabResponse &response,
                               const std::function<void()> &again)
{
    if (GitLabWrite::isEditConflict(response))
        ++m_conflicts;
    if (job->attempts >= m_maxAttempts) {
        AllocationOutcome outcome;
        outcome.error = tr("The inventory kept changing while it was being written (%1 attempts); nothing was "
                           "overwritten. Try again.")
                            .arg(job->attempts);
        finish(job, outcome);
        return;
    }
    // A short random pause keeps two racing admins from colliding in lock step.
    const int pause = 5 + int(QRandomGenerator::global()->bounded(20 * job->attempts + 20));
    QTimer::singleShot(pause, this, again);
}

void InventoryAllocator::loadSnapshot(const std::shared_ptr<Job> &job,
                                      std::function<void(std::shared_ptr<Snapshot>)> next)
{
    auto snapshot = std::make_shared<Snapshot>();
    auto join = std::make_shared<Join>();
    join->remaining = 3; // hosts.json, the allocations tree, the ledger tree
    // Weak: `then` lives in the join, and a strong capture would keep both
    // alive forever when a call never answers (client gone mid-read).
    join->then = [this, job, snapshot, weakJoin = std::weak_ptr<Join>(join), next = std::move(next)] {
        const std::shared_ptr<Join> self = weakJoin.lock(); // alive: it is running this
        if (self && !self->error.isEmpty()) {
            AllocationOutcome outcome;
            outcome.error = self->error;
            finish(job, outcome);
            return;
        }
        next(snapshot);
    };
    auto fail = [join](const QString &message) {
        if (join->error.isEmpty())
            join->error = message;
    };

    m_client->file(m_project, QStringLiteral("hosts.json"), m_branch, this,
                   [snapshot, join, fail](GitLabResult<GitLabFile> result) {
                       if (!result.ok()) {
                           fail(tr("Cannot read the inventory's hosts.json: %1").arg(result.error.message));
                       } else {
                           QString error;
                           if (auto config = InventoryConfig::parse(result.value.content, &error))
                               snapshot->config = *config;
                           else
                               fail(error);
                       }
                       join->done();
                   });

    m_client->tree(m_project, m_branch, QStringLiteral("allocations"), this,
                   [this, snapshot, join, fail](GitLabResult<QList<GitLabTreeEntry>> result) {
                       if (!result.ok() && result.error.kind != GitLabError::Kind::NotFound) {
                           fail(tr("Cannot list the inventory's allocations: %1").arg(result.error.message));
                           join->done();
                           return;
                       }
                       for (const GitLabTreeEntry &entry : std::as_const(result.value)) {
                           if (entry.type != QLatin1String("blob") || !entry.name.endsWith(QLatin1String(".json")))
                               continue;
                           const QString id = entry.name.chopped(5);
                           if (InventoryPlanning::appNumber(id) < 0)
                               continue;
                           snapshot->ids.append(id);
                           const auto cached = m_recordsByBlob.constFind(entry.id);
                           if (cached != m_recordsByBlob.constEnd()) {
                               snapshot->records.insert(id, *cached);
                               continue;
                           }
                           ++join->remaining;
                           m_client->file(
                               m_project, entry.path, m_branch, this,
                               [this, snapshot, join, fail, id](GitLabResult<GitLabFile> file) {
                                   if (file.ok()) {
                                       QString error;
                                       if (auto record = AllocationRecord::parse(file.value.content, &error)) {
                                           m_recordsByBlob.insert(file.value.blobId, *record);
                                           snapshot->records.insert(id, *record);
                                       } else {
                                           fail(error);
                                       }
                                   } else if (file.error.kind != GitLabError::Kind::NotFound) {
                                       fail(tr("Cannot read the allocation of %1: %2").arg(id, file.error.message));
                                   }
                                   join->done();
                               });
                       }
                       join->done();
                   });

    m_client->tree(m_project, m_branch, QStringLiteral("ledger"), this,
                   [this, snapshot, join, fail](GitLabResult<QList<GitLabTreeEntry>> result) {
                       if (!result.ok() && result.error.kind != GitLabError::Kind::NotFound) {
                           fail(tr("Cannot list the inventory's port ledgers: %1").arg(result.error.message));
                           join->done();
                           return;
                       }
                       QStringList hosts;
                       for (const GitLabTreeEntry &entry : std::as_const(result.value)) {
                           if (entry.type == QLatin1String("blob") && entry.name.endsWith(QLatin1String(".json")))
                               hosts.append(entry.name.chopped(5));
                       }
                       ++join->remaining;
                       readLedgers(std::make_shared<Job>(), hosts,
                                   [snapshot, join, fail](QHash<QString, HostLedger> ledgers) {
                                       snapshot->ledgers = std::move(ledgers);
                                       join->done();
                                   });
                       join->done();
                   });
}

void InventoryAllocator::readLedgers(const std::shared_ptr<Job> &job, const QStringList &hosts,
                                     std::function<void(QHash<QString, HostLedger>)> next)
{
    Q_UNUSED(job)
    auto ledgers = std::make_shared<QHash<QString, HostLedger>>();
    auto join = std::make_shared<Join>();
    join->remaining = 1;
    join->then = [ledgers, next = std::move(next)] {
        next(*ledgers);
    };
    for (const QString &host : hosts) {
        ++join->remaining;
        m_client->file(m_project, ledgerPath(host), m_branch, this,
                       [ledgers, join, host](GitLabResult<GitLabFile> file) {
                           HostLedger ledger;
                           ledger.host = host;
                           if (file.ok()) {
                               QString error;
                               // An unreadable ledger is replaced by one rebuilt from the
                               // records, still guarded by its last_commit_id.
                               if (auto parsed = HostLedger::parse(file.value.content, &error))
                                   ledger = *parsed;
                               ledger.host = host;
                               ledger.lastCommitId = file.value.lastCommitId;
                           }
                           ledgers->insert(host, ledger);
                           join->done();
                       });
    }
    join->done();
}

void InventoryAllocator::attemptAllocate(const std::shared_ptr<Job> &job)
{
    if (!m_client) {
        finish(job, AllocationOutcome { std::nullopt, tr("No GitLab connection."), false, false, 0 });
        return;
    }
    loadSnapshot(job, [this, job](std::shared_ptr<Snapshot> snapshot) {
        // After an ambiguous failure our own record may already be there.
        for (const AllocationRecord &record : std::as_const(snapshot->records)) {
            if (record.nonce == job->nonce) {
                AllocationOutcome outcome;
                outcome.record = record;
                finish(job, outcome);
                return;
            }
        }

        QHash<QString, HostUsage> usage;
        int highest = 0;
        for (const QString &id : std::as_const(snapshot->ids))
            highest = std::max(highest, InventoryPlanning::appNumber(id));
        for (const HostLedger &ledger : std::as_const(snapshot->ledgers)) {
            for (const HostLedgerEntry &e : ledger.entries) {
                usage[ledger.host].add(e.appId, e.containerPort, e.fallbackPort);
                highest = std::max(highest, InventoryPlanning::appNumber(e.appId));
            }
        }
        for (const AllocationRecord &record : std::as_const(snapshot->records)) {
            if (!record.holdsResources())
                continue;
            for (const AllocationPlacement &p : record.placements)
                usage[p.host].add(record.id, p.containerPort, p.fallbackPort);
        }

        AllocationOutcome refused;
        if (highest >= MaxAppNumber) {
            refused.error = tr("Every app ID is taken.");
            finish(job, refused);
            return;
        }
        const QString id = InventoryPlanning::appIdFor(highest + 1);
        const InventoryConfig &config = snapshot->config;

        AllocationRecord record;
        record.id = id;
        record.name = job->request.name;
        record.owner = job->request.owner;
        record.description = job->request.description;
        record.status = enumKey(AppStatuses, AppStatus::Provisioning);
        record.fallbackMode = job->request.fallbackMode;
        record.codeProject = config.rootGroup + QStringLiteral("/apps/") + id;
        record.opsProject = config.rootGroup + QStringLiteral("/ops/") + id;
        record.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        record.nonce = job->nonce;

        QJsonArray actions;
        QStringList hostNames;
        for (const QString &environment : std::as_const(job->request.environments)) {
            const InventoryHostSpec *host = nullptr;
            const QString chosen = job->request.chosenHosts.value(environment);
            if (!chosen.isEmpty()) {
                host = config.host(chosen);
                if (!host || host->environment != environment) {
                    refused.error = tr("There is no %1 host called %2 in the inventory.").arg(environment, chosen);
                    finish(job, refused);
                    return;
                }
                if (usage.value(host->name).freeSlots(*host) <= 0) {
                    refused.error = tr("Host %1 is full: it has no free port or capacity left.").arg(host->name);
                    refused.hostFull = true;
                    finish(job, refused);
                    return;
                }
            } else {
                int bestFree = 0;
                for (const InventoryHostSpec &candidate : config.hosts) {
                    if (candidate.environment != environment)
                        continue;
                    const int free = usage.value(candidate.name).freeSlots(candidate);
                    if (free > bestFree) {
                        bestFree = free;
                        host = &candidate;
                    }
                }
                if (!host) {
                    refused.error
                        = tr("Every %1 host is full: none has a free port or capacity left.").arg(environment);
                    refused.hostFull = true;
                    finish(job, refused);
                    return;
                }
            }
            HostUsage &used = usage[host->name];
            AllocationPlacement p;
            p.environment = environment;
            p.host = host->name;
            p.address = host->address;
            p.containerPort
                = InventoryPlanning::firstFreePort(host->containerLow, host->containerHigh, used.containerPorts);
            p.fallbackPort
                = InventoryPlanning::firstFreePort(host->fallbackLow, host->fallbackHigh, used.fallbackPorts);
            const QString suffix = config.domainSuffix.value(environment);
            p.domain = suffix.isEmpty() ? QString() : id + QLatin1Char('.') + suffix;
            used.add(id, p.containerPort, p.fallbackPort);
            record.placements.append(p);

            HostLedger ledger = snapshot->ledgers.value(host->name);
            const bool exists = !ledger.lastCommitId.isEmpty();
            if (!exists) {
                // First allocation through a ledger on this host: it starts with
                // every live record already placed there.
                ledger.host = host->name;
                for (const AllocationRecord &other : std::as_const(snapshot->records)) {
                    const AllocationPlacement *placed = nullptr;
                    for (const AllocationPlacement &op : other.placements) {
                        if (op.host == host->name)
                            placed = &op;
                    }
                    if (other.holdsResources() && placed)
                        ledger.entries.append({ other.id, placed->containerPort, placed->fallbackPort });
                }
            }
            ledger.entries.append({ id, p.containerPort, p.fallbackPort });
            actions.append(GitLabWrite::action(exists ? QStringLiteral("update") : QStringLiteral("create"),
                                               ledgerPath(host->name), ledger.toJson(), ledger.lastCommitId));
            hostNames.append(host->name);
        }
        actions.prepend(GitLabWrite::action(QStringLiteral("create"), allocationPath(id), record.toJson()));

        ++job->attempts;
        const QString message = QStringLiteral("Allocate %1 on %2").arg(id, hostNames.join(QStringLiteral(", ")));
        GitLabWrite::commit(m_client, m_project, m_branch, message, actions, this,
                            [this, job, record](const GitLabResponse &response) {
                                if (response.error.isOk()) {
                                    AllocationOutcome outcome;
                                    outcome.record = record;
                                    finish(job, outcome);
                                    return;
                                }
                                if (GitLabWrite::isEditConflict(response) || response.error.isTransient()
                                    || response.error.kind == GitLabError::Kind::MayHaveTakenEffect) {
                                    retry(job, response, [this, job] { attemptAllocate(job); });
                                    return;
                                }
                                AllocationOutcome outcome;
                                outcome.error = tr("GitLab refused the allocation: %1").arg(response.error.message);
                                finish(job, outcome);
                            });
    });
}

void InventoryAllocator::attemptUpdate(const std::shared_ptr<Job> &job)
{
    if (!m_client) {
        finish(job, AllocationOutcome { std::nullopt, tr("No GitLab connection."), false, false, 0 });
        return;
    }
    m_client->file(m_project, allocationPath(job->appId), m_branch, this, [this, job](GitLabResult<GitLabFile> file) {
        AllocationOutcome outcome;
        if (!file.ok()) {
            outcome.notFound = file.error.kind == GitLabError::Kind::NotFound;
            outcome.error = outcome.notFound
                ? tr("%1 has no allocation in the inventory.").arg(job->appId)
                : tr("Cannot read the allocation of %1: %2").arg(job->appId, file.error.message);
            finish(job, outcome);
            return;
        }
        QString error;
        auto record = AllocationRecord::parse(file.value.content, &error);
        if (!record) {
            outcome.error = error;
            finish(job, outcome);
            return;
        }
        AllocationRecord changed = *record;
        if (!job->mutate(changed)) {
            outcome.record = changed;
            finish(job, outcome);
            return;
        }
        ++job->attempts;
        const QJsonArray actions { GitLabWrite::action(QStringLiteral("update"), allocationPath(job->appId),
                                                       changed.toJson(), file.value.lastCommitId) };
        GitLabWrite::commit(m_client, m_project, m_branch, job->message, actions, this,
                            [this, job, changed](const GitLabResponse &response) {
                                if (response.error.isOk()) {
                                    finish(job, AllocationOutcome { changed, {}, false, false, 0 });
                                    return;
                                }
                                // Re-reading after an ambiguous failure finds our change
                                // applied (mutate then reports nothing to do) or not.
                                if (GitLabWrite::isEditConflict(response) || response.error.isTransient()
                                    || response.error.kind == GitLabError::Kind::MayHaveTakenEffect) {
                                    retry(job, response, [this, job] { attemptUpdate(job); });
                                    return;
                                }
                                AllocationOutcome refused;
                                refused.error = tr("GitLab refused the change to the allocation of %1: %2")
                                                    .arg(job->appId, response.error.message);
                                finish(job, refused);
                            });
    });
}

void InventoryAllocator::attemptRelease(const std::shared_ptr<Job> &job)
{
    if (!m_client) {
        finish(job, AllocationOutcome { std::nullopt, tr("No GitLab connection."), false, false, 0 });
        return;
    }
    m_client->file(m_project, allocationPath(job->appId), m_branch, this, [this, job](GitLabResult<GitLabFile> file) {
        AllocationOutcome outcome;
        QString error;
        const auto record = file.ok() ? AllocationRecord::parse(file.value.content, &error) : std::nullopt;
        if (!record) {
            outcome.notFound = file.error.kind == GitLabError::Kind::NotFound;
            outcome.error
                = file.ok() ? error : tr("Cannot read the allocation of %1: %2").arg(job->appId, file.error.message);
            finish(job, outcome);
            return;
        }
        QStringList hosts;
        for (const AllocationPlacement &p : record->placements)
            hosts.append(p.host);
        const QString recordCommit = file.value.lastCommitId;
        readLedgers(job, hosts, [this, job, record, recordCommit](QHash<QString, HostLedger> ledgers) {
            AllocationRecord archived = *record;
            archived.status = enumKey(AppStatuses, AppStatus::Archived);
            QJsonArray actions;
            if (!isAppStatus(record->status, AppStatus::Archived)) {
                actions.append(GitLabWrite::action(QStringLiteral("update"), allocationPath(job->appId),
                                                   archived.toJson(), recordCommit));
            }
            for (HostLedger &ledger : ledgers) {
                const qsizetype before = ledger.entries.size();
                ledger.entries.removeIf([&job](const HostLedgerEntry &e) { return e.appId == job->appId; });
                if (ledger.entries.size() != before) {
                    actions.append(GitLabWrite::action(QStringLiteral("update"), ledgerPath(ledger.host),
                                                       ledger.toJson(), ledger.lastCommitId));
                }
            }
            if (actions.isEmpty()) {
                finish(job, AllocationOutcome { archived, {}, false, false, 0 });
                return;
            }
            ++job->attempts;
            GitLabWrite::commit(
                m_client, m_project, m_branch, QStringLiteral("Release %1").arg(job->appId), actions, this,
                [this, job, archived](const GitLabResponse &response) {
                    if (response.error.isOk()) {
                        finish(job, AllocationOutcome { archived, {}, false, false, 0 });
                        return;
                    }
                    if (GitLabWrite::isEditConflict(response) || response.error.isTransient()
                        || response.error.kind == GitLabError::Kind::MayHaveTakenEffect) {
                        retry(job, response, [this, job] { attemptRelease(job); });
                        return;
                    }
                    AllocationOutcome refused;
                    refused.error = tr("GitLab refused to release %1: %2").arg(job->appId, response.error.message);
                    finish(job, refused);
                });
        });
    });
}

} // namespace Dockmaster
