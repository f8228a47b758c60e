#pragma once

#include "core/review/unifieddiff.h"

#include <QPlainTextEdit>
#include <QSet>

namespace KSyntaxHighlighting {
class Repository;
class SyntaxHighlighter;
} // namespace KSyntaxHighlighting

namespace Dockmaster {

class Gutter;

// Read-only view of one file's unified diff: old/new line numbers in a gutter,
// added and removed lines tinted from the palette, flagged lines marked.
class DiffView final : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit DiffView(const KSyntaxHighlighting::Repository *repository, QWidget *parent = nullptr);

    // `flaggedLines`: new-file lines carrying a risk flag.
    void setDiff(const QString &diff, const QSet<int> &flaggedLines);
    void setPlaceholder(const QString &text);
    // Moves the cursor to the diff line showing new-file line `newLine` and
    // centres it; returns false if the diff does not show that line.
    bool showNewLine(int newLine);
    // The new-file line under the cursor (0 for removed and header lines).
    int currentNewLine() const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    friend class Gutter;
    int gutterWidth() const;
    void layoutGutter();
    void paintGutter(QPaintEvent *event);
    void updateGutter(const QRect &rect, int dy);
    void applyColours();

    const KSyntaxHighlighting::Repository *m_repository;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr;
    Gutter *m_gutter;
    QList<DiffLine> m_lines; // one per block
    QSet<int> m_flagged;
    int m_digits = 3;
    bool m_showOld = true;
};

} // namespace Dockmaster
