#pragma once

#include <QHash>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace Dockmaster {

// Deployments this console started (approvals, tag deploys, rollbacks) and
// the pipelines that carry them out: status as it changes and the job log as
// GitLab writes it, for whichever deployment is selected.
class DeploymentProgressPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit DeploymentProgressPanel(QWidget *parent = nullptr);

    // Returns a key for the other calls.
    int addDeployment(const QString &title, const QString &detail);
    void setPipeline(int key, qint64 pipelineId, const QString &webUrl);
    void setStatus(int key, const QString &status);
    void appendLog(int key, const QString &jobName, const QByteArray &chunk);
    void setFinished(int key, const QString &status, const QString &message);

    QTreeWidget *list() const { return m_list; }
    QPlainTextEdit *logView() const { return m_log; }
    QString logOf(int key) const;
    static QString statusDisplayName(const QString &status);

private:
    struct Entry {
        QTreeWidgetItem *item = nullptr;
        QString log;
        QString lastJob;
    };
    void showSelected();

    QTreeWidget *m_list;
    QPlainTextEdit *m_log;
    QLabel *m_empty;
    QHash<int, Entry> m_entries;
    int m_nextKey = 1;
};

} // namespace Dockmaster
