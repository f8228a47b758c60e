#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace Dockmaster {

// The whole of a third-party text that lists and labels show cut short
// (a commit or tag message, a title): plain text only, hidden characters
// revealed, very long lines broken so the layout stays fast.
class FullTextDialog final : public QDialog
{
    Q_OBJECT
public:
    // `caption`: console text (third-party parts already through UntrustedText::line);
    // `text`: the third-party text itself.
    FullTextDialog(const QString &caption, const QString &text, QWidget *parent = nullptr);

    // Opens a non-modal dialog that deletes itself on close.
    static FullTextDialog *show(QWidget *parent, const QString &caption, const QString &text);

    QString shownText() const;

private:
    QPlainTextEdit *m_text;
};

} // namespace Dockmaster
