#pragma once

#include "core/platform/keyspacetypes.h"
#include "core/util/latestonly.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace Dockmaster {

class KeyspaceBrowser;

// One key of an app's namespace: its value (a string as text, the elements
// of a hash, list, set or sorted set as a table, at most
// KeyspaceValue::ValueLimit of them), editing a string or one element (the
// table's current row) and deleting the key, each confirmed first. What a plugin stored is third-party text: shown
// as plain text, never interpreted.
class KeyValueViewer final : public QWidget
{
    Q_OBJECT
public:
    explicit KeyValueViewer(QWidget *parent = nullptr);

    // browser: not owned, may be null (no store).
    void setBrowser(KeyspaceBrowser *browser);
    void showKey(const QString &appId, const QByteArray &key);
    void clear();

    QByteArray key() const { return m_key; }
    bool isLoading() const { return m_loading; }
    bool isEditing() const;
    // For tests: the plain text shown, the header and the note.
    QString valueText() const;
    QString headerText() const;
    QString noteText() const;
    int tableRows() const;

Q_SIGNALS:
    // A change went through: for the audit log (action, detail).
    void changed(const QString &action, const QString &appId, const QString &detail);
    void keyRemoved(const QByteArray &key);
    void failed(const QString &message);

private:
    void showValue(const KeyspaceValue &value);
    void beginEdit();
    void saveEdit();
    void removeKey();
    void updateButtons();
    // The element of the table's current row, and the bytes an edit changes
    // (a hash field's value, a list element, a set member, a score).
    std::optional<std::pair<KeyspaceElement, QByteArray>> currentElement() const;
    void saveElement(const KeyspaceElement &element, const QByteArray &before, const QByteArray &edited);

    QPointer<KeyspaceBrowser> m_browser;
    QString m_appId;
    QByteArray m_key;
    KeyspaceValue m_value;
    bool m_loading = false;
    LatestOnly m_reads;                                                     // the answer for an earlier key is dropped
    std::optional<std::pair<KeyspaceElement, QByteArray>> m_editingElement; // null: the string
    QLabel *m_header;
    QStackedWidget *m_pages;
    QPlainTextEdit *m_text;
    QTableView *m_table;
    QStandardItemModel *m_elements;
    QLabel *m_note;
    QPushButton *m_edit;
    QPushButton *m_save;
    QPushButton *m_cancel;
    QPushButton *m_remove;
};

} // namespace Dockmaster
