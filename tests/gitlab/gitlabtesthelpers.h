#pragma once

#include "core/gitlab/gitlabclient.h"
#include "sandbox/emulator/gitlabemulator.h"

#include <QMutexLocker>
#include <QTest>

#include <functional>
#include <optional>

namespace Dockmaster::Test {

// Runs one typed client call and waits (event loop spinning) for its result.
template<typename T>
std::optional<GitLabResult<T>> waitFor(const std::function<GitLabCall *(GitLabClient::Callback<T>)> &start,
                                       int timeoutMs = 30000)
{
    std::optional<GitLabResult<T>> out;
    start([&out](GitLabResult<T> result) { out = std::move(result); });
    (void)QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs);
    return out;
}

// Groups <root>, <root>/apps and <root>/ops, created straight in the store.
struct EmulatorGroups {
    qint64 root = 0;
    qint64 apps = 0;
    qint64 ops = 0;
};

inline EmulatorGroups addPlatformGroups(GitLabEmulator &emulator, const QString &root)
{
    QMutexLocker lock(&emulator.store().mutex());
    EmulatorStore &store = emulator.store();
    EmulatorGroups groups;
    groups.root = store.addGroup(root, root, 0).id;
    groups.apps = store.addGroup(QStringLiteral("apps"), QStringLiteral("apps"), groups.root).id;
    groups.ops = store.addGroup(QStringLiteral("ops"), QStringLiteral("ops"), groups.root).id;
    return groups;
}

inline QString appId(int number)
{
    return QStringLiteral("app%1").arg(number, 7, 10, QLatin1Char('0'));
}

} // namespace Dockmaster::Test
