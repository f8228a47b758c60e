#include "views/editor/commitdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Dockmaster {

CommitDialog::CommitDialog(const QString &path, const QString &branch, QWidget *parent)
    : QDialog(parent)
    , m_message(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Commit and push"));
    auto *intro = new QLabel(
        tr("Commit %1 and push it to the branch %2.").arg(path.toHtmlEscaped(), branch.toHtmlEscaped()), this);
    intro->setWordWrap(true);
    m_message->setPlaceholderText(tr("Describe why the file changed"));
    m_message->setTabChangesFocus(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Commit and push"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(new QLabel(tr("Message:"), this));
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_message, &QPlainTextEdit::textChanged, this,
            [this] { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!message().isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(480, 240);
}

QString CommitDialog::message() const
{
    return m_message->toPlainText().trimmed();
}

void CommitDialog::setMessage(const QString &message)
{
    m_message->setPlainText(message);
}

} // namespace Dockmaster
