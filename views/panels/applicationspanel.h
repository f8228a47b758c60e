#pragma once

#include "core/domain/environment.h"
#include "views/panels/filterablepanel.h"

#include <QDateTime>

class QComboBox;
class QLabel;
class QTextBrowser;

namespace Dockmaster {

class ApplicationsModel;
class ApplicationsFilterModel;
struct AppRecord;

// The Applications panel: searchable, filterable list of apps with a details
// pane for the selected one.
class ApplicationsPanel final : public FilterablePanel
{
    Q_OBJECT
public:
    explicit ApplicationsPanel(ApplicationsModel *model, QWidget *parent = nullptr);

    ApplicationsFilterModel *filterModel() const { return m_filter; }
    QString currentAppId() const;
    // Selects `appId` (clearing filters that hide it); false if it is not listed.
    bool showApp(const QString &appId);

    // Extra details of the selected app below the main ones (live health).
    void addDetailsWidget(QWidget *widget);

    // Offline: cached data marked with its age; GitLab actions disabled.
    void setOffline(bool offline, const QString &reason);
    void setLastSync(const QDateTime &lastSync); // invalid: never synced

Q_SIGNALS:
    void currentAppChanged(const QString &appId);
    void openLogsRequested(const QString &appId, Dockmaster::Environment environment);
    void logHistoryRequested(const QString &appId, Dockmaster::Environment environment);
    void openConfigRequested(const QString &appId, Dockmaster::Environment environment);
    void platformServicesRequested(const QString &appId);

protected:
    void clearChoiceFilters() override;

private:
    void rebuildFilterChoices();
    void showDetails();
    QString detailsHtml(const AppRecord &app) const;
    void updateBanner();

    ApplicationsModel *m_model;
    ApplicationsFilterModel *m_filter;
    QComboBox *m_environment;
    QComboBox *m_host;
    QComboBox *m_status;
    QTextBrowser *m_details;
    QWidget *m_detailsArea;
    QLabel *m_banner;
    QDateTime m_lastSync;
    QString m_offlineReason;
    bool m_offline = false;
};

} // namespace Dockmaster
