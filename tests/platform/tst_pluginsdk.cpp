// The plugin SDK that provisioning puts in every new repository
// (lib/Platform.php, issue 18), run by real PHP with the redis extension
// against a real valkey-server, with the credentials provisioning gives an
// app: the store keeps every key under the app's prefix, cannot reach
// another app's keys even when asked to, fails with a StoreError that never
// shows the password; the identity is read from the edge's headers only.
// The same on a three-node Valkey Cluster (scale-out), where the hash tag in
// the prefix keeps every key of an app in one slot.
#include "core/platform/appkeyspace.h"
#include "core/platform/valkeyappadmin.h"
#include "core/platform/valkeyconnection.h"
#include "core/provisioning/pluginskeleton.h"
#include "tests/support/valkeyserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

const QString App = QStringLiteral("app2000001");
const QString Other = QStringLiteral("app2000002");
const QString Password = QStringLiteral("k9-app-password-from-the-ci-variable");

struct PhpRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

} // namespace

class TestPluginSdk : public QObject
{
    Q_OBJECT

private:
    ValkeyServer m_server;
    ValkeyConnection *m_admin = nullptr; // the server's
    QTemporaryDir m_repository;          // the new code repository's files
    int m_scripts = 0;

    // The variables provisioning sets in the app's container.
    QProcessEnvironment environmentOf(const QString &appId, const QString &password) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PLATFORM_KV_HOST"), QStringLiteral("127.0.0.1"));
        environment.insert(QStringLiteral("PLATFORM_KV_PORT"), QString::number(m_server.port()));
        environment.insert(QStringLiteral("PLATFORM_KV_USER"), appId);
        environment.insert(QStringLiteral("PLATFORM_KV_PASSWORD"), password);
        environment.insert(QStringLiteral("PLATFORM_KV_PREFIX"), QString::fromUtf8(AppKeyspace::keyPrefix(appId)));
        return environment;
    }

    // Runs `body` after the SDK is loaded, as a file of the repository would.
    PhpRun php(const QByteArray &body, const QProcessEnvironment &environment)
    {
        const QString path = m_repository.filePath(QStringLiteral("web/test-%1.php").arg(++m_scripts));
        QFile script(path);
        if (!script.open(QIODevice::WriteOnly))
            return {};
        script.write("<?php\ndeclare(strict_types=1);\nrequire __DIR__ . '/../lib/Platform.php';\n" + body);
        script.close();
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral("php"), { QStringLiteral("-d"), QStringLiteral("display_errors=stderr"), path });
        if (!process.waitForFinished(60000))
            return {};
        return { process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError() };
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_server.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_admin = &m_server.adminConnection();
        AppKeyspaceAdmin admin(*m_admin);
        QVERIFY(admin.ensureUser(App, Password).isEmpty());
        QVERIFY(admin.ensureUser(Other, QStringLiteral("the other app's password")).isEmpty());
        QCOMPARE(m_admin->command({ "SET", AppKeyspace::keyPrefix(Other) + "secret", "not yours" }).text,
                 QByteArray("OK"));

        // The repository exactly as provisioning creates it.
        const QHash<QString, QByteArray> files = PluginSkeleton::files(App, QStringLiteral("Shop"), {}, {});
        QVERIFY(files.contains(PluginSkeleton::sdkPath()));
        QVERIFY(files.value(PluginSkeleton::sdkPath()).contains("final class Store"));
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            const QString path = m_repository.filePath(it.key());
            QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(it.value());
        }
    }

    void everyPhpFileOfTheSkeletonIsValid()
    {
        for (const QString &file :
             { PluginSkeleton::sdkPath(), QStringLiteral("web/index.php"), QStringLiteral("web/health.php") }) {
            QProcess lint;
            lint.start(QStringLiteral("php"), { QStringLiteral("-l"), m_repository.filePath(file) });
            QVERIFY(lint.waitForFinished(60000));
            QVERIFY2(lint.exitCode() == 0, qPrintable(file + QString::fromUtf8(lint.readAllStandardOutput())));
        }
    }

    void storeKeepsEveryKeyUnderTheAppsPrefix()
    {
        const PhpRun run = php(R"php(
$store = Platform\Store::fromEnvironment();
$store->set('greeting', 'hello', 3600);
$store->set('forever', 'kept');
$store->incr('visits');
$store->incr('visits', 41);
$store->hashSet('user:42', ['name' => 'Ann', 'plan' => 'pro']);
$store->hashDelete('user:42', 'name');
$result = [
    'greeting' => $store->get('greeting'),
    'missing' => $store->get('missing'),
    'visits' => $store->incr('visits', 0),
    'ttl' => $store->ttl('greeting'),
    'foreverTtl' => $store->ttl('forever'),
    'plan' => $store->hashGet('user:42', 'plan'),
    'name' => $store->hashGet('user:42', 'name'),
    'hash' => $store->hashGetAll('user:42'),
    'deleted' => $store->delete('forever', 'missing'),
];
echo json_encode($result);
)php",
                               environmentOf(App, Password));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject result = run.json();
        QCOMPARE(result.value(QStringLiteral("greeting")).toString(), QStringLiteral("hello"));
        QVERIFY(result.value(QStringLiteral("missing")).isNull());
        QCOMPARE(result.value(QStringLiteral("visits")).toInt(), 42);
        QVERIFY(result.value(QStringLiteral("ttl")).toInt() > 3500);
        QVERIFY(result.value(QStringLiteral("foreverTtl")).isNull());
        QCOMPARE(result.value(QStringLiteral("plan")).toString(), QStringLiteral("pro"));
        QVERIFY(result.value(QStringLiteral("name")).isNull());
        QCOMPARE(result.value(QStringLiteral("hash")).toObject().size(), 1);
        QCOMPARE(result.value(QStringLiteral("deleted")).toInt(), 1);

        // On the server: under the prefix, nowhere else.
        const QByteArray prefix = AppKeyspace::keyPrefix(App);
        QCOMPARE(m_admin->command({ "GET", prefix + "greeting" }).text, QByteArray("hello"));
        QCOMPARE(m_admin->command({ "HGET", prefix + "user:42", "plan" }).text, QByteArray("pro"));
        QCOMPARE(m_admin->command({ "EXISTS", "greeting", "visits", "user:42" }).integer, 0);
    }

    void anotherAppsKeysAreOutOfReach()
    {
        // A plugin that claims another app's prefix, or talks to the server
        // directly with its own credentials, is refused by the server.
        QProcessEnvironment lying = environmentOf(App, Password);
        lying.insert(QStringLiteral("PLATFORM_KV_PREFIX"), QString::fromUtf8(AppKeyspace::keyPrefix(Other)));
        const PhpRun viaSdk = php(R"php(
try {
    echo json_encode(['read' => Platform\Store::fromEnvironment()->get('secret')]);
} catch (Platform\StoreError $e) {
    echo json_encode(['error' => $e->getMessage()]);
}
)php",
                                  lying);
        QVERIFY2(viaSdk.exitCode == 0, viaSdk.err.constData());
        QVERIFY2(viaSdk.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("NOPERM")),
                 viaSdk.out.constData());

        const PhpRun direct = php(R"php(
$redis = new Redis();
$redis->connect('127.0.0.1', (int) getenv('PLATFORM_KV_PORT'));
$redis->auth([getenv('PLATFORM_KV_USER'), getenv('PLATFORM_KV_PASSWORD')]);
$answers = [];
foreach ([['get', '{app2000002}:secret'], ['keys', '*'], ['flushAll'], ['scan']] as $call) {
    try {
        $method = array_shift($call);
        if ($method === 'scan') {
            $it = null;
            $value = $redis->scan($it);
        } else {
            $value = $redis->$method(...$call);
        }
        $answers[] = $value === false ? (string) $redis->getLastError() : json_encode($value);
    } catch (RedisException $e) {
        $answers[] = $e->getMessage();
    }
}
echo json_encode(['answers' => $answers]);
)php",
                                  environmentOf(App, Password));
        QVERIFY2(direct.exitCode == 0, direct.err.constData());
        const QJsonObject answers = direct.json();
        for (const QJsonValue &answer : answers.value(QStringLiteral("answers")).toArray())
            QVERIFY2(answer.toString().contains(QStringLiteral("NOPERM")), direct.out.constData());
        QCOMPARE(answers.value(QStringLiteral("answers")).toArray().size(), 4);
        QCOMPARE(m_admin->command({ "GET", AppKeyspace::keyPrefix(Other) + "secret" }).text, QByteArray("not yours"));
        QVERIFY(m_admin->command({ "DBSIZE" }).integer > 0);
    }

    void failuresAreStoreErrorsWithoutThePassword()
    {
        const QString wrong = QStringLiteral("a-wrong-password-that-must-not-be-shown");
        const PhpRun refused = php(R"php(
try {
    Platform\Store::fromEnvironment();
    echo json_encode(['connected' => true]);
} catch (Platform\StoreError $e) {
    echo json_encode(['error' => $e->getMessage()]);
}
)php",
                                   environmentOf(App, wrong));
        QVERIFY2(refused.exitCode == 0, refused.err.constData());
        const QString message = refused.json().value(QStringLiteral("error")).toString();
        QVERIFY2(!message.isEmpty(), refused.out.constData());
        QVERIFY2(!message.contains(wrong) && !refused.err.contains(wrong.toUtf8()), qPrintable(message));

        QProcessEnvironment unconfigured = environmentOf(App, Password);
        unconfigured.remove(QStringLiteral("PLATFORM_KV_PREFIX"));
        const PhpRun missing = php("try { Platform\\Store::fromEnvironment(); } catch (Platform\\StoreError $e) "
                                   "{ echo $e->getMessage(); }\n",
                                   unconfigured);
        QVERIFY2(missing.out.contains("not configured"), missing.out.constData());
    }

    void theSameWorksOnACluster()
    {
        ValkeyCluster cluster;
        const QString problem = cluster.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        std::vector<std::unique_ptr<ValkeyConnection>> connections;
        QList<ValkeyConnection *> nodes;
        for (const ValkeyEndpoint &endpoint : cluster.admins()) {
            connections.push_back(std::make_unique<ValkeyConnection>(endpoint));
            QVERIFY2(connections.back()->isOpen(), qPrintable(connections.back()->error()));
            nodes.append(connections.back().get());
        }
        // The admin writes another app's key on whichever node owns its slot.
        auto setAnywhere = [&](const QByteArray &key, const QByteArray &value) {
            for (ValkeyConnection *node : std::as_const(nodes)) {
                if (node->command({ "SET", key, value }).text == "OK")
                    return true;
            }
            return false;
        };
        // Provisioning's way in: one seed, from which it finds every node
        // (each keeps its own ACL users), on the thread pool.
        ValkeyAppAdmin provisioning(cluster.admins().constFirst(), cluster.seeds().join(QLatin1Char(',')));
        const auto answer = [this](const std::function<void(AppKeyValueAdmin::Done)> &call) {
            std::optional<QString> error;
            call([&error](const QString &e) { error = e; });
            return QTest::qWaitFor([&error] { return error.has_value(); }, 30000) ? *error
                                                                                  : QStringLiteral("no answer");
        };
        for (const auto &[app, password] :
             { std::pair(App, Password), std::pair(Other, QStringLiteral("the other app's password")) }) {
            const QString made = answer([&](AppKeyValueAdmin::Done done) {
                provisioning.ensureUser(app, password, AppKeyValueAdmin::OtherPasswords::Remove, this, done);
            });
            QVERIFY2(made.isEmpty(), qPrintable(made));
        }
        for (ValkeyEndpoint node : cluster.admins()) {
            node.user = App;
            node.password = Password;
            ValkeyConnection asApp(node);
            QVERIFY2(asApp.isOpen(), qPrintable(asApp.error())); // on every node
        }
        QVERIFY(setAnywhere(AppKeyspace::keyPrefix(Other) + "secret", "not yours"));

        // The plugin gets what provisioning puts in its CI/CD variables.
        QProcessEnvironment environment = environmentOf(App, Password);
        environment.remove(QStringLiteral("PLATFORM_KV_HOST"));
        environment.remove(QStringLiteral("PLATFORM_KV_PORT"));
        for (const auto &[name, value] : provisioning.connectionVariables(App))
            environment.insert(name, value);
        QCOMPARE(environment.value(QStringLiteral("PLATFORM_KV_SEEDS")), cluster.seeds().join(QLatin1Char(',')));
        const PhpRun run = php(R"php(
$store = Platform\Store::fromEnvironment();
for ($i = 0; $i < 50; $i++) {
    $store->set("item:$i", "value $i", 600);
}
$store->hashSet('user:1', ['name' => 'Ann']);
$result = [
    'item' => $store->get('item:7'),
    'count' => $store->incr('counter', 5),
    'name' => $store->hashGet('user:1', 'name'),
    'deleted' => $store->delete('item:0', 'item:1', 'item:2'),
];
$redis = new RedisCluster(null, explode(',', getenv('PLATFORM_KV_SEEDS')), 2.0, 2.0, true,
                          [getenv('PLATFORM_KV_USER'), getenv('PLATFORM_KV_PASSWORD')]);
try {
    $value = $redis->get('{app2000002}:secret');
    $result['other'] = $value === false ? (string) $redis->getLastError() : $value;
} catch (RedisClusterException $e) {
    $result['other'] = $e->getMessage();
}
echo json_encode($result);
)php",
                               environment);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject result = run.json();
        QCOMPARE(result.value(QStringLiteral("item")).toString(), QStringLiteral("value 7"));
        QCOMPARE(result.value(QStringLiteral("count")).toInt(), 5);
        QCOMPARE(result.value(QStringLiteral("name")).toString(), QStringLiteral("Ann"));
        QCOMPARE(result.value(QStringLiteral("deleted")).toInt(), 3); // one call: one slot
        QVERIFY2(result.value(QStringLiteral("other")).toString().contains(QStringLiteral("NOPERM")),
                 run.out.constData());

        // Archiving finds the app's keys on the node that holds them.
        const QString archived = answer([&](AppKeyValueAdmin::Done done) { provisioning.removeApp(App, this, done); });
        QVERIFY2(archived.isEmpty(), qPrintable(archived));
        for (ValkeyConnection *node : std::as_const(nodes)) {
            const ValkeyReply left
                = node->command({ "SCAN", "0", "MATCH", AppKeyspace::keyPrefix(App) + '*', "COUNT", "10000" });
            QCOMPARE(left.elements.value(1).elements.size(), 0);
        }
        const ValkeyEndpoint gone = cluster.admins().constFirst();
        ValkeyEndpoint asApp = gone;
        asApp.user = App;
        asApp.password = Password;
        QVERIFY(!ValkeyConnection(asApp).isOpen());
        bool otherKept = false;
        for (ValkeyConnection *node : std::as_const(nodes))
            otherKept
                = otherKept || node->command({ "GET", AppKeyspace::keyPrefix(Other) + "secret" }).text == "not yours";
        QVERIFY(otherKept);
    }

    void identityComesFromTheEdgesHeaders()
    {
        const PhpRun run = php(R"php(
$signedIn = Platform\Identity::fromRequest([
    'HTTP_X_PLATFORM_USER' => 'ann',
    'HTTP_X_PLATFORM_ROLES' => 'editor, viewer,editor',
    'HTTP_X_PLATFORM_PERMISSIONS' => 'orders.read,orders.write',
]);
$anonymous = Platform\Identity::fromRequest(['HTTP_X_PLATFORM_USER' => '  ', 'HTTP_X_PLATFORM_PERMISSIONS' => '']);
$oddTypes = Platform\Identity::fromRequest(['HTTP_X_PLATFORM_USER' => ['ann'], 'HTTP_X_PLATFORM_ROLES' => 7]);
echo json_encode([
    'user' => $signedIn->user(),
    'roles' => $signedIn->roles(),
    'canRead' => $signedIn->can('orders.read'),
    'canPrefix' => $signedIn->can('orders'),
    'canWild' => $signedIn->can('orders.*'),
    'editor' => $signedIn->hasRole('editor'),
    'anonymous' => $anonymous->isAnonymous(),
    'anonymousCan' => $anonymous->can(''),
    'oddAnonymous' => $oddTypes->isAnonymous(),
    'oddRoles' => $oddTypes->roles(),
]);
)php",
                               environmentOf(App, Password));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject r = run.json();
        QCOMPARE(r.value(QStringLiteral("user")).toString(), QStringLiteral("ann"));
        QCOMPARE(r.value(QStringLiteral("roles")).toArray().size(), 2);
        QVERIFY(r.value(QStringLiteral("canRead")).toBool());
        QVERIFY(!r.value(QStringLiteral("canPrefix")).toBool());
        QVERIFY(!r.value(QStringLiteral("canWild")).toBool());
        QVERIFY(r.value(QStringLiteral("editor")).toBool());
        QVERIFY(r.value(QStringLiteral("anonymous")).toBool());
        QVERIFY(!r.value(QStringLiteral("anonymousCan")).toBool());
        QVERIFY(r.value(QStringLiteral("oddAnonymous")).toBool());
        QCOMPARE(r.value(QStringLiteral("oddRoles")).toArray().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPluginSdk)
#include "tst_pluginsdk.moc"
