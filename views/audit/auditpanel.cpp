#include "views/audit/auditpanel.h"

#include "core/audit/auditcsv.h"
#include "models/auditfiltermodel.h"
#include "models/auditlogmodel.h"
#include "models/modelroles.h"
#include "views/panels/filterwidgets.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
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
    : QWidget(parent)
    , m_model(model)
    , m_filter(new AuditFilterModel(this))
    , m_search(FilterWidgets::searchField(tr("Filter by admin, app, detail (Ctrl+F)"), tr("Audit filter"), this))
    , m_action(new QComboBox(this))
    , m_view(FilterWidgets::table(m_filter, tr("Audit log"), this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("auditPanel"));
    setAccessibleName(tr("Audit log"));
    m_filter->setSourceModel(m_model);
    connect(m_search, &QLineEdit::textChanged, m_filter, &AuditFilterModel::setSearchText);

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
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(m_view);
    layout->addWidget(m_summary);

    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_filter, signal, this, &AuditPanel::updateSummary);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &AuditPanel::updateSummary);
    updateSummary();
}

AuditPanel::~AuditPanel()
{
    m_exporting.waitForFinished(); // the file must not be left half-written
}

void AuditPanel::focusFilter()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void AuditPanel::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export audit log"),
                                                      QStringLiteral("dockmaster-audit.csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(path);
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
