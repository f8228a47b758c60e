#include "views/panels/applicationspanel.h"

#include "core/util/untrustedtext.h"
#include "models/applicationsfiltermodel.h"
#include "models/applicationsmodel.h"
#include "models/modelroles.h"
#include "views/panels/filterwidgets.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace Dockmaster {
namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString link(const QString &url, const QString &label)
{
    if (url.isEmpty())
        return escaped(label);
    // Only http(s) links are clickable; anything else from GitLab is shown as text.
    if (!url.startsWith(QLatin1String("https://")) && !url.startsWith(QLatin1String("http://")))
        return escaped(label);
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(escaped(url), escaped(label));
}

} // namespace

ApplicationsPanel::ApplicationsPanel(ApplicationsModel *model, QWidget *parent)
    : FilterablePanel(tr("Filter by ID, name, owner or domain (Ctrl+F)"), tr("Application filter"), tr("Applications"),
                      parent)
    , m_model(model)
    , m_filter(new ApplicationsFilterModel(this))
    , m_environment(FilterWidgets::environmentChoice(this))
    , m_host(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_details(new QTextBrowser(this))
    , m_detailsArea(new QWidget(this))
    , m_banner(new QLabel(this))
{
    setObjectName(QStringLiteral("applicationsPanel"));
    showFiltered(m_filter, m_model);
    m_search->setObjectName(QStringLiteral("applicationFilter"));

    connect(m_environment, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setEnvironment(environmentFromKey(m_environment->currentData().toString())); });
    m_host->setAccessibleName(tr("Host filter"));
    connect(m_host, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setHost(m_host->currentData().toString()); });
    m_status->setAccessibleName(tr("Status filter"));
    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setStatus(m_status->currentData().toString()); });

    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ApplicationsModel::IdColumn, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->resizeSection(ApplicationsModel::IdColumn, 110);
    m_view->header()->resizeSection(ApplicationsModel::NameColumn, 160);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showDetails();
        Q_EMIT currentAppChanged(currentAppId());
    });
    // Double-click follows the logs of the environment the filter shows, else test.
    connect(m_view, &QTreeView::doubleClicked, this, [this] {
        const std::optional<Environment> chosen = environmentFromKey(m_environment->currentData().toString());
        Q_EMIT openLogsRequested(currentAppId(), chosen.value_or(Environment::Test));
    });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTreeView::customContextMenuRequested, this, [this](const QPoint &position) {
        const QString appId = m_view->indexAt(position).data(Roles::AppIdRole).toString();
        if (appId.isEmpty())
            return;
        // popup(), not exec(): no event loop of its own while syncs go on.
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        for (Environment environment : AllEnvironments) {
            menu->addAction(tr("Open %1 configuration").arg(environmentDisplayName(environment)), this,
                            [this, appId, environment] { Q_EMIT openConfigRequested(appId, environment); });
        }
        menu->addSeparator();
        for (Environment environment : AllEnvironments) {
            menu->addAction(tr("Follow %1 live logs").arg(environmentDisplayName(environment)), this,
                            [this, appId, environment] { Q_EMIT openLogsRequested(appId, environment); });
        }
        for (Environment environment : AllEnvironments) {
            menu->addAction(tr("Search %1 log history…").arg(environmentDisplayName(environment)), this,
                            [this, appId, environment] { Q_EMIT logHistoryRequested(appId, environment); });
        }
        menu->addSeparator();
        menu->addAction(tr("Platform services"), this, [this, appId] { Q_EMIT platformServicesRequested(appId); });
        menu->popup(m_view->viewport()->mapToGlobal(position));
    });

    m_details->setOpenExternalLinks(true);
    m_details->setAccessibleName(tr("Application details"));
    m_details->setPlaceholderText(tr("Select an application to see its repositories, domains, hosts and versions."));

    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText); // quotes server messages
    m_banner->setVisible(false);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: palette(alternate-base); padding: 4px; }"));

    // The search over the three choices: the column stays narrow on a laptop
    // and the search field wide enough to read.
    FilterWidgets::shrinkable(m_host);
    FilterWidgets::shrinkable(m_status);
    auto *choices = new QHBoxLayout;
    choices->addWidget(m_environment, 1);
    choices->addWidget(m_host, 1);
    choices->addWidget(m_status, 1);
    auto *filters = new QVBoxLayout;
    filters->addWidget(m_search);
    filters->addLayout(choices);

    auto *detailsLayout = new QVBoxLayout(m_detailsArea);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_details, 1);
    QSplitter *splitter = tableAbove(m_detailsArea, 3, 2); // the details and health lines need room on a laptop too
    splitter->setObjectName(QStringLiteral("applicationsSplitter")); // its sizes are part of the saved layout

    QVBoxLayout *layout = panelLayout();
    layout->addWidget(m_banner);
    layout->addLayout(filters);
    layout->addWidget(splitter);

    // Keep the host and status choices in step with the data; the selection
    // survives because the model merges rows instead of resetting.
    whenRowsChange(m_model, &ApplicationsPanel::rebuildFilterChoices);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ApplicationsPanel::showDetails);
    rebuildFilterChoices();
}

QString ApplicationsPanel::currentAppId() const
{
    return m_view->currentIndex().data(Roles::AppIdRole).toString();
}

void ApplicationsPanel::addDetailsWidget(QWidget *widget)
{
    // On a 768-high screen the health lines do not always fit under the
    // details: they scroll instead of being cut off.
    auto *scroll = new QScrollArea(m_detailsArea);
    scroll->setWidget(widget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFocusPolicy(Qt::NoFocus);
    m_detailsArea->layout()->addWidget(scroll);
}

void ApplicationsPanel::setOffline(bool offline, const QString &reason)
{
    m_offline = offline;
    m_offlineReason = reason;
    updateBanner();
}

void ApplicationsPanel::setLastSync(const QDateTime &lastSync)
{
    m_lastSync = lastSync;
    updateBanner();
}

void ApplicationsPanel::updateBanner()
{
    m_banner->setVisible(m_offline);
    if (!m_offline)
        return;
    const QString age = m_lastSync.isValid()
        ? tr("Showing cached data from %1.").arg(QLocale().toString(m_lastSync.toLocalTime(), QLocale::ShortFormat))
        : tr("Nothing has been synced from GitLab yet.");
    m_banner->setText(tr("Offline: %1").arg(m_offlineReason) + QLatin1Char(' ') + age);
}

bool ApplicationsPanel::showApp(const QString &appId)
{
    return showSourceRow(m_model->rowOfKey(appId));
}

void ApplicationsPanel::clearChoiceFilters()
{
    for (QComboBox *choice : { m_environment, m_host, m_status })
        choice->setCurrentIndex(0); // "All …" / "Any status"
}

void ApplicationsPanel::rebuildFilterChoices()
{
    auto refill = [](QComboBox *combo, const QString &allLabel, const QStringList &values,
                     const std::function<QString(const QString &)> &label) {
        const QString current = combo->currentData().toString();
        QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItem(allLabel, QString());
        for (const QString &value : values)
            combo->addItem(label(value), value);
        combo->setCurrentIndex(std::max(0, combo->findData(current)));
    };
    QStringList hosts;
    QStringList statuses;
    for (const AppRecord &app : m_model->items()) {
        for (const EnvironmentState &state : app.environments) {
            if (!state.host.isEmpty() && !hosts.contains(state.host))
                hosts.append(state.host);
        }
        if (!app.status.isEmpty() && !statuses.contains(app.status))
            statuses.append(app.status);
    }
    hosts.sort();
    statuses.sort();
    refill(m_host, tr("All hosts"), hosts, [](const QString &host) { return host; });
    refill(m_status, tr("Any status"), statuses, &ApplicationsModel::statusDisplayName);
}

void ApplicationsPanel::showDetails()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid()) {
        m_details->clear();
        return;
    }
    m_details->setHtml(detailsHtml(index.data(Roles::RecordRole).value<AppRecord>()));
}

QString ApplicationsPanel::detailsHtml(const AppRecord &app) const
{
    // Everything here may come from third parties: escape it all.
    // Escaped, and made safe as text first: hidden characters revealed, bidi isolated, length capped.
    QString html
        = QStringLiteral("<h3>%1 &mdash; %2</h3>").arg(escaped(app.id), escaped(UntrustedText::line(app.name, 80)));
    if (!app.description.isEmpty())
        html += QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>")
                    .arg(escaped(UntrustedText::block(app.description, UntrustedText::BlockLimit, 20)));
    // Lines, not a table: a table's frames reach screen readers as stray
    // U+FDD0/U+FDD1 (U+FFF0/U+FFF1 over AT-SPI) characters around each cell.
    html += QStringLiteral("<p>");
    auto row = [&html](const QString &label, const QString &valueHtml) {
        html += tr("<b>%1:</b> %2").arg(escaped(label), valueHtml) + QStringLiteral("<br>");
    };
    row(tr("Owner"), escaped(UntrustedText::line(app.owner, 64)));
    row(tr("Status"), escaped(ApplicationsModel::statusDisplayName(app.status)));
    row(tr("Code repository"), link(app.codeWebUrl, app.codeWebUrl.isEmpty() ? tr("unknown") : app.codeWebUrl));
    row(tr("Management repository"), link(app.opsWebUrl, app.opsWebUrl.isEmpty() ? tr("unknown") : app.opsWebUrl));
    html += QStringLiteral("</p>");
    for (Environment environment : AllEnvironments) {
        const EnvironmentState *state = app.environment(environment);
        html += QStringLiteral("<h4>%1</h4>").arg(escaped(environmentDisplayName(environment)));
        if (!state) {
            html += QStringLiteral("<p>%1</p>").arg(escaped(tr("Not provisioned in this environment.")));
            continue;
        }
        html += QStringLiteral("<p>");
        row(tr("Live version"), escaped(UntrustedText::line(ApplicationsModel::versionText(state), 100)));
        row(tr("Domain"), link(QStringLiteral("https://") + state->domain, state->domain));
        row(tr("Host"), escaped(state->host));
        row(tr("Ports"), escaped(tr("container %1, fallback %2").arg(state->containerPort).arg(state->fallbackPort)));
        row(tr("Last pipeline"), escaped(state->pipelineStatus.isEmpty() ? tr("none") : state->pipelineStatus));
        row(tr("DNS"), escaped(state->dnsState.isEmpty() ? tr("not checked") : state->dnsState));
        if (state->deployedAt.isValid())
            row(tr("Deployed"), escaped(QLocale().toString(state->deployedAt.toLocalTime(), QLocale::ShortFormat)));
        html += QStringLiteral("</p>");
    }
    return html;
}

} // namespace Dockmaster
