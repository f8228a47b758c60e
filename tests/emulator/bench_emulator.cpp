// Figures for the emulator itself, so sync benchmarks can tell its cost apart:
// bulk seeding of 10,000 apps and a full listing of their projects.
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/emulator/emulatortesthelpers.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>

using namespace Dockmaster;
using namespace Dockmaster::Test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int apps = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    QTemporaryDir dir;
    GitLabEmulator gitlab(dir.path());
    SandboxSeedOptions options;
    options.bulk = true;
    options.appCount = apps;
    QElapsedTimer timer;
    timer.start();
    SandboxSeeder(gitlab).seed(options);
    out << "emulator_bulk_seed_" << apps << "_apps " << timer.elapsed() << " ms\n";
    if (!gitlab.start())
        return 1;
    Client client(gitlab.apiUrl(), gitlab.adminToken());

    auto walk = [&](const QString &first, const char *name) {
        QElapsedTimer t;
        t.start();
        int requests = 0;
        qsizetype items = 0;
        QUrl next = QUrl::fromEncoded(QByteArray(gitlab.apiUrl().toEncoded() + first.toUtf8()));
        static const QRegularExpression NextLink(QStringLiteral("<([^>]+)>; rel=\"next\""));
        while (next.isValid()) {
            const Reply r = client.sendUrl("GET", next);
            ++requests;
            if (r.status != 200)
                break;
            items += r.json().array().size();
            const auto m = NextLink.match(QString::fromUtf8(r.header("link")));
            next = QUrl();
            if (m.hasMatch()) {
                // The link names the external URL; keep its path and query.
                const QUrl link = QUrl::fromEncoded(m.captured(1).toUtf8());
                next = gitlab.baseUrl();
                next.setPath(link.path(QUrl::FullyEncoded), QUrl::TolerantMode);
                next.setQuery(link.query(QUrl::FullyEncoded), QUrl::TolerantMode);
            }
        }
        out << name << "_requests " << requests << " count\n";
        out << name << "_items " << items << " count\n";
        out << name << "_time " << t.elapsed() << " ms\n";
    };
    walk(QStringLiteral("/projects?pagination=keyset&order_by=id&sort=asc&per_page=100"), "emulator_keyset_projects");
    walk(QStringLiteral("/groups/plugins/projects?include_subgroups=true&per_page=100"),
         "emulator_offset_group_projects");
    out.flush();
    return 0;
}
