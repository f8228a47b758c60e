#pragma once

#include "core/git/gitworkspace.h"

#include <QTest>
#include <QVariant>

#include <optional>

// Checks an Outcome's kind, naming the outcome when it differs.
// Evaluates outcome exactly once: it is often the call being waited for.
#define EXPECT_KIND(outcome, expected)                                                                                 \
    do {                                                                                                               \
        const auto expectKindOutcome = (outcome);                                                                      \
        QVERIFY2(expectKindOutcome.kind == QLatin1String(expected),                                                    \
                 qPrintable(expectKindOutcome.kind + QLatin1Char(' ') + expectKindOutcome.value(0).toString()));       \
    } while (false)

namespace Dockmaster::Test {

// Calls a GitWorkspace and waits (running the event loop) for the answer, so
// a test reads like a script: `auto read = recorder.readFile(path);`.
class WorkspaceRecorder final
{
public:
    struct Outcome {
        QString kind; // "opened", "fileRead", ..., "failed", "timeout"
        QVariantList values;
        QVariant value(qsizetype i) const { return values.value(i); }
        GitFailure failure = GitFailure::General;
        GitPushRejection rejection;
        GitRebaseResult rebase;
        QList<GitHistoryEntry> history;
    };

    explicit WorkspaceRecorder(GitWorkspace *workspace)
        : m_workspace(workspace)
    {
    }

    Outcome open(const QUrl &url, const QString &token, const QString &branch)
    {
        return run<GitOpened>(
            [&](auto done) { m_workspace->open(url, token, branch, &m_context, done); },
            [](const GitOpened &opened) {
                return Outcome { QStringLiteral("opened"), { opened.headCommit, opened.files }, {}, {}, {}, {} };
            });
    }
    Outcome readFile(const QString &path, const QString &commit = QString())
    {
        return run<GitFile>([&](auto done) { m_workspace->readFile(path, commit, &m_context, done); }, fileRead);
    }
    Outcome discardEdit(const QString &path)
    {
        return run<GitFile>([&](auto done) { m_workspace->discardEdit(path, &m_context, done); }, fileRead);
    }
    Outcome commitAndPush(const QString &path, const QByteArray &content, const QString &message,
                          const GitAuthor &author, const QString &baseCommit)
    {
        return run<GitPushResult>(
            [&](auto done) {
                m_workspace->commitAndPush(path, content, message, author, baseCommit, &m_context, done);
            },
            [](const GitPushResult &pushed) {
                if (pushed.rejection)
                    return Outcome { QStringLiteral("pushRejected"), {}, {}, *pushed.rejection, {}, {} };
                return Outcome { QStringLiteral("pushed"), { pushed.path, pushed.commit }, {}, {}, {}, {} };
            });
    }
    Outcome rebaseEdit(const QString &path, const QByteArray &content, const QString &baseCommit)
    {
        return run<GitRebaseResult>(
            [&](auto done) { m_workspace->rebaseEdit(path, content, baseCommit, &m_context, done); },
            [](const GitRebaseResult &rebase) {
                return Outcome { QStringLiteral("rebased"), {}, {}, {}, rebase, {} };
            });
    }
    Outcome history(const QString &path, int maxCount = 200)
    {
        return run<QList<GitHistoryEntry>>(
            [&](auto done) { m_workspace->history(path, maxCount, &m_context, done); },
            [path](const QList<GitHistoryEntry> &entries) {
                return Outcome { QStringLiteral("historyReady"), { path }, {}, {}, {}, entries };
            });
    }
    Outcome diffText(const QString &path, const QByteArray &text, const QString &commit = QString())
    {
        return run<QString>([&](auto done) { m_workspace->diffText(path, text, commit, &m_context, done); },
                            [path](const QString &diff) {
                                return Outcome { QStringLiteral("diffReady"), { path, diff }, {}, {}, {}, {} };
                            });
    }

private:
    static Outcome fileRead(const GitFile &file)
    {
        return Outcome { QStringLiteral("fileRead"), { file.path, file.commit, file.content }, {}, {}, {}, {} };
    }

    template<typename T, typename Start, typename Convert>
    Outcome run(Start start, Convert convert, int timeoutMs = 30000)
    {
        std::optional<Outcome> outcome;
        start(GitWorkspace::Callback<T>([&outcome, convert](const GitResult<T> &result) {
            if (!result.ok()) {
                outcome = Outcome { QStringLiteral("failed"), { result.error }, result.failure, {}, {}, {} };
                return;
            }
            outcome = convert(result.value);
        }));
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, timeoutMs))
            return { QStringLiteral("timeout"), {}, {}, {}, {}, {} };
        return *outcome;
    }

    GitWorkspace *m_workspace;
    QObject m_context;
};

} // namespace Dockmaster::Test
