#pragma once

#include "panels/filterablepanel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace Dockmaster {

class ReleaseRequestsModel;
class ReleaseRequestsFilterModel;

// Pending approvals: every open release request across apps, oldest first.
class ApprovalsPanel final : public QWidget, public FilterablePanel
{
    Q_OBJECT
public:
    explicit ApprovalsPanel(ReleaseRequestsModel *model, QWidget *parent = nullptr);

    void focusFilter() override;
    QTreeView *view() const { return m_view; }
    void setActionsEnabled(bool enabled, const QString &whyNot);

private:
    void updateSummary();

    ReleaseRequestsModel *m_model;
    ReleaseRequestsFilterModel *m_filter;
    QLineEdit *m_search;
    QComboBox *m_environment;
    QTreeView *m_view;
    QLabel *m_summary;
    QLabel *m_review;
};

} // namespace Dockmaster
