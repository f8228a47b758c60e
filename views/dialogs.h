#pragma once

#include <QMessageBox>

#include <functional>

class QDialog;
class QFileDialog;
class QObject;
class QWidget;

namespace Dockmaster::Dialogs {

// Dialogs without a nested event loop. Each opens window-modal with open()
// and returns at once; the answer arrives later through `context` (nothing is
// called when it is gone), and the dialog deletes itself when closed. Unlike
// exec() and the static QMessageBox/QInputDialog/QFileDialog functions, no
// sync, git reply or timer runs inside a half-finished action: the caller
// finishes first and checks its state again when the answer comes.

// Shows `text` (plain text: it may quote third-party data) with an OK button.
QMessageBox *inform(QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text);

// Asks a yes/no question; `onYes` runs if the answer is Yes, `onNo` (if
// set) on any other (No, Escape, the window closed).
QMessageBox *ask(QWidget *parent, const QString &title, const QString &text, const QObject *context,
                 std::function<void()> onYes, std::function<void()> onNo = {});

// Asks to confirm an action named by `acceptLabel` (Cancel is the default);
// `onAccept` runs if the admin chooses it.
QMessageBox *confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel,
                     const QObject *context, std::function<void()> onAccept);

// Offers `choices` (button text and role) besides Cancel, which is the
// default and what Escape or closing the window means; `onChoice` runs with
// the index of the chosen one, not at all on Cancel.
QMessageBox *choose(QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text,
                    const QList<std::pair<QString, QMessageBox::ButtonRole>> &choices, const QObject *context,
                    std::function<void(int choice)> onChoice);

// Opens `dialog` (deleted when closed); `onAccepted` runs if it is accepted.
void openThen(QDialog *dialog, const QObject *context, std::function<void()> onAccepted);

// A save-file dialog; `onChosen` runs with the path the admin picked.
QFileDialog *chooseSaveFile(QWidget *parent, const QString &title, const QString &suggestedName, const QString &filter,
                            const QObject *context, std::function<void(const QString &path)> onChosen);

} // namespace Dockmaster::Dialogs
