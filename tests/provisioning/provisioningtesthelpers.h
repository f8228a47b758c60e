#pragma once

#include "core/gitlab/gitlabclient.h"
#include "core/provisioning/inventorydata.h"
#include "sandbox/emulator/emulatorrepository.h"
#include "sandbox/emulator/gitlabemulator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QSet>
#include <QStringList>
#include <QTest>

#include <memory>
#include <optional>

namespace Dockmaster::Test {

// Spins the event loop until `done` turns true (or the timeout passes).
template<typename Predicate> bool spinUntil(Predicate done, int timeoutMs = 60000)
{
    return QTest::qWaitFor(done, timeoutMs);
}

inline std::unique_ptr<GitLabClient> clientFor(GitLabEmulator &emulator, const QString &token)
{
    auto client = std::make_unique<GitLabClient>();
    client->setBaseUrl(emulator.baseUrl());
    client->setToken(token);
    GitLabClientOptions options;
    options.baseBackoffMs = 20;
    client->setOptions(options);
    return client;
}

struct HostDef {
    QString name;
    QString address;
    QString environment;
    int containerLow;
    int containerHigh;
    int fallbackLow;
    int fallbackHigh;
    int capacity;
};

inline QByteArray hostsJson(const QString &rootGroup, const QList<HostDef> &hosts)
{
    QJsonArray list;
    for (const HostDef &h : hosts) {
        list.append(QJsonObject { { QStringLiteral("name"), h.name },
                                  { QStringLiteral("address"), h.address },
                                  { QStringLiteral("environment"), h.environment },
                                  { QStringLiteral("container_ports"), QJsonArray { h.containerLow, h.containerHigh } },
                                  { QStringLiteral("fallback_ports"), QJsonArray { h.fallbackLow, h.fallbackHigh } },
                                  { QStringLiteral("capacity"), h.capacity } });
    }
    return QJsonDocument(
               QJsonObject { { QStringLiteral("root_group"), rootGroup },
                             { QStringLiteral("domains"),
                               QJsonObject { { QStringLiteral("test"), QStringLiteral("test.plugins.test") },
                                             { QStringLiteral("production"), QStringLiteral("plugins.test") } } },
                             { QStringLiteral("hosts"), list } })
        .toJson();
}

// <root>, <root>/apps, <root>/ops and <root>/ops/inventory holding hosts.json
// and, optionally, allocation files written before any ledger existed.
inline qint64 addInventory(GitLabEmulator &emulator, const QString &root, const QByteArray &hosts,
                           const QHash<QString, QByteArray> &extraFiles = {})
{
    QMutexLocker lock(&emulator.store().mutex());
    EmulatorStore &store = emulator.store();
    const qint64 rootId = store.addGroup(root, root, 0).id;
    store.addGroup(QStringLiteral("apps"), QStringLiteral("apps"), rootId);
    const qint64 opsId = store.addGroup(QStringLiteral("ops"), QStringLiteral("ops"), rootId).id;
    EmulatorProject &inventory = store.addProject(QStringLiteral("inventory"), QStringLiteral("inventory"), opsId);
    const QString path = store.repositoryPath(inventory);
    EmulatorRepository::create(path, QStringLiteral("main"), nullptr);
    EmulatorRepository repo(path);
    QHash<QString, QByteArray> files = extraFiles;
    files.insert(QStringLiteral("hosts.json"), hosts);
    repo.commitTree(QStringLiteral("main"), {}, QStringLiteral("Hosts"),
                    { QStringLiteral("Admin"), QStringLiteral("admin@example.test"), QDateTime::currentDateTimeUtc() },
                    files, {}, nullptr);
    return inventory.id;
}

// Every element of a paginated GET list (all pages), empty on failure.
inline QJsonArray apiList(GitLabClient &client, const QString &path)
{
    GitLabRequest request;
    request.path = path;
    request.pagination = GitLabRequest::Pagination::Offset;
    std::optional<GitLabResponse> out;
    client.send(request, nullptr, [&out](const GitLabResponse &r) { out = r; });
    spinUntil([&out] { return out.has_value(); });
    return out ? out->items : QJsonArray();
}

// What a provisioned app must have exactly once, read from GitLab: its
// CI/CD variables (key@scope; `variables` of them, or any number for -1), the
// owner's membership of repository A and the three protected environment
// branches. Empty when all is so, else what is not.
inline QString notProvisionedOnce(GitLabClient &client, const QString &appId, const QString &owner, int variables = -1)
{
    QStringList problems;
    QSet<QString> seen;
    const QString ops = GitLabClient::encode(QStringLiteral("plugins/ops/") + appId);
    const QJsonArray listed = apiList(client, QStringLiteral("/projects/%1/variables").arg(ops));
    if (listed.isEmpty() || (variables >= 0 && listed.size() != variables))
        problems.append(QStringLiteral("%1 variables").arg(listed.size()));
    for (const QJsonValue &v : listed) {
        const QString key = v.toObject().value(QLatin1StringView("key")).toString() + QLatin1Char('@')
            + v.toObject().value(QLatin1StringView("environment_scope")).toString();
        if (seen.contains(key))
            problems.append(QStringLiteral("variable %1 twice").arg(key));
        seen.insert(key);
    }
    int memberships = 0;
    for (const QJsonValue &v : apiList(
             client,
             QStringLiteral("/projects/%1/members").arg(GitLabClient::encode(QStringLiteral("plugins/apps/") + appId))))
        memberships += v.toObject().value(QLatin1StringView("username")).toString() == owner;
    if (memberships != 1)
        problems.append(QStringLiteral("%1 memberships of the owner").arg(memberships));
    const qsizetype protectedBranches
        = apiList(client, QStringLiteral("/projects/%1/protected_branches").arg(ops)).size();
    if (protectedBranches != 3)
        problems.append(QStringLiteral("%1 protected branches").arg(protectedBranches));
    return problems.join(QStringLiteral("; "));
}

// How many projects of the emulator have this full path (never more than one, a test asserts).
inline int projectCount(GitLabEmulator &emulator, const QString &fullPath)
{
    QMutexLocker lock(&emulator.store().mutex());
    EmulatorStore &store = emulator.store();
    int count = 0;
    for (qint64 id = 1; id < 100000; ++id) {
        EmulatorProject *project = store.project(id);
        if (project && store.projectFullPath(*project) == fullPath)
            ++count;
    }
    return count;
}

// Every allocation record in <root>/ops/inventory's allocations/ folder.
inline QList<AllocationRecord> allocationRecords(GitLabEmulator &emulator,
                                                 const QString &inventory = QStringLiteral("plugins/ops/inventory"))
{
    QMutexLocker lock(&emulator.store().mutex());
    EmulatorStore &store = emulator.store();
    EmulatorProject *project = store.projectByPath(inventory);
    if (!project)
        return {};
    EmulatorRepository repo(store.repositoryPath(*project));
    QList<AllocationRecord> records;
    const auto entries = repo.tree(QStringLiteral("main"), QStringLiteral("allocations"), false);
    for (const auto &entry : entries.value_or(QList<EmulatorRepository::TreeEntry>())) {
        if (!entry.name.endsWith(QLatin1String(".json")))
            continue;
        const auto file = repo.file(QStringLiteral("main"), QStringLiteral("allocations/") + entry.name);
        QString error;
        if (const auto record = file ? AllocationRecord::parse(file->content, &error) : std::nullopt)
            records.append(*record);
    }
    return records;
}

} // namespace Dockmaster::Test
