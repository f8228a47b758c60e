#include "views/dialogs.h"

#include <QFileDialog>
#include <QPushButton>

namespace Dockmaster::Dialogs {

namespace {

QMessageBox *messageBox(QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text,
                        QMessageBox::StandardButtons buttons)
{
    auto *box = new QMessageBox(icon, title, text, buttons, parent);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    return box;
}

} // namespace

QMessageBox *inform(QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text)
{
    QMessageBox *box = messageBox(parent, icon, title, text, QMessageBox::Ok);
    box->open();
    return box;
}

QMessageBox *ask(QWidget *parent, const QString &title, const QString &text, const QObject *context,
                 std::function<void()> onYes, std::function<void()> onNo)
{
    QMessageBox *box = messageBox(parent, QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No);
    // finished(), not accepted()/rejected(): a standard button's result code is neither.
    QObject::connect(box, &QMessageBox::finished, context, [box, onYes = std::move(onYes), onNo = std::move(onNo)] {
        if (box->standardButton(box->clickedButton()) == QMessageBox::Yes)
            onYes();
        else if (onNo)
            onNo();
    });
    box->open();
    return box;
}

QMessageBox *confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel,
                     const QObject *context, std::function<void()> onAccept)
{
    QMessageBox *box = messageBox(parent, QMessageBox::Question, title, text, QMessageBox::Cancel);
    QPushButton *accept = box->addButton(acceptLabel, QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::finished, context, [box, accept, onAccept = std::move(onAccept)] {
        if (box->clickedButton() == accept)
            onAccept();
    });
    box->open();
    return box;
}

QMessageBox *choose(QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text,
                    const QList<std::pair<QString, QMessageBox::ButtonRole>> &choices, const QObject *context,
                    std::function<void(int choice)> onChoice)
{
    QMessageBox *box = messageBox(parent, icon, title, text, QMessageBox::Cancel);
    QList<QAbstractButton *> buttons;
    for (const auto &[label, role] : choices)
        buttons.append(box->addButton(label, role));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setEscapeButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::finished, context, [box, buttons, onChoice = std::move(onChoice)] {
        const int chosen = int(buttons.indexOf(box->clickedButton()));
        if (chosen >= 0)
            onChoice(chosen);
    });
    box->open();
    return box;
}

void openThen(QDialog *dialog, const QObject *context, std::function<void()> onAccepted)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QDialog::accepted, context, std::move(onAccepted));
    dialog->open();
}

QFileDialog *chooseSaveFile(QWidget *parent, const QString &title, const QString &suggestedName, const QString &filter,
                            const QObject *context, std::function<void(const QString &path)> onChosen)
{
    auto *dialog = new QFileDialog(parent, title, suggestedName, filter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    QObject::connect(dialog, &QFileDialog::fileSelected, context,
                     [onChosen = std::move(onChosen)](const QString &path) {
                         if (!path.isEmpty())
                             onChosen(path);
                     });
    dialog->open();
    return dialog;
}

} // namespace Dockmaster::Dialogs
