#pragma once

#include "views/panels/filterablepanel.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

namespace Dockmaster {

class AuditFilterModel;
class AuditLogModel;

// The local audit trail: every action taken from this Dockmaster, filterable
// by words and action, exported as CSV (what the filter shows).
class AuditPanel final : public QWidget, public FilterablePanel
{
    Q_OBJECT
public:
    explicit AuditPanel(AuditLogModel *model, QWidget *parent = nullptr);
    ~AuditPanel() override;

    void focusFilter() override;
    QTreeView *view() const { return m_view; }
    AuditFilterModel *filterModel() const { return m_filter; }
    // Writes the rows the filter shows, without asking for a file name.
    void exportTo(const QString &path);

Q_SIGNALS:
    void exportFinished(const QString &path, const QString &error);

private:
    void chooseExportFile();
    void updateSummary();

    AuditLogModel *m_model;
    AuditFilterModel *m_filter;
    QLineEdit *m_search;
    QComboBox *m_action;
    QTreeView *m_view;
    QPushButton *m_export;
    QLabel *m_summary;
    QFutureWatcher<QString> m_exporting;
    QString m_exportPath;
};

} // namespace Dockmaster
