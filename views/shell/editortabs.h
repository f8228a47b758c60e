#pragma once

#include "core/domain/records.h"
#include "core/git/gittypes.h"

#include <QObject>
#include <QUrl>

#include <memory>

class QTabWidget;
class QWidget;

namespace KSyntaxHighlighting {
class Repository;
}

namespace Dockmaster {

// The editor area: one ConfigEditor tab per app and environment, each with
// its own git workspace, and the drift check fed by the app's allocation and
// host. Closing a tab with uncommitted changes asks first.
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
    };

    // syntax: the process's one KSyntaxHighlighting repository (outlives this).
    EditorTabs(QTabWidget *tabs, const KSyntaxHighlighting::Repository &syntax, QObject *parent = nullptr);
    ~EditorTabs() override;

    void setHosts(const QList<HostRecord> &hosts) { m_hosts = hosts; }
    // Opens (or focuses) the editor of one environment branch of `app`.
    void open(const AppRecord &app, Environment environment, const Session &session);

Q_SIGNALS:
    void statusMessage(const QString &message);
    void configCommitted(const QString &appId, Dockmaster::Environment environment, const QString &path,
                         const QString &commit);

private:
    void closeTab(int index);
    void removePage(QWidget *page);

    QTabWidget *m_tabs;
    const KSyntaxHighlighting::Repository &m_syntax;
    QList<HostRecord> m_hosts;
};

} // namespace Dockmaster
