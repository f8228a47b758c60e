// The editor's commit-and-push with its intent recorded in the profile's
// journal, in a process of its own, for tst_configpushjournal to SIGKILL once
// the push was answered (the answer cut off by the emulator) and before the
// console wrote its audit row. Never exits by itself after the answer.
//
//   editorpush_child PROFILE URL TOKEN OPSPROJECT BRANCH PATH MESSAGE
//
// Prints "intent <operation id>" once the intent is on disk and "answered"
// when the push's answer (or its failure) came back.

#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/cache/cacheservice.h"
#include "core/editor/configpushjournal.h"
#include "core/git/gitworkspace.h"
#include "core/gitlab/gitlabclient.h"

#include <QCoreApplication>

#include <cstdio>
#include <unistd.h>

using namespace Dockmaster;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 8)
        return 2;
    const QString profile = args.at(1);
    const QUrl url(args.at(2));
    const QString token = args.at(3);
    const QString branch = args.at(5);
    const QString path = args.at(6);
    const QString message = args.at(7);

    GitLabClient client;
    CacheService store(profile + QStringLiteral("/cache.sqlite"));
    store.open();
    ConfigPushJournal journal(&client, &store);
    GitWorkspace workspace(profile + QStringLiteral("/editor"));
    QObject context;
    const QUrl repository = ReleaseGitLab::repositoryUrl(url, args.at(4));
    workspace.open(repository, token, branch, &context, [&](const GitResult<GitOpened> &opened) {
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
                ConfigPush push;
                push.operationId = ReleaseTrailers::newOperationId();
                push.appId = args.at(4).section(QLatin1Char('/'), -1);
                push.environment = Environment::Test;
                push.path = path;
                push.opsProject = args.at(4);
                push.actor = QStringLiteral("root");
                journal.recordIntent(
                    push, [&, push, head, content = QByteArray(file.value.content + "# edited, answer lost\n")] {
                        std::printf("intent %s\n", qPrintable(push.operationId));
                        std::fflush(stdout);
                        workspace.commitAndPush(path, content,
                                                ConfigPushJournal::messageWithOperation(message, push.operationId),
                                                { QStringLiteral("Alice Admin"), QStringLiteral("alice@example.test") },
                                                head, &context, [](const GitResult<GitPushResult> &result) {
                                                    std::printf("answered %d\n", result.ok() ? 1 : 0);
                                                    std::fflush(stdout);
                                                    for (;;)
                                                        pause(); // the console dies before its audit row
                                                });
                    });
            });
    });
    return app.exec();
}
