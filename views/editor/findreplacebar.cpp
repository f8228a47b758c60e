#include "views/editor/findreplacebar.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBlock>
#include <QToolButton>

namespace Dockmaster {

FindReplaceBar::FindReplaceBar(QPlainTextEdit *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_regex(new QCheckBox(tr("Regular expression"), this))
    , m_case(new QCheckBox(tr("Match case"), this))
    , m_replaceRow(new QWidget(this))
    , m_status(new QLabel(this))
{
    m_find->setPlaceholderText(tr("Find"));
    m_find->setAccessibleName(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_replace->setPlaceholderText(tr("Replace with"));
    m_replace->setAccessibleName(tr("Replace with"));
    auto *previous = new QPushButton(tr("Previous"), this);
    auto *next = new QPushButton(tr("Next"), this);
    auto *close = new QToolButton(this);
    close->setText(tr("Close"));
    close->setAutoRaise(true);
    auto *replace = new QPushButton(tr("Replace"), m_replaceRow);
    auto *replaceAllButton = new QPushButton(tr("Replace all"), m_replaceRow);

    auto *findRow = new QHBoxLayout;
    findRow->addWidget(new QLabel(tr("Find:"), this));
    findRow->addWidget(m_find, 1);
    findRow->addWidget(previous);
    findRow->addWidget(next);
    findRow->addWidget(m_regex);
    findRow->addWidget(m_case);
    findRow->addWidget(m_status);
    findRow->addWidget(close);
    auto *replaceLayout = new QHBoxLayout(m_replaceRow);
    replaceLayout->setContentsMargins(0, 0, 0, 0);
    replaceLayout->addWidget(new QLabel(tr("Replace:"), m_replaceRow));
    replaceLayout->addWidget(m_replace, 1);
    replaceLayout->addWidget(replace);
    replaceLayout->addWidget(replaceAllButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addLayout(findRow);
    layout->addWidget(m_replaceRow);

    connect(m_find, &QLineEdit::returnPressed, this, &FindReplaceBar::findNext);
    connect(next, &QPushButton::clicked, this, &FindReplaceBar::findNext);
    connect(previous, &QPushButton::clicked, this, &FindReplaceBar::findPrevious);
    connect(replace, &QPushButton::clicked, this, &FindReplaceBar::replaceCurrent);
    connect(replaceAllButton, &QPushButton::clicked, this, &FindReplaceBar::replaceAll);
    connect(m_replace, &QLineEdit::returnPressed, this, &FindReplaceBar::replaceCurrent);
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        m_editor->setFocus();
        Q_EMIT closed();
    });
    hide();
}

void FindReplaceBar::showFind()
{
    m_replaceRow->hide();
    show();
    const QString selected = m_editor->textCursor().selectedText();
    if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator)) {
        m_find->setText(selected);
    }
    m_find->setFocus();
    m_find->selectAll();
}

void FindReplaceBar::showReplace()
{
    showFind();
    m_replaceRow->show();
}

void FindReplaceBar::setSearchText(const QString &text)
{
    m_find->setText(text);
}
void FindReplaceBar::setReplaceText(const QString &text)
{
    m_replace->setText(text);
}
void FindReplaceBar::setRegularExpression(bool on)
{
    m_regex->setChecked(on);
}
void FindReplaceBar::setCaseSensitive(bool on)
{
    m_case->setChecked(on);
}

void FindReplaceBar::setStatus(const QString &text)
{
    m_status->setText(text);
}

bool FindReplaceBar::find(bool backward)
{
    const QString needle = m_find->text();
    if (needle.isEmpty()) {
        setStatus(QString());
        return false;
    }
    QTextDocument::FindFlags flags;
    if (backward) {
        flags |= QTextDocument::FindBackward;
    }
    if (m_case->isChecked()) {
        flags |= QTextDocument::FindCaseSensitively;
    }
    const auto search = [&](const QTextCursor &from) {
        if (m_regex->isChecked()) {
            QRegularExpression expression(needle,
                                          m_case->isChecked() ? QRegularExpression::NoPatternOption
                                                              : QRegularExpression::CaseInsensitiveOption);
            return m_editor->document()->find(expression, from, flags);
        }
        return m_editor->document()->find(needle, from, flags);
    };
    if (m_regex->isChecked() && !QRegularExpression(needle).isValid()) {
        setStatus(tr("Invalid regular expression"));
        return false;
    }
    QTextCursor found = search(m_editor->textCursor());
    if (found.isNull()) { // wrap around
        QTextCursor start(m_editor->document());
        if (backward) {
            start.movePosition(QTextCursor::End);
        }
        found = search(start);
    }
    if (found.isNull()) {
        setStatus(tr("Not found"));
        return false;
    }
    setStatus(QString());
    m_editor->setTextCursor(found);
    return true;
}

bool FindReplaceBar::findNext()
{
    return find(false);
}

bool FindReplaceBar::findPrevious()
{
    return find(true);
}

bool FindReplaceBar::currentSelectionMatches() const
{
    const QString selected = m_editor->textCursor().selectedText();
    if (selected.isEmpty()) {
        return false;
    }
    const Qt::CaseSensitivity sensitivity = m_case->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    if (m_regex->isChecked()) {
        QRegularExpression expression(QRegularExpression::anchoredPattern(m_find->text()),
                                      m_case->isChecked() ? QRegularExpression::NoPatternOption
                                                          : QRegularExpression::CaseInsensitiveOption);
        return expression.match(selected).hasMatch();
    }
    return selected.compare(m_find->text(), sensitivity) == 0;
}

QString FindReplaceBar::replacementFor(const QString &matched) const
{
    if (!m_regex->isChecked()) {
        return m_replace->text();
    }
    // Lets "\1" in the replacement refer to capture groups.
    QString result = matched;
    QRegularExpression expression(QRegularExpression::anchoredPattern(m_find->text()),
                                  m_case->isChecked() ? QRegularExpression::NoPatternOption
                                                      : QRegularExpression::CaseInsensitiveOption);
    return result.replace(expression, m_replace->text());
}

bool FindReplaceBar::replaceCurrent()
{
    if (!currentSelectionMatches() && !findNext()) {
        return false;
    }
    QTextCursor cursor = m_editor->textCursor();
    cursor.insertText(replacementFor(cursor.selectedText()));
    m_editor->setTextCursor(cursor);
    findNext();
    return true;
}

int FindReplaceBar::replaceAll()
{
    const QString needle = m_find->text();
    if (needle.isEmpty()) {
        return 0;
    }
    QTextDocument::FindFlags flags;
    if (m_case->isChecked()) {
        flags |= QTextDocument::FindCaseSensitively;
    }
    QRegularExpression expression(
        needle, m_case->isChecked() ? QRegularExpression::NoPatternOption : QRegularExpression::CaseInsensitiveOption);
    if (m_regex->isChecked() && !expression.isValid()) {
        setStatus(tr("Invalid regular expression"));
        return 0;
    }
    int count = 0;
    QTextCursor edit(m_editor->document());
    edit.beginEditBlock(); // one undo step for the whole replacement
    QTextCursor found(m_editor->document());
    while (true) {
        found = m_regex->isChecked() ? m_editor->document()->find(expression, found, flags)
                                     : m_editor->document()->find(needle, found, flags);
        if (found.isNull() || !found.hasSelection()) {
            break;
        }
        found.insertText(replacementFor(found.selectedText()));
        ++count;
    }
    edit.endEditBlock();
    setStatus(tr("%n replaced", nullptr, count));
    return count;
}

void FindReplaceBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        m_editor->setFocus();
        Q_EMIT closed();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Dockmaster
