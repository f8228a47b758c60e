#include "views/shell/editortabs.h"

#include "core/editor/configpushjournal.h"
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

ConfigEditor *EditorTabs::firstModified() const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *editor = qobject_cast<ConfigEditor *>(m_tabs->widget(i));
        if (editor && editor->isModified())
            return editor;
    }
    return nullptr;
}

bool EditorTabs::hasUncommittedEdits() const
{
    return firstModified() != nullptr;
}

void EditorTabs::resolveUncommittedEdits(std::function<void()> onResolved)
{
    if (m_question && m_question->isVisible()) {
        m_question->raise();
        m_question->activateWindow();
        return;
    }
    ConfigEditor *editor = firstModified();
    if (!editor) {
        onResolved();
        return;
    }
    m_tabs->setCurrentWidget(editor); // the question is about the tab in front
    enum Choice { Commit, Discard };
    m_question = Dialogs::choose(
        m_tabs, QMessageBox::Warning, tr("Uncommitted changes"),
        tr("%1 has changes that are not committed. Commit and push them, or discard them?")
            .arg(m_tabs->tabText(m_tabs->indexOf(editor))),
        { { tr("Commit…"), QMessageBox::AcceptRole }, { tr("Discard"), QMessageBox::DestructiveRole } }, editor,
        [this, editor, onResolved = std::move(onResolved)](int choice) {
            if (choice == Discard) {
                removePage(editor);
                resolveUncommittedEdits(onResolved);
            } else {
                commitThenContinue(editor, onResolved);
            }
        });
}

void EditorTabs::commitThenContinue(ConfigEditor *editor, std::function<void()> onResolved)
{
    // One outcome counts: the push went through (ask about the next tab), or
    // it did not (stop; the editor's banner says why).
    auto connections = std::make_shared<QList<QMetaObject::Connection>>();
    const auto finish = [connections] {
        for (const QMetaObject::Connection &connection : std::as_const(*connections))
            QObject::disconnect(connection);
    };
    connections->append(connect(editor, &ConfigEditor::committed, this, [this, finish, onResolved] {
        finish();
        resolveUncommittedEdits(onResolved);
    }));
    for (auto signal : { &ConfigEditor::commitAbandoned, &ConfigEditor::pushRejected })
        connections->append(connect(editor, signal, this, finish));
    connections->append(connect(editor, &ConfigEditor::failed, this, finish));
    editor->requestCommit();
}

void EditorTabs::removePage(QWidget *page)
{
    const int index = m_tabs->indexOf(page);
    if (index < 0)
        return;
    m_tabs->removeTab(index);
    page->deleteLater();
}

void EditorTabs::setPushJournal(ConfigPushJournal *journal)
{
    m_pushJournal = journal;
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
    if (m_pushJournal) {
        ConfigPush base;
        base.appId = app.id;
        base.environment = environment;
        base.opsProject = session.opsProject;
        base.actor = session.actor;
        editor->setBeforePush([journal = m_pushJournal, base](const QString &operationId, const QString &path,
                                                              std::function<void()> proceed) {
            if (!journal) {
                proceed();
                return;
            }
            ConfigPush push = base;
            push.operationId = operationId;
            push.path = path;
            journal->recordIntent(push, std::move(proceed));
        });
    }

    // Drift: the templates rendered with what the cache knows of this app now,
    // and with the grants committed on the branch (read whenever the branch's
    // files are listed again).
    const QPointer<ConfigEditor> guard(editor);
    const AppRecord appNow = app;
    auto edge
        = std::make_shared<EnvironmentRender::Edge>(EnvironmentRender::Edge { m_edgeAuthUrl, m_edgeLoginUrl, {} });
    connect(editor, &ConfigEditor::filesListed, editor, [workspace, editor, edge](const QStringList &files) {
        const QString path = QString::fromLatin1(EdgeGrants::FilePath);
        if (!files.contains(path)) {
            edge->grants = {};
            return;
        }
        workspace->readFile(path, QString(), editor, [edge](const GitResult<GitFile> &file) {
            if (file.ok())
                edge->grants = EdgeGrantsFile::parse(file.value.content).grants; // refused: nothing granted
        });
    });
    editor->setTemplateRenderer([this, guard, appNow, environment, edge](const QString &path) {
        ConfigEditor::RenderedTemplate out;
        const HostRecord *host = appNow.hostIn(m_hosts, environment);
        if (!host) {
            out.error = tr("the host of this environment is not in the inventory");
            return out;
        }
        const FallbackMode mode = EnvironmentRender::fallbackModeOf(guard ? guard->repositoryFiles() : QStringList());
        const EnvironmentRender::FileResult file
            = EnvironmentRender::renderFile(EnvironmentRender::specFor(appNow, environment, *host, mode, *edge), path);
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
        Q_EMIT configCommitted(appId, environment, editor->path(), commit, editor->lastPushOperation());
    });
    connect(editor, &ConfigEditor::keptCommitPushed, this,
            [this, appId = app.id, environment](const QString &path, const QString &commit) {
                Q_EMIT configCommitted(appId, environment, path, commit, QString());
            });
    editor->openRepository(session.repositoryUrl, session.token, environmentBranch(environment));
}

} // namespace Dockmaster
