#pragma once

#include "core/git/gitworkspace.h"

#include <QHash>
#include <QTest>
#include <QVariant>

namespace Dockmaster::Test {

// Records the outcome of every GitWorkspace request by id, so a test can wait
// for exactly the answer to its own call.
class WorkspaceRecorder final
{
public:
    struct Outcome {
        QString kind; // "opened", "fileRead", ..., "failed"
        QVariantList values;
        QVariant value(qsizetype i) const { return values.value(i); }
        GitFailure failure = GitFailure::General;
        GitPushRejection rejection;
        GitRebaseResult rebase;
        QList<GitHistoryEntry> history;
    };

    explicit WorkspaceRecorder(GitWorkspace *workspace)
    {
        QObject::connect(workspace, &GitWorkspace::opened, &m_context,
                         [this](quint64 r, const QString &head, const QStringList &files) {
                             m_outcomes.insert(r, { QStringLiteral("opened"), { head, files }, {}, {}, {}, {} });
                         });
        QObject::connect(workspace, &GitWorkspace::filesListed, &m_context, [this](quint64 r, const QStringList &f) {
            m_outcomes.insert(r, { QStringLiteral("filesListed"), { f }, {}, {}, {}, {} });
        });
        QObject::connect(
            workspace, &GitWorkspace::fileRead, &m_context,
            [this](quint64 r, const QString &path, const QString &commit, const QByteArray &content) {
                m_outcomes.insert(r, { QStringLiteral("fileRead"), { path, commit, content }, {}, {}, {}, {} });
            });
        QObject::connect(workspace, &GitWorkspace::pushed, &m_context,
                         [this](quint64 r, const QString &path, const QString &commit) {
                             m_outcomes.insert(r, { QStringLiteral("pushed"), { path, commit }, {}, {}, {}, {} });
                         });
        QObject::connect(workspace, &GitWorkspace::pushRejected, &m_context,
                         [this](quint64 r, const GitPushRejection &rejection) {
                             m_outcomes.insert(r, { QStringLiteral("pushRejected"), {}, {}, rejection, {}, {} });
                         });
        QObject::connect(workspace, &GitWorkspace::rebased, &m_context, [this](quint64 r, const GitRebaseResult &res) {
            m_outcomes.insert(r, { QStringLiteral("rebased"), {}, {}, {}, res, {} });
        });
        QObject::connect(workspace, &GitWorkspace::historyReady, &m_context,
                         [this](quint64 r, const QString &path, const QList<GitHistoryEntry> &entries) {
                             m_outcomes.insert(r, { QStringLiteral("historyReady"), { path }, {}, {}, {}, entries });
                         });
        QObject::connect(workspace, &GitWorkspace::diffReady, &m_context,
                         [this](quint64 r, const QString &path, const QString &diff) {
                             m_outcomes.insert(r, { QStringLiteral("diffReady"), { path, diff }, {}, {}, {}, {} });
                         });
        QObject::connect(workspace, &GitWorkspace::failed, &m_context,
                         [this](quint64 r, GitFailure kind, const QString &message) {
                             m_outcomes.insert(r, { QStringLiteral("failed"), { message }, kind, {}, {}, {} });
                         });
    }

    // Waits (running the event loop) for the outcome of request.
    Outcome wait(quint64 request, int timeoutMs = 30000)
    {
        if (!QTest::qWaitFor([&] { return m_outcomes.contains(request); }, timeoutMs)) {
            return { QStringLiteral("timeout"), {}, {}, {}, {}, {} };
        }
        if (!m_outcomes.contains(request)) {
            return { QStringLiteral("timeout"), {}, {}, {}, {}, {} };
        }
        return m_outcomes.take(request);
    }

private:
    QObject m_context;
    QHash<quint64, Outcome> m_outcomes;
};

} // namespace Dockmaster::Test
