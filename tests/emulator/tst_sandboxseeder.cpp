#include "sandbox/emulator/emulatorrepository.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/emulator/emulatortesthelpers.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// The demo platform a new user clicks through: what it contains, read back
// through the REST API, and that it is fast and reproducible.
class TestSandboxSeeder : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<Client> m_client;
    SandboxSeedResult m_seed;
    qint64 m_seedMs = 0;

    static QString enc(const QString &path) { return QString::fromUtf8(QUrl::toPercentEncoding(path)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        QElapsedTimer timer;
        timer.start();
        m_seed = SandboxSeeder(*m_emulator).seed();
        m_seedMs = timer.elapsed();
        QVERIFY(m_emulator->start());
        m_client = std::make_unique<Client>(m_emulator->apiUrl(), m_emulator->adminToken());
    }

    void cleanupTestCase() { m_emulator.reset(); }

    void seedsTwentyApps()
    {
        // A figure, not a verdict: a busy CI machine takes what it takes.
        qInfo() << "seeding 20 apps took" << m_seedMs << "ms";
        QCOMPARE(m_seed.appIds.size(), 20);
        for (const QString &id : std::as_const(m_seed.appIds))
            QVERIFY(QRegularExpression(QStringLiteral("^app[0-9]{7}$")).match(id).hasMatch());
        const Reply r = m_client->get(QStringLiteral("/groups/plugins/projects?include_subgroups=true&per_page=100"));
        QCOMPARE(r.header("x-total"), QByteArray("41")); // 20 code + 20 management + inventory
    }

    void inventoryHasHostsAndAllocations()
    {
        Reply r = m_client->get(
            QStringLiteral("/projects/plugins%2Fops%2Finventory/repository/files/hosts.json/raw?ref=main"));
        QCOMPARE(r.status, 200);
        const QJsonArray hosts = r.json().object().value(QStringLiteral("hosts")).toArray();
        QVERIFY(hosts.size() >= 4);
        QSet<QString> environments;
        for (const QJsonValue &h : hosts) {
            environments.insert(h.toObject().value(QStringLiteral("environment")).toString());
            QVERIFY(!h.toObject().value(QStringLiteral("address")).toString().isEmpty());
            QCOMPARE(h.toObject().value(QStringLiteral("container_ports")).toArray().size(), 2);
        }
        QCOMPARE(environments, (QSet<QString> { QStringLiteral("test"), QStringLiteral("production") }));

        r = m_client->get(
            QStringLiteral("/projects/plugins%2Fops%2Finventory/repository/tree?path=allocations&per_page=100"));
        QCOMPARE(r.json().array().size(), 20);
        // Ports are unique per host.
        QSet<QString> used;
        for (const QString &id : std::as_const(m_seed.appIds)) {
            r = m_client->get(QStringLiteral("/projects/plugins%2Fops%2Finventory/repository/files/")
                              + enc(QStringLiteral("allocations/") + id + QStringLiteral(".json"))
                              + QStringLiteral("/raw?ref=main"));
            const QJsonObject envs = r.json().object().value(QStringLiteral("environments")).toObject();
            for (const QString &env : envs.keys()) {
                const QJsonObject e = envs.value(env).toObject();
                const QString host = e.value(QStringLiteral("host")).toString();
                for (const char *key : { "container_port", "fallback_port" }) {
                    const QString slot = host + QLatin1Char(':') + QString::number(e.value(QLatin1String(key)).toInt());
                    QVERIFY2(!used.contains(slot), qPrintable(slot));
                    used.insert(slot);
                }
            }
        }
    }

    void codeRepoSkeletonAndTags()
    {
        const QString project
            = QStringLiteral("/projects/") + enc(QStringLiteral("plugins/apps/") + m_seed.appIds.at(2));
        for (const char *file : { "web%2Findex.php", "README.md", ".gitlab%2Fissue_templates%2Frelease-request.md" }) {
            QCOMPARE(m_client
                         ->get(project + QStringLiteral("/repository/files/") + QLatin1String(file)
                               + QStringLiteral("?ref=main"))
                         .status,
                     200);
        }
        const Reply r = m_client->get(project + QStringLiteral("/repository/tags"));
        QCOMPARE(r.json().array().size(), 4); // index 2: 2 + 2 % 3 versions
        QCOMPARE(r.json().array().first().toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("v1.3.0"));
        QVERIFY(!r.json().array().first().toObject().value(QStringLiteral("message")).isNull());
    }

    void managementRepoPinsCodesPerEnvironment()
    {
        const QString app = m_seed.appIds.at(0);
        const QString project = QStringLiteral("/projects/") + enc(QStringLiteral("plugins/ops/") + app);
        const QString codeProject = QStringLiteral("/projects/") + enc(QStringLiteral("plugins/apps/") + app);
        for (const QString &env : { QStringLiteral("test"), QStringLiteral("production") }) {
            const QString ref = enc(QStringLiteral("env/") + env);
            Reply r = m_client->get(project + QStringLiteral("/repository/tree?ref=") + ref);
            QCOMPARE(r.status, 200);
            QString pinned;
            QStringList names;
            for (const QJsonValue &v : r.json().array()) {
                names.append(v.toObject().value(QStringLiteral("name")).toString());
                if (v.toObject().value(QStringLiteral("path")).toString() == QLatin1String("codes")) {
                    QCOMPARE(v.toObject().value(QStringLiteral("mode")).toString(), QStringLiteral("160000"));
                    pinned = v.toObject().value(QStringLiteral("id")).toString();
                }
            }
            QVERIFY(names.contains(QStringLiteral(".gitmodules")));
            QVERIFY(names.contains(QStringLiteral("conf")));
            QVERIFY(names.contains(QStringLiteral(".gitlab-ci.yml")));
            // The pointer is a tagged commit of repo A.
            r = m_client->get(codeProject + QStringLiteral("/repository/commits/") + pinned);
            QCOMPARE(r.status, 200);
            r = m_client->get(project + QStringLiteral("/repository/files/.gitmodules/raw?ref=") + ref);
            QVERIFY(r.body.contains(QByteArray("url = ../../apps/" + app.toUtf8() + ".git")));
            r = m_client->get(project + QStringLiteral("/deployments?environment=") + env);
            QVERIFY(!r.json().array().isEmpty());
            QCOMPARE(r.json().array().last().toObject().value(QStringLiteral("sha")).toString(),
                     m_client->get(project + QStringLiteral("/repository/branches/") + ref)
                         .json()
                         .object()
                         .value(QStringLiteral("commit"))
                         .toObject()
                         .value(QStringLiteral("id"))
                         .toString());
        }
        const Reply envs = m_client->get(project + QStringLiteral("/environments"));
        QCOMPARE(envs.json().array().size(), 2);
        const Reply vars = m_client->get(project + QStringLiteral("/variables"));
        QVERIFY(vars.json().array().size() >= 3);
        for (const QJsonValue &v : vars.json().array())
            QVERIFY(v.toObject().value(QStringLiteral("protected")).toBool());
    }

    void pendingReleaseRequestsFromDevelopers()
    {
        const Reply r = m_client->get(
            QStringLiteral("/issues?scope=all&state=opened&labels=release-request,release::pending&per_page=100"));
        QCOMPARE(r.json().array().size(), m_seed.pendingReleaseRequests);
        QVERIFY(m_seed.pendingReleaseRequests >= 5);
        QSet<QString> envs;
        for (const QJsonValue &v : r.json().array()) {
            const QJsonObject issue = v.toObject();
            QVERIFY(issue.value(QStringLiteral("author"))
                        .toObject()
                        .value(QStringLiteral("username"))
                        .toString()
                        .startsWith(QLatin1String("dev")));
            for (const QJsonValue &l : issue.value(QStringLiteral("labels")).toArray()) {
                if (l.toString().startsWith(QLatin1String("env::")))
                    envs.insert(l.toString());
            }
        }
        QCOMPARE(envs, (QSet<QString> { QStringLiteral("env::test"), QStringLiteral("env::production") }));
        // Other states exist too.
        QVERIFY(!m_client->get(QStringLiteral("/issues?scope=all&labels=release::rejected")).json().array().isEmpty());
        QVERIFY(!m_client->get(QStringLiteral("/issues?scope=all&labels=release::deployed")).json().array().isEmpty());

        // A developer sees their own app's issues, not the management repos.
        Client dev(m_emulator->apiUrl(), m_seed.developers.first().token);
        QCOMPARE(
            dev.get(QStringLiteral("/projects/") + enc(QStringLiteral("plugins/ops/") + m_seed.appIds.first())).status,
            404);
        QCOMPARE(
            dev.get(QStringLiteral("/projects/") + enc(QStringLiteral("plugins/apps/") + m_seed.appIds.first())).status,
            200);
    }

    void pastPipelinesInSeveralStates()
    {
        QSet<QString> statuses;
        for (const QString &id : std::as_const(m_seed.appIds)) {
            const Reply r = m_client->get(QStringLiteral("/projects/") + enc(QStringLiteral("plugins/ops/") + id)
                                          + QStringLiteral("/pipelines?per_page=100"));
            for (const QJsonValue &v : r.json().array())
                statuses.insert(v.toObject().value(QStringLiteral("status")).toString());
        }
        QVERIFY(statuses.contains(QStringLiteral("success")));
        QVERIFY(statuses.contains(QStringLiteral("failed")));
    }

    void deterministic()
    {
        QTemporaryDir other;
        GitLabEmulator second(other.path());
        const SandboxSeedResult again = SandboxSeeder(second).seed();
        QCOMPARE(again.appIds, m_seed.appIds);
        QMutexLocker lockA(&m_emulator->store().mutex());
        QMutexLocker lockB(&second.store().mutex());
        const QString path = QStringLiteral("plugins/ops/") + m_seed.appIds.at(4);
        EmulatorRepository a(m_emulator->store().repositoryPath(*m_emulator->store().projectByPath(path)));
        EmulatorRepository b(second.store().repositoryPath(*second.store().projectByPath(path)));
        QCOMPARE(a.branches(), b.branches());
        QCOMPARE(m_emulator->store().projects.size(), second.store().projects.size());
    }

    void bulkModeIsCheap()
    {
        QTemporaryDir other;
        GitLabEmulator bulk(other.path());
        SandboxSeedOptions options;
        options.bulk = true;
        options.appCount = 2000;
        QElapsedTimer timer;
        timer.start();
        const SandboxSeedResult result = SandboxSeeder(bulk).seed(options);
        qInfo() << "bulk seeding 2000 apps took" << timer.elapsed() << "ms";
        QCOMPARE(result.appIds.size(), 2000);
        QVERIFY(bulk.start());
        Client client(bulk.apiUrl(), bulk.adminToken());
        Reply r = client.get(QStringLiteral("/groups/plugins/projects?include_subgroups=true&per_page=100"));
        QCOMPARE(r.header("x-total"), QByteArray("4001"));
        r = client.get(QStringLiteral("/projects/plugins%2Fapps%2F") + result.appIds.last()
                       + QStringLiteral("/repository/tags"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().array().size(), 0);
        r = client.get(QStringLiteral("/projects/plugins%2Fops%2Finventory/repository/files/")
                       + enc(QStringLiteral("allocations/") + result.appIds.last() + QStringLiteral(".json"))
                       + QStringLiteral("?ref=main"));
        QCOMPARE(r.status, 200);
    }
};

QTEST_GUILESS_MAIN(TestSandboxSeeder)
#include "tst_sandboxseeder.moc"
