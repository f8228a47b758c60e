#include "core/sync/syncbatch.h"

#include <QTest>

using namespace Dockmaster;

// The merge of one sync batch into what the cache held, without SQLite:
// every rule of writeSyncBatch that decides what is stored.
class TestSyncMerge : public QObject
{
    Q_OBJECT

    static GitLabProject project(qint64 id, const QString &path, const QString &name = {})
    {
        GitLabProject p;
        p.id = id;
        p.pathWithNamespace = path;
        p.name = name.isEmpty() ? path.section(QLatin1Char('/'), -1) : name;
        p.webUrl = QStringLiteral("https://gitlab.example.com/") + path;
        p.lastActivityAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4), QTimeZone::UTC);
        return p;
    }

    static AppRecord cachedApp(const QString &id, qint64 code, qint64 ops)
    {
        AppRecord app;
        app.id = id;
        app.name = id;
        app.status = QStringLiteral("active");
        app.codeProjectId = code;
        app.opsProjectId = ops;
        return app;
    }

    static GitLabIssue issue(qint64 projectId, qint64 iid, const QStringList &labels, const QString &state)
    {
        GitLabIssue i;
        i.projectId = projectId;
        i.iid = iid;
        i.state = state;
        i.labels = labels;
        i.title = QStringLiteral("Release v1 to test");
        return i;
    }

private Q_SLOTS:
    void aFullRunBuildsAppsFromInventoryAndBothRepositories()
    {
        SyncBatch batch;
        batch.full = true;
        batch.rootGroup = QStringLiteral("plugins");
        Inventory inventory;
        InventoryAllocation allocation;
        allocation.id = QStringLiteral("app0000001");
        allocation.owner = QStringLiteral("dev01");
        allocation.placements.append(
            { Environment::Test, QStringLiteral("host1"), QStringLiteral("app0000001.test.example.com"), 8001, 9001 });
        inventory.allocations.append(allocation);
        batch.inventory = inventory;
        batch.codeProjects.append(project(11, QStringLiteral("plugins/apps/app0000001"), QStringLiteral("Shop")));
        batch.opsProjects.append(project(12, QStringLiteral("plugins/ops/app0000001")));
        batch.codeProjects.append(project(99, QStringLiteral("plugins/apps/not-an-app")));

        const CacheChanges changes = mergeSyncBatch({}, batch);
        QVERIFY(changes.full);
        QCOMPARE(changes.appCount, 1);
        QCOMPARE(changes.apps.size(), 1);
        const AppRecord &app = changes.apps.constFirst();
        QCOMPARE(app.name, QStringLiteral("Shop")); // the code project names the app, not the ops one
        QCOMPARE(app.owner, QStringLiteral("dev01"));
        QCOMPARE(app.codeProjectId, 11);
        QCOMPARE(app.opsProjectId, 12);
        QCOMPARE(app.opsWebUrl, QStringLiteral("https://gitlab.example.com/plugins/ops/app0000001"));
        QCOMPARE(app.status, QStringLiteral("active"));
        QCOMPARE(app.environments.size(), 1);
        QCOMPARE(app.environments.constFirst().host, QStringLiteral("host1"));
        QCOMPARE(app.environments.constFirst().containerPort, 8001);
        QVERIFY(changes.removedApps.isEmpty());
    }

    void anIncrementalRunWritesOnlyWhatChanged()
    {
        CachedState previous;
        previous.apps
            = { cachedApp(QStringLiteral("app0000001"), 11, 12), cachedApp(QStringLiteral("app0000002"), 21, 22) };
        SyncBatch batch;
        batch.rootGroup = QStringLiteral("plugins");
        GitLabProject archived = project(21, QStringLiteral("plugins/apps/app0000002"));
        archived.archived = true;
        batch.codeProjects.append(archived);

        const CacheChanges changes = mergeSyncBatch(previous, batch);
        QVERIFY(!changes.full);
        QCOMPARE(changes.appCount, 2);
        QCOMPARE(changes.apps.size(), 1);
        QCOMPARE(changes.apps.constFirst().id, QStringLiteral("app0000002"));
        QCOMPARE(changes.apps.constFirst().status, QStringLiteral("archived"));
    }

    void aReleasedAllocationWithoutRepositoriesIsRemoved()
    {
        CachedState previous;
        previous.apps
            = { cachedApp(QStringLiteral("app0000001"), 11, 12), cachedApp(QStringLiteral("app0000003"), 0, 0) };
        SyncBatch batch;
        batch.inventory = Inventory();

        const CacheChanges changes = mergeSyncBatch(previous, batch);
        QCOMPARE(changes.removedApps, QStringList { QStringLiteral("app0000003") });
        QCOMPARE(changes.appCount, 1); // the one with repositories stays
    }

    void liveRefsComeFromTheTagAtTheLiveSha_data()
    {
        QTest::addColumn<bool>("tagsInBatch");
        QTest::newRow("tags read in this run") << true;
        QTest::newRow("tags the cache had") << false;
    }

    void liveRefsComeFromTheTagAtTheLiveSha()
    {
        QFETCH(bool, tagsInBatch);
        const QString id = QStringLiteral("app0000001");
        const QString sha(40, QLatin1Char('a'));
        CachedState previous;
        previous.apps = { cachedApp(id, 11, 12) };
        SyncBatch batch;
        SyncBatch::OpsDetail detail;
        detail.appId = id;
        detail.branchExists = { true, false };
        detail.liveSha = { sha, QString() };
        GitLabPipeline pipeline;
        pipeline.id = 7;
        pipeline.ref = environmentBranch(Environment::Test);
        pipeline.status = QStringLiteral("running");
        detail.pipelines.append(pipeline);
        GitLabDeployment deployment;
        deployment.id = 8;
        deployment.environment = QStringLiteral("nowhere"); // not an environment: not stored
        detail.deployments.append(deployment);
        batch.ops.insert(id, detail);
        if (tagsInBatch) {
            GitLabTag tag;
            tag.name = QStringLiteral("v1.0");
            tag.commit.id = sha;
            batch.tags.insert(id, { tag });
        } else {
            TagRecord tag;
            tag.appId = id;
            tag.name = QStringLiteral("v1.0");
            tag.sha = sha;
            previous.tags.insert(id, { tag });
        }

        const CacheChanges changes = mergeSyncBatch(previous, batch);
        QCOMPARE(changes.tags.contains(id), tagsInBatch); // only new tags are written
        QCOMPARE(changes.apps.size(), 1);
        const EnvironmentState &test = changes.apps.constFirst().environments.constFirst();
        QCOMPARE(test.liveRef, QStringLiteral("v1.0"));
        QCOMPARE(test.pipelineStatus, QStringLiteral("running"));
        QCOMPARE(changes.pipelines.size(), 1);
        QVERIFY(changes.deployments.isEmpty());
    }

    void releaseRequestsOpenAndClose()
    {
        CachedState previous;
        previous.apps = { cachedApp(QStringLiteral("app0000001"), 11, 12) };
        ReleaseRequest stale;
        stale.projectId = 11;
        stale.iid = 9;
        previous.releaseRequests = { stale };
        SyncBatch batch;
        batch.full = true;
        batch.rootGroup = QStringLiteral("plugins");
        batch.codeProjects.append(project(11, QStringLiteral("plugins/apps/app0000001")));
        const QStringList labels { QStringLiteral("release-request"), QStringLiteral("env::test"),
                                   QStringLiteral("release::pending") };
        batch.issues = { issue(11, 1, labels, QStringLiteral("opened")), issue(11, 2, labels, QStringLiteral("closed")),
                         issue(11, 3, { QStringLiteral("release-request") }, QStringLiteral("opened")) };

        const CacheChanges changes = mergeSyncBatch(previous, batch);
        QCOMPARE(changes.releaseRequests.size(), 2);
        QCOMPARE(changes.releaseRequests.at(0).appId, QStringLiteral("app0000001"));
        QCOMPARE(changes.releaseRequests.at(0).state, ReleaseState::Pending);
        QCOMPARE(changes.releaseRequests.at(1).state, ReleaseState::Invalid); // no env:: label
        using Key = std::pair<qint64, qint64>;
        QCOMPARE(changes.closedRequests, (QList<Key> { Key(11, 2), Key(11, 9) }));
    }

    void aFullRunKeepsWhatItCouldNotRead()
    {
        const QString id = QStringLiteral("app0000005");
        CachedState previous;
        previous.apps = { cachedApp(id, 51, 52), cachedApp(QStringLiteral("app0000006"), 61, 62) };
        TagRecord tag;
        tag.appId = id;
        tag.name = QStringLiteral("v2");
        previous.tags.insert(id, { tag });
        SyncBatch batch;
        batch.full = true;
        batch.skipped.insert(id);

        const CacheChanges changes = mergeSyncBatch(previous, batch);
        QCOMPARE(changes.appCount, 1); // app0000006 is gone: a full run did not see it
        QCOMPARE(changes.apps.constFirst(), previous.apps.constFirst());
        QCOMPARE(changes.keptTags.value(id).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncMerge)
#include "tst_syncmerge.moc"
