#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Dockmaster {

// Inline find (Ctrl+F) and replace (Ctrl+H) for a QPlainTextEdit, with
// regular expression and case options.
class FindReplaceBar final : public QWidget
{
    Q_OBJECT
public:
    explicit FindReplaceBar(QPlainTextEdit *editor, QWidget *parent = nullptr);

    void showFind();
    void showReplace();

    void setSearchText(const QString &text);
    void setReplaceText(const QString &text);
    void setRegularExpression(bool on);
    void setCaseSensitive(bool on);

    bool findNext();
    bool findPrevious();
    bool replaceCurrent();
    int replaceAll();

Q_SIGNALS:
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool find(bool backward);
    bool currentSelectionMatches() const;
    QString replacementFor(const QString &matched) const;
    void setStatus(const QString &text);

    QPlainTextEdit *m_editor;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QCheckBox *m_regex;
    QCheckBox *m_case;
    QWidget *m_replaceRow;
    QLabel *m_status;
};

} // namespace Dockmaster
