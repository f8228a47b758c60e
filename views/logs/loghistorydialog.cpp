#include "views/logs/loghistorydialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>

namespace Dockmaster {

LogHistoryDialog::LogHistoryDialog(const QString &what, QWidget *parent)
    : QDialog(parent)
    , m_from(new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), this))
    , m_to(new QDateTimeEdit(QDateTime::currentDateTime(), this))
    , m_follow(new QCheckBox(tr("Keep following live afterwards"), this))
{
    setWindowTitle(tr("Log history"));
    auto *heading = new QLabel(tr("Load the log history of %1 from Loki.").arg(what), this);
    heading->setWordWrap(true);
    for (QDateTimeEdit *edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));
    m_follow->setChecked(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Load"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // An empty or reversed range would load nothing: do not offer it.
    auto check = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(from() < to());
    };
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, check);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, check);

    auto *form = new QFormLayout(this);
    form->addRow(heading);
    form->addRow(tr("From"), m_from);
    form->addRow(tr("To"), m_to);
    form->addRow(QString(), m_follow);
    form->addRow(buttons);
}

QDateTime LogHistoryDialog::from() const
{
    return m_from->dateTime();
}

QDateTime LogHistoryDialog::to() const
{
    return m_to->dateTime();
}

bool LogHistoryDialog::thenFollow() const
{
    return m_follow->isChecked();
}

} // namespace Dockmaster
