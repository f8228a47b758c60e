#include "core/domain/environment.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/emulator/emulatortesthelpers.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// POST /api/graphql of the emulator against its own REST answers: the
// subset the client batches its polling into (trees of the environment
// branches, pipelines, last deployments), GitLab's complexity and size
// limits, and its error shapes. Query texts are built from ordinary string
// literals: raw strings with quotes and braces can make moc skip the class.
class TestEmulatorGraphql : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<Client> m_rest;
    SandboxSeedResult m_seed;
    QList<qint64> m_opsProjectIds; // inventory included: it has no environment branches
    const QString m_userToken = QStringLiteral("graphql-user-token");
    qint64 m_userId = 0;

    struct Answer {
        int status = 0;
        QJsonObject body;
        QJsonObject data() const { return body.value(QStringLiteral("data")).toObject(); }
        QJsonArray errors() const { return body.value(QStringLiteral("errors")).toArray(); }
        QString firstMessage() const { return errors().at(0).toObject().value(QStringLiteral("message")).toString(); }
    };

    Answer graphql(const QString &query, const QJsonObject &variables = {})
    {
        return graphqlAs(m_emulator->adminToken(), query, variables);
    }

    // An empty token sends none: an anonymous query.
    Answer graphqlAs(const QString &token, const QString &query, const QJsonObject &variables = {})
    {
        Client client(m_emulator->baseUrl(), token);
        QJsonObject body { { QStringLiteral("query"), query } };
        if (!variables.isEmpty())
            body.insert(QStringLiteral("variables"), variables);
        const Reply r
            = client.send("POST", QStringLiteral("/api/graphql"), QJsonDocument(body).toJson(QJsonDocument::Compact));
        return { r.status, r.json().object() };
    }

    static QString gid(qint64 projectId) { return QStringLiteral("gid://gitlab/Project/%1").arg(projectId); }
    static qint64 idOf(const QJsonValue &gidValue)
    {
        return gidValue.toString().section(QLatin1Char('/'), -1).toLongLong();
    }
    QJsonArray opsGids() const
    {
        QJsonArray ids;
        for (qint64 id : m_opsProjectIds)
            ids.append(gid(id));
        return ids;
    }
    static QString testBranch() { return environmentBranch(Environment::Test); }
    static QString productionBranch() { return environmentBranch(Environment::Production); }

    // What the client sends each poll (tests/emulator cannot link the client,
    // so the text is repeated here); `extra` adds root fields.
    static QString clientQuery(const QString &extra = QString())
    {
        const QString submodules = QStringLiteral("{ submodules { nodes { path sha } } }");
        const QString deployment
            = QStringLiteral("{ lastDeployment(status: SUCCESS) { id iid ref sha status createdAt updatedAt finishedAt "
                             "triggerer { username } job { pipeline { id } } } }");
        return QStringLiteral("query($ids: [ID!], $first: Int) { %1 projects(ids: $ids, first: $first) { "
                              "pageInfo { hasNextPage endCursor } nodes { id fullPath repository { "
                              "staging: tree(ref: \"%2\") %3 production: tree(ref: \"%4\") %3 } "
                              "pipelines(first: 20) { nodes { id iid ref sha status source createdAt updatedAt "
                              "startedAt finishedAt } } "
                              "stagingEnv: environment(name: \"%5\") %6 "
                              "productionEnv: environment(name: \"%7\") %6 } } }")
            .arg(extra, testBranch(), submodules, productionBranch(), environmentKey(Environment::Test), deployment,
                 environmentKey(Environment::Production));
    }

    // `aliases` copies of a repository lookup with a lastCommit (complexity
    // 10 each): how far over the limits a query goes is set by their count.
    static QString heavyQuery(int aliases)
    {
        QString fields;
        for (int i = 0; i < aliases; ++i)
            fields += QStringLiteral(" r%1: repository { tree { lastCommit { sha } } }").arg(i);
        return QStringLiteral("{ projects { nodes {%1 } } }").arg(fields);
    }

    // Submodules (path -> pinned sha) of a ref as GET /repository/tree lists them; nullopt for a 404.
    std::optional<QList<QPair<QString, QString>>> restSubmodules(qint64 projectId, const QString &ref)
    {
        const Reply r = m_rest->get(QStringLiteral("/projects/%1/repository/tree?per_page=100&ref=%2")
                                        .arg(projectId)
                                        .arg(QString::fromUtf8(QUrl::toPercentEncoding(ref))));
        if (r.status == 404)
            return std::nullopt;
        QList<QPair<QString, QString>> list;
        for (const QJsonValue &entry : r.json().array()) {
            const QJsonObject o = entry.toObject();
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("commit"))
                list.append({ o.value(QStringLiteral("path")).toString(), o.value(QStringLiteral("id")).toString() });
        }
        return list;
    }

    static QList<QPair<QString, QString>> graphqlSubmodules(const QJsonObject &tree)
    {
        QList<QPair<QString, QString>> list;
        const QJsonArray nodes
            = tree.value(QStringLiteral("submodules")).toObject().value(QStringLiteral("nodes")).toArray();
        for (const QJsonValue &node : nodes)
            list.append({ node.toObject().value(QStringLiteral("path")).toString(),
                          node.toObject().value(QStringLiteral("sha")).toString() });
        return list;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        SandboxSeedOptions options;
        options.appCount = 6; // app 3 is in test only: no production branch
        m_seed = SandboxSeeder(*m_emulator).seed(options);
        QVERIFY(m_emulator->start());
        m_rest = std::make_unique<Client>(m_emulator->apiUrl(), m_emulator->adminToken());
        const Reply r = m_rest->get(QStringLiteral("/groups/%1/projects?per_page=100").arg(m_seed.opsGroupId));
        QCOMPARE(r.status, 200);
        for (const QJsonValue &p : r.json().array())
            m_opsProjectIds.append(p.toObject().value(QStringLiteral("id")).toInteger());
        QCOMPARE(m_opsProjectIds.size(), 7); // 6 management repositories + inventory
        // A signed-in user who is no administrator and reads one ops project only.
        m_userId = m_emulator->addUser(QStringLiteral("grace"), QStringLiteral("Grace"), false, m_userToken).id;
        QMutexLocker lock(&m_emulator->store().mutex());
        m_emulator->store()
            .project(m_opsProjectIds.first())
            ->members.append(EmulatorMember { m_userId, int(AccessLevel::Reporter), {} });
    }

    void cleanupTestCase() { m_emulator.reset(); }

    void aliasedTreesMatchTheRestTree()
    {
        const Answer a = graphql(clientQuery(), { { QStringLiteral("ids"), opsGids() } });
        QVERIFY2(a.status == 200 && a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
        const QJsonArray nodes
            = a.data().value(QStringLiteral("projects")).toObject().value(QStringLiteral("nodes")).toArray();
        QCOMPARE(nodes.size(), m_opsProjectIds.size());
        int staged = 0;
        int missingProduction = 0;
        for (const QJsonValue &node : nodes) {
            const QJsonObject project = node.toObject();
            const qint64 id = idOf(project.value(QStringLiteral("id")));
            QVERIFY(m_opsProjectIds.contains(id));
            const QJsonObject repository = project.value(QStringLiteral("repository")).toObject();
            for (const QString &alias : { QStringLiteral("staging"), QStringLiteral("production") }) {
                const QString ref = alias == QLatin1String("staging") ? testBranch() : productionBranch();
                const auto rest = restSubmodules(id, ref);
                const QJsonValue tree = repository.value(alias);
                // A ref that does not exist is an empty tree, not null.
                QVERIFY2(tree.isObject(), qPrintable(alias));
                QCOMPARE(graphqlSubmodules(tree.toObject()), rest.value_or(QList<QPair<QString, QString>>()));
                if (rest && !rest->isEmpty() && alias == QLatin1String("staging"))
                    ++staged;
                if (!rest && alias == QLatin1String("production"))
                    ++missingProduction;
            }
        }
        QCOMPARE(staged, 6);
        QCOMPARE(missingProduction, 2); // inventory and the test-only app
    }

    void missingRefIsAnEmptyTree()
    {
        const Answer a = graphql(QStringLiteral("query($ids: [ID!]) { projects(ids: $ids) { nodes { repository { "
                                                "tree(ref: \"env/nowhere\") { submodules { nodes { sha } } "
                                                "blobs { nodes { name } } lastCommit { sha } } } } } }"),
                                 { { QStringLiteral("ids"), QJsonArray { gid(m_opsProjectIds.last()) } } });
        QVERIFY2(a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
        const QJsonObject tree = a.data()
                                     .value(QStringLiteral("projects"))
                                     .toObject()
                                     .value(QStringLiteral("nodes"))
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value(QStringLiteral("repository"))
                                     .toObject()
                                     .value(QStringLiteral("tree"))
                                     .toObject();
        QCOMPARE(tree.value(QStringLiteral("submodules")).toObject().value(QStringLiteral("nodes")).toArray().size(),
                 0);
        QCOMPARE(tree.value(QStringLiteral("blobs")).toObject().value(QStringLiteral("nodes")).toArray().size(), 0);
        QVERIFY(tree.contains(QStringLiteral("lastCommit")));
        QVERIFY(tree.value(QStringLiteral("lastCommit")).isNull());
    }

    void pipelinesMatchTheRestList()
    {
        const Answer a = graphql(QStringLiteral("query($ids: [ID!]) { projects(ids: $ids) { nodes { id "
                                                "pipelines(first: 5) { nodes { id iid ref sha status } } } } }"),
                                 { { QStringLiteral("ids"), opsGids() } });
        QVERIFY2(a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
        int compared = 0;
        for (const QJsonValue &node :
             a.data().value(QStringLiteral("projects")).toObject().value(QStringLiteral("nodes")).toArray()) {
            const qint64 id = idOf(node.toObject().value(QStringLiteral("id")));
            const QJsonArray pipelines = node.toObject()
                                             .value(QStringLiteral("pipelines"))
                                             .toObject()
                                             .value(QStringLiteral("nodes"))
                                             .toArray();
            const QJsonArray rest
                = m_rest->get(QStringLiteral("/projects/%1/pipelines?per_page=5").arg(id)).json().array();
            QCOMPARE(pipelines.size(), rest.size());
            for (qsizetype i = 0; i < rest.size(); ++i) {
                const QJsonObject g = pipelines.at(i).toObject();
                const QJsonObject r = rest.at(i).toObject();
                QCOMPARE(g.value(QStringLiteral("id")).toString(),
                         QStringLiteral("gid://gitlab/Ci::Pipeline/%1").arg(r.value(QStringLiteral("id")).toInteger()));
                QCOMPARE(g.value(QStringLiteral("iid")).toString(),
                         QString::number(r.value(QStringLiteral("iid")).toInteger()));
                QCOMPARE(g.value(QStringLiteral("status")).toString(),
                         r.value(QStringLiteral("status")).toString().toUpper());
                QCOMPARE(g.value(QStringLiteral("ref")).toString(), r.value(QStringLiteral("ref")).toString());
                QCOMPARE(g.value(QStringLiteral("sha")).toString(), r.value(QStringLiteral("sha")).toString());
                ++compared;
            }
        }
        QVERIFY(compared > 10);
    }

    void lastSuccessfulDeploymentMatchesRest()
    {
        const QString query = QStringLiteral(
            "query($ids: [ID!], $env: String) { projects(ids: $ids) { nodes { id "
            "environment(name: $env) { name lastDeployment(status: SUCCESS) { id iid ref sha status finishedAt "
            "triggerer { username } job { pipeline { id } } } } } } }");
        const QString unknown = QStringLiteral("query($ids: [ID!]) { projects(ids: $ids) { nodes { "
                                               "environment(name: \"nowhere\") { name } } } }");
        for (const QString &env : { environmentKey(Environment::Test), environmentKey(Environment::Production) }) {
            const Answer a = graphql(query, { { QStringLiteral("ids"), opsGids() }, { QStringLiteral("env"), env } });
            QVERIFY2(a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
            for (const QJsonValue &node :
                 a.data().value(QStringLiteral("projects")).toObject().value(QStringLiteral("nodes")).toArray()) {
                const qint64 id = idOf(node.toObject().value(QStringLiteral("id")));
                const QJsonArray rest = m_rest
                                            ->get(QStringLiteral("/projects/%1/deployments?environment=%2&status="
                                                                 "success&per_page=100")
                                                      .arg(id)
                                                      .arg(env))
                                            .json()
                                            .array();
                const QJsonValue environment = node.toObject().value(QStringLiteral("environment"));
                if (rest.isEmpty()) {
                    QVERIFY(environment.isNull() || environment[QStringLiteral("lastDeployment")].isNull());
                    continue;
                }
                const QJsonObject newest = rest.last().toObject(); // REST lists oldest first
                const QJsonObject last = environment[QStringLiteral("lastDeployment")].toObject();
                QCOMPARE(
                    last.value(QStringLiteral("id")).toString(),
                    QStringLiteral("gid://gitlab/Deployment/%1").arg(newest.value(QStringLiteral("id")).toInteger()));
                QCOMPARE(last.value(QStringLiteral("iid")).toString(),
                         QString::number(newest.value(QStringLiteral("iid")).toInteger()));
                QCOMPARE(last.value(QStringLiteral("sha")).toString(), newest.value(QStringLiteral("sha")).toString());
                QCOMPARE(last.value(QStringLiteral("ref")).toString(), newest.value(QStringLiteral("ref")).toString());
                QCOMPARE(last.value(QStringLiteral("status")).toString(), QStringLiteral("SUCCESS"));
                QCOMPARE(last[QStringLiteral("triggerer")][QStringLiteral("username")].toString(),
                         newest[QStringLiteral("user")][QStringLiteral("username")].toString());
                QCOMPARE(
                    idOf(last[QStringLiteral("job")][QStringLiteral("pipeline")][QStringLiteral("id")]),
                    newest[QStringLiteral("deployable")][QStringLiteral("pipeline")][QStringLiteral("id")].toInteger());
                // Times in Types::TimeType's iso8601: whole seconds, "Z".
                QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"))
                            .match(last.value(QStringLiteral("finishedAt")).toString())
                            .hasMatch());
            }
        }
        const Answer a = graphql(unknown, { { QStringLiteral("ids"), opsGids() } });
        QVERIFY2(a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
        const QJsonArray nodes
            = a.data().value(QStringLiteral("projects")).toObject().value(QStringLiteral("nodes")).toArray();
        QCOMPARE(nodes.size(), m_opsProjectIds.size());
        for (const QJsonValue &node : nodes)
            QVERIFY(node.toObject().value(QStringLiteral("environment")).isNull());
    }

    void unreadableProjectsAreLeftOut()
    {
        const Answer a
            = graphqlAs(m_userToken, QStringLiteral("query($ids: [ID!]) { projects(ids: $ids) { nodes { id } } }"),
                        { { QStringLiteral("ids"), opsGids() } });
        QVERIFY2(a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
        const QJsonArray nodes
            = a.data().value(QStringLiteral("projects")).toObject().value(QStringLiteral("nodes")).toArray();
        QCOMPARE(nodes.size(), 1);
        QCOMPARE(idOf(nodes.at(0).toObject().value(QStringLiteral("id"))), m_opsProjectIds.first());
    }

    void complexityOfAKnownQuery()
    {
        // queryComplexity { score limit }                          1 + 1 + 1             =  3
        // projects(first: 10) { nodes { id repository { tree(ref) {
        //   submodules { nodes { path sha } }   plain, Gitaly:    2 + (1 + 2)           =  5
        //   lastCommit { sha }                  complexity: 10:   10 + 1                = 11
        // } } } }
        //   tree: resolver 1 + Gitaly 1 + children 16                                   = 18
        //   repository: 1 + 18 = 19;  nodes: 1 + id 1 + 19                             = 21
        //   projects: resolver 1 + 21 = 22, times (1 + 10 * 0.01) = 24.2, truncated     = 24
        // total                                                                           27
        const QString query
            = QStringLiteral("{ queryComplexity { score limit } projects(first: 10) { nodes { id repository { "
                             "tree(ref: \"%1\") { submodules { nodes { path sha } } lastCommit { sha } } } } } }")
                  .arg(testBranch());
        Answer a = graphql(query);
        QVERIFY2(a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
        QCOMPARE(a.data()[QStringLiteral("queryComplexity")][QStringLiteral("score")].toInt(), 27);
        QCOMPARE(a.data()[QStringLiteral("queryComplexity")][QStringLiteral("limit")].toInt(), 300);
        a = graphqlAs(m_userToken, query);
        QCOMPARE(a.data()[QStringLiteral("queryComplexity")][QStringLiteral("score")].toInt(), 27);
        QCOMPARE(a.data()[QStringLiteral("queryComplexity")][QStringLiteral("limit")].toInt(), 250);
    }

    void complexityOfTheClientsQuery()
    {
        // Per project node (children are summed, not multiplied by page size):
        //   tree { submodules { nodes { path sha } } }: 1 + 1 Gitaly + (2 + 3)          =  7, twice = 14
        //   repository: 1 + 14                                                           = 15
        //   pipelines(first: 20) { nodes { 10 fields } }: 1 + 1 Gitaly + 11 = 13,
        //     times (1 + 20 * 0.01) = 15.6                                               = 15
        //   lastDeployment(status) { 8 fields, triggerer { username } 2,
        //     job { pipeline { id } } 3 }: 1 + 13                                        = 14
        //   environment(name): 1 + 14 = 15, twice                                        = 30
        //   nodes: 1 + id 1 + fullPath 1 + 15 + 15 + 30                                  = 63
        // pageInfo { hasNextPage endCursor }                                             =  3
        // projects: 1 + 63 + 3 = 67, times (1 + min(first, 100) * 0.01):
        //   first unset: 134; first 50: 100.5 -> 100
        // queryComplexity { score }, added to read the figure: 2
        const Answer unset = graphqlAs(m_userToken, clientQuery(QStringLiteral("queryComplexity { score }")),
                                       { { QStringLiteral("ids"), opsGids() } });
        QVERIFY2(unset.errors().isEmpty(), QJsonDocument(unset.body).toJson().constData());
        QCOMPARE(unset.data()[QStringLiteral("queryComplexity")][QStringLiteral("score")].toInt(), 134 + 2);
        const Answer fifty = graphqlAs(m_userToken, clientQuery(QStringLiteral("queryComplexity { score }")),
                                       { { QStringLiteral("ids"), opsGids() }, { QStringLiteral("first"), 50 } });
        QCOMPARE(fifty.data()[QStringLiteral("queryComplexity")][QStringLiteral("score")].toInt(), 100 + 2);
    }

    void tooComplexQueriesAreRefused()
    {
        // Each alias: repository 1 + tree (1 + 1 Gitaly + lastCommit 10 + sha 1) = 14.
        // projects: (1 + nodes (1 + 14 n)) * 2 (no `first`: 100 items, +100%).
        // n = 9: 256, over a user's 250 but not an administrator's 300; n = 11: 312.
        Answer a = graphqlAs(m_userToken, heavyQuery(9));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.errors().size(), 1);
        QCOMPARE(a.firstMessage(), QStringLiteral("Query has complexity of 256, which exceeds max complexity of 250"));
        QVERIFY(!a.body.contains(QStringLiteral("data")));

        a = graphql(heavyQuery(9));
        QVERIFY2(a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
        QVERIFY(a.data().contains(QStringLiteral("projects")));

        a = graphql(heavyQuery(11));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.firstMessage(), QStringLiteral("Query has complexity of 312, which exceeds max complexity of 300"));
        QVERIFY(!a.body.contains(QStringLiteral("data")));
    }

    void oversizedQueryIsRefused()
    {
        const QString base = QStringLiteral("{ currentUser { username } }\n#");
        QString query = base + QString(10000 - base.size(), QLatin1Char('x'));
        Answer a = graphql(query);
        QCOMPARE(a.status, 200); // exactly MAX_QUERY_SIZE is fine
        QCOMPARE(a.data()[QStringLiteral("currentUser")][QStringLiteral("username")].toString(),
                 QStringLiteral("root"));
        query.append(QLatin1Char('x'));
        a = graphql(query);
        QCOMPARE(a.status, 422);
        QCOMPARE(a.firstMessage(), QStringLiteral("Query too large"));
    }

    void unknownFieldNamesFieldAndType()
    {
        const Answer a = graphql(QStringLiteral("{ projects { nodes { id foo } } }"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.firstMessage(), QStringLiteral("Field 'foo' doesn't exist on type 'Project'"));
        const QJsonObject location = a.errors().at(0)[QStringLiteral("locations")].toArray().at(0).toObject();
        QCOMPARE(location.value(QStringLiteral("line")).toInt(), 1);
        QCOMPARE(location.value(QStringLiteral("column")).toInt(), 25);
        QCOMPARE(a.errors().at(0)[QStringLiteral("path")].toArray(),
                 (QJsonArray { QStringLiteral("query"), QStringLiteral("projects"), QStringLiteral("nodes"),
                               QStringLiteral("foo") }));
        QVERIFY(!a.body.contains(QStringLiteral("data")));
    }

    void parseErrorHasNoData()
    {
        const Answer a = graphql(QStringLiteral("{ projects { nodes { id } }"));
        QCOMPARE(a.status, 200);
        QVERIFY(!a.firstMessage().isEmpty());
        QVERIFY(!a.body.contains(QStringLiteral("data")));
        const Answer b = graphql(QStringLiteral("{ projects(first: ) { nodes { id } } }"));
        QCOMPARE(b.firstMessage(), QStringLiteral("Parse error on \")\" (RPAREN) at [1, 19]"));
    }

    void malformedGlobalIdIsAnError()
    {
        const Answer a = graphql(QStringLiteral("{ projects(ids: [\"abc\"]) { nodes { id } } }"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.firstMessage(), QStringLiteral("abc is not a valid GitLab ID."));
        QCOMPARE(a.errors().at(0)[QStringLiteral("path")].toArray(), QJsonArray { QStringLiteral("projects") });
        QVERIFY(a.data().value(QStringLiteral("projects")).isNull());
        const Answer b = graphql(QStringLiteral("{ projects(ids: [\"gid://gitlab/Issue/1\"]) { nodes { id } } }"));
        QCOMPARE(b.firstMessage(), QStringLiteral("gid://gitlab/Issue/1 is not a valid ID for Project."));
    }

    void paginationWalksAllPages()
    {
        // Newest first, as ProjectsFinder orders without `sort`.
        QList<qint64> expected;
        for (const QJsonValue &p :
             m_rest->get(QStringLiteral("/projects?per_page=100&order_by=id&sort=desc")).json().array())
            expected.append(p.toObject().value(QStringLiteral("id")).toInteger());
        QVERIFY(expected.size() > 10);

        const QString query = QStringLiteral("query($n: Int, $after: String) { projects(first: $n, after: $after) { "
                                             "pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }");
        QList<qint64> walked;
        QJsonObject variables { { QStringLiteral("n"), 4 } };
        for (int page = 0; page < 100; ++page) {
            const Answer a = graphql(query, variables);
            QVERIFY2(a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
            const QJsonObject projects = a.data().value(QStringLiteral("projects")).toObject();
            const QJsonArray edges = projects.value(QStringLiteral("edges")).toArray();
            QVERIFY(edges.size() <= 4);
            for (const QJsonValue &edge : edges)
                walked.append(idOf(edge[QStringLiteral("node")][QStringLiteral("id")]));
            const QJsonObject pageInfo = projects.value(QStringLiteral("pageInfo")).toObject();
            if (!edges.isEmpty())
                QCOMPARE(pageInfo.value(QStringLiteral("endCursor")), edges.last()[QStringLiteral("cursor")]);
            if (!pageInfo.value(QStringLiteral("hasNextPage")).toBool())
                break;
            variables.insert(QStringLiteral("after"), pageInfo.value(QStringLiteral("endCursor")));
        }
        QCOMPARE(walked, expected);
    }

    void variablesReachNestedArguments()
    {
        const qint64 app
            = m_opsProjectIds.first() == m_seed.inventoryProjectId ? m_opsProjectIds.at(1) : m_opsProjectIds.first();
        const Answer a
            = graphql(QStringLiteral("query($one: ID!, $ref: String) { projects(ids: [$one]) { nodes { id "
                                     "repository { tree(ref: $ref) { submodules { nodes { sha } } } } } } }"),
                      { { QStringLiteral("one"), gid(app) }, { QStringLiteral("ref"), testBranch() } });
        QVERIFY2(a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
        const QJsonArray nodes
            = a.data().value(QStringLiteral("projects")).toObject().value(QStringLiteral("nodes")).toArray();
        QCOMPARE(nodes.size(), 1);
        QCOMPARE(idOf(nodes.at(0)[QStringLiteral("id")]), app);
        QCOMPARE(nodes
                     .at(0)[QStringLiteral("repository")][QStringLiteral("tree")][QStringLiteral("submodules")]
                           [QStringLiteral("nodes")]
                     .toArray()
                     .size(),
                 1);
    }

    void invalidTokenIsRefused()
    {
        const Answer a = graphqlAs(QStringLiteral("no-such-token"), QStringLiteral("{ currentUser { username } }"));
        QCOMPARE(a.status, 401);
        QCOMPARE(a.body,
                 (QJsonObject { { QStringLiteral("errors"),
                                  QJsonArray { QJsonObject {
                                      { QStringLiteral("message"), QStringLiteral("Invalid token") } } } } }));
    }

    void tokensNeedAnApiScope()
    {
        // GraphqlController#authenticate_graphql signs in api and read_api tokens only.
        m_emulator->addUser(QStringLiteral("reader"), QStringLiteral("Reader"), false, QStringLiteral("reader-token"));
        m_emulator->setTokenScopes(QStringLiteral("reader"), { QStringLiteral("read_user") });
        const QString query = QStringLiteral("{ currentUser { username } }");
        Answer a = graphqlAs(QStringLiteral("reader-token"), query);
        QCOMPARE(a.status, 401);
        QCOMPARE(a.firstMessage(), QStringLiteral("Invalid token"));
        m_emulator->setTokenScopes(QStringLiteral("reader"), { QStringLiteral("read_api") });
        a = graphqlAs(QStringLiteral("reader-token"), query);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.data()[QStringLiteral("currentUser")][QStringLiteral("username")].toString(),
                 QStringLiteral("reader"));
    }

    void anonymousQueriesSeePublicProjectsOnly()
    {
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            m_emulator->store().project(m_seed.inventoryProjectId)->visibility = QStringLiteral("public");
        }
        const Answer a = graphqlAs(QString(),
                                   QStringLiteral("{ queryComplexity { limit } currentUser { username } "
                                                  "projects { nodes { id } } }"));
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            m_emulator->store().project(m_seed.inventoryProjectId)->visibility = QStringLiteral("private");
        }
        QVERIFY2(a.status == 200 && a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
        QCOMPARE(a.data()[QStringLiteral("queryComplexity")][QStringLiteral("limit")].toInt(), 200);
        QVERIFY(a.data().value(QStringLiteral("currentUser")).isNull());
        const QJsonArray nodes = a.data()[QStringLiteral("projects")][QStringLiteral("nodes")].toArray();
        QCOMPARE(nodes.size(), 1);
        QCOMPARE(idOf(nodes.at(0)[QStringLiteral("id")]), m_seed.inventoryProjectId);
    }

    void stringEscapesAndBlockStrings_data()
    {
        QTest::addColumn<QString>("literal");
        QTest::newRow("plain") << QStringLiteral("\"plugins/ops/inventory\"");
        QTest::newRow("escapes") << QStringLiteral("\"plugins\\/ops\\u002Finventory\"");
        QTest::newRow("block string") << QStringLiteral("\"\"\"\n      plugins/ops/inventory\n    \"\"\"");
    }

    void stringEscapesAndBlockStrings()
    {
        QFETCH(QString, literal);
        const Answer a = graphql(QStringLiteral("{ project(fullPath: %1) { name } }").arg(literal));
        QVERIFY2(a.errors().isEmpty(), QJsonDocument(a.body).toJson().constData());
        QCOMPARE(a.data()[QStringLiteral("project")][QStringLiteral("name")].toString(), QStringLiteral("inventory"));
    }

    void staticErrors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown argument") << QStringLiteral("{ projects(foo: 1) { nodes { id } } }")
                                          << QStringLiteral("Field 'projects' doesn't accept argument 'foo'");
        QTest::newRow("required argument")
            << QStringLiteral("{ projects { nodes { environment(name: \"test\") { lastDeployment { id } } } } }")
            << QStringLiteral("Field 'lastDeployment' is missing required arguments: status");
        QTest::newRow("undeclared variable")
            << QStringLiteral("{ projects(first: $n) { nodes { id } } }")
            << QStringLiteral("Variable $n is used by anonymous query but not declared");
        QTest::newRow("missing non-null variable")
            << QStringLiteral("query($one: ID!) { projects(ids: [$one]) { nodes { id } } }")
            << QStringLiteral("Variable $one of type ID! was provided invalid value");
        QTest::newRow("no selections") << QStringLiteral("{ projects { nodes { repository } } }")
                                       << QStringLiteral("Field must have selections (field 'repository' returns "
                                                         "Repository but has no selections. Did you mean "
                                                         "'repository { ... }'?)");
        QTest::newRow("selections on a scalar")
            << QStringLiteral("{ projects { nodes { id { foo } } } }")
            << QStringLiteral("Selections can't be made on scalars (field 'id' returns ID but has selections "
                              "[\"foo\"])");
        QTest::newRow("empty") << QStringLiteral("  ") << QStringLiteral("No query string was present");
    }

    void staticErrors()
    {
        QFETCH(QString, query);
        QFETCH(QString, message);
        const Answer a = graphql(query);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.firstMessage(), message);
        QVERIFY(!a.body.contains(QStringLiteral("data")));
    }

    void aQueryDoesNotRewriteTheStateFile()
    {
        // A query reads: the emulator's state file (GitLab's database) stays
        // as it was, as it does for a GET. A full sync of 10,000 apps sends
        // 200 of them. (The seeded pipelines finish first: their runner
        // writes the file as they move.)
        QTRY_VERIFY_WITH_TIMEOUT(!m_emulator->hasUnfinishedPipelines(), 120000);
        m_emulator->saveState();
        const QString stateFile = m_emulator->dataDir() + QStringLiteral("/emulator-state.json");
        const QDateTime written = QFileInfo(stateFile).lastModified();
        QVERIFY(written.isValid());
        QTest::qWait(1100); // past the file system's time resolution
        const Answer a = graphql(QStringLiteral("{ currentUser { username } }"));
        QCOMPARE(a.status, 200);
        QTest::qWait(600); // past the emulator's 200 ms coalesced save
        QCOMPARE(QFileInfo(stateFile).lastModified(), written);
    }

    void getRequestsAreAnsweredToo()
    {
        Client client(m_emulator->baseUrl(), m_emulator->adminToken());
        const Reply r = client.get(
            QStringLiteral("/api/graphql?query=")
            + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("{ currentUser { username } }"))));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[QStringLiteral("data")][QStringLiteral("currentUser")][QStringLiteral("username")].toString(),
                 QStringLiteral("root"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorGraphql)
#include "tst_emulatorgraphql.moc"
