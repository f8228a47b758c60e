// Permission grants (issue 18) as the Platform services tab commits them:
// platform/grants.json and the outer nginx site rendered with it, in one
// commit on the environment's branch of a seeded management repository in
// the GitLab emulator; the site passes real nginx -t; a branch that moved
// since it was read, a profile without a sign-in check and a hostile grants
// file are refused with nothing written.
#include "core/gitlab/gitlabclient.h"
#include "core/platform/grantspublisher.h"
#include "core/provisioning/inventorydata.h"
#include "core/render/configvalidator.h"
#include "sandbox/emulator/emulatorrepository.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/provisioning/provisioningtesthelpers.h"
#include "tests/support/gitlabwait.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

namespace {

constexpr auto AuthUrl = "http://127.0.0.1:4180/oauth2/auth";
constexpr auto LoginUrl = "https://sso.plugins.example/oauth2/start";

} // namespace

class TestGrantsPublisher : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<GitLabClient> m_client;
    std::unique_ptr<GrantsPublisher> m_publisher;
    AppRecord m_shop; // the first seeded app: a shop that declares orders.read and orders.refund
    QList<HostRecord> m_hosts;

    GrantsPublisher::Branch read(Environment environment)
    {
        std::optional<GrantsPublisher::Branch> result;
        m_publisher->read(QString::number(m_shop.opsProjectId), environment, this,
                          [&](const GrantsPublisher::Branch &b) { result = b; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 60000))
            return {};
        return *result;
    }

    GrantsPublisher::Published publish(const GrantsPublisher::Branch &base, const EdgeGrants &grants,
                                       const QString &authUrl = QString::fromLatin1(AuthUrl))
    {
        GrantsPublisher::Change change;
        change.app = m_shop;
        change.host = *m_shop.hostIn(m_hosts, base.environment);
        change.opsProject = QString::number(m_shop.opsProjectId);
        change.authUrl = authUrl;
        change.loginUrl = authUrl.isEmpty() ? QString() : QString::fromLatin1(LoginUrl);
        change.base = base;
        change.grants = grants;
        change.actor = QStringLiteral("root");
        std::optional<GrantsPublisher::Published> result;
        m_publisher->publish(change, this, [&](const GrantsPublisher::Published &p) { result = p; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 120000))
            return {};
        return *result;
    }

    QString branchHead(Environment environment)
    {
        QMutexLocker lock(&m_emulator->store().mutex());
        EmulatorProject *project = m_emulator->store().project(m_shop.opsProjectId);
        return EmulatorRepository(m_emulator->store().repositoryPath(*project))
            .branches()
            .value(environmentBranch(environment));
    }

    QByteArray fileOn(Environment environment, const QString &path)
    {
        QMutexLocker lock(&m_emulator->store().mutex());
        EmulatorProject *project = m_emulator->store().project(m_shop.opsProjectId);
        const auto file = EmulatorRepository(m_emulator->store().repositoryPath(*project))
                              .file(environmentBranch(environment), path);
        return file ? file->content : QByteArray();
    }

    // Commits `content` to `path` on the branch as another admin would.
    void commitAsSomeoneElse(Environment environment, const QString &path, const QByteArray &content)
    {
        const QJsonObject action { { QStringLiteral("action"), QStringLiteral("update") },
                                   { QStringLiteral("file_path"), path },
                                   { QStringLiteral("content"), QString::fromUtf8(content) } };
        const GitLabResponse r = Test::sendAndWait(
            m_client.get(), "POST",
            GitLabClient::projectPath(QString::number(m_shop.opsProjectId)) + QStringLiteral("/repository/commits"),
            { { QStringLiteral("branch"), environmentBranch(environment) },
              { QStringLiteral("commit_message"), QStringLiteral("Another admin") },
              { QStringLiteral("actions"), QJsonArray { action } } });
        QVERIFY2(r.error.isOk(), qPrintable(r.error.message));
    }

    static EdgeGrants grants(std::initializer_list<std::pair<const char *, QStringList>> roles,
                             const QStringList &openPaths = {})
    {
        EdgeGrants g;
        for (const auto &[permission, list] : roles)
            g.roles.insert(QString::fromLatin1(permission), list);
        g.openPaths = openPaths;
        return g;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        SandboxSeedOptions options;
        options.appCount = 3;
        options.edgeAuthUrl = QString::fromLatin1(AuthUrl);
        options.edgeLoginUrl = QString::fromLatin1(LoginUrl);
        const SandboxSeedResult seed = SandboxSeeder(*m_emulator).seed(options);
        QVERIFY(!seed.appIds.isEmpty());
        QVERIFY(m_emulator->start());
        m_client = Test::adminClient(*m_emulator);
        m_publisher = std::make_unique<GrantsPublisher>(m_client.get());

        // The shop as the console's cache knows it, from its allocation.
        for (const AllocationRecord &record : Test::allocationRecords(*m_emulator)) {
            if (record.id != seed.appIds.constFirst())
                continue;
            m_shop.id = record.id;
            {
                QMutexLocker lock(&m_emulator->store().mutex());
                const EmulatorProject *ops
                    = m_emulator->store().projectByPath(QStringLiteral("plugins/ops/") + record.id);
                m_shop.opsProjectId = ops ? ops->id : 0;
            }
            for (const AllocationPlacement &p : record.placements) {
                EnvironmentState state;
                state.environment = *environmentFromKey(p.environment);
                state.host = p.host;
                state.containerPort = p.containerPort;
                state.fallbackPort = p.fallbackPort;
                state.domain = p.domain;
                m_shop.environments.append(state);
                // The address as the inventory's hosts.json has it.
                const QJsonArray hosts
                    = QJsonDocument::fromJson(SandboxSeeder::hostsJson(QStringLiteral("plugins")).toUtf8())
                          .object()
                          .value(QStringLiteral("hosts"))
                          .toArray();
                for (const QJsonValue &host : hosts)
                    if (host.toObject().value(QStringLiteral("name")).toString() == p.host)
                        m_hosts.append({ p.host, host.toObject().value(QStringLiteral("address")).toString(),
                                         p.environment, QString() });
            }
        }
        QVERIFY(m_shop.opsProjectId > 0);
        QVERIFY(m_shop.environment(Environment::Production));
    }

    // The seeded shop lets finance and support see orders in production;
    // nothing is granted in test.
    void readsWhatTheBranchGrants()
    {
        const GrantsPublisher::Branch production = read(Environment::Production);
        QVERIFY2(production.ok(), qPrintable(production.error));
        QVERIFY(production.hasGrantsFile);
        QCOMPARE(production.grants,
                 grants({ { "orders.read", { QStringLiteral("finance"), QStringLiteral("support") } } }));
        QVERIFY(!production.siteCommit.isEmpty());
        const GrantsPublisher::Branch test = read(Environment::Test);
        QVERIFY2(test.ok(), qPrintable(test.error));
        QVERIFY(test.grants.isEmpty());
    }

    // One commit carries both files; the site is what the templates render
    // with the new grants, and real nginx accepts it.
    void aChangeCommitsTheGrantsAndTheSiteTogether()
    {
        const GrantsPublisher::Branch base = read(Environment::Production);
        QVERIFY2(base.ok(), qPrintable(base.error));
        const QString before = branchHead(Environment::Production);
        const EdgeGrants next = grants({ { "orders.read", { QStringLiteral("finance"), QStringLiteral("support") } },
                                         { "orders.refund", { QStringLiteral("finance") } } },
                                       { QStringLiteral("/health.php") });
        const GrantsPublisher::Published published = publish(base, next);
        QVERIFY2(!published.commit.isEmpty(), qPrintable(published.error));
        QCOMPARE(published.changes,
                 (QStringList { QStringLiteral("orders.refund: granted to finance"),
                                QStringLiteral("/health.php: open without sign-in") }));
        QCOMPARE(branchHead(Environment::Production), published.commit);
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            EmulatorProject *project = m_emulator->store().project(m_shop.opsProjectId);
            const auto commit
                = EmulatorRepository(m_emulator->store().repositoryPath(*project)).commit(published.commit);
            QVERIFY(commit);
            QCOMPARE(commit->parentIds, QStringList { before }); // one commit, on top of what was read
            // The history says what changed, in English whatever the console's language.
            QVERIFY2(commit->message.contains(QLatin1String("orders.refund: granted to finance\n"
                                                            "/health.php: open without sign-in")),
                     qPrintable(commit->message));
        }

        QCOMPARE(
            EdgeGrantsFile::parse(fileOn(Environment::Production, QString::fromLatin1(EdgeGrants::FilePath))).grants,
            next);
        const QByteArray site = fileOn(Environment::Production, QString::fromLatin1(GrantsPublisher::SitePath));
        const EnvironmentRender::FileResult expected = EnvironmentRender::renderFile(
            EnvironmentRender::specFor(m_shop, Environment::Production,
                                       *m_shop.hostIn(m_hosts, Environment::Production), base.fallbackMode,
                                       { QString::fromLatin1(AuthUrl), QString::fromLatin1(LoginUrl), next }),
            QString::fromLatin1(GrantsPublisher::SitePath));
        QVERIFY2(expected.ok, qPrintable(expected.error));
        QCOMPARE(site, expected.content);
        QVERIFY(site.contains("orders.refund"));
        QVERIFY(site.contains("/health.php"));

        ConfigValidator validator;
        std::optional<ValidationReport> report;
        validator.validate(QStringLiteral("nginx-outer.conf"), site, ConfigFileKind::NginxSite, this,
                           [&](const ValidationReport &r) { report = r; });
        QVERIFY(QTest::qWaitFor([&] { return report.has_value(); }, 60000));
        QVERIFY2(report->realTool, "nginx is part of the build environment");
        QVERIFY2(report->ok(), qPrintable(report->errors().isEmpty() ? QString() : report->errors().first().message));

        // Read back: the editor starts from what was committed.
        QCOMPARE(read(Environment::Production).grants, next);
    }

    // Another admin changed the site after the grants were read: GitLab
    // refuses the commit and nothing is written.
    void aBranchThatMovedIsNotOverwritten()
    {
        const GrantsPublisher::Branch base = read(Environment::Production);
        QVERIFY2(base.ok(), qPrintable(base.error));
        const QString path = QString::fromLatin1(GrantsPublisher::SitePath);
        commitAsSomeoneElse(Environment::Production, path,
                            fileOn(Environment::Production, path) + "\n# tuned by hand\n");
        const QString head = branchHead(Environment::Production);
        const GrantsPublisher::Published published = publish(base, grants({}));
        QVERIFY(published.commit.isEmpty());
        QVERIFY2(published.conflict, qPrintable(published.error));
        QCOMPARE(branchHead(Environment::Production), head);
        QVERIFY(fileOn(Environment::Production, path).endsWith("# tuned by hand\n"));
    }

    // Without a sign-in check the edge cannot tell who anyone is: nothing
    // can be granted, and nothing is written.
    void grantsNeedASignInCheck()
    {
        const GrantsPublisher::Branch base = read(Environment::Test);
        QVERIFY2(base.ok(), qPrintable(base.error));
        const QString head = branchHead(Environment::Test);
        const GrantsPublisher::Published published
            = publish(base, grants({ { "orders.read", { QStringLiteral("support") } } }), QString());
        QVERIFY(published.commit.isEmpty());
        QVERIFY(published.error.contains(QLatin1String("sign-in check")));
        QCOMPARE(branchHead(Environment::Test), head);
    }

    // The grants file is read as untrusted input, as it could have been
    // edited by hand: a name that would break the nginx site refuses it
    // whole, and the editor shows why instead of what it holds.
    void aHostileGrantsFileIsRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("role with a quote") << QByteArray("{\"grants\": {\"orders.read\": [\"x\\\"; allow all; #\"]}}");
        QTest::newRow("role with a line break") << QByteArray("{\"grants\": {\"orders.read\": [\"a\\nb\"]}}");
        QTest::newRow("permission in capitals") << QByteArray("{\"grants\": {\"Orders\": [\"support\"]}}");
        QTest::newRow("roles not a list") << QByteArray("{\"grants\": {\"orders.read\": \"support\"}}");
        QTest::newRow("path outside the site") << QByteArray("{\"open_paths\": [\"/../etc/\"]}");
        QTest::newRow("the whole site open") << QByteArray("{\"open_paths\": [\"/\"]}");
        QTest::newRow("nine roles") << QByteArray(
            "{\"grants\": {\"orders.read\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]}}");
        QTest::newRow("not JSON") << QByteArray("grants: everyone");
    }

    void aHostileGrantsFileIsRefused()
    {
        QFETCH(QByteArray, content);
        commitAsSomeoneElse(Environment::Test, QString::fromLatin1(EdgeGrants::FilePath), content);
        const GrantsPublisher::Branch branch = read(Environment::Test);
        QVERIFY(!branch.ok());
        QVERIFY2(branch.error.contains(QLatin1String("is refused")), qPrintable(branch.error));
        QVERIFY(branch.grants.isEmpty());
    }

    // Roles as an admin types them: commas and spaces separate them, each
    // is checked, repeats go.
    void typedRolesAreCheckedOneByOne()
    {
        const EdgeGrantsResult ok = EdgeGrantsFile::withRoles({}, QStringLiteral("orders.read"),
                                                              QStringLiteral(" support,finance  support "));
        QVERIFY(ok.ok());
        QCOMPARE(ok.grants.roles.value(QStringLiteral("orders.read")),
                 (QStringList { QStringLiteral("finance"), QStringLiteral("support") }));
        const EdgeGrantsResult cleared = EdgeGrantsFile::withRoles(ok.grants, QStringLiteral("orders.read"), QString());
        QVERIFY(cleared.ok());
        QVERIFY(cleared.grants.isEmpty());
        for (const QString &typed : { QStringLiteral("sup$port"), QStringLiteral("a;b"), QStringLiteral("\"x\""),
                                      QString(65, QLatin1Char('r')) }) {
            QVERIFY2(!EdgeGrantsFile::withRoles({}, QStringLiteral("orders.read"), typed).ok(), qPrintable(typed));
        }
        QVERIFY(!EdgeGrantsFile::withRoles({}, QStringLiteral("orders read"), QStringLiteral("support")).ok());
    }
};

QTEST_GUILESS_MAIN(TestGrantsPublisher)
#include "tst_grantspublisher.moc"
