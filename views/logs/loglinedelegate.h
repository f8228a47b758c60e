#pragma once

#include <QStyledItemDelegate>

#include <memory>

namespace Dockmaster {

class LogLineMatcher;

// Paints a log message with the filter's matches highlighted. The ranges are
// found in the message text at paint time, so they stay right whatever other
// columns (timestamps, container) are shown or hidden.
class LogLineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setMatcher(std::shared_ptr<const LogLineMatcher> matcher) { m_matcher = std::move(matcher); }
    QList<std::pair<int, int>> highlights(const QString &message) const;
    void setWrap(bool wrap) { m_wrap = wrap; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Height of the message when wrapped to width (one line when not wrapping).
    int messageHeight(const QString &message, const QFont &font, int width) const;
    void paintMessage(QPainter *painter, const QRect &rect, const QString &message, const QPalette &palette,
                      const QColor &foreground, bool selected) const;

private:
    std::shared_ptr<const LogLineMatcher> m_matcher;
    bool m_wrap = false;
};

} // namespace Dockmaster
