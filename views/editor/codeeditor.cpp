#include "views/editor/codeeditor.h"

#include "views/editor/gutter.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

namespace Dockmaster {

CodeEditor::CodeEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_lineNumberArea(new Gutter(
          this, [this] { return lineNumberAreaWidth(); }, [this](QPaintEvent *event) { paintLineNumbers(event); }))
{
    setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(font);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    m_currentLineColor = palette().color(QPalette::AlternateBase);
    m_lineNumberColor = palette().color(QPalette::PlaceholderText);
    m_lineNumberBackground = palette().color(QPalette::Window);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateLineNumberArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::updateExtraSelections);
    updateLineNumberAreaWidth();
    updateExtraSelections();
}

void CodeEditor::setIssues(const QList<ValidationIssue> &issues)
{
    m_issues = issues;
    updateExtraSelections();
}

void CodeEditor::setColors(const QColor &currentLine, const QColor &lineNumbers, const QColor &lineNumbersBackground)
{
    m_currentLineColor = currentLine;
    m_lineNumberColor = lineNumbers;
    m_lineNumberBackground = lineNumbersBackground;
    updateExtraSelections();
    m_lineNumberArea->update();
}

void CodeEditor::goToLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(qBound(1, line, blockCount()) - 1);
    QTextCursor cursor(block);
    setTextCursor(cursor);
    centerCursor();
    setFocus();
}

int CodeEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10) {
        ++digits;
    }
    return 8 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * (digits + 1);
}

void CodeEditor::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void CodeEditor::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy) {
        m_lineNumberArea->scroll(0, dy);
    } else {
        m_lineNumberArea->update(0, rect.y(), m_lineNumberArea->width(), rect.height());
    }
    if (rect.contains(viewport()->rect())) {
        updateLineNumberAreaWidth();
    }
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    const bool tab = event->key() == Qt::Key_Tab || event->key() == Qt::Key_Backtab;
    if (tab && (m_escapePressed || event->modifiers().testFlag(Qt::ControlModifier))) {
        m_escapePressed = false;
        const bool backwards = event->key() == Qt::Key_Backtab || event->modifiers().testFlag(Qt::ShiftModifier);
        // QWidget's, not QPlainTextEdit's: that one keeps the focus in an editable text.
        QWidget::focusNextPrevChild(!backwards);
        event->accept();
        return;
    }
    m_escapePressed = event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier;
    QPlainTextEdit::keyPressEvent(event);
}

void CodeEditor::focusOutEvent(QFocusEvent *event)
{
    m_escapePressed = false;
    QPlainTextEdit::focusOutEvent(event);
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect contents = contentsRect();
    m_lineNumberArea->setGeometry(QRect(contents.left(), contents.top(), lineNumberAreaWidth(), contents.height()));
}

void CodeEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumberArea);
    painter.fillRect(event->rect(), m_lineNumberBackground);
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int current = textCursor().blockNumber();
    QSet<int> issueLines;
    for (const ValidationIssue &issue : std::as_const(m_issues)) {
        issueLines.insert(issue.line);
    }
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int number = block.blockNumber() + 1;
            QFont font = painter.font();
            font.setBold(block.blockNumber() == current);
            painter.setFont(font);
            painter.setPen(issueLines.contains(number) ? QColor(Qt::red) : m_lineNumberColor);
            painter.drawText(0, top, m_lineNumberArea->width() - 4, fontMetrics().height(), Qt::AlignRight,
                             QString::number(number));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

void CodeEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextEdit::ExtraSelection currentLine;
    currentLine.format.setBackground(m_currentLineColor);
    currentLine.format.setProperty(QTextFormat::FullWidthSelection, true);
    currentLine.cursor = textCursor();
    currentLine.cursor.clearSelection();
    selections.append(currentLine);
    for (const ValidationIssue &issue : std::as_const(m_issues)) {
        const QTextBlock block = document()->findBlockByNumber(issue.line - 1);
        if (!block.isValid()) {
            continue;
        }
        QTextEdit::ExtraSelection marker;
        marker.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        marker.format.setUnderlineColor(Qt::red);
        marker.format.setToolTip(issue.message);
        marker.cursor = QTextCursor(block);
        if (issue.column > 0 && issue.column <= block.length()) {
            marker.cursor.setPosition(block.position() + issue.column - 1);
        }
        marker.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        if (!marker.cursor.hasSelection()) { // an empty line: mark the whole width instead
            marker.format.setBackground(QColor(255, 0, 0, 40));
            marker.format.setProperty(QTextFormat::FullWidthSelection, true);
        }
        selections.append(marker);
    }
    setExtraSelections(selections);
    m_lineNumberArea->update();
}

QString CodeEditor::issuesAt(int line) const
{
    QStringList messages;
    for (const ValidationIssue &issue : std::as_const(m_issues)) {
        if (issue.line == line) {
            messages.append(issue.message);
        }
    }
    return messages.join(QLatin1Char('\n'));
}

bool CodeEditor::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = issuesAt(cursorForPosition(help->pos()).blockNumber() + 1);
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), text, viewport());
        }
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

} // namespace Dockmaster
