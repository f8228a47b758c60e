#pragma once

#include "core/editor/configcheck.h"
#include "core/git/gittypes.h"
#include "core/util/latestonly.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QToolBar;
class QTextDocument;
class QUrl;

namespace KSyntaxHighlighting {
class Repository;
class SyntaxHighlighter;
} // namespace KSyntaxHighlighting

namespace Dockmaster {

class UnpushedCommits;

class CodeEditor;
class FindReplaceBar;
class GitWorkspace;

// The built-in editor for the files of an app's management repository on one
// environment branch: edit with highlighting, validate, diff against the
// committed version, commit and push (with a rebase-or-discard path when
// someone pushed first), browse the file's history and compare it with what
// the templates would render. Talks to the repository only through the
// GitWorkspace it is given.
class ConfigEditor final : public QWidget
{
    Q_OBJECT
public:
    struct RenderedTemplate {
        bool ok = false;
        QString text;
        QString error;
    };
    // Renders the current templates for a repository path (drift check).
    using TemplateRenderer = std::function<RenderedTemplate(const QString &path)>;

    // repository: the application's one shared KSyntaxHighlighting repository.
    ConfigEditor(GitWorkspace *workspace, const KSyntaxHighlighting::Repository &repository, QWidget *parent = nullptr);
    ~ConfigEditor() override;

    void setAuthor(const GitAuthor &author);
    // Runs before each commit-and-push with its operation id (also in the
    // commit's trailer) and path; the push starts when `proceed` runs.
    using BeforePush = std::function<void(const QString &operationId, const QString &path, std::function<void()>)>;
    void setBeforePush(BeforePush hook) { m_beforePush = std::move(hook); }
    // The operation id of the last commit-and-push (what committed() reports).
    QString lastPushOperation() const { return m_pushOperation; }
    // Default: ValidatorConfigCheck (real nginx/php-fpm/compose checks when
    // installed, else structural). nullptr restores the default.
    void setConfigCheck(std::shared_ptr<const ConfigCheck> check);
    // Enables the Drift action; without a renderer it stays disabled.
    void setTemplateRenderer(TemplateRenderer renderer);
    // Files larger than this open without highlighting (the UI says so).
    void setHighlightingLimit(qsizetype bytes) { m_highlightingLimit = bytes; }

    // Clones or fetches the repository and fills the file chooser.
    void openRepository(const QUrl &url, const QString &token, const QString &branch);
    // Loads path at the branch head; the text is decoded off the UI thread.
    void openFile(const QString &path);

    QString path() const { return m_path; }
    QString baseCommit() const { return m_baseCommit; }
    QString text() const;
    bool isModified() const;
    QString title() const;
    bool isHighlightingEnabled() const { return m_highlightingEnabled; }
    bool hasPendingRejection() const { return !m_rejection.remoteHead.isEmpty(); }
    QString lastRenderedTemplate() const { return m_renderedTemplate; }
    // The files of the environment branch (empty until the repository is open).
    QStringList repositoryFiles() const;

    CodeEditor *codeEditor() const { return m_editor; }
    FindReplaceBar *findReplaceBar() const { return m_findBar; }
    QPlainTextEdit *diffView() const { return m_diffView; }
    QPlainTextEdit *upstreamView() const { return m_upstreamView; }
    QListWidget *problemList() const { return m_problems; }
    QListWidget *historyList() const { return m_historyList; }
    QPlainTextEdit *historyDiffView() const { return m_historyDiff; }
    QString bannerText() const;

public Q_SLOTS:
    void validate();
    void showDiff();
    void requestCommit();
    void commitAndPush(const QString &message);
    void rebaseEdit();
    void discardEdit();
    void showHistory();
    void restoreFromHistory(const QString &commit);
    void checkDrift();
    void applyRenderedTemplate();
    void goToLine(int line);
    void promptGoToLine();
    void showFind();
    void showReplace();

Q_SIGNALS:
    void titleChanged(const QString &title);
    void modificationChanged(bool modified);
    void filesListed(const QStringList &files);
    void fileLoaded(const QString &path);
    void validated(int issueCount);
    void diffShown(const QString &diff);
    void committed(const QString &commit);
    // A commit kept from before a crash was pushed (see UnpushedCommits).
    void keptCommitPushed(const QString &path, const QString &commit);
    // A requested commit did not start: its dialog was cancelled, or the
    // edit cannot be committed as it is (conflict markers, a newer upstream).
    void commitAbandoned();
    void pushRejected();
    void rebased(bool conflicts);
    void historyLoaded(int entries);
    void restored(const QString &commit);
    void driftChecked(bool drifted);
    void failed(const QString &message);
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void createActions();
    void applyTheme();
    void installDocument(QTextDocument *document, qsizetype bytes);
    void loadContent(const QString &path, const QString &commit, const QByteArray &content);
    void replaceText(const QString &text);
    void setBanner(const QString &text, bool warning = false);
    void updateTitle();
    void updateActions();
    void showDiffText(const QString &diff);
    void onPushed(const QString &commit);
    void onPushRejected(const GitPushRejection &rejection);
    void onRebased(const GitRebaseResult &result);
    void showHistoryEntries(const QList<GitHistoryEntry> &entries);
    void showFailure(GitFailure kind, const QString &message);

    GitWorkspace *m_workspace;
    UnpushedCommits *m_unpushed = nullptr;
    QString m_keptCommitInEditor; // a kept commit being merged here: dropped once pushed
    const KSyntaxHighlighting::Repository &m_repository;
    std::shared_ptr<const ConfigCheck> m_check;
    TemplateRenderer m_renderer;
    GitAuthor m_author;
    BeforePush m_beforePush;
    QString m_pushOperation;
    qsizetype m_highlightingLimit = 2 * 1024 * 1024;

    CodeEditor *m_editor = nullptr;
    FindReplaceBar *m_findBar = nullptr;
    QToolBar *m_toolbar = nullptr; // the file list, then the actions createActions() adds
    QComboBox *m_files = nullptr;
    QLabel *m_banner = nullptr;
    QProgressBar *m_busy = nullptr;
    QTabWidget *m_panels = nullptr;
    QListWidget *m_problems = nullptr;
    QLabel *m_diffTitle = nullptr;
    QPlainTextEdit *m_diffView = nullptr;
    QListWidget *m_historyList = nullptr;
    QPlainTextEdit *m_historyDiff = nullptr;
    QPushButton *m_restoreButton = nullptr;
    QWidget *m_upstreamPanel = nullptr;
    QLabel *m_upstreamSummary = nullptr;
    QPlainTextEdit *m_upstreamView = nullptr;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr;
    QList<KSyntaxHighlighting::SyntaxHighlighter *> m_diffHighlighters;
    QPointer<QTextDocument> m_document;

    QAction *m_validateAction = nullptr;
    QAction *m_diffAction = nullptr;
    QAction *m_commitAction = nullptr;
    QAction *m_historyAction = nullptr;
    QAction *m_driftAction = nullptr;
    QAction *m_rerenderAction = nullptr;

    QString m_path;
    QString m_baseCommit;
    QString m_themeName;
    QString m_renderedTemplate;
    bool m_highlightingEnabled = true;
    bool m_loading = false;
    GitPushRejection m_rejection;
    QList<GitHistoryEntry> m_history;
    // The latest answer wins: a file read, discard or restore replaces the
    // text, a diff or drift check replaces the diff panel; older answers of
    // the same kind are dropped. Document builds and checks run off the UI
    // thread and likewise only the newest one is shown.
    LatestOnly m_content;
    LatestOnly m_diff;
    LatestOnly m_documentBuild;
    LatestOnly m_validation;
};

} // namespace Dockmaster
