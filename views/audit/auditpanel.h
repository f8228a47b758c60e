#pragma once

#include "views/panels/filterablepanel.h"

#include <QFutureWatcher>

class QComboBox;
class QLabel;
class QPushButton;

namespace Dockmaster {

class AuditFilterModel;
class AuditLogModel;

// The local audit trail: every action taken from this Dockmaster, filterable
// by words and action, exported as CSV (what the filter shows).
class AuditPanel final : public FilterablePanel
{
    Q_OBJECT
public:
    explicit AuditPanel(AuditLogModel *model, QWidget *parent = nullptr);
    ~AuditPanel() override;

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
    QComboBox *m_action;
    QPushButton *m_export;
    QLabel *m_summary;
    QFutureWatcher<QString> m_exporting;
    QString m_exportPath;
};

} // namespace Dockmaster
