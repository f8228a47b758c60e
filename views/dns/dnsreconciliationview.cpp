#include "views/dns/dnsreconciliationview.h"

#include "core/dns/dnsreconciler.h"
#include "models/dns/dnsreconciliationmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Dockmaster {

DnsReconciliationView::DnsReconciliationView(DnsReconciler *reconciler, QWidget *parent)
    : QWidget(parent)
    , m_reconciler(reconciler)
    , m_model(new DnsReconciliationModel(this))
    , m_table(new QTableView(this))
    , m_refreshButton(new QPushButton(tr("Check again"), this))
    , m_fixButton(new QPushButton(tr("Fix drift"), this))
    , m_busy(new QProgressBar(this))
    , m_status(new QLabel(this))
{
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_fixButton->setToolTip(tr("Create or correct every record that is missing or points to the wrong address."));
    m_busy->setRange(0, 0); // busy indicator: the provider does not report progress
    m_busy->setMaximumWidth(120);
    m_busy->hide();
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_busy);
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_refreshButton);
    buttons->addWidget(m_fixButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_reconciler, &DnsReconciler::comparisonsChanged, m_model, &DnsReconciliationModel::setComparisons);
    connect(m_reconciler, &DnsReconciler::statusTextChanged, m_status, &QLabel::setText);
    connect(m_reconciler, &DnsReconciler::busyChanged, this, [this](bool busy) {
        m_busy->setVisible(busy);
        updateButtons();
    });
    connect(m_reconciler, &DnsReconciler::comparisonsChanged, this, &DnsReconciliationView::updateButtons);
    connect(m_refreshButton, &QPushButton::clicked, m_reconciler, &DnsReconciler::refresh);
    connect(m_fixButton, &QPushButton::clicked, m_reconciler, &DnsReconciler::fix);

    m_model->setComparisons(m_reconciler->comparisons());
    m_status->setText(m_reconciler->statusText());
    updateButtons();
}

void DnsReconciliationView::updateButtons()
{
    const bool busy = m_reconciler->isBusy();
    m_refreshButton->setEnabled(!busy);
    m_fixButton->setEnabled(!busy && m_reconciler->needsFix());
}

} // namespace Dockmaster
