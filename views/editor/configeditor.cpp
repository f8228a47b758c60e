#include "views/editor/configeditor.h"

#include "core/approvals/releasetrailers.h"
#include "core/editor/configpushjournal.h"
#include "core/editor/validatorcheck.h"
#include "core/git/gitworkspace.h"
#include "core/util/untrustedtext.h"
#include "views/editor/codeeditor.h"
#include "views/editor/commitdialog.h"
#include "views/editor/findreplacebar.h"
#include "views/editor/syntaxsupport.h"
#include "views/editor/unpushedcommits.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTextDocument>
#include <QThread>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

namespace Dockmaster {

namespace {

// A document decoded and laid out as plain text on a pool thread, then handed
// to the UI thread; deleted with the holder unless the editor takes it.
struct LoadedDocument {
    std::unique_ptr<QTextDocument> document;
    qsizetype bytes = 0;
};

std::shared_ptr<LoadedDocument> buildDocument(const QByteArray &content, const QFont &font, QThread *uiThread)
{
    auto loaded = std::make_shared<LoadedDocument>();
    loaded->bytes = content.size();
    loaded->document = std::make_unique<QTextDocument>();
    loaded->document->setDefaultFont(font);
    loaded->document->setUndoRedoEnabled(false);
    loaded->document->setPlainText(QString::fromUtf8(content));
    loaded->document->setUndoRedoEnabled(true);
    loaded->document->setModified(false);
    loaded->document->moveToThread(uiThread);
    return loaded;
}

QList<ValidationIssue> runCheck(const std::shared_ptr<const ConfigCheck> &check, const QString &path,
                                const QString &text)
{
    return check->check(path, text);
}

bool hasConflictMarkers(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("^(<<<<<<<|>>>>>>>) "), QRegularExpression::MultilineOption);
    return marker.match(text).hasMatch();
}

} // namespace

class LoadWatcher final : public QFutureWatcher<std::shared_ptr<LoadedDocument>>
{
public:
    using QFutureWatcher::QFutureWatcher;
};

class CheckWatcher final : public QFutureWatcher<QList<ValidationIssue>>
{
public:
    using QFutureWatcher::QFutureWatcher;
};

ConfigEditor::ConfigEditor(GitWorkspace *workspace, const KSyntaxHighlighting::Repository &repository, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_repository(repository)
    , m_check(std::make_shared<ValidatorConfigCheck>())
{
    buildUi();
    createActions();
    applyTheme();
    updateTitle();
    updateActions();

    connect(m_workspace, &GitWorkspace::busyChanged, m_busy, &QWidget::setVisible);

    m_unpushed = new UnpushedCommits(m_workspace, this);
    connect(m_unpushed, &UnpushedCommits::status, this, &ConfigEditor::setBanner);
    connect(m_unpushed, &UnpushedCommits::pushed, this, &ConfigEditor::keptCommitPushed);
    connect(m_unpushed, &UnpushedCommits::mergeNeeded, this,
            [this](const QString &keptCommit, const QByteArray &content, const GitPushRejection &rejection) {
                // The kept version on top of the commit it started from, with
                // the upstream panel: Rebase merges it into the server's head.
                m_keptCommitInEditor = keptCommit;
                loadContent(rejection.path, rejection.baseCommit, content);
                onPushRejected(rejection);
            });
}

ConfigEditor::~ConfigEditor()
{
    // A pool thread may still be building a document that points at nothing of
    // ours; wait so its result is freed here, on the thread that owns it.
    for (QObject *child : children()) {
        if (auto *watcher = qobject_cast<QFutureWatcherBase *>(child)) {
            watcher->disconnect(this);
            watcher->waitForFinished();
        }
    }
}

void ConfigEditor::buildUi()
{
    m_editor = new CodeEditor(this);
    m_findBar = new FindReplaceBar(m_editor, this);
    m_files = new QComboBox(this);
    m_files->setMinimumContentsLength(20);
    m_files->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_files->setPlaceholderText(tr("Choose a file"));
    m_files->setAccessibleName(tr("File"));
    m_editor->setAccessibleName(tr("Configuration text"));
    m_banner = new QLabel(this);
    m_banner->setTextFormat(Qt::PlainText); // quotes server and git messages
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // busy until the workspace answers
    m_busy->setMaximumHeight(6);
    m_busy->setTextVisible(false);
    m_busy->hide();

    auto *editorArea = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorArea);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    editorLayout->addWidget(m_editor);
    editorLayout->addWidget(m_findBar);

    m_panels = new QTabWidget(this);
    m_panels->setAccessibleName(tr("Editor panels"));
    m_panels->tabBar()->setAccessibleName(tr("Editor panels"));
    m_problems = new QListWidget(m_panels);
    m_problems->setAccessibleName(tr("Problems"));
    m_panels->addTab(m_problems, tr("Problems"));

    const auto makeDiffView = [this](QWidget *parent) {
        auto *view = new QPlainTextEdit(parent);
        view->setReadOnly(true);
        view->setLineWrapMode(QPlainTextEdit::NoWrap);
        view->setFont(m_editor->font());
        auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(view->document());
        m_diffHighlighters.append(highlighter);
        return view;
    };
    auto *diffPanel = new QWidget(m_panels);
    m_diffTitle = new QLabel(diffPanel);
    m_diffTitle->setTextFormat(Qt::PlainText);
    m_diffView = makeDiffView(diffPanel);
    m_diffView->setAccessibleName(tr("Diff"));
    auto *diffLayout = new QVBoxLayout(diffPanel);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addWidget(m_diffTitle);
    diffLayout->addWidget(m_diffView);
    m_panels->addTab(diffPanel, tr("Diff"));

    auto *historyPanel = new QSplitter(Qt::Horizontal, m_panels);
    m_historyList = new QListWidget(historyPanel);
    m_historyList->setAccessibleName(tr("Versions of the file"));
    auto *historyRight = new QWidget(historyPanel);
    m_historyDiff = makeDiffView(historyRight);
    m_historyDiff->setAccessibleName(tr("Change of the chosen version"));
    m_restoreButton = new QPushButton(tr("Restore this version into the editor"), historyRight);
    auto *historyLayout = new QVBoxLayout(historyRight);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(m_historyDiff);
    historyLayout->addWidget(m_restoreButton, 0, Qt::AlignRight);
    m_panels->addTab(historyPanel, tr("History"));

    m_upstreamPanel = new QWidget(m_panels);
    m_upstreamSummary = new QLabel(m_upstreamPanel);
    m_upstreamSummary->setTextFormat(Qt::PlainText); // commit titles and authors
    m_upstreamSummary->setWordWrap(true);
    m_upstreamView = makeDiffView(m_upstreamPanel);
    m_upstreamView->setAccessibleName(tr("Upstream changes"));
    auto *rebaseButton = new QPushButton(tr("Rebase my edit"), m_upstreamPanel);
    rebaseButton->setToolTip(tr("Apply your edit on top of the upstream version"));
    auto *discardButton = new QPushButton(tr("Discard mine"), m_upstreamPanel);
    discardButton->setToolTip(tr("Drop your edit and load the upstream version"));
    auto *upstreamButtons = new QHBoxLayout;
    upstreamButtons->addStretch();
    upstreamButtons->addWidget(rebaseButton);
    upstreamButtons->addWidget(discardButton);
    auto *upstreamLayout = new QVBoxLayout(m_upstreamPanel);
    upstreamLayout->setContentsMargins(0, 0, 0, 0);
    upstreamLayout->addWidget(m_upstreamSummary);
    upstreamLayout->addWidget(m_upstreamView);
    upstreamLayout->addLayout(upstreamButtons);
    m_upstreamPanel->setEnabled(false);
    m_panels->addTab(m_upstreamPanel, tr("Upstream changes"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(editorArea);
    splitter->addWidget(m_panels);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 3000, 1000 }); // the text three quarters, whatever the panels' size hints say

    m_toolbar = new QToolBar(this);
    m_toolbar->setObjectName(QStringLiteral("editorToolbar"));
    m_toolbar->setAccessibleName(tr("Editor actions"));
    m_toolbar->addWidget(m_files);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_busy);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);

    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(this);

    connect(m_files, &QComboBox::textActivated, this, [this](const QString &file) {
        if (file == m_path) {
            return;
        }
        if (isModified()) {
            const QSignalBlocker blocker(m_files);
            m_files->setCurrentText(m_path);
            setBanner(tr("Commit or undo your edit of %1 before opening another file.").arg(m_path), true);
            return;
        }
        openFile(file);
    });
    connect(m_problems, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { goToLine(item->data(Qt::UserRole).toInt()); });
    connect(m_historyList, &QListWidget::currentRowChanged, this, [this](int row) {
        m_historyDiff->setPlainText(row >= 0 && row < m_history.size() ? m_history.at(row).diff : QString());
        m_restoreButton->setEnabled(row >= 0);
    });
    connect(m_restoreButton, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_historyList->currentItem()) {
            restoreFromHistory(item->data(Qt::UserRole).toString());
        }
    });
    connect(rebaseButton, &QPushButton::clicked, this, &ConfigEditor::rebaseEdit);
    connect(discardButton, &QPushButton::clicked, this, &ConfigEditor::discardEdit);
    connect(m_editor, &QPlainTextEdit::modificationChanged, this, [this](bool modified) {
        updateTitle();
        Q_EMIT modificationChanged(modified);
    });
    m_restoreButton->setEnabled(false);
    m_editor->setReadOnly(true); // until a file is loaded
}

void ConfigEditor::createActions()
{
    // Every action is the editor's (the main window's Configuration menu
    // lists them with their shortcuts); the toolbar shows the file's
    // workflow only, so it fits a laptop's editor width without a "»".
    const auto add = [this](const QString &text, const QKeySequence &shortcut, auto slot, bool onToolbar) {
        auto *action = new QAction(text, this);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        if (onToolbar)
            m_toolbar->addAction(action);
        return action;
    };
    m_validateAction = add(tr("Validate"), QKeySequence(Qt::CTRL | Qt::Key_T), &ConfigEditor::validate, true);
    m_diffAction = add(tr("Diff"), QKeySequence(Qt::CTRL | Qt::Key_D), &ConfigEditor::showDiff, true);
    m_commitAction = add(tr("Commit && push…"), QKeySequence(Qt::CTRL | Qt::Key_S), &ConfigEditor::requestCommit, true);
    m_historyAction
        = add(tr("History"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), &ConfigEditor::showHistory, true);
    m_driftAction = add(tr("Drift"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), &ConfigEditor::checkDrift, true);
    m_driftAction->setToolTip(tr("Compare the committed file with what the current templates render"));
    m_rerenderAction = add(tr("Re-render"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
                           &ConfigEditor::applyRenderedTemplate, true);
    m_rerenderAction->setToolTip(tr("Put the template result into the editor for review"));
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    addAction(separator);
    add(tr("Find"), QKeySequence(Qt::CTRL | Qt::Key_F), &ConfigEditor::showFind, false);
    add(tr("Replace"), QKeySequence(Qt::CTRL | Qt::Key_H), &ConfigEditor::showReplace, false);
    add(tr("Go to line…"), QKeySequence(Qt::CTRL | Qt::Key_G), &ConfigEditor::promptGoToLine, false);
    // The code editor handles these keys itself while it has the focus; the
    // actions are for the menu and the rest of the tab.
    QAction *undo = add(tr("Undo"), QKeySequence::Undo, [this] { m_editor->undo(); }, false);
    QAction *redo = add(tr("Redo"), QKeySequence::Redo, [this] { m_editor->redo(); }, false);
    undo->setEnabled(false);
    redo->setEnabled(false);
    connect(m_editor, &QPlainTextEdit::undoAvailable, undo, &QAction::setEnabled);
    connect(m_editor, &QPlainTextEdit::redoAvailable, redo, &QAction::setEnabled);
    // The "»" button a toolbar narrower than the window's default puts its other actions behind.
    if (auto *more = m_toolbar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"))) {
        more->setAccessibleName(tr("More editor actions"));
        more->setToolTip(tr("More editor actions"));
    }
}

void ConfigEditor::setAuthor(const GitAuthor &author)
{
    m_author = author;
}

void ConfigEditor::setConfigCheck(std::shared_ptr<const ConfigCheck> check)
{
    m_check = check ? std::move(check) : std::make_shared<ValidatorConfigCheck>();
}

void ConfigEditor::setTemplateRenderer(TemplateRenderer renderer)
{
    m_renderer = std::move(renderer);
    updateActions();
}

void ConfigEditor::openRepository(const QUrl &url, const QString &token, const QString &branch)
{
    setBanner(tr("Fetching %1 (%2)…").arg(url.toString(QUrl::RemoveUserInfo), branch));
    m_workspace->open(url, token, branch, this, [this](const GitResult<GitOpened> &result) {
        if (!result.ok()) {
            showFailure(result.failure, result.error);
            return;
        }
        const QStringList &files = result.value.files;
        const QSignalBlocker blocker(m_files);
        m_files->clear();
        m_files->addItems(files);
        m_files->setCurrentIndex(-1);
        setBanner(tr("Repository ready: %n file(s) on %1.", nullptr, int(files.size())).arg(m_workspace->branch()));
        Q_EMIT filesListed(files);
        m_unpushed->offer(result.value.unpushed);
    });
}

void ConfigEditor::openFile(const QString &path)
{
    m_workspace->readFile(path, QString(), this, m_content.startGuarded([this](const GitResult<GitFile> &result) {
        if (!result.ok()) {
            showFailure(result.failure, result.error);
            return;
        }
        loadContent(result.value.path, result.value.commit, result.value.content);
    }));
    setBanner(tr("Loading %1…").arg(path));
}

QString ConfigEditor::text() const
{
    return m_editor->toPlainText();
}

bool ConfigEditor::isModified() const
{
    return m_editor->document()->isModified();
}

QString ConfigEditor::title() const
{
    if (m_path.isEmpty()) {
        return tr("Editor");
    }
    const QString name = QFileInfo(m_path).fileName();
    return isModified() ? tr("%1 *").arg(name) : name;
}

QString ConfigEditor::bannerText() const
{
    return m_banner->isVisible() || !m_banner->text().isEmpty() ? m_banner->text() : QString();
}

void ConfigEditor::setBanner(const QString &text, bool warning)
{
    m_banner->setText(text);
    m_banner->setStyleSheet(warning ? QStringLiteral("QLabel { color: palette(bright-text); background: #b35c00; "
                                                     "padding: 4px; }")
                                    : QStringLiteral("QLabel { padding: 4px; }"));
    m_banner->setVisible(!text.isEmpty());
}

void ConfigEditor::updateTitle()
{
    setWindowTitle(m_path.isEmpty() ? tr("Editor") : QFileInfo(m_path).fileName() + QStringLiteral("[*]"));
    setWindowModified(isModified());
    Q_EMIT titleChanged(title());
}

void ConfigEditor::updateActions()
{
    const bool hasFile = !m_path.isEmpty() && !m_loading;
    m_validateAction->setEnabled(hasFile);
    m_diffAction->setEnabled(hasFile);
    m_commitAction->setEnabled(hasFile);
    m_historyAction->setEnabled(hasFile);
    m_driftAction->setEnabled(hasFile && bool(m_renderer));
    m_rerenderAction->setEnabled(hasFile && !m_renderedTemplate.isNull());
}

void ConfigEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyTheme();
    }
}

// The theme follows this widget's palette (set by the application), never the
// editor's own palette, which the theme itself sets.
void ConfigEditor::applyTheme()
{
    const KSyntaxHighlighting::Theme theme = SyntaxSupport::themeForPalette(m_repository, palette());
    if (theme.name() == m_themeName) {
        return;
    }
    m_themeName = theme.name();
    QPalette editorPalette = m_editor->palette();
    editorPalette.setColor(QPalette::Base,
                           QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor)));
    editorPalette.setColor(QPalette::Text, QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal)));
    editorPalette.setColor(QPalette::Highlight,
                           QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::TextSelection)));
    m_editor->setPalette(editorPalette);
    m_editor->setColors(QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::CurrentLine)),
                        QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::LineNumbers)),
                        QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::IconBorder)));
    for (QPlainTextEdit *view : { m_diffView, m_historyDiff, m_upstreamView }) {
        view->setPalette(editorPalette);
    }
    const KSyntaxHighlighting::Definition diff = m_repository.definitionForName(QStringLiteral("Diff"));
    for (KSyntaxHighlighting::SyntaxHighlighter *highlighter : std::as_const(m_diffHighlighters)) {
        SyntaxSupport::apply(highlighter, theme, diff);
    }
    if (m_highlighter->document()) {
        SyntaxSupport::apply(m_highlighter, theme, SyntaxSupport::definitionForPath(m_repository, m_path));
    } else {
        m_highlighter->setTheme(theme);
    }
}

void ConfigEditor::loadContent(const QString &path, const QString &commit, const QByteArray &content)
{
    m_path = path;
    m_baseCommit = commit;
    m_loading = true;
    m_renderedTemplate.clear();
    m_editor->setIssues({});
    m_problems->clear();
    m_editor->setReadOnly(true);
    updateActions();
    {
        const QSignalBlocker blocker(m_files);
        m_files->setCurrentText(path);
    }
    auto *watcher = new LoadWatcher(this);
    // A newer file asked for meanwhile drops this one.
    connect(watcher, &LoadWatcher::finished, this, m_documentBuild.startGuarded([this, watcher] {
        watcher->deleteLater();
        std::shared_ptr<LoadedDocument> loaded = watcher->result();
        installDocument(loaded->document.release(), loaded->bytes);
    }));
    watcher->setFuture(QtConcurrent::run(buildDocument, content, m_editor->font(), thread()));
}

void ConfigEditor::installDocument(QTextDocument *document, qsizetype bytes)
{
    document->setParent(this);
    document->setDocumentLayout(new QPlainTextDocumentLayout(document));
    m_highlighter->setDocument(nullptr);
    m_highlightingEnabled = bytes <= m_highlightingLimit;
    const KSyntaxHighlighting::Theme theme = SyntaxSupport::themeForPalette(m_repository, palette());
    if (m_highlightingEnabled) {
        SyntaxSupport::apply(m_highlighter, theme, SyntaxSupport::definitionForPath(m_repository, m_path));
    }
    QTextDocument *previous = m_document;
    m_document = document;
    m_editor->setDocument(document);
    if (m_highlightingEnabled) {
        m_highlighter->setDocument(document);
        setBanner(QString());
    } else {
        setBanner(tr("%1 is large (%2); syntax highlighting is off to keep the editor responsive.")
                      .arg(m_path, QLocale().formattedDataSize(bytes)));
    }
    if (previous) {
        previous->deleteLater();
    }
    m_loading = false;
    m_editor->setReadOnly(false);
    m_editor->moveCursor(QTextCursor::Start);
    updateTitle();
    updateActions();
    Q_EMIT modificationChanged(false);
    Q_EMIT fileLoaded(m_path);
}

// Replaces the whole text as one undoable edit, so the admin can step back.
void ConfigEditor::replaceText(const QString &text)
{
    QTextCursor cursor(m_editor->document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    cursor.endEditBlock();
    m_editor->moveCursor(QTextCursor::Start);
}

void ConfigEditor::validate()
{
    if (m_path.isEmpty()) {
        return;
    }
    auto *watcher = new CheckWatcher(this);
    connect(watcher, &CheckWatcher::finished, this, m_validation.startGuarded([this, watcher] {
        watcher->deleteLater();
        const QList<ValidationIssue> issues = watcher->result();
        m_editor->setIssues(issues);
        m_problems->clear();
        for (const ValidationIssue &issue : issues) {
            auto *item = new QListWidgetItem(tr("Line %1: %2").arg(issue.line).arg(issue.message), m_problems);
            item->setData(Qt::UserRole, issue.line);
        }
        if (issues.isEmpty()) {
            new QListWidgetItem(tr("No problems found."), m_problems);
        }
        m_panels->setTabText(0, issues.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(issues.size()));
        m_panels->setCurrentWidget(m_problems);
        Q_EMIT validated(int(issues.size()));
    }));
    watcher->setFuture(QtConcurrent::run(runCheck, m_check, m_path, text()));
}

void ConfigEditor::showDiff()
{
    if (m_path.isEmpty()) {
        return;
    }
    m_workspace->diffText(
        m_path, text().toUtf8(), m_baseCommit, this, m_diff.startGuarded([this](const GitResult<QString> &result) {
            if (!result.ok()) {
                showFailure(result.failure, result.error);
                return;
            }
            const QString &diff = result.value;
            m_diffTitle->setText(diff.isEmpty()
                                     ? tr("No changes against the committed version.")
                                     : tr("Your edit against the committed version (%1):").arg(m_baseCommit.left(8)));
            showDiffText(diff);
        }));
}

void ConfigEditor::showDiffText(const QString &diff)
{
    m_diffView->setPlainText(diff);
    m_panels->setCurrentWidget(m_diffView->parentWidget());
    Q_EMIT diffShown(diff);
}

void ConfigEditor::requestCommit()
{
    if (m_path.isEmpty()) {
        return;
    }
    auto *dialog = new CommitDialog(m_path, m_workspace->branch(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { commitAndPush(dialog->message()); });
    connect(dialog, &QDialog::rejected, this, &ConfigEditor::commitAbandoned);
    dialog->open();
}

void ConfigEditor::commitAndPush(const QString &message)
{
    if (m_path.isEmpty()) {
        return;
    }
    if (hasConflictMarkers(text())) {
        setBanner(tr("Resolve the conflict markers (<<<<<<< … >>>>>>>) before committing."), true);
        validate();
        Q_EMIT commitAbandoned();
        return;
    }
    if (hasPendingRejection()) {
        setBanner(tr("Rebase your edit or discard it first: the server has newer changes."), true);
        Q_EMIT commitAbandoned();
        return;
    }
    setBanner(tr("Committing and pushing %1…").arg(m_path));
    m_pushOperation = ReleaseTrailers::newOperationId();
    auto push = [editor = QPointer<ConfigEditor>(this), path = m_path, content = text().toUtf8(),
                 full = ConfigPushJournal::messageWithOperation(message, m_pushOperation)] {
        if (!editor)
            return;
        editor->m_workspace->commitAndPush(path, content, full, editor->m_author, editor->m_baseCommit, editor,
                                           [editor](const GitResult<GitPushResult> &result) {
                                               if (!result.ok()) {
                                                   editor->showFailure(result.failure, result.error);
                                               } else if (result.value.rejection) {
                                                   editor->onPushRejected(*result.value.rejection);
                                               } else {
                                                   editor->onPushed(result.value.commit);
                                               }
                                           });
    };
    if (m_beforePush)
        m_beforePush(m_pushOperation, m_path, push);
    else
        push();
}

void ConfigEditor::onPushed(const QString &commit)
{
    m_baseCommit = commit;
    m_rejection = {};
    m_upstreamPanel->setEnabled(false);
    m_editor->document()->setModified(false);
    setBanner(tr("Committed and pushed as %1.").arg(commit.left(8)));
    if (!m_keptCommitInEditor.isEmpty()) {
        // Its change is on the server now, merged: nothing left to offer.
        m_workspace->discardUnpushed(std::exchange(m_keptCommitInEditor, QString()), this,
                                     [](const GitResult<bool> &) { });
    }
    updateActions();
    Q_EMIT committed(commit);
    Q_EMIT statusMessage(bannerText());
}

void ConfigEditor::onPushRejected(const GitPushRejection &rejection)
{
    m_rejection = rejection;
    QStringList commits;
    for (const GitCommitInfo &commit : rejection.upstreamCommits) {
        commits.append(tr("%1 by %2: %3")
                           .arg(commit.shortId(), UntrustedText::line(commit.authorName, 64),
                                UntrustedText::line(commit.summary)));
    }
    m_upstreamSummary->setText((rejection.fileChangedUpstream
                                    ? tr("%1 changed upstream since you started editing.").arg(rejection.path)
                                    : tr("Other files changed upstream; %1 itself did not.").arg(rejection.path))
                               + QLatin1Char('\n') + commits.join(QLatin1Char('\n')));
    m_upstreamView->setPlainText(rejection.upstreamDiff);
    m_upstreamPanel->setEnabled(true);
    m_panels->setCurrentWidget(m_upstreamPanel);
    setBanner(tr("Someone pushed to %1 first, so your commit was not accepted. Your edit is kept: review the upstream "
                 "changes, then rebase your edit or discard it.")
                  .arg(m_workspace->branch()),
              true);
    Q_EMIT pushRejected();
}

void ConfigEditor::rebaseEdit()
{
    if (!hasPendingRejection()) {
        return;
    }
    m_workspace->rebaseEdit(m_path, text().toUtf8(), m_rejection.baseCommit, this,
                            [this](const GitResult<GitRebaseResult> &result) {
                                if (!result.ok()) {
                                    showFailure(result.failure, result.error);
                                    return;
                                }
                                onRebased(result.value);
                            });
}

void ConfigEditor::onRebased(const GitRebaseResult &result)
{
    m_baseCommit = result.newBase;
    m_rejection = {};
    m_upstreamPanel->setEnabled(false);
    replaceText(QString::fromUtf8(result.content));
    if (result.conflicts) {
        setBanner(tr("Your edit and the upstream change touch the same lines. Resolve the conflict markers, "
                     "then commit again."),
                  true);
        validate();
    } else {
        setBanner(tr("Your edit now applies on top of the upstream changes. Review it and commit again."));
    }
    updateActions();
    Q_EMIT rebased(result.conflicts);
}

void ConfigEditor::discardEdit()
{
    if (m_path.isEmpty()) {
        return;
    }
    m_workspace->discardEdit(m_path, this, m_content.startGuarded([this](const GitResult<GitFile> &result) {
        if (!result.ok()) {
            showFailure(result.failure, result.error);
            return;
        }
        m_rejection = {};
        m_upstreamPanel->setEnabled(false);
        m_upstreamView->clear();
        m_upstreamSummary->clear();
        loadContent(result.value.path, result.value.commit, result.value.content);
    }));
}

void ConfigEditor::showHistory()
{
    if (m_path.isEmpty()) {
        return;
    }
    m_workspace->history(m_path, 200, this, [this](const GitResult<QList<GitHistoryEntry>> &result) {
        if (!result.ok()) {
            showFailure(result.failure, result.error);
            return;
        }
        showHistoryEntries(result.value);
    });
}

void ConfigEditor::showHistoryEntries(const QList<GitHistoryEntry> &entries)
{
    m_history = entries;
    m_historyList->clear();
    for (const GitHistoryEntry &entry : entries) {
        auto *item = new QListWidgetItem(
            tr("%1  %2  %3: %4")
                .arg(entry.commit.shortId(), QLocale().toString(entry.commit.when.toLocalTime(), QLocale::ShortFormat),
                     UntrustedText::line(entry.commit.authorName, 64), UntrustedText::line(entry.commit.summary)),
            m_historyList);
        item->setData(Qt::UserRole, entry.commit.id);
        item->setToolTip(UntrustedText::toolTip(entry.commit.message));
    }
    m_panels->setCurrentWidget(m_historyList->parentWidget());
    if (!entries.isEmpty()) {
        m_historyList->setCurrentRow(0);
    }
    Q_EMIT historyLoaded(int(entries.size()));
}

void ConfigEditor::restoreFromHistory(const QString &commit)
{
    if (m_path.isEmpty()) {
        return;
    }
    m_workspace->readFile(m_path, commit, this, m_content.startGuarded([this](const GitResult<GitFile> &result) {
        if (!result.ok()) {
            showFailure(result.failure, result.error);
            return;
        }
        replaceText(QString::fromUtf8(result.value.content));
        setBanner(tr("Restored the version of %1 from commit %2. Review it and commit to make it current.")
                      .arg(result.value.path, result.value.commit.left(8)));
        Q_EMIT restored(result.value.commit);
    }));
}

QStringList ConfigEditor::repositoryFiles() const
{
    QStringList files;
    files.reserve(m_files->count());
    for (int i = 0; i < m_files->count(); ++i)
        files.append(m_files->itemText(i));
    return files;
}

void ConfigEditor::checkDrift()
{
    if (m_path.isEmpty() || !m_renderer) {
        return;
    }
    const RenderedTemplate rendered = m_renderer(m_path);
    if (!rendered.ok) {
        setBanner(tr("The templates could not be rendered for %1: %2").arg(m_path, rendered.error), true);
        return;
    }
    m_renderedTemplate = rendered.text;
    m_workspace->diffText(m_path, rendered.text.toUtf8(), m_baseCommit, this,
                          m_diff.startGuarded([this](const GitResult<QString> &result) {
                              if (!result.ok()) {
                                  showFailure(result.failure, result.error);
                                  return;
                              }
                              const QString &diff = result.value;
                              m_diffTitle->setText(
                                  diff.isEmpty() ? tr("No drift: the committed file matches the current templates.")
                                                 : tr("Drift: the committed file (-) against the current templates "
                                                      "(+). Use Re-render to put the template result into the "
                                                      "editor."));
                              updateActions();
                              Q_EMIT driftChecked(!diff.isEmpty());
                              showDiffText(diff);
                          }));
}

void ConfigEditor::applyRenderedTemplate()
{
    if (m_renderedTemplate.isNull()) {
        return;
    }
    replaceText(m_renderedTemplate);
    setBanner(tr("The template result is in the editor for review; commit it to make it current."));
}

void ConfigEditor::goToLine(int line)
{
    m_editor->goToLine(line);
}

void ConfigEditor::promptGoToLine()
{
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Go to line"));
    dialog->setInputMode(QInputDialog::IntInput);
    dialog->setIntRange(1, m_editor->blockCount());
    dialog->setIntValue(m_editor->currentLineNumber());
    dialog->setLabelText(tr("Line (1–%1):").arg(m_editor->blockCount()));
    connect(dialog, &QInputDialog::intValueSelected, this, &ConfigEditor::goToLine);
    dialog->open();
}

void ConfigEditor::showFind()
{
    m_findBar->showFind();
}

void ConfigEditor::showReplace()
{
    m_findBar->showReplace();
}

void ConfigEditor::showFailure(GitFailure kind, const QString &message)
{
    setBanner(kind == GitFailure::Authentication ? tr("%1 Update the token in the profile settings.").arg(message)
                                                 : message,
              true);
    Q_EMIT failed(message);
    Q_EMIT statusMessage(message);
}

} // namespace Dockmaster
