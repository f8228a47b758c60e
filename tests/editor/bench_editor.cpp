// bench_editor: how long the config editor takes to open a big file from an
// environment branch (clone, read, show) and the longest the UI thread stalls
// meanwhile, at 1 MB and 10 MB. Prints `name value unit` lines; not a test.
#include "core/git/gitlibrary.h"
#include "core/git/gitworkspace.h"
#include "tests/support/githttpserver.h"
#include "views/editor/configeditor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <KSyntaxHighlighting/Repository>

#include <cstdio>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

const QString Branch = QStringLiteral("env/test");

void print(const QByteArray &name, double value, const char *unit)
{
    std::printf("%s %.3f %s\n", name.constData(), value, unit);
    std::fflush(stdout);
}

QByteArray nginxConfigOf(qsizetype bytes)
{
    QByteArray text = "server {\n    listen 8080;\n";
    text.reserve(bytes + 200);
    for (int i = 0; text.size() < bytes; ++i)
        text += "    location /path" + QByteArray::number(i) + " { proxy_pass http://app1; }  # padding padding\n";
    return text + "}\n";
}

// Opens `path` of `repository` in a new editor; returns false on a failure.
bool measureOpen(GitHttpServer &server, const KSyntaxHighlighting::Repository &syntax, const QString &repository,
                 const QString &path, const QByteArray &label)
{
    QTemporaryDir cache;
    GitWorkspace workspace(cache.path());
    ConfigEditor editor(&workspace, syntax);
    editor.resize(1280, 800);
    editor.show();
    QSignalSpy listed(&editor, &ConfigEditor::filesListed);
    QElapsedTimer clock;
    clock.start();
    editor.openRepository(server.repositoryUrl(repository), server.token(), Branch);
    if (!listed.wait(120000))
        return false;
    print("editor_" + label + "_clone", clock.elapsed(), "ms");

    // The UI thread's longest gap between 5 ms ticks while the file opens.
    qint64 last = 0;
    qint64 longestStall = 0;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        longestStall = std::max(longestStall, now - last);
        last = now;
    });
    QSignalSpy loaded(&editor, &ConfigEditor::fileLoaded);
    clock.restart();
    ticker.start();
    editor.openFile(path);
    if (!loaded.wait(120000))
        return false;
    const qint64 openMs = clock.elapsed();
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 200)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10); // first paint and deferred work
    print("editor_" + label + "_open", openMs, "ms");
    print("editor_" + label + "_longest_ui_stall", longestStall, "ms");
    print("editor_" + label + "_highlighting", editor.isHighlightingEnabled() ? 1 : 0, "on");
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    GitLibrary gitLibrary;
    KSyntaxHighlighting::Repository syntax;
    GitHttpServer server;
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "git server: %s\n", qPrintable(error));
        return 1;
    }
    const QByteArray oneMegabyte = nginxConfigOf(1024 * 1024);
    const QByteArray tenMegabytes = nginxConfigOf(10 * 1024 * 1024);
    if (!server.createRepository(
            QStringLiteral("big"), Branch,
            { { QStringLiteral("nginx/one.conf"), oneMegabyte }, { QStringLiteral("nginx/ten.conf"), tenMegabytes } },
            &error)) {
        std::fprintf(stderr, "repository: %s\n", qPrintable(error));
        return 1;
    }
    if (!measureOpen(server, syntax, QStringLiteral("big"), QStringLiteral("nginx/one.conf"), "1mb")
        || !measureOpen(server, syntax, QStringLiteral("big"), QStringLiteral("nginx/ten.conf"), "10mb")) {
        std::fprintf(stderr, "the editor did not open the file\n");
        return 1;
    }
    return 0;
}
