#pragma once

#include "models/logs/logfiltermodel.h"

#include <QAbstractScrollArea>
#include <QPointer>

namespace Dockmaster {

class LogLineDelegate;

// Draws only the visible lines of a LogFilterModel, so a million rows cost
// nothing until they scroll into view (item views keep per-row state that
// grows with the row count). The scroll bar counts lines, not pixels.
// Following keeps the newest line in view; scrolling up pauses it.
class LogListView final : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit LogListView(QWidget *parent = nullptr);
    ~LogListView() override;

    void setModel(LogFilterModel *model);
    LogFilterModel *model() const { return m_model; }
    LogLineDelegate *delegate() const { return m_delegate; }

    bool isFollowing() const { return m_following; }
    void setFollowing(bool following);
    void setShowTime(bool show);
    bool showTime() const { return m_showTime; }
    void setShowSource(bool show);
    void setWrap(bool wrap);
    bool wrap() const { return m_wrap; }

    int topRow() const;
    int visibleRowCount() const; // rows that fit from the top row down
    void scrollToRow(int row);   // puts the row at the top and pauses
    void selectRows(int first, int last);
    QPair<int, int> selectedRows() const; // (-1,-1) when nothing is selected
    QString selectedText() const;
    // A line as copied: time and container (when shown), then the message.
    QString lineText(int row) const;
    // Where a row is painted in the viewport (empty when it is not in view).
    QRect rowRect(int row) const;
    void copySelection() const;
    void selectAll();

    // Which row is painted at a point of the viewport (-1 below the last row).
    int rowAt(const QPoint &viewportPos) const;

Q_SIGNALS:
    void followingChanged(bool following);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void updateScrollRange();
    void onScrollValueChanged(int value);
    void onRowsInserted();
    void onRowsRemoved();
    void onModelReset();
    int rowHeight() const;
    int rowPixelHeight(int row, int messageWidth) const;
    int messageLeft() const;
    int lastTopRow() const;
    void setTopRowInternal(int row);

    QPointer<LogFilterModel> m_model;
    LogLineDelegate *m_delegate; // child
    bool m_following = true;
    bool m_showTime = true;
    bool m_showSource = true;
    bool m_wrap = false;
    bool m_adjusting = false;
    qint64 m_topSeq = -1;    // identity of the top line while paused
    qint64 m_anchorSeq = -1; // selection, by line identity so eviction does not move it
    qint64 m_cursorSeq = -1;
    int m_maxLineWidth = 0;
};

} // namespace Dockmaster
