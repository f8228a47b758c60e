#include "views/review/fulltextdialog.h"

#include "core/util/untrustedtext.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace Dockmaster {

FullTextDialog::FullTextDialog(const QString &caption, const QString &text, QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("fullTextDialog"));
    setWindowTitle(caption.left(200)); // console text; callers pass third-party parts through UntrustedText
    auto *layout = new QVBoxLayout(this);
    if (UntrustedText::hasHiddenCharacters(text)) {
        auto *note = new QLabel(UntrustedText::hiddenCharactersNote(), this);
        note->setTextFormat(Qt::PlainText);
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setPlainText(UntrustedText::details(text));
    layout->addWidget(m_text, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 480);
}

FullTextDialog *FullTextDialog::show(QWidget *parent, const QString &caption, const QString &text)
{
    auto *dialog = new FullTextDialog(caption, text, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

QString FullTextDialog::shownText() const
{
    return m_text->toPlainText();
}

} // namespace Dockmaster
