// The editor's commit-and-push in a process of its own, for tst_unpushedcommit
// to SIGKILL between the commit and the push (the push never answers: the test
// delays it on the emulator). Never exits by itself while the push hangs.
//
//   editorcommit_child CACHEDIR URL TOKEN BRANCH PATH MESSAGE

#include "core/git/gitworkspace.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Dockmaster;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 7)
        return 2;
    const QString path = args.at(5);
    const QString message = args.at(6);
    GitWorkspace workspace(args.at(1));
    QObject context;
    workspace.open(QUrl(args.at(2)), args.at(3), args.at(4), &context, [&](const GitResult<GitOpened> &opened) {
        if (!opened.ok()) {
            std::fprintf(stderr, "open: %s\n", qPrintable(opened.error));
            app.exit(3);
            return;
        }
        workspace.readFile(
            path, QString(), &context, [&, head = opened.value.headCommit](const GitResult<GitFile> &file) {
                if (!file.ok()) {
                    std::fprintf(stderr, "read: %s\n", qPrintable(file.error));
                    app.exit(4);
                    return;
                }
                const QByteArray edited = file.value.content + "# edited before the crash\n";
                workspace.commitAndPush(path, edited, message,
                                        { QStringLiteral("Alice Admin"), QStringLiteral("alice@example.test") }, head,
                                        &context, [&](const GitResult<GitPushResult> &) { app.exit(5); });
            });
    });
    return app.exec();
}
