#include "views/deploy/deploymentprogresspanel.h"

#include "core/util/untrustedtext.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Dockmaster {
namespace {

enum Column { WhatColumn, StatusColumn, PipelineColumn, StartedColumn, COUNT };
constexpr int KeyRole = Qt::UserRole + 1;
// A job log beyond this is cut at the front: the end is what matters.
constexpr qsizetype MaxLogChars = 2 * 1024 * 1024;

QColor statusColor(const QString &status)
{
    if (status == QLatin1String("success"))
        return QColor(0x27, 0xae, 0x60);
    if (status == QLatin1String("failed") || status == QLatin1String("unknown"))
        return QColor(0xc0, 0x39, 0x2b);
    return {};
}

} // namespace

DeploymentProgressPanel::DeploymentProgressPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
    , m_log(new QPlainTextEdit(this))
    , m_empty(new QLabel(tr("Deployments you start (approvals, tag deploys, rollbacks) appear here with their "
                            "pipeline and job log."),
                         this))
{
    setObjectName(QStringLiteral("deploymentProgressPanel"));
    setAccessibleName(tr("Deployments in progress"));
    m_list->setColumnCount(COUNT);
    m_list->setHeaderLabels({ tr("Deployment"), tr("Status"), tr("Pipeline"), tr("Started") });
    m_list->setRootIsDecorated(false);
    m_list->setAccessibleName(tr("Deployments in progress"));
    // The title ("app… → production v1.2.0") takes the room; the short
    // columns take what their text needs.
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(WhatColumn, QHeaderView::Stretch);
    m_list->setTextElideMode(Qt::ElideMiddle); // the app and the version stay readable when narrow
    m_log->setReadOnly(true);
    m_log->setObjectName(QStringLiteral("deploymentLog"));
    m_log->setAccessibleName(tr("Job log"));
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_empty->setAlignment(Qt::AlignCenter);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &DeploymentProgressPanel::showSelected);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_log);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_empty);
    layout->addWidget(splitter, 1);
}

QString DeploymentProgressPanel::statusDisplayName(const QString &status)
{
    // GitLab's pipeline statuses, and the panel's own before and after them
    // (pushing, waiting, unknown), as a person reads them.
    struct StatusName {
        const char *status;
        const char *name;
    };
    static constexpr StatusName names[] = {
        { "pushing", QT_TR_NOOP("Pushing") }, { "waiting", QT_TR_NOOP("Waiting for the pipeline") },
        { "created", QT_TR_NOOP("Queued") },  { "pending", QT_TR_NOOP("Queued") },
        { "running", QT_TR_NOOP("Running") }, { "success", QT_TR_NOOP("Deployed") },
        { "failed", QT_TR_NOOP("Failed") },   { "canceled", QT_TR_NOOP("Canceled") },
        { "skipped", QT_TR_NOOP("Skipped") }, { "unknown", QT_TR_NOOP("Lost track") },
    };
    for (const StatusName &entry : names) {
        if (status == QLatin1String(entry.status))
            return tr(entry.name);
    }
    return status;
}

int DeploymentProgressPanel::addDeployment(const QString &title, const QString &detail)
{
    const int key = m_nextKey++;
    auto *item = new QTreeWidgetItem;
    m_list->insertTopLevelItem(0, item); // the tree owns it; newest on top
    // `title` is console text (its callers pass third-party parts through
    // UntrustedText); `detail` is third-party text, e.g. the request's title.
    item->setText(WhatColumn, title.left(UntrustedText::BlockLimit));
    item->setToolTip(WhatColumn, UntrustedText::toolTip(detail));
    item->setText(StartedColumn, QLocale().toString(QTime::currentTime(), QLocale::ShortFormat));
    item->setData(WhatColumn, KeyRole, key);
    m_entries.insert(key, { item, QString(), QString() });
    m_list->setCurrentItem(item);
    m_empty->hide();
    setStatus(key, QStringLiteral("pushing"));
    return key;
}

void DeploymentProgressPanel::setPipeline(int key, qint64 pipelineId, const QString &webUrl)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    it->item->setText(PipelineColumn, QStringLiteral("#%1").arg(pipelineId));
    it->item->setToolTip(PipelineColumn, UntrustedText::toolTip(webUrl));
}

void DeploymentProgressPanel::setStatus(int key, const QString &status)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    it->item->setText(StatusColumn, statusDisplayName(status));
    it->item->setForeground(StatusColumn, statusColor(status).isValid() ? QBrush(statusColor(status)) : QBrush());
}

void DeploymentProgressPanel::appendLog(int key, const QString &jobName, const QByteArray &chunk)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    QString text;
    if (jobName != it->lastJob) {
        text += tr("──── job %1 ────").arg(jobName) + QLatin1Char('\n');
        it->lastJob = jobName;
    }
    text += QString::fromUtf8(chunk);
    it->log += text;
    if (it->log.size() > MaxLogChars)
        it->log.remove(0, it->log.size() - MaxLogChars);
    if (m_list->currentItem() == it->item) {
        // Appending keeps the reader's scroll position unless they are at the end.
        QScrollBar *bar = m_log->verticalScrollBar();
        const bool atEnd = bar->value() == bar->maximum();
        m_log->moveCursor(QTextCursor::End);
        m_log->insertPlainText(text);
        if (atEnd)
            bar->setValue(bar->maximum());
    }
}

void DeploymentProgressPanel::setFinished(int key, const QString &status, const QString &message)
{
    setStatus(key, status);
    const auto it = m_entries.find(key);
    if (it != m_entries.end() && !message.isEmpty())
        it->item->setToolTip(StatusColumn, UntrustedText::toolTip(message)); // may quote third-party text
}

QString DeploymentProgressPanel::logOf(int key) const
{
    return m_entries.value(key).log;
}

void DeploymentProgressPanel::showSelected()
{
    QTreeWidgetItem *item = m_list->currentItem();
    m_log->setPlainText(item ? m_entries.value(item->data(WhatColumn, KeyRole).toInt()).log : QString());
    m_log->moveCursor(QTextCursor::End);
}

} // namespace Dockmaster
