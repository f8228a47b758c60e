#include "sandbox/emulator/gitlabemulator.h"
#include "tests/emulator/emulatortesthelpers.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Issues, notes and labels as the release-request workflow uses them, and
// CI/CD variables with GitLab's validation.
class TestEmulatorIssues : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<Client> m_client;
    qint64 m_developerId = 0;
    const QString m_project = QStringLiteral("/projects/root%2Fapp");

    static QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }
    static QStringList labels(const Reply &r)
    {
        QStringList result;
        for (const QJsonValue &v : r.json().object().value(QStringLiteral("labels")).toArray())
            result.append(v.toString());
        return result;
    }
    Reply createIssue(const QString &title, const QString &labelList)
    {
        return m_client->post(m_project + QStringLiteral("/issues"),
                              json({ { QStringLiteral("title"), title }, { QStringLiteral("labels"), labelList } }));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        QVERIFY(m_emulator->start());
        m_developerId
            = m_emulator->addUser(QStringLiteral("dev"), QStringLiteral("Dev"), false, QStringLiteral("dev-token")).id;
        m_client = std::make_unique<Client>(m_emulator->apiUrl(), m_emulator->adminToken());
        QCOMPARE(
            m_client->post(QStringLiteral("/projects"), json({ { QStringLiteral("path"), QStringLiteral("app") } }))
                .status,
            201);
        const Reply r = m_client->post(
            m_project + QStringLiteral("/members"),
            json({ { QStringLiteral("user_id"), m_developerId }, { QStringLiteral("access_level"), 30 } }));
        QCOMPARE(r.status, 201);
        QCOMPARE(
            m_client
                ->post(m_project + QStringLiteral("/members"),
                       json({ { QStringLiteral("user_id"), m_developerId }, { QStringLiteral("access_level"), 30 } }))
                .status,
            409);
        QCOMPARE(m_client->get(m_project + QStringLiteral("/members")).json().array().size(), 1);
    }

    void cleanupTestCase() { m_emulator.reset(); }

    void labelsReplaceAddRemove()
    {
        m_client->setToken(QStringLiteral("dev-token"));
        Reply r = createIssue(QStringLiteral("Release v1.0.0 to test"),
                              QStringLiteral("release-request,env::test,release::pending"));
        m_client->setToken(m_emulator->adminToken());
        QCOMPARE(r.status, 201);
        const qint64 iid = r.json().object().value(QStringLiteral("iid")).toInteger();
        QCOMPARE(
            r.json().object().value(QStringLiteral("author")).toObject().value(QStringLiteral("username")).toString(),
            QStringLiteral("dev"));
        const QString issue = m_project + QStringLiteral("/issues/") + QString::number(iid);
        const QString created = r.json().object().value(QStringLiteral("updated_at")).toString();

        r = m_client->put(issue,
                          json({ { QStringLiteral("add_labels"), QStringLiteral("release::approved") },
                                 { QStringLiteral("remove_labels"), QStringLiteral("release::pending") } }));
        QCOMPARE(r.status, 200);
        QCOMPARE(labels(r),
                 (QStringList { QStringLiteral("env::test"), QStringLiteral("release-request"),
                                QStringLiteral("release::approved") }));
        QVERIFY(r.json().object().value(QStringLiteral("updated_at")).toString() > created);

        r = m_client->put(issue,
                          json({ { QStringLiteral("labels"), QStringLiteral("release-request,release::deployed") } }));
        QCOMPARE(labels(r), (QStringList { QStringLiteral("release-request"), QStringLiteral("release::deployed") }));

        r = m_client->put(issue, json({ { QStringLiteral("state_event"), QStringLiteral("close") } }));
        QCOMPARE(r.json().object().value(QStringLiteral("state")).toString(), QStringLiteral("closed"));
        QVERIFY(!r.json().object().value(QStringLiteral("closed_at")).isNull());
        r = m_client->put(issue, json({ { QStringLiteral("state_event"), QStringLiteral("reopen") } }));
        QCOMPARE(r.json().object().value(QStringLiteral("state")).toString(), QStringLiteral("opened"));

        // Unknown labels were created on the project.
        r = m_client->get(m_project + QStringLiteral("/labels"));
        QStringList names;
        for (const QJsonValue &v : r.json().array())
            names.append(v.toObject().value(QStringLiteral("name")).toString());
        QVERIFY(names.contains(QStringLiteral("release::deployed")));
    }

    void globalIssueSearch()
    {
        createIssue(QStringLiteral("Release v2 to production"),
                    QStringLiteral("release-request,env::production,release::pending"));
        createIssue(QStringLiteral("Unrelated bug"), QStringLiteral("bug"));
        Reply r
            = m_client->get(QStringLiteral("/issues?scope=all&state=opened&labels=release-request,release::pending"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().array().size(), 1);
        QCOMPARE(r.json().array().first().toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Release v2 to production"));
        // Default scope is created_by_me: the admin created two of three.
        r = m_client->get(QStringLiteral("/issues"));
        QCOMPARE(r.json().array().size(), 2);
        r = m_client->get(QStringLiteral("/issues?scope=all"));
        QCOMPARE(r.header("x-total"), QByteArray("3"));

        const QString newest = r.json().array().first().toObject().value(QStringLiteral("updated_at")).toString();
        r = m_client->get(QStringLiteral("/issues?scope=all&updated_after=")
                          + QString::fromUtf8(QUrl::toPercentEncoding(newest)));
        QCOMPARE(r.json().array().size(), 1);
    }

    void notesBumpTheIssue()
    {
        const Reply issue = createIssue(QStringLiteral("Notes"), QStringLiteral("release-request"));
        const QString path = m_project + QStringLiteral("/issues/")
            + QString::number(issue.json().object().value(QStringLiteral("iid")).toInteger());
        const QString before = issue.json().object().value(QStringLiteral("updated_at")).toString();
        Reply r = m_client->post(
            path + QStringLiteral("/notes"),
            json({ { QStringLiteral("body"), QStringLiteral("Approved by @root: deploying abc to test") } }));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().object().value(QStringLiteral("system")).toBool(), false);
        QCOMPARE(
            m_client->post(path + QStringLiteral("/notes"), json({ { QStringLiteral("body"), QString() } })).status,
            400);
        r = m_client->get(path + QStringLiteral("/notes?sort=asc"));
        QCOMPARE(r.json().array().size(), 1);
        QCOMPARE(r.json()
                     .array()
                     .first()
                     .toObject()
                     .value(QStringLiteral("author"))
                     .toObject()
                     .value(QStringLiteral("username"))
                     .toString(),
                 QStringLiteral("root"));
        r = m_client->get(path);
        QVERIFY(r.json().object().value(QStringLiteral("updated_at")).toString() > before);
        QCOMPARE(r.json().object().value(QStringLiteral("user_notes_count")).toInt(), 1);
        QCOMPARE(m_client->get(m_project + QStringLiteral("/issues/999")).status, 404);
    }

    void variables()
    {
        const QString vars = m_project + QStringLiteral("/variables");
        Reply r = m_client->post(vars,
                                 json({ { QStringLiteral("key"), QStringLiteral("DEPLOY_HOST") },
                                        { QStringLiteral("value"), QStringLiteral("deploy@192.0.2.11") },
                                        { QStringLiteral("protected"), true },
                                        { QStringLiteral("masked"), true } }));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().object().value(QStringLiteral("masked")).toBool(), true);
        QCOMPARE(r.json().object().value(QStringLiteral("environment_scope")).toString(), QStringLiteral("*"));

        r = m_client->post(vars,
                           json({ { QStringLiteral("key"), QStringLiteral("DEPLOY_HOST") },
                                  { QStringLiteral("value"), QStringLiteral("other") } }));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json()
                     .object()
                     .value(QStringLiteral("message"))
                     .toObject()
                     .value(QStringLiteral("key"))
                     .toArray()
                     .first()
                     .toString(),
                 QStringLiteral("(DEPLOY_HOST) has already been taken"));
        QCOMPARE(m_client
                     ->post(vars,
                            json({ { QStringLiteral("key"), QStringLiteral("BAD-KEY") },
                                   { QStringLiteral("value"), QStringLiteral("x") } }))
                     .status,
                 400);
        QCOMPARE(m_client
                     ->post(vars,
                            json({ { QStringLiteral("key"), QStringLiteral("SHORT") },
                                   { QStringLiteral("value"), QStringLiteral("abc") },
                                   { QStringLiteral("masked"), true } }))
                     .status,
                 400);

        r = m_client->put(vars + QStringLiteral("/DEPLOY_HOST"),
                          json({ { QStringLiteral("value"), QStringLiteral("deploy@192.0.2.12") } }));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(QStringLiteral("value")).toString(), QStringLiteral("deploy@192.0.2.12"));
        QCOMPARE(r.json().object().value(QStringLiteral("protected")).toBool(), true);

        m_client->setToken(QStringLiteral("dev-token"));
        QCOMPARE(m_client->get(vars).status, 403);
        m_client->setToken(m_emulator->adminToken());

        QCOMPARE(m_client->send("DELETE", vars + QStringLiteral("/DEPLOY_HOST")).status, 204);
        QCOMPARE(m_client->get(vars + QStringLiteral("/DEPLOY_HOST")).status, 404);
    }

    void malformedJsonBodyIsRejected()
    {
        const Reply r = m_client->post(m_project + QStringLiteral("/issues"), QByteArray("{\"title\": "));
        QCOMPARE(r.status, 400);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorIssues)
#include "tst_emulatorissues.moc"
