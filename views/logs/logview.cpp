#include "views/logs/logview.h"

#include "core/logs/logsource.h"
#include "models/logs/logfiltermodel.h"
#include "models/logs/logmodel.h"
#include "views/dialogs.h"
#include "views/logs/loglinedelegate.h"
#include "views/logs/loglistview.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>

namespace Dockmaster {
namespace {

quint8 levelBits(std::initializer_list<LogLevel> levels)
{
    quint8 bits = 0;
    for (const LogLevel level : levels)
        bits |= quint8(1u << unsigned(level));
    return bits;
}

qint64 toNanos(const QDateTime &time)
{
    return time.toMSecsSinceEpoch() * 1000000LL;
}

} // namespace

LogView::LogView(QWidget *parent)
    : QWidget(parent)
    , m_model(new LogModel(this))
    , m_filterModel(new LogFilterModel(m_model, this))
{
    buildUi();
    m_filterDebounce.setSingleShot(true);
    m_filterDebounce.setInterval(200);
    connect(&m_filterDebounce, &QTimer::timeout, this, &LogView::applyFilterFromControls);
    m_statusTimer.setInterval(250);
    connect(&m_statusTimer, &QTimer::timeout, this, &LogView::updateStatus);
    m_statusTimer.start();
    connect(m_model, &LogModel::droppedLinesChanged, this, &LogView::updateDropped);
    connect(m_model, &LogModel::sourcesChanged, this, &LogView::updateSources);
    connect(m_filterModel, &LogFilterModel::filteringChanged, this, &LogView::updateStatus);
    connect(m_filterModel, &LogFilterModel::filterError, this, [this](const QString &message) {
        m_filterEdit->setToolTip(message);
        m_filterEdit->setStyleSheet(QStringLiteral("QLineEdit { color: #c62828; }"));
    });
    connect(m_filterModel, &QAbstractItemModel::modelReset, this, [this] {
        m_list->delegate()->setMatcher(m_filterModel->matcher());
        m_list->viewport()->update();
        updateStatus();
    });
    connect(&m_exportWatcher, &QFutureWatcher<LogExportResult>::finished, this, &LogView::onExportDone);
    connect(&m_exportWatcher, &QFutureWatcher<LogExportResult>::progressRangeChanged, m_progress,
            &QProgressBar::setRange);
    connect(&m_exportWatcher, &QFutureWatcher<LogExportResult>::progressValueChanged, m_progress,
            &QProgressBar::setValue);
}

LogView::~LogView()
{
    if (m_source)
        m_source->stop();
    m_exportWatcher.cancel();
    m_exportWatcher.waitForFinished();
}

void LogView::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *filterRow = new QHBoxLayout;
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setPlaceholderText(tr("Filter lines (capitals make it case-sensitive)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setAccessibleName(tr("Log filter"));
    m_regexBox = new QCheckBox(tr("Regex"), this);
    m_sourceBox = new QComboBox(this);
    m_sourceBox->addItem(tr("All containers"));
    m_sourceBox->setAccessibleName(tr("Container"));
    m_streamBox = new QComboBox(this);
    m_streamBox->setAccessibleName(tr("Stream"));
    m_streamBox->addItem(tr("stdout and stderr"), 0);
    m_streamBox->addItem(tr("stdout only"), int(1u << unsigned(LogStream::Stdout)));
    m_streamBox->addItem(tr("stderr only"),
                         int((1u << unsigned(LogStream::Stderr)) | (1u << unsigned(LogStream::System))));
    m_levelBox = new QComboBox(this);
    m_levelBox->setAccessibleName(tr("Level"));
    m_levelBox->addItem(tr("All levels"), 0);
    m_levelBox->addItem(tr("Errors"), int(levelBits({ LogLevel::Error, LogLevel::Critical })));
    m_levelBox->addItem(tr("Warnings and errors"),
                        int(levelBits({ LogLevel::Warning, LogLevel::Error, LogLevel::Critical })));
    m_levelBox->addItem(tr("Without debug"), int(quint8(~levelBits({ LogLevel::Debug }))));
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(m_regexBox);
    filterRow->addWidget(m_sourceBox);
    filterRow->addWidget(m_streamBox);
    filterRow->addWidget(m_levelBox);
    layout->addLayout(filterRow);

    auto *timeRow = new QHBoxLayout;
    const QDateTime now = QDateTime::currentDateTime();
    m_fromBox = new QCheckBox(tr("From"), this);
    m_fromEdit = new QDateTimeEdit(now.addSecs(-3600), this);
    m_fromEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_fromEdit->setEnabled(false);
    m_fromEdit->setAccessibleName(tr("Lines from"));
    m_toBox = new QCheckBox(tr("To"), this);
    m_toEdit = new QDateTimeEdit(now, this);
    m_toEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_toEdit->setEnabled(false);
    m_toEdit->setAccessibleName(tr("Lines to"));
    m_jumpEdit = new QDateTimeEdit(now, this);
    m_jumpEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_jumpEdit->setAccessibleName(tr("Time to jump to"));
    auto *jumpButton = new QPushButton(tr("Jump to time"), this);
    m_timeButton = new QToolButton(this);
    m_timeButton->setText(tr("Timestamps"));
    m_timeButton->setCheckable(true);
    m_timeButton->setChecked(true);
    m_wrapButton = new QToolButton(this);
    m_wrapButton->setText(tr("Wrap lines"));
    m_wrapButton->setCheckable(true);
    auto *copyButton = new QToolButton(this);
    copyButton->setText(tr("Copy"));
    copyButton->setToolTip(tr("Copy the selected lines (Ctrl+C)"));
    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export…"));
    exportButton->setToolTip(tr("Save the lines the filter shows to a file"));
    timeRow->addWidget(m_fromBox);
    timeRow->addWidget(m_fromEdit);
    timeRow->addWidget(m_toBox);
    timeRow->addWidget(m_toEdit);
    timeRow->addSpacing(12);
    timeRow->addWidget(m_jumpEdit);
    timeRow->addWidget(jumpButton);
    timeRow->addStretch(1);
    timeRow->addWidget(m_timeButton);
    timeRow->addWidget(m_wrapButton);
    timeRow->addWidget(copyButton);
    timeRow->addWidget(exportButton);
    layout->addLayout(timeRow);

    m_list = new LogListView(this);
    m_list->setAccessibleName(tr("Log lines"));
    m_list->setModel(m_filterModel);
    layout->addWidget(m_list, 1);

    auto *statusRow = new QHBoxLayout;
    m_countLabel = new QLabel(this);
    m_droppedLabel = new QLabel(this);
    m_droppedLabel->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_droppedLabel->hide();
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("logSourceStatus"));
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(200);
    m_progress->hide();
    m_cancelExport = new QToolButton(this);
    m_cancelExport->setText(tr("Cancel export"));
    m_cancelExport->hide();
    m_followButton = new QToolButton(this);
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setText(tr("Following"));
    statusRow->addWidget(m_countLabel);
    statusRow->addWidget(m_droppedLabel);
    statusRow->addWidget(m_statusLabel, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancelExport);
    statusRow->addWidget(m_followButton);
    layout->addLayout(statusRow);

    connect(m_filterEdit, &QLineEdit::textChanged, this, [this] {
        m_filterEdit->setStyleSheet(QString());
        m_filterEdit->setToolTip(QString());
        m_filterDebounce.start();
    });
    connect(m_filterEdit, &QLineEdit::returnPressed, this, &LogView::applyFilterFromControls);
    for (QCheckBox *box : { m_regexBox, m_fromBox, m_toBox })
        connect(box, &QCheckBox::toggled, this, &LogView::applyFilterFromControls);
    connect(m_fromBox, &QCheckBox::toggled, m_fromEdit, &QWidget::setEnabled);
    connect(m_toBox, &QCheckBox::toggled, m_toEdit, &QWidget::setEnabled);
    for (QDateTimeEdit *edit : { m_fromEdit, m_toEdit })
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this] { m_filterDebounce.start(); });
    for (QComboBox *box : { m_sourceBox, m_streamBox, m_levelBox })
        connect(box, &QComboBox::currentIndexChanged, this, &LogView::applyFilterFromControls);
    connect(jumpButton, &QPushButton::clicked, this, [this] { jumpToTime(toNanos(m_jumpEdit->dateTime())); });
    connect(m_timeButton, &QToolButton::toggled, m_list, &LogListView::setShowTime);
    connect(m_wrapButton, &QToolButton::toggled, m_list, &LogListView::setWrap);
    connect(copyButton, &QToolButton::clicked, m_list, &LogListView::copySelection);
    connect(exportButton, &QToolButton::clicked, this, &LogView::chooseExportFile);
    connect(m_cancelExport, &QToolButton::clicked, &m_exportWatcher, &QFutureWatcher<LogExportResult>::cancel);
    connect(m_followButton, &QToolButton::clicked, this, [this] { setFollowing(true); });
    connect(m_list, &LogListView::followingChanged, this, [this](bool following) {
        m_followButton->setChecked(following);
        m_followButton->setText(following ? tr("Following") : tr("Paused: jump to tail"));
    });
}

void LogView::setSource(LogSource *source)
{
    if (m_source) {
        // Nothing the old app's source says from here on may reach this view.
        m_source->disconnect(this);
        m_source->disconnect(m_model);
        m_source->stop();
        m_source->deleteLater();
    }
    m_source = source;
    m_serverDropped = 0;
    // Another app's lines must not mix with the new ones.
    m_model->clear();
    m_sourceStatus.clear();
    updateStatus();
    if (!source)
        return;
    source->setParent(this);
    connect(source, &LogSource::linesAvailable, m_model, &LogModel::appendBatch);
    connect(source, &LogSource::statusChanged, this, [this](const QString &message) {
        m_sourceStatus = message;
        updateStatus();
    });
    connect(source, &LogSource::failed, this, [this](const QString &message) {
        m_sourceStatus = message;
        updateStatus();
    });
    connect(source, &LogSource::reconnecting, this, [this](const QString &name, const QString &reason) {
        m_sourceStatus = tr("Reconnecting to %1: %2").arg(name, reason);
        updateStatus();
    });
    connect(source, &LogSource::streamEnded, this, [this](const QString &name) {
        m_sourceStatus = tr("%1 stopped.").arg(name);
        updateStatus();
    });
    connect(source, &LogSource::droppedByServer, this, [this](qint64 count) {
        m_serverDropped += count;
        updateDropped();
    });
    if (!source->isRunning())
        source->start();
}

void LogView::setCapacity(qint64 lines)
{
    m_model->setCapacity(lines);
}

bool LogView::isFollowing() const
{
    return m_list->isFollowing();
}

void LogView::setFollowing(bool following)
{
    m_list->setFollowing(following);
}

void LogView::setShowTimestamps(bool show)
{
    m_timeButton->setChecked(show);
}

void LogView::setWrap(bool wrap)
{
    m_wrapButton->setChecked(wrap);
}

LogFilter LogView::currentFilter() const
{
    LogFilter filter;
    filter.text = m_filterEdit->text();
    filter.regex = m_regexBox->isChecked();
    if (m_sourceBox->currentIndex() > 0)
        filter.sources = QStringList { m_sourceBox->currentText() };
    filter.streamMask = quint8(m_streamBox->currentData().toInt());
    filter.levelMask = quint8(m_levelBox->currentData().toInt());
    if (m_fromBox->isChecked())
        filter.fromNs = toNanos(m_fromEdit->dateTime());
    if (m_toBox->isChecked())
        filter.toNs = toNanos(m_toEdit->dateTime());
    return filter;
}

void LogView::setFilter(const LogFilter &filter)
{
    const QSignalBlocker b1(m_filterEdit), b2(m_regexBox), b3(m_sourceBox), b4(m_streamBox), b5(m_levelBox),
        b6(m_fromBox), b7(m_toBox), b8(m_fromEdit), b9(m_toEdit);
    m_filterEdit->setText(filter.text);
    m_regexBox->setChecked(filter.regex);
    m_sourceBox->setCurrentIndex(filter.sources.isEmpty() ? 0 : qMax(0, m_sourceBox->findText(filter.sources.first())));
    m_streamBox->setCurrentIndex(qMax(0, m_streamBox->findData(int(filter.streamMask))));
    m_levelBox->setCurrentIndex(qMax(0, m_levelBox->findData(int(filter.levelMask))));
    m_fromBox->setChecked(filter.fromNs >= 0);
    m_fromEdit->setEnabled(filter.fromNs >= 0);
    if (filter.fromNs >= 0)
        m_fromEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(filter.fromNs / 1000000));
    m_toBox->setChecked(filter.toNs >= 0);
    m_toEdit->setEnabled(filter.toNs >= 0);
    if (filter.toNs >= 0)
        m_toEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(filter.toNs / 1000000));
    m_filterDebounce.stop();
    m_filterModel->setFilter(filter);
    m_list->delegate()->setMatcher(m_filterModel->matcher());
    m_list->viewport()->update();
}

void LogView::applyFilterFromControls()
{
    m_filterDebounce.stop();
    m_filterModel->setFilter(currentFilter());
    m_list->delegate()->setMatcher(m_filterModel->matcher());
    m_list->viewport()->update();
}

void LogView::jumpToTime(qint64 timeNs)
{
    const int row = m_filterModel->rowForTime(timeNs);
    if (m_filterModel->rowCount() == 0)
        return;
    const int target = qMin(row, m_filterModel->rowCount() - 1);
    m_list->scrollToRow(target);
    m_list->selectRows(target, target);
}

void LogView::updateSources(const QStringList &sources)
{
    const QString current = m_sourceBox->currentIndex() > 0 ? m_sourceBox->currentText() : QString();
    const QSignalBlocker blocker(m_sourceBox);
    while (m_sourceBox->count() > 1)
        m_sourceBox->removeItem(1);
    m_sourceBox->addItems(sources);
    if (!current.isEmpty())
        m_sourceBox->setCurrentIndex(qMax(0, m_sourceBox->findText(current)));
    m_list->setShowSource(sources.size() > 1);
}

void LogView::updateDropped()
{
    const qint64 capped = m_model->droppedLines();
    QStringList parts;
    const QLocale locale;
    if (capped > 0)
        parts.append(tr("%1 older lines dropped (keeping the newest %2)")
                         .arg(locale.toString(capped), locale.toString(m_model->rowCount())));
    if (m_serverDropped > 0)
        parts.append(tr("%1 lines dropped by the log server").arg(locale.toString(m_serverDropped)));
    m_droppedLabel->setText(parts.join(QStringLiteral(" · ")));
    m_droppedLabel->setVisible(!parts.isEmpty());
}

void LogView::updateStatus()
{
    const QLocale locale;
    const int shown = m_filterModel->rowCount();
    const int total = m_model->rowCount();
    QString count = m_filterModel->filter().isEmpty()
        ? tr("%1 lines").arg(locale.toString(total))
        : tr("%1 of %2 lines match").arg(locale.toString(shown), locale.toString(total));
    if (m_filterModel->isFiltering())
        count += QLatin1Char(' ') + tr("(filtering…)");
    m_countLabel->setText(count);
    m_statusLabel->setText(m_sourceStatus);
}

void LogView::chooseExportFile()
{
    Dialogs::chooseSaveFile(this, tr("Export log lines"), QString(), tr("Log files (*.log *.txt);;All files (*)"), this,
                            [this](const QString &path) { exportTo(path); });
}

void LogView::exportTo(const QString &path)
{
    if (isExporting())
        return;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancelExport->show();
    LogExportOptions options;
    options.includeTime = m_list->showTime();
    m_exportWatcher.setFuture(exportLogLines(m_filterModel->selection(), path, options));
}

bool LogView::isExporting() const
{
    return m_exportWatcher.isRunning();
}

void LogView::onExportDone()
{
    m_progress->hide();
    m_cancelExport->hide();
    const LogExportResult result = exportResult(m_exportWatcher.future());
    if (result.canceled)
        m_sourceStatus = tr("Export canceled.");
    else if (!result.error.isEmpty())
        m_sourceStatus = result.error;
    else
        m_sourceStatus = tr("Exported %1 lines.").arg(QLocale().toString(result.lines));
    updateStatus();
    Q_EMIT exportFinished(result);
}

} // namespace Dockmaster
