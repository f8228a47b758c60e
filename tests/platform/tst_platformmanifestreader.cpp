// Where the Platform services tab reads a plugin's platform.json (issue 18):
// at the version live in production (else test, else the default branch),
// from the GitLab emulator; a missing manifest is no error, and a huge one
// is refused from its size before a byte of it is downloaded.
#include "core/gitlab/gitlabclient.h"
#include "core/platform/platformmanifestreader.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "tests/support/gitlabwait.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

class TestPlatformManifestReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<GitLabClient> m_client;
    qint64 m_project = 0;

    // Commits `content` as platform.json on main (or deletes it when null); the commit's SHA.
    QString commitManifest(const QByteArray &content, const QString &action = QStringLiteral("update"))
    {
        QJsonObject change { { QStringLiteral("action"), action },
                             { QStringLiteral("file_path"), QStringLiteral("platform.json") } };
        if (action != QLatin1String("delete"))
            change.insert(QStringLiteral("content"), QString::fromUtf8(content));
        const GitLabResponse r = Test::sendAndWait(m_client.get(), "POST",
                                                   GitLabClient::projectPath(QString::number(m_project))
                                                       + QStringLiteral("/repository/commits"),
                                                   { { QStringLiteral("branch"), QStringLiteral("main") },
                                                     { QStringLiteral("commit_message"), QStringLiteral("Manifest") },
                                                     { QStringLiteral("actions"), QJsonArray { change } } });
        if (!r.error.isOk())
            qWarning("commit failed: %s", qPrintable(r.error.message));
        return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("id")).toString();
    }

    PlatformManifestReader::Result read(const AppRecord &app)
    {
        std::optional<PlatformManifestReader::Result> result;
        PlatformManifestReader::read(m_client.get(), app, this, [&](PlatformManifestReader::Result r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
            return {};
        return *result;
    }

    AppRecord app(const QString &productionSha = {}, const QString &testSha = {}) const
    {
        AppRecord record;
        record.id = QStringLiteral("app0000321");
        record.codeProjectId = m_project;
        const QList<std::pair<Environment, QString>> live { { Environment::Test, testSha },
                                                            { Environment::Production, productionSha } };
        for (const auto &[environment, sha] : live) {
            EnvironmentState state;
            state.environment = environment;
            state.liveSha = sha;
            state.liveRef = sha.isEmpty() ? QString() : QStringLiteral("v-") + sha.left(7);
            record.environments.append(state);
        }
        return record;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        QVERIFY(m_emulator->start());
        m_client = Test::adminClient(*m_emulator);
        m_project = Test::createProject(m_client.get(), QStringLiteral("app0000321"));
        QVERIFY(m_project > 0);
    }

    void readsTheLiveVersionElseTheDefaultBranch()
    {
        const QString first = commitManifest(R"({ "permissions": { "orders.read": "See orders" }, "kv_quota_mb": 5 })",
                                             QStringLiteral("create"));
        QCOMPARE(first.size(), 40);
        const QString second = commitManifest(R"({ "permissions": { "orders.read": "See orders",
                                                                    "orders.refund": "Refund" } })");
        QCOMPARE(second.size(), 40);

        // Nothing deployed: the default branch, the newest manifest.
        PlatformManifestReader::Result atBranch = read(app());
        QVERIFY2(atBranch.error.isEmpty(), qPrintable(atBranch.error));
        QVERIFY(atBranch.found);
        QCOMPARE(atBranch.source, QStringLiteral("main"));
        QCOMPARE(atBranch.manifest.manifest.permissions.size(), 2);
        QCOMPARE(atBranch.manifest.manifest.quotaMb(), PlatformManifest::DefaultQuotaMb);

        // Production runs the first version: what it declares, not main's.
        PlatformManifestReader::Result live = read(app(first, second));
        QVERIFY(live.found);
        QCOMPARE(live.source, QStringLiteral("v-") + first.left(7));
        QCOMPARE(live.manifest.manifest.permissions.size(), 1);
        QCOMPARE(live.manifest.manifest.quotaMb(), 5);
        // Only test has a version live: that one.
        QCOMPARE(read(app({}, second)).manifest.manifest.permissions.size(), 2);
    }

    void aMissingManifestIsNoError()
    {
        const QString gone = commitManifest({}, QStringLiteral("delete"));
        QCOMPARE(gone.size(), 40);
        const PlatformManifestReader::Result result = read(app(gone));
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QVERIFY(!result.found);
        QVERIFY(result.manifest.ok());
        QCOMPARE(result.manifest.manifest.quotaMb(), PlatformManifest::DefaultQuotaMb);
    }

    void aHugeOrHostileManifestIsRefused()
    {
        QByteArray huge = "{ \"permissions\": { \"a.b\": \"";
        huge += QByteArray(PlatformManifest::MaxBytes * 4, 'x');
        huge += "\" } }";
        const QString big = commitManifest(huge, QStringLiteral("create"));
        QCOMPARE(big.size(), 40);
        m_emulator->clearRequestLog();
        const PlatformManifestReader::Result result = read(app(big));
        QVERIFY(result.found);
        QVERIFY(!result.manifest.ok());
        QVERIFY2(result.manifest.errors.join(u' ').contains(QStringLiteral("platform.json")),
                 qPrintable(result.manifest.errors.join(u' ')));
        QCOMPARE(m_emulator->requestCount(QStringLiteral("GET"), QStringLiteral("platform\\.json")), 0);

        const QString bad = commitManifest(R"({ "permissions": { "orders read; drop": "x" }, "kv_quota_mb": 99999 })");
        const PlatformManifestReader::Result refused = read(app(bad));
        QVERIFY(refused.found);
        QVERIFY(refused.manifest.errors.size() >= 2);
        QVERIFY(refused.manifest.manifest.permissions.isEmpty());
    }

    void anUnreachableGitLabSaysSo()
    {
        GitLabClient offline;
        offline.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:1")));
        std::optional<PlatformManifestReader::Result> result;
        PlatformManifestReader::read(&offline, app(QStringLiteral("0123456789012345678901234567890123456789")), this,
                                     [&](PlatformManifestReader::Result r) { result = r; });
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 60000));
        QVERIFY(!result->error.isEmpty());
        QVERIFY(!result->found);
    }
};

QTEST_MAIN(TestPlatformManifestReader)
#include "tst_platformmanifestreader.moc"
