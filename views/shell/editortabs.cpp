#include "views/shell/editortabs.h"

#include "core/git/gitworkspace.h"
#include "core/render/environmentrender.h"
#include "views/dialogs.h"
#include "views/editor/configeditor.h"

#include <QPointer>
#include <QTabWidget>

namespace Dockmaster {

EditorTabs::EditorTabs(QTabWidget *tabs, const KSyntaxHighlighting::Repository &syntax, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
    , m_syntax(syntax)
{
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &EditorTabs::closeTab);
}

EditorTabs::~EditorTabs() = default;

void EditorTabs::closeTab(int index)
{
    QWidget *page = m_tabs->widget(index);
    auto *editor = qobject_cast<ConfigEditor *>(page);
    if (!editor || !editor->isModified()) {
        removePage(page);
        return;
    }
    // The tab may move or close while the question is open: it is found again by the answer.
    Dialogs::ask(m_tabs, tr("Close editor"),
                 tr("%1 has changes that are not committed. Close it and lose them?").arg(editor->title()), editor,
                 [this, editor] { removePage(editor); });
}

void EditorTabs::removePage(QWidget *page)
{
    const int index = m_tabs->indexOf(page);
    if (index < 0)
        return;
    m_tabs->removeTab(index);
    page->deleteLater();
}

void EditorTabs::open(const AppRecord &app, Environment environment, const Session &session)
{
    const QString tabName = QStringLiteral("editor-%1-%2").arg(app.id, environmentKey(environment));
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->widget(i)->objectName() == tabName) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
    auto *workspace = new GitWorkspace(session.workspaceRoot, m_tabs);
    auto *editor = new ConfigEditor(workspace, m_syntax, m_tabs);
    // The workspace belongs to its editor tab: closing the tab ends its git thread.
    workspace->setParent(editor);
    editor->setObjectName(tabName);
    editor->setAuthor(session.author);

    // Drift: the templates rendered with what the cache knows of this app now.
    const QPointer<ConfigEditor> guard(editor);
    const AppRecord appNow = app;
    editor->setTemplateRenderer([this, guard, appNow, environment](const QString &path) {
        ConfigEditor::RenderedTemplate out;
        const HostRecord *host = appNow.hostIn(m_hosts, environment);
        if (!host) {
            out.error = tr("the host of this environment is not in the inventory");
            return out;
        }
        const FallbackMode mode = EnvironmentRender::fallbackModeOf(guard ? guard->repositoryFiles() : QStringList());
        const EnvironmentRender::FileResult file
            = EnvironmentRender::renderFile(EnvironmentRender::specFor(appNow, environment, *host, mode), path);
        out.ok = file.ok;
        out.text = QString::fromUtf8(file.content);
        out.error = file.error;
        return out;
    });

    const QString label = QStringLiteral("%1 (%2)").arg(app.id, environmentDisplayName(environment));
    const int index = m_tabs->addTab(editor, label);
    m_tabs->setCurrentIndex(index);
    connect(editor, &ConfigEditor::titleChanged, m_tabs, [tabs = m_tabs, editor, label](const QString &title) {
        const int at = tabs->indexOf(editor);
        if (at >= 0)
            tabs->setTabText(at, title.isEmpty() ? label : label + QStringLiteral(": ") + title);
    });
    connect(editor, &ConfigEditor::statusMessage, this, &EditorTabs::statusMessage);
    connect(editor, &ConfigEditor::committed, this, [this, editor, appId = app.id, environment](const QString &commit) {
        Q_EMIT configCommitted(appId, environment, editor->path(), commit);
    });
    editor->openRepository(session.repositoryUrl, session.token, environmentBranch(environment));
}

} // namespace Dockmaster
