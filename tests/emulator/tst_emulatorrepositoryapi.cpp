#include "sandbox/emulator/emulatorrepository.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "tests/emulator/emulatortesthelpers.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Files, commits (with GitLab's conflict rule), branches, tags, compare, tree
// and submodules of the emulator, backed by real bare repositories.
class TestEmulatorRepositoryApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<Client> m_client;
    const QString m_project = QStringLiteral("/projects/root%2Fdemo");

    static QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }
    static QJsonObject action(const QString &kind, const QString &path, const QString &content = {},
                              const QString &lastCommit = {})
    {
        QJsonObject a { { QStringLiteral("action"), kind }, { QStringLiteral("file_path"), path } };
        if (!content.isNull())
            a.insert(QStringLiteral("content"), content);
        if (!lastCommit.isEmpty())
            a.insert(QStringLiteral("last_commit_id"), lastCommit);
        return a;
    }
    Reply commit(const QString &branch, const QJsonArray &actions, const QJsonObject &extra = {})
    {
        QJsonObject body { { QStringLiteral("branch"), branch },
                           { QStringLiteral("commit_message"), QStringLiteral("change") },
                           { QStringLiteral("actions"), actions } };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        return m_client->post(m_project + QStringLiteral("/repository/commits"), json(body));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        QVERIFY(m_emulator->start());
        m_client = std::make_unique<Client>(m_emulator->apiUrl(), m_emulator->adminToken());
        QCOMPARE(
            m_client->post(QStringLiteral("/projects"), json({ { QStringLiteral("path"), QStringLiteral("demo") } }))
                .status,
            201);
        const Reply r = commit(
            QStringLiteral("main"),
            { action(QStringLiteral("create"), QStringLiteral("web/index.php"), QStringLiteral("<?php echo 1;\n")),
              action(QStringLiteral("create"), QStringLiteral("README.md"), QStringLiteral("# Demo\n")) });
        QVERIFY2(r.status == 201, r.body.constData());
        QCOMPARE(r.json().object().value(QStringLiteral("title")).toString(), QStringLiteral("change"));
    }

    void cleanupTestCase() { m_emulator.reset(); }

    void fileWithBase64AndHeaders()
    {
        Reply r = m_client->get(m_project + QStringLiteral("/repository/files/web%2Findex.php?ref=main"));
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json().object();
        QCOMPARE(o.value(QStringLiteral("encoding")).toString(), QStringLiteral("base64"));
        QCOMPARE(QByteArray::fromBase64(o.value(QStringLiteral("content")).toString().toLatin1()),
                 QByteArray("<?php echo 1;\n"));
        QCOMPARE(o.value(QStringLiteral("last_commit_id")).toString().size(), 40);
        QCOMPARE(o.value(QStringLiteral("file_path")).toString(), QStringLiteral("web/index.php"));

        r = m_client->send("HEAD", m_project + QStringLiteral("/repository/files/web%2Findex.php?ref=main"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(QString::fromLatin1(r.header("x-gitlab-last-commit-id")),
                 o.value(QStringLiteral("last_commit_id")).toString());
        QCOMPARE(r.header("x-gitlab-size"), QByteArray("14"));

        r = m_client->get(m_project + QStringLiteral("/repository/files/web%2Findex.php/raw"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("<?php echo 1;\n"));

        QCOMPARE(m_client->get(m_project + QStringLiteral("/repository/files/web%2Findex.php")).status, 400);
        r = m_client->get(m_project + QStringLiteral("/repository/files/missing.txt?ref=main"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().object().value(QStringLiteral("message")).toString(), QStringLiteral("404 File Not Found"));
    }

    void staleLastCommitIdConflicts()
    {
        const QString lastCommit = m_client->get(m_project + QStringLiteral("/repository/files/README.md?ref=main"))
                                       .json()
                                       .object()
                                       .value(QStringLiteral("last_commit_id"))
                                       .toString();
        Reply r = commit(QStringLiteral("main"),
                         { action(QStringLiteral("update"), QStringLiteral("README.md"), QStringLiteral("# Demo v2\n"),
                                  lastCommit) });
        QVERIFY2(r.status == 201, r.body.constData());
        // Someone else's edit raced ours: GitLab refuses the stale one.
        r = commit(QStringLiteral("main"),
                   { action(QStringLiteral("update"), QStringLiteral("README.md"), QStringLiteral("# Demo v3\n"),
                            lastCommit) });
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().object().value(QStringLiteral("message")).toString(),
                 QStringLiteral("The file has changed since you started editing it: README.md"));
        // An unrelated file's history does not count.
        r = commit(QStringLiteral("main"),
                   { action(QStringLiteral("update"), QStringLiteral("web/index.php"),
                            QStringLiteral("<?php echo 2;\n"), lastCommit) });
        QCOMPARE(r.status, 201);
    }

    void actionErrors_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("create existing") << "create"
                                         << "README.md"
                                         << "A file with this name already exists";
        QTest::newRow("update missing") << "update"
                                        << "nope.txt"
                                        << "A file with this name doesn't exist";
        QTest::newRow("delete missing") << "delete"
                                        << "nope.txt"
                                        << "A file with this name doesn't exist";
        QTest::newRow("traversal") << "create"
                                   << "../etc/passwd"
                                   << "Your changes could not be committed, because the file path is invalid";
        QTest::newRow("git dir") << "create"
                                 << ".git/config"
                                 << "Your changes could not be committed, because the file path is invalid";
    }

    void actionErrors()
    {
        QFETCH(QString, kind);
        QFETCH(QString, path);
        QFETCH(QString, message);
        const Reply r = commit(QStringLiteral("main"), { action(kind, path, QStringLiteral("x")) });
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().object().value(QStringLiteral("message")).toString(), message);
    }

    void moveAndDelete()
    {
        Reply r = commit(QStringLiteral("main"),
                         { QJsonObject { { QStringLiteral("action"), QStringLiteral("move") },
                                         { QStringLiteral("previous_path"), QStringLiteral("README.md") },
                                         { QStringLiteral("file_path"), QStringLiteral("docs/README.md") } } });
        QCOMPARE(r.status, 201);
        QCOMPARE(m_client->get(m_project + QStringLiteral("/repository/files/README.md?ref=main")).status, 404);
        r = m_client->get(m_project + QStringLiteral("/repository/files/docs%2FREADME.md/raw?ref=main"));
        QCOMPARE(r.body, QByteArray("# Demo v2\n"));
        r = commit(QStringLiteral("main"), { action(QStringLiteral("delete"), QStringLiteral("docs/README.md")) });
        QCOMPARE(r.status, 201);
        QCOMPARE(m_client->get(m_project + QStringLiteral("/repository/files/docs%2FREADME.md?ref=main")).status, 404);
    }

    void branchesAndStartBranch()
    {
        Reply r = m_client->post(m_project + QStringLiteral("/repository/branches"),
                                 json({ { QStringLiteral("branch"), QStringLiteral("env/test") },
                                        { QStringLiteral("ref"), QStringLiteral("main") } }));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().object().value(QStringLiteral("name")).toString(), QStringLiteral("env/test"));
        QCOMPARE(m_client
                     ->post(m_project + QStringLiteral("/repository/branches"),
                            json({ { QStringLiteral("branch"), QStringLiteral("env/test") },
                                   { QStringLiteral("ref"), QStringLiteral("main") } }))
                     .status,
                 400);
        r = commit(QStringLiteral("feature"),
                   { action(QStringLiteral("create"), QStringLiteral("f.txt"), QStringLiteral("f")) },
                   { { QStringLiteral("start_branch"), QStringLiteral("main") } });
        QCOMPARE(r.status, 201);
        r = commit(QStringLiteral("nowhere"),
                   { action(QStringLiteral("create"), QStringLiteral("g.txt"), QStringLiteral("g")) });
        QCOMPARE(r.status, 400);
        r = m_client->get(m_project + QStringLiteral("/repository/branches"));
        QStringList names;
        for (const QJsonValue &v : r.json().array())
            names.append(v.toObject().value(QStringLiteral("name")).toString());
        QCOMPARE(names,
                 (QStringList { QStringLiteral("env/test"), QStringLiteral("feature"), QStringLiteral("main") }));
        r = m_client->get(m_project + QStringLiteral("/repository/branches/env%2Ftest"));
        QCOMPARE(r.status, 200);
    }

    void annotatedAndLightweightTags()
    {
        const QString head = m_client->get(m_project + QStringLiteral("/repository/branches/main"))
                                 .json()
                                 .object()
                                 .value(QStringLiteral("commit"))
                                 .toObject()
                                 .value(QStringLiteral("id"))
                                 .toString();
        Reply r = m_client->post(m_project + QStringLiteral("/repository/tags"),
                                 json({ { QStringLiteral("tag_name"), QStringLiteral("v1.0.0") },
                                        { QStringLiteral("ref"), QStringLiteral("main") },
                                        { QStringLiteral("message"), QStringLiteral("First release") } }));
        QCOMPARE(r.status, 201);
        QJsonObject tag = r.json().object();
        QCOMPARE(tag.value(QStringLiteral("message")).toString(), QStringLiteral("First release"));
        QVERIFY(tag.value(QStringLiteral("target")).toString() != head);
        QCOMPARE(tag.value(QStringLiteral("commit")).toObject().value(QStringLiteral("id")).toString(), head);
        QVERIFY(!tag.value(QStringLiteral("created_at")).isNull());

        r = m_client->post(
            m_project + QStringLiteral("/repository/tags"),
            json({ { QStringLiteral("tag_name"), QStringLiteral("light") }, { QStringLiteral("ref"), head } }));
        QCOMPARE(r.status, 201);
        tag = r.json().object();
        QCOMPARE(tag.value(QStringLiteral("target")).toString(), head);
        QVERIFY(tag.value(QStringLiteral("created_at")).isNull());
        QVERIFY(tag.value(QStringLiteral("message")).isNull());

        QCOMPARE(m_client
                     ->post(m_project + QStringLiteral("/repository/tags"),
                            json({ { QStringLiteral("tag_name"), QStringLiteral("light") },
                                   { QStringLiteral("ref"), head } }))
                     .status,
                 400);
        r = m_client->get(m_project + QStringLiteral("/repository/tags?search=%5Ev1"));
        QCOMPARE(r.json().array().size(), 1);
        QCOMPARE(m_client->get(m_project + QStringLiteral("/repository/tags/v1.0.0")).status, 200);
    }

    void compareAndTree()
    {
        QCOMPARE(commit(QStringLiteral("main"),
                        { action(QStringLiteral("create"), QStringLiteral("web/new.php"), QStringLiteral("<?php\n")) })
                     .status,
                 201);
        Reply r = m_client->get(m_project + QStringLiteral("/repository/compare?from=v1.0.0&to=main"));
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json().object();
        QCOMPARE(o.value(QStringLiteral("commits")).toArray().size(), 1);
        const QJsonArray diffs = o.value(QStringLiteral("diffs")).toArray();
        QCOMPARE(diffs.size(), 1);
        QCOMPARE(diffs.first().toObject().value(QStringLiteral("new_path")).toString(), QStringLiteral("web/new.php"));
        QVERIFY(diffs.first().toObject().value(QStringLiteral("new_file")).toBool());
        QVERIFY(diffs.first().toObject().value(QStringLiteral("diff")).toString().startsWith(QLatin1String("@@")));

        r = m_client->get(m_project + QStringLiteral("/repository/tree?ref=main&recursive=true&per_page=100"));
        QCOMPARE(r.status, 200);
        QStringList paths;
        for (const QJsonValue &v : r.json().array())
            paths.append(v.toObject().value(QStringLiteral("path")).toString());
        QVERIFY(paths.contains(QStringLiteral("web/new.php")));
        QVERIFY(paths.contains(QStringLiteral("web")));
        r = m_client->get(m_project + QStringLiteral("/repository/tree?ref=main"));
        for (const QJsonValue &v : r.json().array())
            QVERIFY(!v.toObject().value(QStringLiteral("path")).toString().contains(QLatin1Char('/')));
    }

    // Gitlab::Git::DiffCollection as the compare API uses it: past 100 files
    // or 5,000 lines (or a patch over 20 KiB) a diff is collapsed to "", past
    // 1,000 files or 50,000 lines the list stops and compare_timeout is true.
    void compareFollowsGitLabsDiffLimits()
    {
        QJsonArray actions;
        actions.append(action(QStringLiteral("create"), QStringLiteral("big/huge.php"),
                              QStringLiteral("<?php // padding\n").repeated(2000)));
        for (int i = 0; i < 120; ++i)
            actions.append(action(QStringLiteral("create"),
                                  QStringLiteral("many/f%1.txt").arg(i, 3, 10, QLatin1Char('0')),
                                  QStringLiteral("x\n")));
        Reply r
            = commit(QStringLiteral("limits"), actions, { { QStringLiteral("start_branch"), QStringLiteral("main") } });
        QVERIFY2(r.status == 201, r.body.constData());
        r = m_client->get(m_project + QStringLiteral("/repository/compare?from=main&to=limits&straight=true"));
        QCOMPARE(r.status, 200);
        QJsonArray diffs = r.json().object().value(QStringLiteral("diffs")).toArray();
        QCOMPARE(diffs.size(), 121);
        QVERIFY(!r.json().object().value(QStringLiteral("compare_timeout")).toBool());
        int withPatch = 0;
        for (const QJsonValue &v : diffs)
            withPatch += v.toObject().value(QStringLiteral("diff")).toString().isEmpty() ? 0 : 1;
        QCOMPARE(diffs.first().toObject().value(QStringLiteral("new_path")).toString(), QStringLiteral("big/huge.php"));
        QCOMPARE(diffs.first().toObject().value(QStringLiteral("diff")).toString(), QString());
        QCOMPARE(withPatch, 99); // files 2..100; the rest collapsed

        actions = {};
        for (int i = 0; i < 1001; ++i)
            actions.append(action(QStringLiteral("create"),
                                  QStringLiteral("flood/f%1.txt").arg(i, 4, 10, QLatin1Char('0')),
                                  QStringLiteral("x\n")));
        r = commit(QStringLiteral("flood"), actions, { { QStringLiteral("start_branch"), QStringLiteral("main") } });
        QVERIFY2(r.status == 201, r.body.constData());
        r = m_client->get(m_project + QStringLiteral("/repository/compare?from=main&to=flood&straight=true"));
        QCOMPARE(r.json().object().value(QStringLiteral("diffs")).toArray().size(), 1000);
        QVERIFY(r.json().object().value(QStringLiteral("compare_timeout")).toBool());
    }

    void submoduleUpdate()
    {
        // The API cannot add a gitlink; put one in with libgit2 as a push would.
        qint64 projectId = 0;
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            projectId = m_emulator->store().projectByPath(QStringLiteral("root/demo"))->id;
        }
        EmulatorRepository repo(m_emulator->repositoryPath(projectId));
        const QString first = repo.resolve(QStringLiteral("main"));
        const QString second = repo.resolve(QStringLiteral("main~1"));
        QVERIFY(!second.isEmpty());
        QVERIFY(repo.commitTree(QStringLiteral("env/test"), QStringLiteral("env/test"), QStringLiteral("add codes"), {},
                                { { QStringLiteral(".gitmodules"),
                                    QByteArray("[submodule \"codes\"]\n\tpath = codes\n\turl = ../x.git\n") } },
                                { { QStringLiteral("codes"), first } }, nullptr));
        Reply r = m_client->put(m_project + QStringLiteral("/repository/submodules/codes"),
                                json({ { QStringLiteral("branch"), QStringLiteral("env/test") },
                                       { QStringLiteral("commit_sha"), second } }));
        QCOMPARE(r.status, 200);
        r = m_client->get(m_project + QStringLiteral("/repository/tree?ref=env%2Ftest"));
        bool found = false;
        for (const QJsonValue &v : r.json().array()) {
            const QJsonObject e = v.toObject();
            if (e.value(QStringLiteral("path")).toString() == QLatin1String("codes")) {
                found = true;
                QCOMPARE(e.value(QStringLiteral("type")).toString(), QStringLiteral("commit"));
                QCOMPARE(e.value(QStringLiteral("id")).toString(), second);
                QCOMPARE(e.value(QStringLiteral("mode")).toString(), QStringLiteral("160000"));
            }
        }
        QVERIFY(found);
        r = m_client->put(m_project + QStringLiteral("/repository/submodules/nothere"),
                          json({ { QStringLiteral("branch"), QStringLiteral("env/test") },
                                 { QStringLiteral("commit_sha"), second } }));
        QCOMPARE(r.status, 400);
    }

    void commitsListHasNoTotals()
    {
        const Reply r = m_client->get(m_project + QStringLiteral("/repository/commits?ref_name=main&per_page=2"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().array().size(), 2);
        QVERIFY(!r.hasHeader("x-total"));
        QCOMPARE(r.header("x-next-page"), QByteArray("2"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorRepositoryApi)
#include "tst_emulatorrepositoryapi.moc"
