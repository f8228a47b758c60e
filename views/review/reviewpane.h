#pragma once

#include "core/domain/records.h"
#include "core/review/reviewresult.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QProgressBar;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace KSyntaxHighlighting {
class Repository;
}

namespace Dockmaster {

class DiffView;

// Shows what a release request would deploy: header, commits, changed files,
// the diff and its risk flags. Fed by setters only (no network here); pair it
// with a ReviewLoader.
class ReviewPane final : public QWidget
{
    Q_OBJECT
public:
    // `repository` (owned by the Shell, may be null) highlights the diff.
    explicit ReviewPane(const KSyntaxHighlighting::Repository *repository, QWidget *parent = nullptr);

    enum class State { Empty, Loading, Error, Ready };

    // Back to "Select a release request to review it".
    void clear();
    // The request under review; keeps the current content state.
    void setRequest(const ReleaseRequest &request);
    void setLoading();
    // While the loader reads files for the risk scan.
    void setProgress(int done, int total);
    void setResult(const ReviewResult &result);
    void setError(const QString &message);
    // For tests and screenshots: the clock ages are computed against (default: now).
    void setReferenceTime(const QDateTime &now);

    State state() const { return m_state; }
    const ReleaseRequest &request() const { return m_request; }
    const ReviewResult &result() const { return m_result; }
    // The file shown in the diff viewer, and the new-file line under its cursor.
    QString currentFile() const { return m_currentFile; }
    int currentLine() const;
    // Shows one changed file in the diff viewer.
    void showFile(const QString &path);
    // Selects flag `index` (in result().flags order) and shows it in the diff.
    void showFlag(int index);

Q_SIGNALS:
    // A flag was activated (for a status bar or an audit note).
    void flagActivated(const Dockmaster::RiskFlag &flag);

private:
    void buildUi();
    void updateHeader();
    void onFileSelected();
    void onFlagActivated(QTreeWidgetItem *item);
    void setState(State state);
    QString ageText(const QDateTime &created) const;

    const KSyntaxHighlighting::Repository *m_repository;
    ReleaseRequest m_request;
    bool m_hasRequest = false;
    ReviewResult m_result;
    State m_state = State::Empty;
    QString m_currentFile;
    QDateTime m_referenceTime;

    QWidget *m_header = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_environment = nullptr;
    QLabel *m_ref = nullptr;
    QLabel *m_requester = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_warnings = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_loadingLabel = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_errorLabel = nullptr;
    QTreeWidget *m_commits = nullptr;
    QTreeWidget *m_files = nullptr;
    QTreeWidget *m_flags = nullptr;
    QLabel *m_fileCaption = nullptr;
    QLabel *m_filesCaption = nullptr;
    QLabel *m_commitsCaption = nullptr;
    QLabel *m_flagsCaption = nullptr;
    DiffView *m_diff = nullptr;
};

} // namespace Dockmaster
