#include "core/provisioning/pluginskeleton.h"

#include <QFile>

namespace Dockmaster {

QByteArray PluginSkeleton::sdk()
{
    QFile file(QStringLiteral(":/skeleton/Platform.php"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QHash<QString, QByteArray> PluginSkeleton::files(const QString &appId, const QString &name, const QString &testDomain,
                                                 const QString &productionDomain)
{
    QHash<QString, QByteArray> out;
    out.insert(QStringLiteral("web/index.php"),
               QStringLiteral("<?php\n"
                              "// Entry point of the %1 plugin. Everything under web/ is served;\n"
                              "// keep secrets out of this repository (they arrive as environment variables).\n"
                              "declare(strict_types=1);\n\n"
                              "header('Content-Type: text/html; charset=utf-8');\n"
                              "$name = htmlspecialchars('%2', ENT_QUOTES, 'UTF-8');\n"
                              "echo \"<!doctype html><title>{$name}</title><h1>{$name}</h1>"
                              "<p>It works.</p>\";\n")
                   .arg(appId, name)
                   .toUtf8());
    out.insert(sdkPath(), sdk());
    // What the plugin asks of the platform; changing it is flagged in review.
    out.insert(QStringLiteral("platform.json"),
               QByteArray("{\n"
                          "  \"permissions\": {},\n"
                          "  \"anonymous_paths\": [\"/health.php\"],\n"
                          "  \"kv_quota_mb\": 10\n"
                          "}\n"));
    out.insert(QStringLiteral("web/health.php"),
               QByteArray("<?php\nheader('Content-Type: text/plain');\necho \"ok\\n\";\n"));
    QString domains;
    if (!testDomain.isEmpty())
        domains += QStringLiteral("- test: https://%1\n").arg(testDomain);
    if (!productionDomain.isEmpty())
        domains += QStringLiteral("- production: https://%1\n").arg(productionDomain);
    out.insert(QStringLiteral("README.md"),
               QStringLiteral("# %1 (%2)\n\n"
                              "This repository holds the code of your plugin. Everything under `web/` is served by "
                              "nginx and PHP-FPM in the plugin's own container.\n\n"
                              "## Where it runs\n\n%3\n"
                              "## How to request a release\n\n"
                              "1. Push your work and create a tag (for example `v1.0.0`), or note the commit SHA.\n"
                              "2. Open a new issue and choose the **Release request** template.\n"
                              "3. Fill in the tag or commit and the environment, and keep the labels "
                              "`release-request` and `env::test` or `env::production`.\n"
                              "4. A platform admin reviews the request. The label `release::pending` becomes "
                              "`release::approved`, then `release::deployed` (or `release::failed`); a rejected "
                              "request gets `release::rejected` and a comment with the reason.\n"
                              "5. Each step is commented on the issue, with the deployed commit.\n\n"
                              "Release to `test` first; production releases are approved separately.\n\n"
                              "## Who is asking, and what they may do\n\n"
                              "The platform signs visitors in before a request reaches your plugin, and tells it who "
                              "they are and which permissions they hold here. Declare the permissions your plugin "
                              "uses in `platform.json` (a name and a one-line description each, for example "
                              "`\"orders.read\": \"See the shop's orders\"`), with the paths that must open "
                              "without signing in and the key/value space you need; the platform's admins grant "
                              "permissions to roles and open the paths. Use "
                              "`lib/Platform.php` (no framework needed):\n\n"
                              "```php\n"
                              "require __DIR__ . '/../lib/Platform.php';\n\n"
                              "$me = Platform\\Identity::fromRequest();\n"
                              "if (!$me->can('orders.read')) {\n"
                              "    http_response_code(403);\n"
                              "    exit;\n"
                              "}\n"
                              "echo 'Hello, ' . htmlspecialchars($me->user() ?? 'guest');\n"
                              "```\n\n"
                              "Never read the `X-Platform-*` headers any other way, and never ask visitors for the "
                              "company's passwords.\n\n"
                              "## Your key/value store\n\n"
                              "Each plugin has its own store; its address and credentials arrive as `PLATFORM_KV_*` "
                              "environment variables. Keys are yours alone: other plugins cannot see them.\n\n"
                              "```php\n"
                              "$store = Platform\\Store::fromEnvironment();\n"
                              "$store->set('greeting', 'hello', 3600);   // expires in an hour\n"
                              "$visits = $store->incr('visits');\n"
                              "$store->hashSet('user:42', ['name' => 'Ann', 'plan' => 'pro']);\n"
                              "$plan = $store->hashGet('user:42', 'plan');\n"
                              "$store->delete('greeting');\n"
                              "```\n\n"
                              "Errors throw `Platform\\StoreError`.\n\n"
                              "## Rules\n\n"
                              "- Do not commit credentials. The platform's permission check and key/value store "
                              "credentials are given to your container as environment variables.\n"
                              "- The deployed version is pinned by commit; moving a tag later does not change "
                              "what runs.\n")
                   .arg(name, appId, domains)
                   .toUtf8());
    out.insert(releaseTemplatePath(),
               QByteArray("## Release request\n\n"
                          "Ref: <!-- tag (v1.2.0) or full commit SHA -->\n"
                          "Environment: <!-- test or production -->\n\n"
                          "### What changed\n\n"
                          "<!-- A short summary for the reviewer. -->\n\n"
                          "/label ~release-request ~\"release::pending\"\n"));
    out.insert(QStringLiteral(".gitignore"), QByteArray("/vendor/\n.env\n"));
    return out;
}

QList<SkeletonLabel> PluginSkeleton::labels()
{
    return {
        { QStringLiteral("release-request"), QStringLiteral("#1f75cb"), QStringLiteral("Asks for a release") },
        { QStringLiteral("env::test"), QStringLiteral("#6699cc"), QStringLiteral("Target: test") },
        { QStringLiteral("env::production"), QStringLiteral("#cc3366"), QStringLiteral("Target: production") },
        { QStringLiteral("release::pending"), QStringLiteral("#f0ad4e"), QStringLiteral("Waiting for an admin") },
        { QStringLiteral("release::approved"), QStringLiteral("#5cb85c"), QStringLiteral("Approved, deploying") },
        { QStringLiteral("release::deployed"), QStringLiteral("#2e7d32"), QStringLiteral("Deployed") },
        { QStringLiteral("release::failed"), QStringLiteral("#d9534f"), QStringLiteral("Deployment failed") },
        { QStringLiteral("release::rejected"), QStringLiteral("#7f8c8d"), QStringLiteral("Rejected by an admin") },
    };
}

} // namespace Dockmaster
