#include "views/logs/loglistview.h"

#include "models/logs/logfiltermodel.h"
#include "models/logs/logmodelroles.h"
#include "views/logs/loglinedelegate.h"
#include "views/logs/loglistaccessible.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

#include <utility>

namespace Dockmaster {
namespace {
constexpr int ColumnGap = 10;
constexpr int MaxSourceWidth = 220;
constexpr int MaxCopiedLines = 200000;

QColor sourceColor(int index, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return QColor::fromHsv((index * 67 + 200) % 360, dark ? 120 : 200, dark ? 230 : 150);
}
} // namespace

LogListView::LogListView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_delegate(new LogLineDelegate(this))
{
    // Once per process: screen readers get the lines through LogListAccessible.
    static const bool accessibleInstalled = [] {
        QAccessible::installFactory(&LogListAccessible::factory);
        return true;
    }();
    Q_UNUSED(accessibleInstalled);
    setFocusPolicy(Qt::StrongFocus);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(mono);
    viewport()->setAutoFillBackground(true);
    viewport()->setBackgroundRole(QPalette::Base);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &LogListView::onScrollValueChanged);
}

LogListView::~LogListView() = default;

void LogListView::setModel(LogFilterModel *model)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &LogListView::onRowsInserted);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &LogListView::onRowsRemoved);
        connect(model, &QAbstractItemModel::modelReset, this, &LogListView::onModelReset);
        connect(model, &QAbstractItemModel::layoutChanged, this, &LogListView::onModelReset);
    }
    onModelReset();
}

int LogListView::rowHeight() const
{
    return fontMetrics().height() + 2;
}

int LogListView::messageLeft() const
{
    const QFontMetrics metrics = fontMetrics();
    int x = 4;
    if (m_showTime)
        x += metrics.horizontalAdvance(QStringLiteral("0000-00-00 00:00:00.000")) + ColumnGap;
    if (m_showSource && m_model) {
        int width = 0;
        for (const QString &name : m_model->sourceModel()->sources())
            width = qMax(width, metrics.horizontalAdvance(name));
        if (width > 0)
            x += qMin(width, MaxSourceWidth) + ColumnGap;
    }
    x += metrics.horizontalAdvance(QStringLiteral("warning")) + ColumnGap;
    return x;
}

int LogListView::rowPixelHeight(int row, int messageWidth) const
{
    if (!m_wrap)
        return rowHeight();
    const QString message = m_model->index(row, 0).data(LogRoles::MessageRole).toString();
    return m_delegate->messageHeight(message, font(), messageWidth) + 2;
}

int LogListView::lastTopRow() const
{
    if (!m_model)
        return 0;
    const int rows = m_model->rowCount();
    const int height = viewport()->height();
    if (!m_wrap)
        return qMax(0, rows - qMax(1, height / rowHeight()));
    const int width = viewport()->width() - messageLeft();
    int used = 0;
    int row = rows - 1;
    while (row >= 0) {
        used += rowPixelHeight(row, width);
        if (used > height)
            break;
        --row;
    }
    return qBound(0, row + 1, qMax(0, rows - 1));
}

int LogListView::topRow() const
{
    return verticalScrollBar()->value();
}

int LogListView::visibleRowCount() const
{
    return qMax(1, viewport()->height() / rowHeight());
}

void LogListView::updateScrollRange()
{
    const bool wasAdjusting = std::exchange(m_adjusting, true);
    verticalScrollBar()->setRange(0, lastTopRow());
    verticalScrollBar()->setPageStep(visibleRowCount());
    verticalScrollBar()->setSingleStep(1);
    if (m_wrap) {
        horizontalScrollBar()->setRange(0, 0);
    } else {
        horizontalScrollBar()->setRange(0, qMax(0, messageLeft() + m_maxLineWidth - viewport()->width()));
        horizontalScrollBar()->setPageStep(viewport()->width());
    }
    m_adjusting = wasAdjusting;
}

void LogListView::setTopRowInternal(int row)
{
    const bool wasAdjusting = std::exchange(m_adjusting, true);
    verticalScrollBar()->setValue(row);
    m_adjusting = wasAdjusting;
    m_topSeq
        = m_model && m_model->rowCount() > 0 ? m_model->sequenceAt(qBound(0, topRow(), m_model->rowCount() - 1)) : -1;
    viewport()->update();
}

void LogListView::onScrollValueChanged(int value)
{
    viewport()->update();
    if (m_adjusting || !m_model)
        return;
    m_topSeq = m_model->rowCount() > 0 ? m_model->sequenceAt(qBound(0, value, m_model->rowCount() - 1)) : -1;
    const bool atBottom = value >= verticalScrollBar()->maximum();
    if (atBottom != m_following) {
        m_following = atBottom;
        Q_EMIT followingChanged(m_following);
    }
}

void LogListView::setFollowing(bool following)
{
    if (following)
        setTopRowInternal(lastTopRow());
    if (following != m_following) {
        m_following = following;
        Q_EMIT followingChanged(following);
    }
}

void LogListView::scrollToRow(int row)
{
    setFollowing(false);
    setTopRowInternal(qBound(0, row, lastTopRow()));
}

void LogListView::onRowsInserted()
{
    updateScrollRange();
    if (m_following)
        setTopRowInternal(lastTopRow());
    else
        viewport()->update();
}

void LogListView::onRowsRemoved()
{
    updateScrollRange();
    if (m_following)
        setTopRowInternal(lastTopRow());
    else if (m_model)
        setTopRowInternal(m_model->rowForSequence(m_topSeq));
}

void LogListView::onModelReset()
{
    m_maxLineWidth = 0;
    updateScrollRange();
    if (m_following || !m_model)
        setTopRowInternal(lastTopRow());
    else
        setTopRowInternal(m_model->rowForSequence(m_topSeq));
}

void LogListView::setShowTime(bool show)
{
    m_showTime = show;
    updateScrollRange();
    viewport()->update();
}

void LogListView::setShowSource(bool show)
{
    m_showSource = show;
    updateScrollRange();
    viewport()->update();
}

void LogListView::setWrap(bool wrap)
{
    m_wrap = wrap;
    m_delegate->setWrap(wrap);
    updateScrollRange();
    if (m_following)
        setTopRowInternal(lastTopRow());
    viewport()->update();
}

void LogListView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollRange();
    if (m_following)
        setTopRowInternal(lastTopRow());
}

void LogListView::scrollContentsBy(int, int)
{
    viewport()->update();
}

int LogListView::rowAt(const QPoint &pos) const
{
    if (!m_model)
        return -1;
    const int rows = m_model->rowCount();
    const int width = viewport()->width() - messageLeft();
    int y = 0;
    for (int row = topRow(); row < rows; ++row) {
        const int height = rowPixelHeight(row, width);
        if (pos.y() < y + height)
            return row;
        y += height;
        if (y > viewport()->height())
            break;
    }
    return -1;
}

void LogListView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    if (!m_model)
        return;
    const QPalette &pal = palette();
    const QFontMetrics metrics = fontMetrics();
    const int rows = m_model->rowCount();
    const int left = messageLeft();
    const int hOffset = m_wrap ? 0 : horizontalScrollBar()->value();
    const int messageWidth = viewport()->width() - left;
    const int timeWidth = m_showTime ? metrics.horizontalAdvance(QStringLiteral("0000-00-00 00:00:00.000")) : 0;
    const int levelWidth = metrics.horizontalAdvance(QStringLiteral("warning"));
    const int sourceWidth = qMax(0, left - 4 - (m_showTime ? timeWidth + ColumnGap : 0) - levelWidth - 2 * ColumnGap);
    const QPair<int, int> selection = selectedRows();
    int y = 0;
    for (int row = topRow(); row < rows && y < viewport()->height(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const QString message = index.data(LogRoles::MessageRole).toString();
        const int height = m_wrap ? m_delegate->messageHeight(message, font(), messageWidth) + 2 : rowHeight();
        const bool selected = row >= selection.first && row <= selection.second && selection.first >= 0;
        if (selected)
            painter.fillRect(QRect(0, y, viewport()->width(), height), pal.highlight());
        const QColor textColor = selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text);
        int x = 4 - hOffset;
        const int baseline = y + 1 + metrics.ascent();
        if (m_showTime) {
            painter.setPen(selected ? textColor : pal.color(QPalette::PlaceholderText));
            painter.drawText(x, baseline, m_model->index(row, LogModel::TimeColumn).data().toString());
            x += timeWidth + ColumnGap;
        }
        if (sourceWidth > 0 && m_showSource) {
            painter.setPen(selected ? textColor : sourceColor(index.data(LogRoles::SourceIndexRole).toInt(), pal));
            painter.drawText(
                QRect(x, y + 1, sourceWidth, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                metrics.elidedText(index.data(LogRoles::SourceRole).toString(), Qt::ElideMiddle, sourceWidth));
            x += sourceWidth + ColumnGap;
        }
        const int status = index.data(LogRoles::HttpStatusRole).toInt();
        const QModelIndex levelIndex = m_model->index(row, status > 0 ? LogModel::StatusColumn : LogModel::LevelColumn);
        const QColor levelColor = levelIndex.data(Qt::ForegroundRole).value<QColor>();
        painter.setPen(selected || !levelColor.isValid() ? textColor : levelColor);
        painter.drawText(x, baseline, levelIndex.data().toString());
        const QColor messageColor
            = m_model->index(row, LogModel::MessageColumn).data(Qt::ForegroundRole).value<QColor>();
        m_delegate->paintMessage(
            &painter, QRect(left - hOffset, y + 1, m_wrap ? messageWidth : messageWidth + hOffset, height - 2), message,
            pal, messageColor, selected);
        if (!m_wrap) // an estimate: exact widths would shape every line twice
            m_maxLineWidth
                = qMax(m_maxLineWidth, int(qMin<qsizetype>(message.size(), 4000)) * metrics.averageCharWidth());
        y += height;
    }
}

QPair<int, int> LogListView::selectedRows() const
{
    if (!m_model || m_anchorSeq < 0 || m_model->rowCount() == 0)
        return { -1, -1 };
    const qint64 low = qMin(m_anchorSeq, m_cursorSeq);
    const qint64 high = qMax(m_anchorSeq, m_cursorSeq);
    const int first = m_model->rowForSequence(low);
    const int last = m_model->rowForSequence(high + 1) - 1;
    if (first > last)
        return { -1, -1 };
    return { first, last };
}

void LogListView::selectRows(int first, int last)
{
    if (!m_model || m_model->rowCount() == 0 || first < 0) {
        m_anchorSeq = m_cursorSeq = -1;
    } else {
        m_anchorSeq = m_model->sequenceAt(qBound(0, first, m_model->rowCount() - 1));
        m_cursorSeq = m_model->sequenceAt(qBound(0, last, m_model->rowCount() - 1));
    }
    viewport()->update();
}

void LogListView::selectAll()
{
    if (m_model)
        selectRows(0, m_model->rowCount() - 1);
}

QString LogListView::lineText(int row) const
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return {};
    QStringList parts;
    if (m_showTime)
        parts.append(m_model->index(row, LogModel::TimeColumn).data().toString());
    if (m_showSource)
        parts.append(m_model->index(row, LogModel::SourceColumn).data().toString());
    parts.append(m_model->index(row, 0).data(LogRoles::MessageRole).toString());
    return parts.join(QLatin1Char(' '));
}

QRect LogListView::rowRect(int row) const
{
    if (!m_model || row < topRow())
        return {};
    const int width = viewport()->width() - messageLeft();
    int y = 0;
    for (int shown = topRow(); shown < m_model->rowCount() && y < viewport()->height(); ++shown) {
        const int height = rowPixelHeight(shown, width);
        if (shown == row)
            return QRect(0, y, viewport()->width(), height);
        y += height;
    }
    return {};
}

QString LogListView::selectedText() const
{
    const QPair<int, int> rows = selectedRows();
    if (rows.first < 0)
        return {};
    QStringList lines;
    const int last = qMin(rows.second, rows.first + MaxCopiedLines - 1);
    for (int row = rows.first; row <= last; ++row)
        lines.append(lineText(row));
    return lines.join(QLatin1Char('\n'));
}

void LogListView::copySelection() const
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void LogListView::mousePressEvent(QMouseEvent *event)
{
    setFocus();
    const int row = rowAt(event->position().toPoint());
    if (row < 0 || event->button() != Qt::LeftButton)
        return;
    const qint64 seq = m_model->sequenceAt(row);
    if (!(event->modifiers() & Qt::ShiftModifier) || m_anchorSeq < 0)
        m_anchorSeq = seq;
    m_cursorSeq = seq;
    viewport()->update();
}

void LogListView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || m_anchorSeq < 0)
        return;
    const int row = rowAt(event->position().toPoint());
    if (row >= 0) {
        m_cursorSeq = m_model->sequenceAt(row);
        viewport()->update();
    }
}

void LogListView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    // End follows the tail again (and scrolls there); the others scroll as in any list.
    if (event->key() == Qt::Key_End) {
        setFollowing(true);
        return;
    }
    static constexpr std::pair<int, QAbstractSlider::SliderAction> scrollKeys[] = {
        { Qt::Key_Up, QAbstractSlider::SliderSingleStepSub },
        { Qt::Key_Down, QAbstractSlider::SliderSingleStepAdd },
        { Qt::Key_PageUp, QAbstractSlider::SliderPageStepSub },
        { Qt::Key_PageDown, QAbstractSlider::SliderPageStepAdd },
        { Qt::Key_Home, QAbstractSlider::SliderToMinimum },
    };
    for (const auto &[key, action] : scrollKeys) {
        if (event->key() == key) {
            verticalScrollBar()->triggerAction(action);
            return;
        }
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void LogListView::wheelEvent(QWheelEvent *event)
{
    QAbstractScrollArea::wheelEvent(event);
}

} // namespace Dockmaster
