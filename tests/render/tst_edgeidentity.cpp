// Identity at the edge (issue 18), in a real nginx running the rendered outer
// site: every request is checked by the company's auth endpoint (a small one
// on loopback here) before it reaches the plugin, which receives the verified
// user, roles and the permissions granted to those roles; headers of the
// same names sent by a client never arrive; open paths need no sign-in; a
// permission the plugin declared but nobody granted is not passed.
#include "core/platform/appkeyspace.h"
#include "core/provisioning/pluginskeleton.h"
#include "failoverharness.h"
#include "renderfixtures.h"
#include "tests/support/httpemulator.h"
#include "tests/support/valkeyserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::FailoverHarness;
using namespace Dockmaster::Test;

namespace {

// The plugin: tells what identity it received.
class EchoPlugin final : public HttpEmulator
{
protected:
    HttpResponse handle(const HttpRequest &request) override
    {
        QByteArray body = "path=" + request.path.toUtf8() + '\n';
        for (const char *name : { "x-platform-user", "x-platform-roles", "x-platform-permissions" }) {
            if (request.headers.contains(name))
                body += QByteArray(name) + '=' + request.headers.value(name) + '\n';
        }
        return { 200, { { "Content-Type", "text/plain" } }, body };
    }
};

// The company's auth endpoint: a bearer token names the visitor.
class AuthEndpoint final : public HttpEmulator
{
protected:
    HttpResponse handle(const HttpRequest &request) override
    {
        const QByteArray token = request.headers.value("authorization");
        if (token == "Bearer ann")
            return { 200, { { "X-Platform-User", "ann" }, { "X-Platform-Roles", "editor, staff" } }, {} };
        if (token == "Bearer bob")
            return { 200, { { "X-Platform-User", "bob" }, { "X-Platform-Roles", "viewer" } }, {} };
        if (token == "Bearer mallory")
            return { 403, {}, {} };
        return { 401, {}, {} };
    }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

// "name=value" lines of what the plugin received.
QHash<QByteArray, QByteArray> received(const Response &response)
{
    QHash<QByteArray, QByteArray> out;
    for (const QByteArray &line : response.body.split('\n')) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0)
            out.insert(line.left(equals), line.mid(equals + 1));
    }
    return out;
}

QStringList permissions(const Response &response)
{
    QStringList out;
    for (const QByteArray &item : received(response).value("x-platform-permissions").split(',')) {
        if (!item.trimmed().isEmpty())
            out.append(QString::fromUtf8(item.trimmed()));
    }
    out.sort();
    return out;
}

} // namespace

class TestEdgeIdentity : public QObject
{
    Q_OBJECT

private:
    EchoPlugin m_plugin;
    AuthEndpoint m_auth;

    QString url(FrontStack &front, const QString &path) const
    {
        return QStringLiteral("https://127.0.0.1:%1%2").arg(front.httpsPort()).arg(path);
    }

    QString startWithIdentity(FrontStack &front, const QString &loginUrl = {})
    {
        return front.start(m_plugin.port(), [&](AppEnvironmentSpec &spec) {
            spec.setValue(RenderField::AuthUrl, m_auth.url(QStringLiteral("/check")).toString());
            spec.setValue(RenderField::LoginUrl, loginUrl);
            spec.setValue(RenderField::AnonymousPaths, QStringLiteral("/public/,/health.php"));
            // orders.export is declared by the plugin but granted to nobody.
            spec.setValue(RenderField::PermissionGrants,
                          QStringLiteral("orders.read=editor|viewer;orders.write=editor;reports.view=auditor"));
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_plugin.listen());
        QVERIFY(m_auth.listen());
    }

    // The skeleton's SDK (lib/Platform.php, as provisioning commits it) in
    // the plugin behind the real stack: the outer nginx checks the visitor,
    // the container is down so the host-local fallback's php-fpm runs the
    // plugin with the variables the deploy appends to its pool, and the
    // plugin reads who the visitor is and what they may do, and counts their
    // visits in its own part of a real valkey-server.
    void theSkeletonsSdkWorksBehindNginxAndPhpFpm()
    {
        const QString app = QStringLiteral("app0000042"); // FrontStack's app
        const QString password = QStringLiteral("k9-the-app-password-from-its-ci-variable");
        ValkeyServer store;
        const QString storeProblem = store.start();
        QVERIFY2(storeProblem.isEmpty(), qPrintable(storeProblem));
        QVERIFY(AppKeyspaceAdmin(store.adminConnection()).ensureUser(app, password).isEmpty());

        FrontStack front;
        const QHash<QString, QByteArray> skeleton = PluginSkeleton::files(app, QStringLiteral("Shop"), {}, {});
        front.setAppCode({ { PluginSkeleton::sdkPath(), skeleton.value(PluginSkeleton::sdkPath()) },
                           { QStringLiteral("web/index.php"),
                             "<?php\ndeclare(strict_types=1);\nrequire __DIR__ . '/../lib/Platform.php';\n"
                             "$me = Platform\\Identity::fromRequest();\n"
                             "$store = Platform\\Store::fromEnvironment();\n"
                             "$visits = $me->isAnonymous() ? 0 : $store->incr('visits:' . $me->user());\n"
                             "header('Content-Type: application/json');\n"
                             "echo json_encode(['user' => $me->user(), 'roles' => $me->roles(),\n"
                             "    'canRead' => $me->can('orders.read'), 'canExport' => $me->can('orders.export'),\n"
                             "    'visits' => $visits]);\n" } });
        front.setPoolEnvironment(
            { { QStringLiteral("PLATFORM_KV_HOST"), QStringLiteral("127.0.0.1") },
              { QStringLiteral("PLATFORM_KV_PORT"), QString::number(store.port()) },
              { QStringLiteral("PLATFORM_KV_USER"), app },
              { QStringLiteral("PLATFORM_KV_PASSWORD"), password },
              { QStringLiteral("PLATFORM_KV_PREFIX"), QString::fromUtf8(AppKeyspace::keyPrefix(app)) } });
        const quint16 deadContainer = freePort(); // nothing listens: the fallback answers
        const QString problem = front.start(deadContainer, [&](AppEnvironmentSpec &spec) {
            spec.setValue(RenderField::AuthUrl, m_auth.url(QStringLiteral("/check")).toString());
            spec.setValue(RenderField::PermissionGrants, QStringLiteral("orders.read=editor|viewer"));
        });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // Ann is an editor: she may read orders; orders.export is granted to nobody.
        for (int visit = 1; visit <= 2; ++visit) {
            const Response ann = front.get(url(front, QStringLiteral("/")), {},
                                           { { "Authorization", "Bearer ann" }, { "X-Platform-User", "root" } });
            QVERIFY2(ann.status == 200,
                     qPrintable(QStringLiteral("%1 %2").arg(ann.status).arg(QString::fromUtf8(ann.body.left(300)))));
            const QJsonObject page = QJsonDocument::fromJson(ann.body).object();
            QCOMPARE(page.value(QStringLiteral("user")).toString(), QStringLiteral("ann")); // never "root"
            QCOMPARE(page.value(QStringLiteral("roles")).toVariant().toStringList(),
                     (QStringList { QStringLiteral("editor"), QStringLiteral("staff") }));
            QVERIFY(page.value(QStringLiteral("canRead")).toBool());
            QVERIFY(!page.value(QStringLiteral("canExport")).toBool());
            QCOMPARE(page.value(QStringLiteral("visits")).toInt(), visit);
        }
        const Response bob = front.get(url(front, QStringLiteral("/")), {}, { { "Authorization", "Bearer bob" } });
        QCOMPARE(bob.status, 200);
        QCOMPARE(QJsonDocument::fromJson(bob.body).object().value(QStringLiteral("visits")).toInt(), 1);
        // Not signed in: the edge answers, the plugin never runs.
        QCOMPARE(front.get(url(front, QStringLiteral("/"))).status, 401);

        // In the app's own part of the store, nowhere else.
        ValkeyConnection &admin = store.adminConnection();
        QCOMPARE(admin.command({ "GET", AppKeyspace::keyPrefix(app) + "visits:ann" }).text, QByteArray("2"));
        QCOMPARE(admin.command({ "EXISTS", "visits:ann" }).integer, 0);
    }

    void signedInVisitorsReachThePluginWithTheirPermissions()
    {
        FrontStack front;
        const QString problem = startWithIdentity(front);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        const Response ann
            = front.get(url(front, QStringLiteral("/orders")), {}, { { "Authorization", "Bearer ann" } });
        QCOMPARE(ann.status, 200);
        QCOMPARE(received(ann).value("x-platform-user"), QByteArray("ann"));
        QCOMPARE(received(ann).value("x-platform-roles"), QByteArray("editor, staff"));
        QCOMPARE(permissions(ann), QStringList({ QStringLiteral("orders.read"), QStringLiteral("orders.write") }));

        const Response bob
            = front.get(url(front, QStringLiteral("/orders")), {}, { { "Authorization", "Bearer bob" } });
        QCOMPARE(bob.status, 200);
        QCOMPARE(permissions(bob), QStringList { QStringLiteral("orders.read") });

        // The endpoint was asked about this app, this environment and this URI, without the body.
        const HttpRequest &asked = m_auth.log().constLast();
        QCOMPARE(asked.headers.value("x-platform-app"), QByteArray("app0000042"));
        QCOMPARE(asked.headers.value("x-platform-environment"), QByteArray("test"));
        QCOMPARE(asked.headers.value("x-original-uri"), QByteArray("/orders"));
    }

    void refusedAndUnknownVisitorsNeverReachThePlugin()
    {
        FrontStack front;
        QVERIFY(startWithIdentity(front).isEmpty());
        const int pluginRequests = m_plugin.requestCount();
        QCOMPARE(front.get(url(front, QStringLiteral("/orders")), {}, { { "Authorization", "Bearer mallory" } }).status,
                 403);
        QCOMPARE(front.get(url(front, QStringLiteral("/orders"))).status, 401);
        QCOMPARE(m_plugin.requestCount(), pluginRequests);
    }

    void unauthenticatedVisitorsAreSentToSignInWhenThereIsAPage()
    {
        FrontStack front;
        QVERIFY(startWithIdentity(front, QStringLiteral("https://login.example.com/signin")).isEmpty());
        const Response r = front.get(url(front, QStringLiteral("/orders?id=7")));
        QCOMPARE(r.status, 302);
        QVERIFY2(r.location.startsWith("https://login.example.com/signin?rd=https://"), r.location.constData());
        QVERIFY2(r.location.endsWith("/orders?id=7"), r.location.constData());
    }

    void spoofedIdentityHeadersAreRemoved()
    {
        FrontStack front;
        QVERIFY(startWithIdentity(front).isEmpty());
        const Headers forged { { "X-Platform-User", "root" },
                               { "X-Platform-Roles", "admin" },
                               { "X-Platform-Permissions", "orders.read,orders.write,everything" },
                               { "x-platform-user", "root" },
                               // php-fpm would read these as the same variables (HTTP_X_PLATFORM_USER).
                               { "X_Platform_User", "root" },
                               { "X_Platform_Permissions", "everything" } };
        // Signed in as bob: his identity, not the forged one.
        Headers asBob = forged;
        asBob.append(QPair<QByteArray, QByteArray>("Authorization", "Bearer bob"));
        const Response bob = front.get(url(front, QStringLiteral("/orders")), {}, asBob);
        QCOMPARE(bob.status, 200);
        QCOMPARE(received(bob).value("x-platform-user"), QByteArray("bob"));
        QCOMPARE(permissions(bob), QStringList { QStringLiteral("orders.read") });
        QVERIFY2(!bob.body.contains("root") && !bob.body.contains("everything"), bob.body.constData());
        // On an open path nobody is signed in: no identity at all arrives.
        const Response open = front.get(url(front, QStringLiteral("/public/app.css")), {}, forged);
        QCOMPARE(open.status, 200);
        QVERIFY2(!received(open).contains("x-platform-user"), open.body.constData());
        QVERIFY2(permissions(open).isEmpty(), open.body.constData());
    }

    void openPathsNeedNoSignIn()
    {
        FrontStack front;
        QVERIFY(startWithIdentity(front).isEmpty());
        m_auth.clearLog();
        QCOMPARE(front.get(url(front, QStringLiteral("/public/logo.png"))).status, 200);
        QCOMPARE(front.get(url(front, QStringLiteral("/health.php"))).status, 200);
        QCOMPARE(m_auth.requestCount(), 0); // not even asked
        // Exact paths are exact, folders are folders.
        QCOMPARE(front.get(url(front, QStringLiteral("/health.php.bak"))).status, 401);
        QCOMPARE(front.get(url(front, QStringLiteral("/publicity"))).status, 401);
        // nginx sends the folder's name without its slash to the folder.
        const Response folder = front.get(url(front, QStringLiteral("/public")));
        QCOMPARE(folder.status, 301);
        QVERIFY2(folder.location.endsWith("/public/"), folder.location.constData());
        // A path that only passes through an open folder is not open.
        QCOMPARE(front.get(url(front, QStringLiteral("/public/../orders"))).status, 401);
        QCOMPARE(front.get(url(front, QStringLiteral("/public/%2e%2e/orders"))).status, 401);
    }

    void withoutASignInCheckClientsStillCannotSendAnIdentity()
    {
        FrontStack front;
        QVERIFY(front.start(m_plugin.port()).isEmpty());
        const Response r = front.get(url(front, QStringLiteral("/")), {},
                                     { { "X-Platform-User", "root" }, { "X-Platform-Permissions", "everything" } });
        QCOMPARE(r.status, 200);
        QVERIFY2(!r.body.contains("root") && !r.body.contains("everything"), r.body.constData());
    }

    void valuesThatWouldBreakTheConfigurationAreRefused_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("value");
        const int auth = int(RenderField::AuthUrl);
        const int paths = int(RenderField::AnonymousPaths);
        const int grants = int(RenderField::PermissionGrants);
        QTest::newRow("url with a variable") << auth << QStringLiteral("http://127.0.0.1/$host");
        QTest::newRow("url ending the directive") << auth << QStringLiteral("http://a/;return");
        QTest::newRow("url with a quote") << auth << QStringLiteral("http://a/\"x");
        QTest::newRow("url of another scheme") << auth << QStringLiteral("file:///etc/passwd");
        QTest::newRow("path outside") << paths << QStringLiteral("/public/../admin/");
        QTest::newRow("path regex") << paths << QStringLiteral("/.*");
        QTest::newRow("path without slash") << paths << QStringLiteral("public/");
        QTest::newRow("the whole site") << paths << QStringLiteral("/public/,/");
        QTest::newRow("the check itself") << paths << QStringLiteral("/_platform_auth_app0000042_test");
        QTest::newRow("role regex") << grants << QStringLiteral("orders.read=.*");
        QTest::newRow("role alternation") << grants << QStringLiteral("orders.read=a)|(b");
        QTest::newRow("permission with a quote") << grants << QStringLiteral("orders\"=editor");
        QTest::newRow("permission twice") << grants << QStringLiteral("a=x;a=y");
    }

    void valuesThatWouldBreakTheConfigurationAreRefused()
    {
        QFETCH(int, field);
        QFETCH(QString, value);
        AppEnvironmentSpec spec = RenderFixtures::phpTest();
        spec.setValue(RenderField::AuthUrl, QStringLiteral("https://auth.example.com/check"));
        spec.setValue(RenderField(field), value);
        const RenderInputResult checked = RenderInput::validate(spec);
        QVERIFY(!checked.ok());
        QCOMPARE(checked.errors.constFirst().field, RenderField(field));
    }
};

QTEST_MAIN(TestEdgeIdentity)
#include "tst_edgeidentity.moc"
