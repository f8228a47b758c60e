#pragma once

#include <QDialog>

class QDialogButtonBox;
class QPlainTextEdit;

namespace Dockmaster {

// Asks for the commit message of an edit before it is pushed.
class CommitDialog final : public QDialog
{
    Q_OBJECT
public:
    CommitDialog(const QString &path, const QString &branch, QWidget *parent = nullptr);

    QString message() const;
    void setMessage(const QString &message);

private:
    QPlainTextEdit *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace Dockmaster
