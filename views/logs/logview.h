#pragma once

#include "core/logs/logsource.h"
#include "models/logs/logexport.h"
#include "models/logs/logfilter.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QToolButton;

namespace Dockmaster {

class LogFilterModel;
class LogListView;
class LogModel;

// The log viewer: live lines of one app (one or more containers merged by
// time), follow/pause, filters with highlighted matches, jump to a time,
// copy and export of what the filter shows. Never blocks on the number of
// lines: storage is capped, filtering and export run on worker threads.
class LogView final : public QWidget
{
    Q_OBJECT
public:
    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;

    // Streams from the source (started here if it is not running). The view
    // takes ownership and stops the source when closed or replaced.
    void setSource(LogSource *source);
    LogSource *source() const { return m_source; }

    void setCapacity(qint64 lines);
    LogModel *model() const { return m_model; }
    LogFilterModel *filterModel() const { return m_filterModel; }
    LogListView *listView() const { return m_list; }

    bool isFollowing() const;
    void setFollowing(bool following);
    void setFilter(const LogFilter &filter); // also updates the controls
    LogFilter currentFilter() const;
    void setShowTimestamps(bool show);
    void setWrap(bool wrap);
    void jumpToTime(qint64 timeNs);
    // Exports the filtered lines without asking for a file name.
    void exportTo(const QString &path);
    bool isExporting() const;

Q_SIGNALS:
    void exportFinished(const Dockmaster::LogExportResult &result);

private:
    void buildUi();
    void applyFilterFromControls();
    void updateStatus();
    void updateSources(const QStringList &sources);
    void updateDropped();
    void chooseExportFile();
    void onExportDone();

    LogModel *m_model;
    LogFilterModel *m_filterModel;
    LogListView *m_list = nullptr;
    QPointer<LogSource> m_source;
    qint64 m_serverDropped = 0;
    QString m_sourceStatus;

    QLineEdit *m_filterEdit = nullptr;
    QCheckBox *m_regexBox = nullptr;
    QComboBox *m_sourceBox = nullptr;
    QComboBox *m_streamBox = nullptr;
    QComboBox *m_levelBox = nullptr;
    QCheckBox *m_fromBox = nullptr;
    QDateTimeEdit *m_fromEdit = nullptr;
    QCheckBox *m_toBox = nullptr;
    QDateTimeEdit *m_toEdit = nullptr;
    QDateTimeEdit *m_jumpEdit = nullptr;
    QToolButton *m_followButton = nullptr;
    QToolButton *m_timeButton = nullptr;
    QToolButton *m_wrapButton = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_droppedLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancelExport = nullptr;
    QTimer m_filterDebounce;
    QTimer m_statusTimer;
    QFutureWatcher<LogExportResult> m_exportWatcher;
};

} // namespace Dockmaster
