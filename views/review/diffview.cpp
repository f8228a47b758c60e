#include "views/review/diffview.h"

#include "core/util/untrustedtext.h"
#include "views/editor/gutter.h"
#include "views/editor/syntaxsupport.h"

#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

namespace Dockmaster {

namespace {

QColor tint(const QColor &base, const QColor &hue, qreal amount)
{
    return QColor::fromRgbF(base.redF() * (1 - amount) + hue.redF() * amount,
                            base.greenF() * (1 - amount) + hue.greenF() * amount,
                            base.blueF() * (1 - amount) + hue.blueF() * amount);
}

} // namespace

DiffView::DiffView(const KSyntaxHighlighting::Repository *repository, QWidget *parent)
    : QPlainTextEdit(parent)
    , m_repository(repository)
    , m_gutter(new Gutter(this, [this] { return gutterWidth(); }, [this](QPaintEvent *event) { paintGutter(event); }))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    if (m_repository) {
        m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document());
        SyntaxSupport::apply(m_highlighter, SyntaxSupport::themeForPalette(*m_repository, palette()),
                             m_repository->definitionForName(QStringLiteral("Diff")));
    }
    connect(this, &QPlainTextEdit::updateRequest, this, &DiffView::updateGutter);
    // The line a flag jumped to must be findable at a glance.
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &DiffView::applyColours);
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

int DiffView::gutterWidth() const
{
    // Two columns of numbers (old, new), a gap and the flag marker.
    // A new file has no old side: one column of numbers is enough.
    const int columns = m_showOld ? 2 : 1;
    return fontMetrics().horizontalAdvance(QLatin1Char('9')) * ((m_digits + 1) * columns + 2) + 6;
}

void DiffView::setPlaceholder(const QString &text)
{
    m_lines.clear();
    m_flagged.clear();
    setPlainText(QString());
    setPlaceholderText(text);
    applyColours();
}

void DiffView::setDiff(const QString &diff, const QSet<int> &flaggedLines)
{
    m_lines = UnifiedDiff::parseLines(diff);
    m_flagged = flaggedLines;
    int highest = 0;
    m_showOld = false;
    for (const DiffLine &line : std::as_const(m_lines)) {
        highest = std::max({ highest, line.oldLine, line.newLine });
        m_showOld = m_showOld || line.oldLine > 0;
    }
    m_digits = std::max(3, int(QString::number(highest).size()));
    setViewportMargins(gutterWidth(), 0, 0, 0);
    layoutGutter();
    QStringList text;
    text.reserve(m_lines.size());
    // Third-party code: hidden and direction-changing characters are shown
    // (no "Trojan Source" reordering), and a huge line is cut for display so
    // the text layout stays fast; the scanner reads the whole file anyway.
    constexpr qsizetype MaxLineChars = 4000;
    for (const DiffLine &line : std::as_const(m_lines)) {
        QString shown = UntrustedText::hasHiddenCharacters(line.text) ? UntrustedText::reveal(line.text) : line.text;
        if (shown.size() > MaxLineChars)
            shown = shown.left(MaxLineChars) + QStringLiteral("…");
        switch (line.kind) {
        case DiffLine::Kind::Added:
            text.append(QLatin1Char('+') + shown);
            break;
        case DiffLine::Kind::Removed:
            text.append(QLatin1Char('-') + shown);
            break;
        case DiffLine::Kind::Context:
            text.append(QLatin1Char(' ') + shown);
            break;
        default:
            text.append(shown);
        }
    }
    setPlainText(text.join(QLatin1Char('\n')));
    applyColours();
    moveCursor(QTextCursor::Start);
}

void DiffView::applyColours()
{
    const QColor base = palette().color(QPalette::Base);
    const bool dark = base.lightnessF() < 0.5;
    const qreal amount = dark ? 0.28 : 0.16;
    const QColor added = tint(base, QColor(0x2e, 0xa0, 0x43), amount);
    const QColor removed = tint(base, QColor(0xd7, 0x3a, 0x49), amount);
    const QColor hunk = tint(base, palette().color(QPalette::Highlight), amount * 0.8);
    const QColor flagged = tint(base, QColor(0xf0, 0x8c, 0x00), dark ? 0.45 : 0.35);
    const QColor current = tint(base, palette().color(QPalette::Highlight), dark ? 0.5 : 0.4);
    const int currentBlock = m_lines.isEmpty() ? -1 : textCursor().blockNumber();
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = document()->firstBlock();
    for (const DiffLine &line : std::as_const(m_lines)) {
        if (!block.isValid())
            break;
        QColor colour;
        if (line.kind == DiffLine::Kind::Added)
            colour = m_flagged.contains(line.newLine) ? flagged : added;
        else if (line.kind == DiffLine::Kind::Removed)
            colour = removed;
        else if (line.kind == DiffLine::Kind::Hunk)
            colour = hunk;
        if (block.blockNumber() == currentBlock && currentBlock > 0)
            colour = current;
        if (colour.isValid()) {
            QTextEdit::ExtraSelection s;
            s.format.setBackground(colour);
            s.format.setProperty(QTextFormat::FullWidthSelection, true);
            s.cursor = QTextCursor(block);
            selections.append(s);
        }
        block = block.next();
    }
    setExtraSelections(selections);
}

bool DiffView::showNewLine(int newLine)
{
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        if (m_lines.at(i).newLine == newLine && newLine > 0) {
            QTextCursor cursor(document()->findBlockByNumber(int(i)));
            setTextCursor(cursor);
            centerCursor();
            return true;
        }
    }
    moveCursor(QTextCursor::Start);
    return false;
}

int DiffView::currentNewLine() const
{
    const int block = textCursor().blockNumber();
    return block >= 0 && block < m_lines.size() ? m_lines.at(block).newLine : 0;
}

void DiffView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    layoutGutter();
}

void DiffView::layoutGutter()
{
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), gutterWidth(), cr.height()));
}

void DiffView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        if (m_highlighter && m_repository) {
            SyntaxSupport::apply(m_highlighter, SyntaxSupport::themeForPalette(*m_repository, palette()),
                                 m_repository->definitionForName(QStringLiteral("Diff")));
        }
        applyColours();
    } else if (event->type() == QEvent::FontChange) {
        setViewportMargins(gutterWidth(), 0, 0, 0);
        layoutGutter();
    }
}

void DiffView::updateGutter(const QRect &rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void DiffView::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('9'));
    const int column = digit * (m_digits + 1);
    const int newColumn = m_showOld ? column : 0;
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const QColor numbers = palette().color(QPalette::PlaceholderText);
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        const int n = block.blockNumber();
        if (block.isVisible() && n < m_lines.size() && top + height >= event->rect().top()) {
            const DiffLine &line = m_lines.at(n);
            painter.setPen(numbers);
            painter.setFont(font());
            if (line.oldLine > 0 && m_showOld)
                painter.drawText(0, top, column, height, Qt::AlignRight, QString::number(line.oldLine));
            if (line.newLine > 0)
                painter.drawText(newColumn, top, column, height, Qt::AlignRight, QString::number(line.newLine));
            if (line.kind == DiffLine::Kind::Added && m_flagged.contains(line.newLine)) {
                painter.setPen(QColor(0xe0, 0x70, 0x00));
                QFont bold = painter.font();
                bold.setBold(true);
                painter.setFont(bold);
                painter.drawText(newColumn + column, top, digit * 2, height, Qt::AlignCenter, QStringLiteral("!"));
            }
        }
        block = block.next();
        top += height;
    }
}

} // namespace Dockmaster
