#pragma once

#include <QDateTime>
#include <QDialog>

class QCheckBox;
class QDateTimeEdit;

namespace Dockmaster {

// Asks which time range of an app's log history to load from Loki.
class LogHistoryDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit LogHistoryDialog(const QString &what, QWidget *parent = nullptr);

    QDateTime from() const;
    QDateTime to() const;
    bool thenFollow() const;

private:
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QCheckBox *m_follow;
};

} // namespace Dockmaster
