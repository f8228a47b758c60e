#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace Dockmaster {

class DnsReconciler;
class DnsReconciliationModel;

// Per-app DNS check: expected records against the provider's, with one
// button to repair whatever differs.
class DnsReconciliationView final : public QWidget
{
    Q_OBJECT
public:
    explicit DnsReconciliationView(DnsReconciler *reconciler, QWidget *parent = nullptr);

    DnsReconciliationModel *model() const { return m_model; }
    QPushButton *fixButton() const { return m_fixButton; }
    QPushButton *refreshButton() const { return m_refreshButton; }
    QLabel *statusLabel() const { return m_status; }

private:
    void updateButtons();

    DnsReconciler *m_reconciler;
    DnsReconciliationModel *m_model;
    QTableView *m_table;
    QPushButton *m_refreshButton;
    QPushButton *m_fixButton;
    QProgressBar *m_busy;
    QLabel *m_status;
};

} // namespace Dockmaster
