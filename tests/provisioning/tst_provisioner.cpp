#include "core/dns/powerdnsprovider.h"
#include "core/git/gitlibrary.h"
#include "core/platform/edgegrants.h"
#include "core/platform/valkeyappadmin.h"
#include "core/provisioning/inventoryallocator.h"
#include "core/provisioning/keyvaluerotation.h"
#include "core/provisioning/provisioner.h"
#include "sandbox/emulator/emulatorfaults.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/provisioning/provisioningtesthelpers.h"
#include "tests/support/pdnsserver.h"
#include "tests/support/valkeyserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>

#include <git2.h>

using namespace Dockmaster;
using namespace Dockmaster::Test;

Q_DECLARE_METATYPE(Dockmaster::Provisioner::Step)

// Creates apps from scratch against the GitLab emulator (real bare git
// repositories), a real pdns_server and a real valkey-server, checks everything a user relies on,
// and shows that a failure at any step resumes without creating anything
// twice.
class TestProvisioner : public QObject
{
    Q_OBJECT

    GitLibrary m_git;
    Dockmaster::Test::PdnsServer m_pdns;
    const QString m_zone = QStringLiteral("plugins.example");
    ValkeyServer m_valkey;
    std::unique_ptr<ValkeyAppAdmin> m_keyValue;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<GitLabClient> m_client;
    std::unique_ptr<InventoryAllocator> m_allocator;
    std::unique_ptr<PowerDnsProvider> m_dns;
    std::unique_ptr<Provisioner> m_provisioner;

    struct Run {
        bool finished = false;
        bool failed = false;
        bool refused = false;
        Provisioner::Step failedStep = Provisioner::Step::Allocate;
        QString reason;
        QList<ProvisionFieldError> fieldErrors;
        QList<Provisioner::Step> started;
        QList<Provisioner::Step> skipped;
        bool over() const { return finished || failed || refused; }
    };

    static ProvisionRequest shopRequest()
    {
        ProvisionRequest r;
        r.name = QStringLiteral("Shop Deluxe");
        r.owner = QStringLiteral("dev01");
        r.description = QStringLiteral("A shop, with a cart (beta).");
        r.environments = { QStringLiteral("test"), QStringLiteral("production") };
        r.fallbackMode = QStringLiteral("hardened-php");
        return r;
    }

    std::shared_ptr<Run> watch()
    {
        auto run = std::make_shared<Run>();
        Provisioner *p = m_provisioner.get();
        connect(p, &Provisioner::finished, p, [run](const QString &) { run->finished = true; });
        connect(p, &Provisioner::failed, p, [run](Provisioner::Step step, const QString &reason) {
            run->failed = true;
            run->failedStep = step;
            run->reason = reason;
        });
        connect(p, &Provisioner::inputRefused, p, [run](const QList<ProvisionFieldError> &errors) {
            run->refused = true;
            run->fieldErrors = errors;
        });
        connect(p, &Provisioner::stepStarted, p, [run](Provisioner::Step step) { run->started.append(step); });
        connect(p, &Provisioner::stepFinished, p, [run](Provisioner::Step step, bool alreadyDone) {
            if (alreadyDone)
                run->skipped.append(step);
        });
        return run;
    }

    void disconnectAll() { m_provisioner->disconnect(); }

    std::shared_ptr<Run> provision(const ProvisionRequest &request)
    {
        auto run = watch();
        m_provisioner->start(request);
        spinUntil([&run] { return run->over(); }, 120000);
        disconnectAll();
        return run;
    }

    std::shared_ptr<Run> resume(const QString &appId)
    {
        auto run = watch();
        m_provisioner->resume(appId);
        spinUntil([&run] { return run->over(); }, 120000);
        disconnectAll();
        return run;
    }

    EmulatorProject *project(const QString &path) { return m_emulator->store().projectByPath(path); }

    int projectCount(const QString &fullPath) { return Test::projectCount(*m_emulator, fullPath); }

    std::optional<AllocationRecord> storedRecord(const QString &appId)
    {
        QMutexLocker lock(&m_emulator->store().mutex());
        EmulatorRepository repo(m_emulator->store().repositoryPath(*project(QStringLiteral("plugins/ops/inventory"))));
        const auto file = repo.file(QStringLiteral("main"), QStringLiteral("allocations/%1.json").arg(appId));
        QString error;
        return file ? AllocationRecord::parse(file->content, &error) : std::nullopt;
    }

    int allocationFileCount()
    {
        QMutexLocker lock(&m_emulator->store().mutex());
        EmulatorRepository repo(m_emulator->store().repositoryPath(*project(QStringLiteral("plugins/ops/inventory"))));
        int count = 0;
        const auto entries = repo.tree(QStringLiteral("main"), QStringLiteral("allocations"), false);
        for (const auto &entry : entries.value_or(QList<EmulatorRepository::TreeEntry>()))
            count += entry.name.endsWith(QLatin1String(".json")) ? 1 : 0;
        return count;
    }

    // The gitlink `codes` on a branch of a bare repository, read with libgit2.
    static QString gitlink(const QString &bareRepository, const QString &branch, QString *mode)
    {
        git_repository *repo = nullptr;
        if (git_repository_open_bare(&repo, bareRepository.toUtf8().constData()) != 0)
            return {};
        QString sha;
        git_object *tree = nullptr;
        const QByteArray spec = "refs/heads/" + branch.toUtf8() + "^{tree}";
        if (git_revparse_single(&tree, repo, spec.constData()) == 0) {
            git_tree_entry *entry = nullptr;
            if (git_tree_entry_bypath(&entry, reinterpret_cast<git_tree *>(tree), "codes") == 0) {
                char hex[GIT_OID_SHA1_HEXSIZE + 1] = {};
                git_oid_tostr(hex, sizeof hex, git_tree_entry_id(entry));
                sha = QString::fromLatin1(hex);
                *mode = QString::number(int(git_tree_entry_filemode(entry)), 8);
                git_tree_entry_free(entry);
            }
            git_object_free(tree);
        }
        git_repository_free(repo);
        return sha;
    }

    QJsonArray apiList(const QString &path) { return Test::apiList(*m_client, path); }

    QJsonObject apiObject(const QString &path)
    {
        GitLabRequest request;
        request.path = path;
        std::optional<GitLabResponse> out;
        m_client->send(request, nullptr, [&out](const GitLabResponse &r) { out = r; });
        spinUntil([&out] { return out.has_value(); });
        return out ? QJsonDocument::fromJson(out->body).object() : QJsonObject();
    }

    int postCount() { return m_emulator->requestCount(QStringLiteral("POST"), QStringLiteral(".")); }

    static bool reusesTheEmulator()
    {
        // Refused input never writes anything, so its many rows share one emulator.
        return qstrcmp(QTest::currentTestFunction(), "hostileInputIsRefusedBeforeAnyRequest") == 0;
    }

    // The app's user in the key/value store, as its code meets it: the
    // password from the masked variable, the only password the user has,
    // its own keys and nothing else. Empty when all is well.
    QString keyValueProblem(const QString &appId)
    {
        QString password;
        QString prefix;
        for (const QJsonValue &v : apiList(QStringLiteral("/projects/%1/variables")
                                               .arg(GitLabClient::encode(QStringLiteral("plugins/ops/") + appId)))) {
            const QJsonObject o = v.toObject();
            const QString key = o.value(QLatin1StringView("key")).toString();
            if (key == QLatin1String("PLATFORM_KV_PASSWORD")) {
                if (!o.value(QLatin1StringView("masked")).toBool() || !o.value(QLatin1StringView("protected")).toBool())
                    return QStringLiteral("the password variable is not masked and protected");
                password = o.value(QLatin1StringView("value")).toString();
            }
            if (key == QLatin1String("PLATFORM_KV_PREFIX"))
                prefix = o.value(QLatin1StringView("value")).toString();
        }
        if (password.size() < 32 || prefix != QLatin1Char('{') + appId + QStringLiteral("}:"))
            return QStringLiteral("password or prefix variable missing");
        const ValkeyReply user = m_valkey.adminConnection().command({ "ACL", "GETUSER", appId.toUtf8() });
        for (qsizetype i = 0; i + 1 < user.elements.size(); i += 2) {
            if (user.elements.at(i).text == "passwords" && user.elements.at(i + 1).elements.size() != 1)
                return QStringLiteral("the user has %1 passwords").arg(user.elements.at(i + 1).elements.size());
        }
        ValkeyConnection app(m_valkey.as(appId, password));
        if (!app.isOpen())
            return app.error();
        if (app.command({ "SET", prefix.toUtf8() + "cart", "1" }).text != "OK")
            return QStringLiteral("the app cannot write its own key");
        if (!app.command({ "GET", "{app1000740}:cart" }).isError() || !app.command({ "FLUSHALL" }).isError())
            return QStringLiteral("the app reaches beyond its keys");
        return {};
    }

    void tearDown()
    {
        m_provisioner.reset();
        m_keyValue.reset();
        m_dns.reset();
        m_allocator.reset();
        m_client.reset();
        m_emulator.reset();
        m_dir.reset();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_pdns.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString zoneProblem = m_pdns.createZone(m_zone);
        QVERIFY2(zoneProblem.isEmpty(), qPrintable(zoneProblem));
        const QString valkeyProblem = m_valkey.start();
        QVERIFY2(valkeyProblem.isEmpty(), qPrintable(valkeyProblem));
    }

    void cleanupTestCase() { m_pdns.stop(); }

    void init()
    {
        if (reusesTheEmulator() && m_emulator)
            return;
        tearDown();
        m_dir = std::make_unique<QTemporaryDir>();
        m_emulator = std::make_unique<GitLabEmulator>(m_dir->path());
        SandboxSeeder(*m_emulator).seed();
        QVERIFY(m_emulator->start());
        m_client = clientFor(*m_emulator, m_emulator->adminToken());
        m_allocator = std::make_unique<InventoryAllocator>(m_client.get(), QStringLiteral("plugins/ops/inventory"));
        m_allocator->setMaxAttempts(3);
        m_dns = std::make_unique<PowerDnsProvider>(m_pdns.apiUrl(), m_pdns.apiKey(), QStringList { m_zone });
        m_keyValue
            = std::make_unique<ValkeyAppAdmin>(m_valkey.admin(), QStringLiteral("127.0.0.1:%1").arg(m_valkey.port()));
        m_provisioner = std::make_unique<Provisioner>(m_client.get(), m_allocator.get());
        m_provisioner->setDnsProvider(m_dns.get());
        m_provisioner->setKeyValueAdmin(m_keyValue.get());
    }

    void cleanup()
    {
        if (!reusesTheEmulator())
            tearDown();
    }

    void provisionsEverythingAnAppNeeds()
    {
        QElapsedTimer timer;
        timer.start();
        // A platform with sign-in at the edge: the sites check every visitor.
        const QByteArray authUrl = "https://auth.example.com/verify";
        m_provisioner->setEdgeSignIn(QString::fromLatin1(authUrl), {});
        const auto run = provision(shopRequest());
        m_provisioner->setEdgeSignIn({}, {});
        QVERIFY2(run->finished, qPrintable(run->reason));
        qInfo("provisioned both environments in %lld ms", timer.elapsed());
        QCOMPARE(run->started, Provisioner::createSteps());
        const QString id = m_provisioner->appId();
        QCOMPARE(id, QStringLiteral("app1000741")); // the seeded IDs end at app1000740

        // Inventory: active, every step recorded, hosts and ports from the inventory.
        const auto record = storedRecord(id);
        QVERIFY(record.has_value());
        QCOMPARE(record->status, QStringLiteral("active"));
        for (Provisioner::Step step : Provisioner::createSteps()) {
            if (step != Provisioner::Step::Allocate)
                QVERIFY2(record->stepsDone.contains(Provisioner::stepKey(step)),
                         qPrintable(Provisioner::stepKey(step)));
        }
        const AllocationPlacement *test = record->placement(QStringLiteral("test"));
        const AllocationPlacement *production = record->placement(QStringLiteral("production"));
        QVERIFY(test && production);
        QVERIFY(test->host.startsWith(QLatin1String("docker-test-")));
        QVERIFY(production->host.startsWith(QLatin1String("docker-prod-")));
        QCOMPARE(test->domain, id + QStringLiteral(".test.plugins.example"));
        QVERIFY(record->deployPublicKey.startsWith(QLatin1String("ssh-ed25519 ")));

        // Repo A: skeleton, labels, owner as Developer.
        const QString codePath = QStringLiteral("plugins/apps/") + id;
        QCOMPARE(projectCount(codePath), 1);
        QString codeHead;
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            EmulatorRepository code(m_emulator->store().repositoryPath(*project(codePath)));
            QVERIFY(code.file(QStringLiteral("main"), QStringLiteral("web/index.php")).has_value());
            const auto readme = code.file(QStringLiteral("main"), QStringLiteral("README.md"));
            QVERIFY(readme && readme->content.contains("How to request a release"));
            QVERIFY(code.file(QStringLiteral("main"), QStringLiteral(".gitlab/issue_templates/Release request.md")));
            codeHead = code.resolve(QStringLiteral("refs/heads/main"));
        }
        QSet<QString> labels;
        for (const QJsonValue &v : apiList(QStringLiteral("/projects/%1/labels").arg(GitLabClient::encode(codePath))))
            labels.insert(v.toObject().value(QLatin1StringView("name")).toString());
        for (const QString &label : { QStringLiteral("release-request"), QStringLiteral("env::test"),
                                      QStringLiteral("env::production"), QStringLiteral("release::pending"),
                                      QStringLiteral("release::approved"), QStringLiteral("release::deployed"),
                                      QStringLiteral("release::failed"), QStringLiteral("release::rejected") })
            QVERIFY2(labels.contains(label), qPrintable(label));
        bool ownerIsDeveloper = false;
        for (const QJsonValue &v :
             apiList(QStringLiteral("/projects/%1/members").arg(GitLabClient::encode(codePath)))) {
            const QJsonObject m = v.toObject();
            if (m.value(QLatin1StringView("username")).toString() == QLatin1String("dev01"))
                ownerIsDeveloper = m.value(QLatin1StringView("access_level")).toInt() == 30;
        }
        QVERIFY(ownerIsDeveloper);

        // Repo AA: one branch per environment, `codes` a real gitlink to A's head.
        const QString opsPath = QStringLiteral("plugins/ops/") + id;
        QCOMPARE(projectCount(opsPath), 1);
        QString opsRepository;
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            opsRepository = m_emulator->store().repositoryPath(*project(opsPath));
            EmulatorRepository ops(opsRepository);
            const auto branches = ops.branches();
            QVERIFY(branches.contains(QStringLiteral("main")));
            QVERIFY(branches.contains(QStringLiteral("env/test")));
            QVERIFY(branches.contains(QStringLiteral("env/production")));
            const auto gitmodules = ops.file(QStringLiteral("env/test"), QStringLiteral(".gitmodules"));
            QVERIFY(gitmodules && gitmodules->content.contains(QByteArray("url = ../../apps/" + id.toUtf8() + ".git")));
            const auto outer = ops.file(QStringLiteral("env/production"), QStringLiteral("conf/nginx-outer.conf"));
            QVERIFY(outer && outer->content.contains(QByteArray::number(production->containerPort)));
            QVERIFY(outer->content.contains(QByteArray::number(production->fallbackPort)));
            QVERIFY(outer->content.contains("auth_request"));
            QVERIFY(outer->content.contains(authUrl));
            // Nothing granted yet: each environment starts with an empty grants file.
            for (const QString &branch : { QStringLiteral("env/test"), QStringLiteral("env/production") }) {
                const auto grants = ops.file(branch, QString::fromLatin1(EdgeGrants::FilePath));
                QVERIFY2(grants, qPrintable(branch));
                const EdgeGrantsResult parsed = EdgeGrantsFile::parse(grants->content);
                QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join(u' ')));
                QVERIFY(parsed.grants.isEmpty());
            }
            QVERIFY(ops.file(QStringLiteral("env/test"), QStringLiteral(".gitlab-ci.yml")).has_value());
            QVERIFY(ops.file(QStringLiteral("env/test"), QStringLiteral("conf/docker-compose.yaml")).has_value());
        }
        QStringList protectedBranches;
        for (const QJsonValue &v :
             apiList(QStringLiteral("/projects/%1/protected_branches").arg(GitLabClient::encode(opsPath))))
            protectedBranches.append(v.toObject().value(QLatin1StringView("name")).toString());
        protectedBranches.sort();
        // GitLab protected main itself when it was pushed (Maintainers only).
        QCOMPARE(protectedBranches,
                 QStringList({ QStringLiteral("env/production"), QStringLiteral("env/test"), QStringLiteral("main") }));
        for (const QString &branch : { QStringLiteral("env/test"), QStringLiteral("env/production") }) {
            QString mode;
            QCOMPARE(gitlink(opsRepository, branch, &mode), codeHead);
            QCOMPARE(mode, QStringLiteral("160000"));
        }

        // CI/CD variables: the deploy key masked and protected, per-environment host data.
        QHash<QString, QJsonObject> variables;
        for (const QJsonValue &v :
             apiList(QStringLiteral("/projects/%1/variables").arg(GitLabClient::encode(opsPath)))) {
            const QJsonObject o = v.toObject();
            const QString key = o.value(QLatin1StringView("key")).toString() + QLatin1Char('@')
                + o.value(QLatin1StringView("environment_scope")).toString();
            QVERIFY2(!variables.contains(key), qPrintable(key));
            variables.insert(key, o);
        }
        const QJsonObject key = variables.value(QStringLiteral("DEPLOY_SSH_KEY_B64@*"));
        QVERIFY(key.value(QLatin1StringView("masked")).toBool());
        QVERIFY(key.value(QLatin1StringView("protected")).toBool());
        QVERIFY(QByteArray::fromBase64(key.value(QLatin1StringView("value")).toString().toLatin1())
                    .startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
        for (const AllocationPlacement *p : { test, production }) {
            const QString scope = QLatin1Char('@') + p->environment;
            const QJsonObject knownHosts = variables.value(QStringLiteral("DEPLOY_KNOWN_HOSTS") + scope);
            QVERIFY(knownHosts.value(QLatin1StringView("protected")).toBool());
            QVERIFY(knownHosts.value(QLatin1StringView("value"))
                        .toString()
                        .startsWith(p->address + QStringLiteral(" ssh-ed25519 ")));
            QCOMPARE(
                variables.value(QStringLiteral("DEPLOY_HOST") + scope).value(QLatin1StringView("value")).toString(),
                p->address);
            QVERIFY(variables.value(QStringLiteral("DEPLOY_DIR") + scope)
                        .value(QLatin1StringView("value"))
                        .toString()
                        .contains(id));
        }

        // The key/value store: connection variables for the app's code, its
        // user there, the password nowhere but in the masked variable.
        QCOMPARE(variables.value(QStringLiteral("PLATFORM_KV_HOST@*")).value(QLatin1StringView("value")).toString(),
                 QStringLiteral("127.0.0.1"));
        QCOMPARE(variables.value(QStringLiteral("PLATFORM_KV_PORT@*")).value(QLatin1StringView("value")).toString(),
                 QString::number(m_valkey.port()));
        QCOMPARE(variables.value(QStringLiteral("PLATFORM_KV_USER@*")).value(QLatin1StringView("value")).toString(),
                 id);
        const QString keyValueProblemNow = keyValueProblem(id);
        QVERIFY2(keyValueProblemNow.isEmpty(), qPrintable(keyValueProblemNow));
        {
            const QByteArray password = variables.value(QStringLiteral("PLATFORM_KV_PASSWORD@*"))
                                            .value(QLatin1StringView("value"))
                                            .toString()
                                            .toUtf8();
            QMutexLocker lock(&m_emulator->store().mutex());
            EmulatorRepository inventory(
                m_emulator->store().repositoryPath(*project(QStringLiteral("plugins/ops/inventory"))));
            const auto allocation
                = inventory.file(QStringLiteral("main"), QStringLiteral("allocations/%1.json").arg(id));
            QVERIFY(allocation && !allocation->content.contains(password));
        }

        // The owner (a Developer) may push to repo A's main: GitLab protected
        // it for Maintainers, provisioning re-protected it for Developers.
        const QJsonObject mainRule
            = apiObject(QStringLiteral("/projects/%1/protected_branches/main").arg(GitLabClient::encode(codePath)));
        QCOMPARE(mainRule.value(QLatin1StringView("push_access_levels"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1StringView("access_level"))
                     .toInt(),
                 30);
        QVERIFY(!mainRule.value(QLatin1StringView("allow_force_push")).toBool());
        {
            const auto owner = clientFor(*m_emulator, QStringLiteral("dev01-token"));
            QJsonArray actions { QJsonObject { { QStringLiteral("action"), QStringLiteral("update") },
                                               { QStringLiteral("file_path"), QStringLiteral("web/index.php") },
                                               { QStringLiteral("content"), QStringLiteral("<?php echo 'v2';\n") } } };
            const QByteArray body
                = QJsonDocument(QJsonObject { { QStringLiteral("branch"), QStringLiteral("main") },
                                              { QStringLiteral("commit_message"), QStringLiteral("Owner's change") },
                                              { QStringLiteral("actions"), actions } })
                      .toJson(QJsonDocument::Compact);
            GitLabRequest commit;
            commit.method = QByteArrayLiteral("POST");
            commit.path = GitLabClient::projectPath(codePath) + QStringLiteral("/repository/commits");
            commit.body = body;
            std::optional<GitLabResponse> r;
            owner->send(commit, nullptr, [&r](const GitLabResponse &response) { r = response; });
            QVERIFY(spinUntil([&r] { return r.has_value(); }));
            QVERIFY2(r->error.isOk(), qPrintable(r->error.message));
        }

        // The ops project is on repo A's CI/CD job token allowlist, so the
        // first deploy of each environment clones `codes` and succeeds (its
        // protected variables were there before the branches were pushed).
        bool allowlisted = false;
        for (const QJsonValue &v :
             apiList(QStringLiteral("/projects/%1/job_token_scope/allowlist").arg(GitLabClient::encode(codePath))))
            allowlisted = allowlisted || v.toObject().value(QLatin1StringView("path_with_namespace")) == opsPath;
        QVERIFY(allowlisted);
        for (const QString &environment : { QStringLiteral("test"), QStringLiteral("production") }) {
            QString status;
            QVERIFY(spinUntil(
                [&] {
                    status.clear();
                    for (const QJsonValue &v :
                         apiList(QStringLiteral("/projects/%1/deployments").arg(GitLabClient::encode(opsPath)))) {
                        const QJsonObject d = v.toObject();
                        if (d.value(QLatin1StringView("environment")).toObject().value(QLatin1StringView("name"))
                            == environment)
                            status = d.value(QLatin1StringView("status")).toString();
                    }
                    return status == QLatin1String("success") || status == QLatin1String("failed");
                },
                60000));
            QCOMPARE(status, QStringLiteral("success"));
            QVERIFY(QFile::exists(m_dir->path() + QStringLiteral("/hosts/") + environment + QLatin1Char('/') + opsPath
                                  + QStringLiteral("/codes/web/index.php")));
        }

        // DNS, as a resolver sees it.
        QCOMPARE(m_pdns.dig(test->domain), QStringList { test->address });
        QCOMPARE(m_pdns.dig(production->domain), QStringList { production->address });

        // Running it again finds everything done and writes nothing.
        const int posts = postCount();
        const auto again = resume(id);
        QVERIFY2(again->finished, qPrintable(again->reason));
        QCOMPARE(again->skipped, Provisioner::createSteps());
        QCOMPARE(postCount(), posts);
    }

    void resumesAfterAFailureAtEachStep_data()
    {
        QTest::addColumn<Provisioner::Step>("step");
        QTest::addColumn<QString>("faultPath"); // empty: the DNS provider fails
        QTest::addColumn<QString>("method");
        QTest::newRow("code repository") << Provisioner::Step::CodeRepository << QStringLiteral("^/api/v4/projects$")
                                         << QStringLiteral("POST");
        QTest::newRow("skeleton") << Provisioner::Step::CodeRepository
                                  << QStringLiteral("^/api/v4/projects/[0-9]+/repository/commits$")
                                  << QStringLiteral("POST");
        QTest::newRow("labels") << Provisioner::Step::CodeRepository << QStringLiteral("/labels$")
                                << QStringLiteral("POST");
        QTest::newRow("owner") << Provisioner::Step::OwnerAccess << QStringLiteral("/members$")
                               << QStringLiteral("POST");
        QTest::newRow("management project") << Provisioner::Step::ManagementRepository
                                            << QStringLiteral("^/api/v4/projects$") << QStringLiteral("POST");
        QTest::newRow("job token allowlist") << Provisioner::Step::JobTokenAccess
                                             << QStringLiteral("/job_token_scope/allowlist$") << QStringLiteral("POST");
        QTest::newRow("git push") << Provisioner::Step::EnvironmentBranches << QStringLiteral("git-receive-pack")
                                  << QStringLiteral("POST");
        QTest::newRow("protect branches") << Provisioner::Step::ManagementRepository
                                          << QStringLiteral("/protected_branches$") << QStringLiteral("POST");
        QTest::newRow("variables") << Provisioner::Step::Variables << QStringLiteral("/variables$")
                                   << QStringLiteral("POST");
        // The store refuses the admin; the variables cannot be written after
        // the user was made (resumed, the user is made again with one password).
        QTest::newRow("key-value store") << Provisioner::Step::KeyValueUser << QStringLiteral("valkey") << QString();
        QTest::newRow("key-value variables")
            << Provisioner::Step::KeyValueUser << QStringLiteral("/variables$") << QStringLiteral("POST");
        QTest::newRow("dns") << Provisioner::Step::Dns << QString() << QString();
        QTest::newRow("activate") << Provisioner::Step::Activate << QStringLiteral("inventory/repository/commits$")
                                  << QStringLiteral("POST");
    }

    void resumesAfterAFailureAtEachStep()
    {
        QFETCH(Provisioner::Step, step);
        QFETCH(QString, faultPath);
        QFETCH(QString, method);

        // The fault is armed when the step starts, so the steps before it succeed.
        PowerDnsProvider wrongKey(m_pdns.apiUrl(), QStringLiteral("not-the-key"), { m_zone });
        ValkeyEndpoint wrongAdmin = m_valkey.admin();
        wrongAdmin.password = QStringLiteral("not-the-password");
        ValkeyAppAdmin refusingStore(wrongAdmin, QStringLiteral("127.0.0.1:%1").arg(m_valkey.port()));
        connect(m_provisioner.get(), &Provisioner::stepStarted, this, [&](Provisioner::Step started) {
            if (started != step)
                return;
            if (faultPath.isEmpty())
                m_provisioner->setDnsProvider(&wrongKey);
            else if (faultPath == QLatin1String("valkey"))
                m_provisioner->setKeyValueAdmin(&refusingStore);
            else
                m_emulator->addFault(EmulatorFault::serverError(faultPath, 500, -1).onMethod(method));
        });
        const auto broken = provision(shopRequest());
        disconnect(m_provisioner.get(), &Provisioner::stepStarted, this, nullptr);
        QVERIFY(broken->failed);
        QCOMPARE(broken->failedStep, step);
        QVERIFY(!broken->reason.isEmpty());
        const QString id = m_provisioner->appId();
        QVERIFY(!id.isEmpty());
        QVERIFY(storedRecord(id)->status == QLatin1String("provisioning"));

        m_emulator->clearFaults();
        m_provisioner->setDnsProvider(m_dns.get());
        // After a restart the console finds the unfinished app in the
        // inventory (the sync reads its allocation status)...
        QStringList unfinished;
        for (const AllocationRecord &r : allocationRecords(*m_emulator)) {
            if (r.status == QLatin1String("provisioning"))
                unfinished.append(r.id);
        }
        QCOMPARE(unfinished, QStringList { id });
        // ...and a new session (as after a restart) resumes from the inventory alone.
        m_provisioner = std::make_unique<Provisioner>(m_client.get(), m_allocator.get());
        m_provisioner->setDnsProvider(m_dns.get());
        m_provisioner->setKeyValueAdmin(m_keyValue.get());
        const auto resumed = resume(id);
        QVERIFY2(resumed->finished, qPrintable(resumed->reason));
        QVERIFY(!resumed->started.contains(Provisioner::Step::Allocate));
        QVERIFY(resumed->started.contains(step));

        // Nothing twice: one app, one of each project, variable, member and record.
        QCOMPARE(allocationFileCount(), 21);
        QCOMPARE(storedRecord(id)->status, QStringLiteral("active"));
        QCOMPARE(projectCount(QStringLiteral("plugins/apps/") + id), 1);
        QCOMPARE(projectCount(QStringLiteral("plugins/ops/") + id), 1);
        // The deploy key's two, three per environment, the store's five.
        const QString notOnce = notProvisionedOnce(*m_client, id, QStringLiteral("dev01"), 2 + 3 * 2 + 5);
        QVERIFY2(notOnce.isEmpty(), qPrintable(notOnce));
        const QString keyValue = keyValueProblem(id);
        QVERIFY2(keyValue.isEmpty(), qPrintable(keyValue));
        QCOMPARE(apiList(QStringLiteral("/projects/%1/job_token_scope/allowlist")
                             .arg(GitLabClient::encode(QStringLiteral("plugins/apps/") + id)))
                     .size(),
                 2); // the project itself and the ops project
        const QJsonArray labels = apiList(
            QStringLiteral("/projects/%1/labels").arg(GitLabClient::encode(QStringLiteral("plugins/apps/") + id)));
        QCOMPARE(labels.size(), 8);
        const auto record = storedRecord(id);
        for (const AllocationPlacement &p : record->placements)
            QCOMPARE(m_pdns.dig(p.domain), QStringList { p.address });
    }

    void existingVariablesAreUpdatedNotDuplicated()
    {
        // Someone set DEPLOY_HOST by hand (wrong, unprotected) before the step ran.
        connect(m_provisioner.get(), &Provisioner::stepStarted, this, [this](Provisioner::Step step) {
            if (step != Provisioner::Step::Variables)
                return;
            QMutexLocker lock(&m_emulator->store().mutex());
            EmulatorProject *ops = project(QStringLiteral("plugins/ops/") + m_provisioner->appId());
            EmulatorVariable stale;
            stale.key = QStringLiteral("DEPLOY_HOST");
            stale.value = QStringLiteral("203.0.113.99");
            stale.environmentScope = QStringLiteral("test");
            ops->variables.append(stale);
        });
        const auto run = provision(shopRequest());
        disconnect(m_provisioner.get(), &Provisioner::stepStarted, this, nullptr);
        QVERIFY2(run->finished, qPrintable(run->reason));
        const QString id = m_provisioner->appId();
        int hosts = 0;
        for (const QJsonValue &v : apiList(QStringLiteral("/projects/%1/variables")
                                               .arg(GitLabClient::encode(QStringLiteral("plugins/ops/") + id)))) {
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1StringView("key")).toString() != QLatin1String("DEPLOY_HOST")
                || o.value(QLatin1StringView("environment_scope")).toString() != QLatin1String("test"))
                continue;
            ++hosts;
            QCOMPARE(o.value(QLatin1StringView("value")).toString(),
                     storedRecord(id)->placement(QStringLiteral("test"))->address);
            QVERIFY(o.value(QLatin1StringView("protected")).toBool());
        }
        QCOMPARE(hosts, 1);
    }

    // An owner who already is Maintainer of plugins/apps: GitLab refuses a
    // lower direct role (Member#higher_access_level_than_group), and none is needed.
    void ownerWithAnInheritedRoleIsAccepted()
    {
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            EmulatorStore &store = m_emulator->store();
            store.groupByPath(QStringLiteral("plugins/apps"))
                ->members.append(EmulatorMember { store.userByName(QStringLiteral("dev01"))->id, 40, {} });
        }
        const auto run = provision(shopRequest());
        QVERIFY2(run->finished, qPrintable(run->reason));
        const QString codePath = QStringLiteral("plugins/apps/") + m_provisioner->appId();
        for (const QJsonValue &v : apiList(QStringLiteral("/projects/%1/members").arg(GitLabClient::encode(codePath))))
            QVERIFY(v.toObject().value(QLatin1StringView("username")).toString() != QLatin1String("dev01"));
    }

    void failedAllocationLeavesNothingAndCanStartAgain()
    {
        m_emulator->addFault(EmulatorFault::serverError(QStringLiteral("inventory/repository/commits$"), 500, -1)
                                 .onMethod(QStringLiteral("POST")));
        const auto broken = provision(shopRequest());
        QVERIFY(broken->failed);
        QCOMPARE(broken->failedStep, Provisioner::Step::Allocate);
        QCOMPARE(allocationFileCount(), 20);
        m_emulator->clearFaults();
        const auto run = provision(shopRequest());
        QVERIFY2(run->finished, qPrintable(run->reason));
        QCOMPARE(allocationFileCount(), 21);
    }

    void hostileInputIsRefusedBeforeAnyRequest_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        const QList<std::pair<const char *, QString>> corpus {
            { "newline", QStringLiteral("Shop\nX") },      { "semicolon", QStringLiteral("Shop; rm -rf") },
            { "brace", QStringLiteral("Shop}") },          { "dollar", QStringLiteral("Shop$HOME") },
            { "double quote", QStringLiteral("Shop\"x") }, { "single quote", QStringLiteral("Shop'x") },
            { "dot dot slash", QStringLiteral("../etc") }, { "cyrillic o", QStringLiteral("Sh\u043Ep") },
            { "fullwidth", QStringLiteral("\uFF33hop") },  { "overlong", QString(300, QLatin1Char('a')) },
            { "nul", QStringLiteral("Shop") + QChar(0) },
        };
        for (const QString &field :
             { QStringLiteral("name"), QStringLiteral("owner"), QStringLiteral("description"),
               QStringLiteral("test_host"), QStringLiteral("fallback_mode"), QStringLiteral("environments") }) {
            for (const auto &[label, value] : corpus) {
                // Overlong text is fine for nothing; a plain '.' or '(' is fine in a description.
                QTest::addRow("%s/%s", qPrintable(field), label) << field << value;
            }
        }
    }

    void hostileInputIsRefusedBeforeAnyRequest()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        ProvisionRequest request = shopRequest();
        if (field == QLatin1String("name"))
            request.name = value;
        else if (field == QLatin1String("owner"))
            request.owner = value;
        else if (field == QLatin1String("description"))
            request.description = value;
        else if (field == QLatin1String("test_host"))
            request.testHost = value;
        else if (field == QLatin1String("fallback_mode"))
            request.fallbackMode = value;
        else
            request.environments = { QStringLiteral("test"), value };
        const int before = m_emulator->requestCount(QString(), QStringLiteral("."));
        const auto run = provision(request);
        QVERIFY(run->refused);
        QVERIFY(!run->finished);
        QCOMPARE(run->fieldErrors.size(), 1);
        QCOMPARE(run->fieldErrors.first().field, field);
        QVERIFY(!run->fieldErrors.first().message.isEmpty());
        QVERIFY(!run->fieldErrors.first().message.contains(value)); // never echoed back
        QCOMPARE(m_emulator->requestCount(QString(), QStringLiteral(".")), before);
    }

    void unknownOwnerAndHostAreRefusedWithTheirField()
    {
        ProvisionRequest request = shopRequest();
        request.owner = QStringLiteral("nobody42");
        request.productionHost = QStringLiteral("docker-test-1"); // a test host, not a production one
        const auto run = provision(request);
        QVERIFY(run->refused);
        QStringList fields;
        for (const ProvisionFieldError &e : run->fieldErrors)
            fields.append(e.field);
        fields.sort();
        QCOMPARE(fields, QStringList({ QStringLiteral("owner"), QStringLiteral("production_host") }));
        QCOMPARE(allocationFileCount(), 20);
    }

    // Rotation without downtime: a container connected with the old password
    // keeps working while the environments deploy the new one; once the
    // rotation is finished the old password lets no one in.
    void keyValuePasswordRotatesWithoutDowntime()
    {
        const auto run = provision(shopRequest());
        QVERIFY2(run->finished, qPrintable(run->reason));
        const QString id = m_provisioner->appId();
        const QString ops = QStringLiteral("plugins/ops/") + id;
        const auto passwordVariable = [&] {
            for (const QJsonValue &v :
                 apiList(QStringLiteral("/projects/%1/variables").arg(GitLabClient::encode(ops)))) {
                if (v.toObject().value(QLatin1StringView("key")) == QLatin1String("PLATFORM_KV_PASSWORD"))
                    return v.toObject();
            }
            return QJsonObject();
        };
        const QString oldPassword = passwordVariable().value(QLatin1StringView("value")).toString();
        ValkeyConnection running(m_valkey.as(id, oldPassword)); // a container started before the rotation
        QVERIFY2(running.isOpen(), qPrintable(running.error()));
        const int pipelinesBefore
            = int(apiList(QStringLiteral("/projects/%1/pipelines").arg(GitLabClient::encode(ops))).size());

        KeyValueRotation rotation(m_client.get(), m_keyValue.get());
        std::optional<QString> begun;
        rotation.begin(id, ops, { QStringLiteral("env/test"), QStringLiteral("env/production") },
                       [&begun](const QString &error) { begun = error; });
        QVERIFY(spinUntil([&] { return begun.has_value(); }));
        QVERIFY2(begun->isEmpty(), qPrintable(*begun));
        const QJsonObject variable = passwordVariable();
        const QString newPassword = variable.value(QLatin1StringView("value")).toString();
        QVERIFY(newPassword.size() >= 32 && newPassword != oldPassword);
        QVERIFY(variable.value(QLatin1StringView("masked")).toBool());
        QVERIFY(variable.value(QLatin1StringView("protected")).toBool());
        // Both passwords work while the deploys run, and the running client goes on.
        QVERIFY(ValkeyConnection(m_valkey.as(id, oldPassword)).isOpen());
        QVERIFY(ValkeyConnection(m_valkey.as(id, newPassword)).isOpen());
        QCOMPARE(running.command({ "SET", '{' + id.toUtf8() + "}:during", "1" }).text, QByteArray("OK"));
        // Each environment deploys again.
        QCOMPARE(int(apiList(QStringLiteral("/projects/%1/pipelines").arg(GitLabClient::encode(ops))).size()),
                 pipelinesBefore + 2);

        std::optional<QString> finished;
        rotation.finish(id, ops, [&finished](const QString &error) { finished = error; });
        QVERIFY(spinUntil([&] { return finished.has_value(); }));
        QVERIFY2(finished->isEmpty(), qPrintable(*finished));
        QVERIFY(!ValkeyConnection(m_valkey.as(id, oldPassword)).isOpen());
        QVERIFY(ValkeyConnection(m_valkey.as(id, newPassword)).isOpen());
        const QString keyValue = keyValueProblem(id); // one password, its own keys only
        QVERIFY2(keyValue.isEmpty(), qPrintable(keyValue));

        // Finishing again changes nothing; an app without a user is told so.
        finished.reset();
        rotation.finish(id, ops, [&finished](const QString &error) { finished = error; });
        QVERIFY(spinUntil([&] { return finished.has_value(); }));
        QVERIFY2(finished->isEmpty(), qPrintable(*finished));
        begun.reset();
        rotation.begin(QStringLiteral("app1000740"), QStringLiteral("plugins/ops/app1000740"), {},
                       [&begun](const QString &error) { begun = error; });
        QVERIFY(spinUntil([&] { return begun.has_value(); }));
        QVERIFY2(begun->contains(QStringLiteral("no key/value user")), qPrintable(*begun));
    }

    // An app set up while the profile had no key/value store gets its user
    // later from the Application menu: the same user and variables as a new
    // app, and each environment deploys again to pick them up.
    void appSetUpBeforeTheStoreIsEnrolled()
    {
        m_provisioner->setKeyValueAdmin(nullptr);
        const auto aclList = [&] {
            QList<QByteArray> rules;
            for (const ValkeyReply &rule : m_valkey.adminConnection().command({ "ACL", "LIST" }).elements)
                rules.append(rule.text);
            return rules;
        };
        const QList<QByteArray> rulesBefore = aclList();
        const auto run = provision(shopRequest());
        QVERIFY2(run->finished, qPrintable(run->reason));
        const QString id = m_provisioner->appId();
        const QString ops = QStringLiteral("plugins/ops/") + id;
        const auto variables = [&] {
            QMap<QString, QString> values;
            for (const QJsonValue &v : apiList(QStringLiteral("/projects/%1/variables").arg(GitLabClient::encode(ops))))
                values.insert(v.toObject().value(QLatin1StringView("key")).toString(),
                              v.toObject().value(QLatin1StringView("value")).toString());
            return values;
        };
        const auto pipelines = [&] {
            return int(apiList(QStringLiteral("/projects/%1/pipelines").arg(GitLabClient::encode(ops))).size());
        };
        QVERIFY(!variables().contains(QStringLiteral("PLATFORM_KV_PASSWORD")));
        QCOMPARE(aclList(), rulesBefore); // no store in the profile: nothing was made there
        // An app of an earlier test may have had this id and left its user.
        m_valkey.adminConnection().command({ "ACL", "DELUSER", id.toUtf8() });

        KeyValueRotation keyValue(m_client.get(), m_keyValue.get());
        const QStringList branches { QStringLiteral("env/test"), QStringLiteral("env/production") };
        QString firstPassword;
        for (int round = 0; round < 2; ++round) { // and again: nothing changes but the deploys
            const int pipelinesBefore = pipelines();
            std::optional<QString> enrolled;
            keyValue.enrol(id, ops, branches, [&enrolled](const QString &error) { enrolled = error; });
            QVERIFY(spinUntil([&] { return enrolled.has_value(); }));
            QVERIFY2(enrolled->isEmpty(), qPrintable(*enrolled));
            const QString problem = keyValueProblem(id); // masked password, one password, its own keys only
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            const QMap<QString, QString> values = variables();
            QCOMPARE(values.value(QStringLiteral("PLATFORM_KV_USER")), id);
            QCOMPARE(values.value(QStringLiteral("PLATFORM_KV_PORT")), QString::number(m_valkey.port()));
            QCOMPARE(pipelines(), pipelinesBefore + 2);
            if (round == 0)
                firstPassword = values.value(QStringLiteral("PLATFORM_KV_PASSWORD"));
            else
                QCOMPARE(values.value(QStringLiteral("PLATFORM_KV_PASSWORD")), firstPassword);
        }
        // Now the rotation has a user to work on.
        std::optional<QString> begun;
        keyValue.begin(id, ops, {}, [&begun](const QString &error) { begun = error; });
        QVERIFY(spinUntil([&] { return begun.has_value(); }));
        QVERIFY2(begun->isEmpty(), qPrintable(*begun));
    }

    void archiveRemovesDnsArchivesReposAndReleasesPorts()
    {
        ProvisionRequest request = shopRequest();
        request.environments = { QStringLiteral("test") };
        request.fallbackMode = QStringLiteral("static");
        const auto run = provision(request);
        QVERIFY2(run->finished, qPrintable(run->reason));
        const QString id = m_provisioner->appId();
        QCOMPARE(storedRecord(id)->status, QStringLiteral("test-only"));
        const AllocationPlacement placement = storedRecord(id)->placements.first();
        QCOMPARE(m_pdns.dig(placement.domain), QStringList { placement.address });
        QVERIFY(keyValueProblem(id).isEmpty()); // it wrote a key of its own
        const QByteArray appKey = '{' + id.toUtf8() + "}:cart";
        QCOMPARE(m_valkey.adminConnection().command({ "EXISTS", appKey }).integer, 1);

        bool done = false;
        QString reason;
        connect(m_provisioner.get(), &Provisioner::archived, this, [&done](const QString &) { done = true; });
        connect(m_provisioner.get(), &Provisioner::failed, this,
                [&reason](Provisioner::Step, const QString &why) { reason = why; });
        m_provisioner->archive(id);
        QVERIFY(spinUntil([&] { return done || !reason.isEmpty(); }));
        QVERIFY2(done, qPrintable(reason));

        QCOMPARE(m_pdns.dig(placement.domain), QStringList());
        // Its user and its keys are gone from the key/value store.
        QCOMPARE(m_valkey.adminConnection().command({ "EXISTS", appKey }).integer, 0);
        QCOMPARE(m_valkey.adminConnection().command({ "ACL", "GETUSER", id.toUtf8() }).type, ValkeyReply::Type::Nil);
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            QVERIFY(project(QStringLiteral("plugins/apps/") + id)->archived);
            QVERIFY(project(QStringLiteral("plugins/ops/") + id)->archived);
            EmulatorRepository inventory(
                m_emulator->store().repositoryPath(*project(QStringLiteral("plugins/ops/inventory"))));
            const auto ledger
                = inventory.file(QStringLiteral("main"), QStringLiteral("ledger/%1.json").arg(placement.host));
            QVERIFY(ledger && !ledger->content.contains(id.toUtf8()));
        }
        QCOMPARE(storedRecord(id)->status, QStringLiteral("archived"));
        // An archived app is not provisioned again.
        const auto again = resume(id);
        QVERIFY(again->failed);
    }
};

QTEST_MAIN(TestProvisioner)
#include "tst_provisioner.moc"
