#pragma once

#include "core/domain/configfile.h"

#include <QPlainTextEdit>

namespace Dockmaster {

// A plain-text editor for config files: line numbers, the current line
// highlighted, and validation problems marked at their lines (underline,
// tooltip on hover). Tab indents; Ctrl+Tab (Ctrl+Shift+Tab), or Esc then
// Tab (Shift+Tab), moves the focus on, as in Qt Creator, so the keyboard can
// always leave the editor.
class CodeEditor final : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CodeEditor(QWidget *parent = nullptr);

    void setIssues(const QList<ValidationIssue> &issues);
    QList<ValidationIssue> issues() const { return m_issues; }
    // The problem messages shown as the tooltip of a 1-based line.
    QString issuesAt(int line) const;
    void setColors(const QColor &currentLine, const QColor &lineNumbers, const QColor &lineNumbersBackground);
    // Moves the cursor to a 1-based line and centres it.
    void goToLine(int line);
    int currentLineNumber() const { return textCursor().blockNumber() + 1; }

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect &rect, int dy);
    void updateExtraSelections();

    QWidget *m_lineNumberArea = nullptr;
    bool m_escapePressed = false; // the next Tab leaves the editor
    QList<ValidationIssue> m_issues;
    QColor m_currentLineColor;
    QColor m_lineNumberColor;
    QColor m_lineNumberBackground;
};

} // namespace Dockmaster
