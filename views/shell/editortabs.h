#pragma once

#include "core/domain/records.h"
#include "core/git/gittypes.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

class QTabWidget;
class QWidget;

namespace KSyntaxHighlighting {
class Repository;
}

namespace Dockmaster {

class ConfigPushJournal;
class ConfigEditor;

// The editor area: one ConfigEditor tab per app and environment, each with
// its own git workspace, and the drift check fed by the app's allocation and
// host. Closing a tab with uncommitted changes asks first, and so does
// anything that would close them all (quitting).
class EditorTabs final : public QObject
{
    Q_OBJECT
public:
    struct Session {
        QString token;         // for git over HTTP; memory only
        GitAuthor author;      // the admin, as commits name them
        QString workspaceRoot; // folder for the clones
        // The management repository on the configured server (web_url names
        // GitLab's external_url, which this desktop may not reach).
        QUrl repositoryUrl;
        QString opsProject; // its path ("plugins/ops/app0000042"), where a lost push is looked up
        QString actor;      // the admin's GitLab login, for the audit row
    };

    // syntax: the process's one KSyntaxHighlighting repository (outlives this).
    EditorTabs(QTabWidget *tabs, const KSyntaxHighlighting::Repository &syntax, QObject *parent = nullptr);
    ~EditorTabs() override;

    void setHosts(const QList<HostRecord> &hosts) { m_hosts = hosts; }
    // The profile's sign-in at the edge: the drift check renders the outer
    // site with it and with the grants committed on the branch.
    void setEdgeSignIn(const QString &authUrl, const QString &loginUrl)
    {
        m_edgeAuthUrl = authUrl;
        m_edgeLoginUrl = loginUrl;
    }
    // Where pushes are recorded before they start (null: they are not).
    void setPushJournal(ConfigPushJournal *journal);
    // Opens (or focuses) the editor of one environment branch of `app`.
    void open(const AppRecord &app, Environment environment, const Session &session);

    bool hasUncommittedEdits() const;
    // Asks, tab after tab, what becomes of each uncommitted edit: Commit (the
    // commit dialog, then the push), Discard (the tab closes) or Cancel.
    // `onResolved` runs once no edit is left; never if the admin cancels or a
    // commit does not go through (its tab then shows why). Asking again while
    // a question is open only brings that question forward.
    void resolveUncommittedEdits(std::function<void()> onResolved);

Q_SIGNALS:
    void statusMessage(const QString &message);
    // operationId: of the editor's commit-and-push (empty for a kept commit pushed).
    void configCommitted(const QString &appId, Dockmaster::Environment environment, const QString &path,
                         const QString &commit, const QString &operationId);

private:
    void closeTab(int index);
    void removePage(QWidget *page);
    ConfigEditor *firstModified() const;
    void commitThenContinue(ConfigEditor *editor, std::function<void()> onResolved);

    QTabWidget *m_tabs;
    const KSyntaxHighlighting::Repository &m_syntax;
    QList<HostRecord> m_hosts;
    QString m_edgeAuthUrl;
    QString m_edgeLoginUrl;
    QPointer<QWidget> m_question; // the open Commit / Discard / Cancel question
    QPointer<ConfigPushJournal> m_pushJournal;
};

} // namespace Dockmaster
