#include "views/audit/auditpanel.h"

#include "core/audit/auditcsv.h"
#include "models/auditfiltermodel.h"
#include "models/auditlogmodel.h"
#include "models/modelroles.h"
#include "views/dialogs.h"
#include "views/panels/filterwidgets.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Dockmaster {

AuditPanel::AuditPanel(AuditLogModel *model, QWidget *parent)
    : FilterablePanel(tr("Filter by admin, app, detail (Ctrl+F)"), tr("Audit filter"), tr("Audit log"), parent)
    , m_model(model)
    , m_filter(new AuditFilterModel(this))
    , m_action(new QComboBox(this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("auditPanel"));
    setAccessibleName(tr("Audit log"));
    showFiltered(m_filter, m_model);

    m_action->setAccessibleName(tr("Action filter"));
    m_action->addItem(tr("All actions"), QString());
    for (const QString &action : AuditLogModel::knownActions())
        m_action->addItem(AuditLogModel::actionDisplayName(action), action);
    connect(m_action, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setAction(m_action->currentData().toString()); });

    m_view->setSortingEnabled(false); // newest first, as recorded
    m_view->header()->setSectionResizeMode(AuditLogModel::DetailColumn, QHeaderView::Stretch);
    m_export->setObjectName(QStringLiteral("auditExport"));
    m_export->setToolTip(tr("Save the rows shown as a CSV file"));
    connect(m_export, &QPushButton::clicked, this, &AuditPanel::chooseExportFile);
    connect(&m_exporting, &QFutureWatcher<QString>::finished, this, [this] {
        m_export->setEnabled(true);
        const QString error = m_exporting.result();
        m_summary->setText(error.isEmpty() ? tr("Exported to %1.").arg(QDir::toNativeSeparators(m_exportPath)) : error);
        Q_EMIT exportFinished(m_exportPath, error);
    });

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 3);
    filters->addWidget(m_action, 1);
    filters->addWidget(m_export);
    QVBoxLayout *layout = panelLayout();
    layout->addLayout(filters);
    layout->addWidget(m_view);
    layout->addWidget(m_summary);

    whenRowsChange(m_filter, &AuditPanel::updateSummary);
    updateSummary();
}

AuditPanel::~AuditPanel()
{
    m_exporting.waitForFinished(); // the file must not be left half-written
}

void AuditPanel::chooseExportFile()
{
    Dialogs::chooseSaveFile(this, tr("Export audit log"), QStringLiteral("dockmaster-audit.csv"),
                            tr("CSV files (*.csv)"), this, [this](const QString &path) { exportTo(path); });
}

void AuditPanel::exportTo(const QString &path)
{
    if (m_exporting.isRunning())
        return;
    QList<AuditEntry> rows;
    rows.reserve(m_filter->rowCount());
    for (int row = 0; row < m_filter->rowCount(); ++row)
        rows.append(m_filter->index(row, 0).data(Roles::RecordRole).value<AuditEntry>());
    m_exportPath = path;
    m_export->setEnabled(false);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setText(tr("Exporting %n row(s)…", nullptr, int(rows.size())));
    m_exporting.setFuture(QtConcurrent::run([path, rows] { return AuditCsv::write(path, rows); }));
}

void AuditPanel::updateSummary()
{
    if (m_exporting.isRunning())
        return;
    m_summary->setText(tr("%n action(s) shown", nullptr, m_filter->rowCount()));
}

} // namespace Dockmaster
