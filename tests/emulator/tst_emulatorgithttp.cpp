#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/emulator/emulatortesthelpers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <git2.h>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Git smart HTTP of the emulator with the git CLI and libgit2, and the
// pipeline + deployment a push to an environment branch sets off.
class TestEmulatorGitHttp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_work;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<Client> m_client;
    SandboxSeedResult m_seed;
    QString m_app;

    QUrl repoUrl(const QString &path, const QString &user = {}, const QString &password = {}) const
    {
        QUrl url = m_emulator->baseUrl();
        url.setPath(QLatin1Char('/') + path + QStringLiteral(".git"));
        if (!user.isEmpty()) {
            url.setUserName(user);
            url.setPassword(password);
        }
        return url;
    }

    int git(const QStringList &args, const QString &cwd = {}, QByteArray *output = nullptr)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_work.path());
        env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
        env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(cwd.isEmpty() ? m_work.path() : cwd);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("git"),
                QStringList { QStringLiteral("-c"), QStringLiteral("user.name=Test Admin"), QStringLiteral("-c"),
                              QStringLiteral("user.email=t@example.test") }
                    + args);
        if (!p.waitForFinished(60000))
            return -1;
        if (output)
            *output = p.readAll();
        else
            qDebug().noquote() << QString::fromUtf8(p.readAll()).trimmed();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    QJsonObject latestPipeline(const QString &project, const QString &ref)
    {
        const Reply r = m_client->get(QStringLiteral("/projects/%1/pipelines?ref=%2")
                                          .arg(QString::fromUtf8(QUrl::toPercentEncoding(project)),
                                               QString::fromUtf8(QUrl::toPercentEncoding(ref))));
        return r.json().array().isEmpty() ? QJsonObject() : r.json().array().first().toObject();
    }

    QString jobTrace(const QString &project, qint64 pipelineId)
    {
        const QString encoded = QString::fromUtf8(QUrl::toPercentEncoding(project));
        Reply r
            = m_client->get(QStringLiteral("/projects/%1/pipelines/%2/jobs").arg(encoded, QString::number(pipelineId)));
        const qint64 jobId = r.json().array().first().toObject().value(QStringLiteral("id")).toInteger();
        r = m_client->get(QStringLiteral("/projects/%1/jobs/%2/trace").arg(encoded, QString::number(jobId)));
        return QString::fromUtf8(r.body);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_work.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        SandboxSeedOptions options;
        options.appCount = 3;
        m_seed = SandboxSeeder(*m_emulator).seed(options);
        QVERIFY(m_emulator->start());
        m_emulator->setPipelineStepMs(50);
        m_client = std::make_unique<Client>(m_emulator->apiUrl(), m_emulator->adminToken());
        m_app = m_seed.appIds.first();
    }

    void cleanupTestCase() { m_emulator.reset(); }

    void cloneNeedsAToken_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::newRow("none") << QString() << QString();
        QTest::newRow("wrong token") << QStringLiteral("oauth2") << QStringLiteral("glpat-wrong");
    }

    void cloneNeedsAToken()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        m_emulator->clearRequestLog();
        QByteArray out;
        const QString target = m_work.filePath(
            QStringLiteral("denied-")
            + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
        QCOMPARE(git({ QStringLiteral("clone"),
                       repoUrl(QStringLiteral("plugins/ops/") + m_app, user, password).toString(), target },
                     {}, &out),
                 128);
        QVERIFY2(m_emulator->requestCount(QStringLiteral("GET"), QStringLiteral("info/refs")) >= 1, out.constData());
        for (const auto &e : m_emulator->requestLog())
            QCOMPARE(e.status, 401);
        QVERIFY(!QDir(target).exists(QStringLiteral("codes")));
    }

    void cliCloneAndPushCreatesPipelineAndDeployment()
    {
        const QString clone = m_work.filePath(QStringLiteral("cli"));
        QCOMPARE(
            git({ QStringLiteral("clone"), QStringLiteral("--branch"), QStringLiteral("env/test"),
                  repoUrl(QStringLiteral("plugins/ops/") + m_app, QStringLiteral("oauth2"), m_emulator->adminToken())
                      .toString(),
                  clone }),
            0);
        QVERIFY(QFile::exists(clone + QStringLiteral("/.gitmodules")));
        QVERIFY(QFile::exists(clone + QStringLiteral("/conf/docker-compose.yaml")));

        QFile conf(clone + QStringLiteral("/conf/php-fpm-container.conf"));
        QVERIFY(conf.open(QIODevice::Append));
        conf.write("request_slowlog_timeout = 7s\n");
        conf.close();
        QCOMPARE(git({ QStringLiteral("commit"), QStringLiteral("-qam"), QStringLiteral("Tune php-fpm") }, clone), 0);
        QByteArray sha;
        git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD") }, clone, &sha);
        sha = sha.trimmed();

        // Queued into this thread: the emulator emits from its own.
        QList<QPair<qint64, QString>> statuses;
        QObject receiver;
        connect(
            m_emulator.get(), &GitLabEmulator::pipelineStatusChanged, &receiver,
            [&statuses](qint64, qint64 pipelineId, const QString &status) { statuses.append({ pipelineId, status }); });
        QCOMPARE(git({ QStringLiteral("push"), QStringLiteral("origin"), QStringLiteral("env/test") }, clone), 0);
        QTRY_COMPARE_WITH_TIMEOUT(latestPipeline(QStringLiteral("plugins/ops/") + m_app, QStringLiteral("env/test"))
                                      .value(QStringLiteral("status"))
                                      .toString(),
                                  QStringLiteral("success"), 10000);
        const QJsonObject pipeline = latestPipeline(QStringLiteral("plugins/ops/") + m_app, QStringLiteral("env/test"));
        QCOMPARE(pipeline.value(QStringLiteral("sha")).toString().toLatin1(), sha);
        // The statuses moved as in GitLab, one at a time.
        QStringList seen;
        QTRY_VERIFY(!statuses.isEmpty() && statuses.last().second == QLatin1String("success"));
        for (const auto &entry : std::as_const(statuses)) {
            if (entry.first == pipeline.value(QStringLiteral("id")).toInteger())
                seen.append(entry.second);
        }
        QCOMPARE(seen,
                 (QStringList { QStringLiteral("created"), QStringLiteral("running"), QStringLiteral("success") }));

        const QString project = QString::fromUtf8(QUrl::toPercentEncoding(QStringLiteral("plugins/ops/") + m_app));
        Reply r = m_client->get(
            QStringLiteral("/projects/%1/deployments?environment=test&order_by=id&sort=desc").arg(project));
        const QJsonObject deployment = r.json().array().first().toObject();
        QCOMPARE(deployment.value(QStringLiteral("sha")).toString().toLatin1(), sha);
        QCOMPARE(deployment.value(QStringLiteral("status")).toString(), QStringLiteral("success"));
        QCOMPARE(deployment.value(QStringLiteral("ref")).toString(), QStringLiteral("env/test"));
        QCOMPARE(deployment.value(QStringLiteral("user")).toObject().value(QStringLiteral("username")).toString(),
                 QStringLiteral("root"));

        r = m_client->get(QStringLiteral("/projects/%1/pipelines/%2/jobs")
                              .arg(project, QString::number(pipeline.value(QStringLiteral("id")).toInteger())));
        const qint64 jobId = r.json().array().first().toObject().value(QStringLiteral("id")).toInteger();
        r = m_client->get(QStringLiteral("/projects/%1/jobs/%2/trace").arg(project, QString::number(jobId)));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("text/plain"));
        QVERIFY(r.body.contains("Job succeeded"));

        // The default deployer put the tree on the "host".
        QFile deployed(m_emulator->dataDir() + QStringLiteral("/hosts/test/plugins/ops/") + m_app
                       + QStringLiteral("/conf/php-fpm-container.conf"));
        QVERIFY(deployed.open(QIODevice::ReadOnly));
        QVERIFY(deployed.readAll().contains("request_slowlog_timeout = 7s"));
    }

    void failedDeployMarksPipelineFailed()
    {
        const QString clone = m_work.filePath(QStringLiteral("cli"));
        QCOMPARE(git({ QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"),
                       QStringLiteral("-m"), QStringLiteral("Redeploy") },
                     clone),
                 0);
        m_emulator->failNextDeploy(QStringLiteral("host docker-test-1 unreachable"));
        QCOMPARE(git({ QStringLiteral("push"), QStringLiteral("origin"), QStringLiteral("env/test") }, clone), 0);
        const QString path = QStringLiteral("plugins/ops/") + m_app;
        QTRY_COMPARE_WITH_TIMEOUT(
            latestPipeline(path, QStringLiteral("env/test")).value(QStringLiteral("status")).toString(),
            QStringLiteral("failed"), 10000);
        const QString project = QString::fromUtf8(QUrl::toPercentEncoding(path));
        const qint64 pipelineId
            = latestPipeline(path, QStringLiteral("env/test")).value(QStringLiteral("id")).toInteger();
        Reply r = m_client->get(QStringLiteral("/projects/%1/pipelines/%2").arg(project, QString::number(pipelineId)));
        QVERIFY(!r.json().object().value(QStringLiteral("finished_at")).isNull());
        r = m_client->get(QStringLiteral("/projects/%1/deployments?environment=test&status=failed").arg(project));
        QVERIFY(!r.json().array().isEmpty());
        r = m_client->get(QStringLiteral("/projects/%1/pipelines/%2/jobs").arg(project, QString::number(pipelineId)));
        const qint64 jobId = r.json().array().first().toObject().value(QStringLiteral("id")).toInteger();
        r = m_client->get(QStringLiteral("/projects/%1/jobs/%2/trace").arg(project, QString::number(jobId)));
        QVERIFY(r.body.contains("host docker-test-1 unreachable"));
        r = m_client->get(QStringLiteral("/projects/%1/pipelines/%2/jobs?scope[]=success&scope[]=failed")
                              .arg(project, QString::number(pipelineId)));
        QCOMPARE(r.json().array().size(), 1);
        r = m_client->get(QStringLiteral("/projects/%1/pipelines/%2/jobs?scope[]=success&scope[]=running")
                              .arg(project, QString::number(pipelineId)));
        QCOMPARE(r.json().array().size(), 0);
    }

    void nonFastForwardPushIsRejected()
    {
        const QString a = m_work.filePath(QStringLiteral("race-a"));
        const QString b = m_work.filePath(QStringLiteral("race-b"));
        const QString url
            = repoUrl(QStringLiteral("plugins/ops/") + m_app, QStringLiteral("oauth2"), m_emulator->adminToken())
                  .toString();
        QCOMPARE(git({ QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--branch"),
                       QStringLiteral("env/production"), url, a }),
                 0);
        QCOMPARE(git({ QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--branch"),
                       QStringLiteral("env/production"), url, b }),
                 0);
        QCOMPARE(git({ QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"),
                       QStringLiteral("-m"), QStringLiteral("a") },
                     a),
                 0);
        QCOMPARE(git({ QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"),
                       QStringLiteral("-m"), QStringLiteral("b") },
                     b),
                 0);
        QCOMPARE(git({ QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                       QStringLiteral("env/production") },
                     a),
                 0);
        QVERIFY(git({ QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                      QStringLiteral("env/production") },
                    b)
                != 0);
    }

    void developerCannotPushToManagementRepo()
    {
        const EmulatorUser dev = m_seed.developers.first();
        // dev01 owns app index 0's code repo and may push there, not to ops.
        QByteArray out;
        const QString target = m_work.filePath(QStringLiteral("dev-ops"));
        QVERIFY(git({ QStringLiteral("clone"),
                      repoUrl(QStringLiteral("plugins/ops/") + m_app, QStringLiteral("oauth2"), dev.token).toString(),
                      target },
                    {}, &out)
                != 0);
        const QString code = m_work.filePath(QStringLiteral("dev-code"));
        QCOMPARE(git({ QStringLiteral("clone"), QStringLiteral("-q"),
                       repoUrl(QStringLiteral("plugins/apps/") + m_app, QStringLiteral("oauth2"), dev.token).toString(),
                       code }),
                 0);
        QCOMPARE(git({ QStringLiteral("tag"), QStringLiteral("-a"), QStringLiteral("v2.0.0"), QStringLiteral("-m"),
                       QStringLiteral("Two") },
                     code),
                 0);
        QCOMPARE(
            git({ QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"), QStringLiteral("v2.0.0") },
                code),
            0);
        const Reply r = m_client->get(QStringLiteral("/projects/plugins%2Fapps%2F") + m_app
                                      + QStringLiteral("/repository/tags/v2.0.0"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(QStringLiteral("message")).toString(), QStringLiteral("Two"));
    }

    void libgit2CloneAndPush()
    {
        // libgit2 hands every remote callback the same payload.
        struct Session {
            QByteArray token;
            int attempts = 0;
            QString rejection;
        } credentials { m_emulator->adminToken().toUtf8(), 0, {} };
        auto acquire
            = [](git_credential **out, const char *, const char *, unsigned int allowed, void *payload) -> int {
            auto *c = static_cast<Session *>(payload);
            if (!(allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) || ++c->attempts > 3)
                return GIT_EUSER;
            return git_credential_userpass_plaintext_new(out, "oauth2", c->token.constData());
        };
        const QString path = m_work.filePath(QStringLiteral("libgit2"));
        const QByteArray url = repoUrl(QStringLiteral("plugins/ops/") + m_seed.appIds.at(1)).toEncoded();
        git_clone_options options = GIT_CLONE_OPTIONS_INIT;
        options.fetch_opts.callbacks.credentials = acquire;
        options.fetch_opts.callbacks.payload = &credentials;
        options.checkout_branch = "env/test";
        git_repository *repo = nullptr;
        QCOMPARE(git_clone(&repo, url.constData(), path.toUtf8().constData(), &options), 0);

        // Commit on env/test from the index and push it.
        git_reference *head = nullptr;
        QCOMPARE(git_repository_head(&head, repo), 0);
        git_commit *parent = nullptr;
        QCOMPARE(git_commit_lookup(&parent, repo, git_reference_target(head)), 0);
        QFile f(path + QStringLiteral("/conf/nginx-container.conf"));
        QVERIFY(f.open(QIODevice::Append));
        f.write("# libgit2 edit\n");
        f.close();
        git_index *index = nullptr;
        QCOMPARE(git_repository_index(&index, repo), 0);
        QCOMPARE(git_index_add_bypath(index, "conf/nginx-container.conf"), 0);
        QCOMPARE(git_index_write(index), 0);
        git_oid treeId;
        QCOMPARE(git_index_write_tree(&treeId, index), 0);
        git_tree *tree = nullptr;
        QCOMPARE(git_tree_lookup(&tree, repo, &treeId), 0);
        git_signature *sig = nullptr;
        QCOMPARE(git_signature_now(&sig, "Test Admin", "t@example.test"), 0);
        git_oid commitId;
        const git_commit *parents[] = { parent };
        QCOMPARE(git_commit_create(&commitId, repo, "HEAD", sig, sig, nullptr, "libgit2 edit", tree, 1, parents), 0);

        git_remote *remote = nullptr;
        QCOMPARE(git_remote_lookup(&remote, repo, "origin"), 0);
        git_push_options pushOptions = GIT_PUSH_OPTIONS_INIT;
        pushOptions.callbacks.credentials = acquire;
        credentials.attempts = 0;
        pushOptions.callbacks.push_update_reference = [](const char *, const char *status, void *payload) -> int {
            if (status)
                static_cast<Session *>(payload)->rejection = QString::fromUtf8(status);
            return 0;
        };
        pushOptions.callbacks.payload = &credentials;
        char refspec[] = "refs/heads/env/test:refs/heads/env/test";
        char *specs[] = { refspec };
        const git_strarray refspecs = { specs, 1 };
        const int rc = git_remote_push(remote, &refspecs, &pushOptions);
        const git_error *err = git_error_last();
        QVERIFY2(rc == 0, err ? err->message : "push failed");
        QVERIFY2(credentials.rejection.isEmpty(), qPrintable(credentials.rejection));

        char sha[GIT_OID_SHA1_HEXSIZE + 1] = {};
        git_oid_tostr(sha, sizeof sha, &commitId);
        git_remote_free(remote);
        git_signature_free(sig);
        git_tree_free(tree);
        git_index_free(index);
        git_commit_free(parent);
        git_reference_free(head);
        git_repository_free(repo);

        const QString project = QStringLiteral("plugins/ops/") + m_seed.appIds.at(1);
        QTRY_COMPARE_WITH_TIMEOUT(
            latestPipeline(project, QStringLiteral("env/test")).value(QStringLiteral("sha")).toString(),
            QString::fromLatin1(sha), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            latestPipeline(project, QStringLiteral("env/test")).value(QStringLiteral("status")).toString(),
            QStringLiteral("success"), 10000);
    }

    // GitLab's pre-receive (lib/gitlab/checks/branch_check.rb): protected
    // branches refuse force pushes, pushes below their level and deletion,
    // with the reason on the sideband.
    void protectedBranchesAreEnforcedOnPush()
    {
        const QString url
            = repoUrl(QStringLiteral("plugins/ops/") + m_app, QStringLiteral("oauth2"), m_emulator->adminToken())
                  .toString();
        const QString clone = m_work.filePath(QStringLiteral("force"));
        QCOMPARE(git({ QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--branch"),
                       QStringLiteral("env/production"), url, clone }),
                 0);
        QCOMPARE(git({ QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--amend"),
                       QStringLiteral("--allow-empty"), QStringLiteral("-m"), QStringLiteral("Rewritten") },
                     clone),
                 0);
        QByteArray out;
        QVERIFY(git({ QStringLiteral("push"), QStringLiteral("--force"), QStringLiteral("origin"),
                      QStringLiteral("env/production") },
                    clone, &out)
                != 0);
        QVERIFY2(out.contains("GitLab: You are not allowed to force push code to a protected branch on this project."),
                 out.constData());
        QVERIFY(git({ QStringLiteral("push"), QStringLiteral("origin"), QStringLiteral(":main") }, clone, &out) != 0);
        QVERIFY2(out.contains("GitLab: The default branch of a project cannot be deleted."), out.constData());

        // A Developer below the branch's push level.
        const EmulatorUser dev = m_seed.developers.first();
        const QString codePath = QStringLiteral("plugins/apps/") + m_app;
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            EmulatorProject *code = m_emulator->store().projectByPath(codePath);
            QVERIFY(code);
            for (EmulatorProtectedBranch &rule : code->protectedBranches) {
                if (rule.name == QLatin1String("main"))
                    rule.pushAccessLevel = int(AccessLevel::Maintainer);
            }
        }
        const QString work = m_work.filePath(QStringLiteral("dev-main"));
        QCOMPARE(git({ QStringLiteral("clone"), QStringLiteral("-q"),
                       repoUrl(codePath, QStringLiteral("oauth2"), dev.token).toString(), work }),
                 0);
        QCOMPARE(git({ QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"),
                       QStringLiteral("-m"), QStringLiteral("Straight to main") },
                     work),
                 0);
        QVERIFY(git({ QStringLiteral("push"), QStringLiteral("origin"), QStringLiteral("main") }, work, &out) != 0);
        QVERIFY2(out.contains("GitLab: You are not allowed to push code to protected branches on this project."),
                 out.constData());
        // The commits API says no as well (Commits::CreateService#validate_permissions!).
        Client developer(m_emulator->apiUrl(), dev.token);
        const QJsonObject body { { QStringLiteral("branch"), QStringLiteral("main") },
                                 { QStringLiteral("commit_message"), QStringLiteral("API edit") },
                                 { QStringLiteral("actions"),
                                   QJsonArray {
                                       QJsonObject { { QStringLiteral("action"), QStringLiteral("create") },
                                                     { QStringLiteral("file_path"), QStringLiteral("x.txt") },
                                                     { QStringLiteral("content"), QStringLiteral("x\n") } } } } };
        Reply r = developer.post(
            QStringLiteral("/projects/%1/repository/commits").arg(QString::fromUtf8(QUrl::toPercentEncoding(codePath))),
            QJsonDocument(body).toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().object().value(QStringLiteral("message")).toString(),
                 QStringLiteral("You are not allowed to push into this branch"));
        // With Developers allowed (what provisioning sets), both work.
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            for (EmulatorProtectedBranch &rule : m_emulator->store().projectByPath(codePath)->protectedBranches) {
                if (rule.name == QLatin1String("main"))
                    rule.pushAccessLevel = int(AccessLevel::Developer);
            }
        }
        QCOMPARE(git({ QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"), QStringLiteral("main") },
                     work),
                 0);
        r = developer.post(
            QStringLiteral("/projects/%1/repository/commits").arg(QString::fromUtf8(QUrl::toPercentEncoding(codePath))),
            QJsonDocument(body).toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 201);
    }

    // The deploy job clones `codes` with its job token: only when the ops
    // project is on the code project's allowlist (GitLab 18.0 enforces it).
    void deployClonesTheSubmoduleWithTheJobToken()
    {
        const QString app = m_seed.appIds.at(1);
        const QString ops = QStringLiteral("plugins/ops/") + app;
        const QString code = QStringLiteral("plugins/apps/") + app;
        qint64 opsId = 0;
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            opsId = m_emulator->store().projectByPath(ops)->id;
            QVERIFY(m_emulator->store().projectByPath(code)->jobTokenAllowlist.removeAll(opsId) == 1);
        }
        const QString encoded = QString::fromUtf8(QUrl::toPercentEncoding(ops));
        const QByteArray body = QJsonDocument(QJsonObject { { QStringLiteral("ref"), QStringLiteral("env/test") } })
                                    .toJson(QJsonDocument::Compact);
        Reply r = m_client->post(QStringLiteral("/projects/%1/pipeline").arg(encoded), body);
        QCOMPARE(r.status, 201);
        qint64 pipelineId = r.json().object().value(QStringLiteral("id")).toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(
            latestPipeline(ops, QStringLiteral("env/test")).value(QStringLiteral("status")).toString(),
            QStringLiteral("failed"), 10000);
        QString trace = jobTrace(ops, pipelineId);
        QVERIFY2(trace.contains(
                     QStringLiteral("remote: Authentication by CI/CD job token not allowed from %1 to %1.").arg(app)),
                 qPrintable(trace));

        // Allowed through the API, as provisioning does: the next deploy has the code.
        r = m_client->post(QStringLiteral("/projects/%1/job_token_scope/allowlist")
                               .arg(QString::fromUtf8(QUrl::toPercentEncoding(code))),
                           QJsonDocument(QJsonObject { { QStringLiteral("target_project_id"), opsId } })
                               .toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().object().value(QStringLiteral("target_project_id")).toInteger(), opsId);
        r = m_client->post(QStringLiteral("/projects/%1/job_token_scope/allowlist")
                               .arg(QString::fromUtf8(QUrl::toPercentEncoding(code))),
                           QJsonDocument(QJsonObject { { QStringLiteral("target_project_id"), opsId } })
                               .toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 400);
        r = m_client->post(QStringLiteral("/projects/%1/pipeline").arg(encoded), body);
        pipelineId = r.json().object().value(QStringLiteral("id")).toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(
            latestPipeline(ops, QStringLiteral("env/test")).value(QStringLiteral("status")).toString(),
            QStringLiteral("success"), 10000);
        trace = jobTrace(ops, pipelineId);
        QVERIFY2(trace.contains(QStringLiteral("Submodule path 'codes': checked out")), qPrintable(trace));
        QVERIFY(QFile::exists(m_emulator->dataDir() + QStringLiteral("/hosts/test/") + ops
                              + QStringLiteral("/codes/web/index.php")));
    }

    // No runner: GitLab leaves the job pending (it never fails it for that).
    void withoutARunnerJobsStayPending()
    {
        const QString ops = QStringLiteral("plugins/ops/") + m_seed.appIds.at(1);
        const QString encoded = QString::fromUtf8(QUrl::toPercentEncoding(ops));
        m_emulator->setRunnerAvailable(false);
        Reply r = m_client->post(QStringLiteral("/projects/%1/pipeline").arg(encoded),
                                 QJsonDocument(QJsonObject { { QStringLiteral("ref"), QStringLiteral("env/test") } })
                                     .toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 201);
        const qint64 id = r.json().object().value(QStringLiteral("id")).toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(
            latestPipeline(ops, QStringLiteral("env/test")).value(QStringLiteral("status")).toString(),
            QStringLiteral("pending"), 10000);
        m_emulator->setRunnerAvailable(true);
        QTRY_COMPARE_WITH_TIMEOUT(
            latestPipeline(ops, QStringLiteral("env/test")).value(QStringLiteral("id")).toInteger(), id, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            latestPipeline(ops, QStringLiteral("env/test")).value(QStringLiteral("status")).toString(),
            QStringLiteral("success"), 10000);
    }

    void apiCommitToEnvBranchAlsoDeploys()
    {
        const QString project = QStringLiteral("plugins/ops/") + m_seed.appIds.at(2);
        const QString encoded = QString::fromUtf8(QUrl::toPercentEncoding(project));
        m_emulator->setDeployer(
            [](const EmulatorDeployContext &context, const std::function<void(const QString &)> &log) {
                log(QStringLiteral("custom deployer for %1 at %2").arg(context.environment, context.sha));
                return EmulatorDeployResult { true, {} };
            });
        const QJsonObject body { { QStringLiteral("branch"), QStringLiteral("env/test") },
                                 { QStringLiteral("commit_message"), QStringLiteral("API edit") },
                                 { QStringLiteral("actions"),
                                   QJsonArray {
                                       QJsonObject { { QStringLiteral("action"), QStringLiteral("create") },
                                                     { QStringLiteral("file_path"), QStringLiteral("conf/extra.conf") },
                                                     { QStringLiteral("content"), QStringLiteral("x\n") } } } } };
        Reply r = m_client->post(QStringLiteral("/projects/%1/repository/commits").arg(encoded),
                                 QJsonDocument(body).toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(
            latestPipeline(project, QStringLiteral("env/test")).value(QStringLiteral("status")).toString(),
            QStringLiteral("success"), 10000);
        const qint64 pipelineId
            = latestPipeline(project, QStringLiteral("env/test")).value(QStringLiteral("id")).toInteger();
        r = m_client->get(QStringLiteral("/projects/%1/pipelines/%2/jobs").arg(encoded, QString::number(pipelineId)));
        const qint64 jobId = r.json().array().first().toObject().value(QStringLiteral("id")).toInteger();
        r = m_client->get(QStringLiteral("/projects/%1/jobs/%2/trace").arg(encoded, QString::number(jobId)));
        QVERIFY(r.body.contains("custom deployer for test"));
        r = m_client->get(QStringLiteral("/projects/%1/pipelines/latest?ref=env%2Ftest").arg(encoded));
        QCOMPARE(r.json().object().value(QStringLiteral("id")).toInteger(), pipelineId);
        m_emulator->setDeployer({});
    }
};

QTEST_GUILESS_MAIN(TestEmulatorGitHttp)
#include "tst_emulatorgithttp.moc"
