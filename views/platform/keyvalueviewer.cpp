#include "views/platform/keyvalueviewer.h"

#include "core/platform/keyspacebrowser.h"
#include "core/util/untrustedtext.h"
#include "models/platform/keyspacemodel.h"
#include "views/dialogs.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStringDecoder>
#include <QTableView>
#include <QVBoxLayout>

namespace Dockmaster {
namespace {

// A stored value as text (line breaks and tabs kept), bounded.
QString shownValue(const QByteArray &bytes)
{
    return UntrustedText::details(KeyspaceModel::bytesAsText(bytes, "\n\t"));
}

// Whether the text editor gives back exactly these bytes when nothing is
// typed: UTF-8 without carriage returns (the editor turns line ends into
// \n) and without characters the viewer reveals (an admin would edit what
// they cannot see).
bool editsLosslessly(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(bytes);
    return !utf8.hasError() && !bytes.contains('\r') && !UntrustedText::hasHiddenCharacters(text);
}

// An element longer than this is not edited in the viewer (the table shows
// at most UntrustedText::BlockLimit of it anyway).
constexpr qsizetype ElementEditLimit = 64 * 1024;

} // namespace

KeyValueViewer::KeyValueViewer(QWidget *parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_table(new QTableView(this))
    , m_elements(new QStandardItemModel(this))
    , m_note(new QLabel(this))
    , m_edit(new QPushButton(tr("&Edit"), this))
    , m_save(new QPushButton(tr("&Save…"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_remove(new QPushButton(tr("&Delete key…"), this))
{
    m_header->setTextFormat(Qt::PlainText);
    m_header->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_text->setReadOnly(true);
    m_text->setObjectName(QStringLiteral("keyValueText"));
    m_table->setModel(m_elements);
    m_table->setObjectName(QStringLiteral("keyValueElements"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_pages->addWidget(m_text);
    m_pages->addWidget(m_table);
    m_edit->setObjectName(QStringLiteral("editKeyValue"));
    m_save->setObjectName(QStringLiteral("saveKeyValue"));
    m_remove->setObjectName(QStringLiteral("deleteKeyValue"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_edit);
    buttons->addWidget(m_save);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    buttons->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_note);
    layout->addLayout(buttons);

    connect(m_edit, &QPushButton::clicked, this, &KeyValueViewer::beginEdit);
    connect(m_save, &QPushButton::clicked, this, &KeyValueViewer::saveEdit);
    connect(m_cancel, &QPushButton::clicked, this, [this] { showKey(m_appId, m_key); });
    connect(m_remove, &QPushButton::clicked, this, &KeyValueViewer::removeKey);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &KeyValueViewer::updateButtons);
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (m_edit->isEnabled())
            beginEdit();
    });
    clear();
}

void KeyValueViewer::setBrowser(KeyspaceBrowser *browser)
{
    m_browser = browser;
}

void KeyValueViewer::clear()
{
    m_reads.invalidate();
    m_appId.clear();
    m_key.clear();
    m_value = {};
    m_editingElement.reset();
    m_loading = false;
    m_header->setText(tr("Select a key to see its value."));
    m_text->clear();
    m_text->setReadOnly(true);
    m_elements->clear();
    m_pages->setCurrentWidget(m_text);
    m_note->clear();
    updateButtons();
}

void KeyValueViewer::showKey(const QString &appId, const QByteArray &key)
{
    clear();
    if (!m_browser)
        return;
    m_appId = appId;
    m_key = key;
    m_loading = true;
    m_header->setText(tr("Reading %1…").arg(KeyspaceModel::displayName(key)));
    updateButtons();
    m_browser->value(appId, key, this, m_reads.startGuarded([this](const KeyspaceValue &value) {
        m_loading = false;
        showValue(value);
    }));
}

void KeyValueViewer::showValue(const KeyspaceValue &value)
{
    m_value = value;
    const QString name = KeyspaceModel::displayName(m_key);
    if (!value.error.isEmpty()) {
        m_header->setText(name);
        m_note->setText(value.error);
        updateButtons();
        return;
    }
    const QLocale locale;
    if (value.type == QLatin1String("string")) {
        m_header->setText(
            tr("%1 · %2 · %3").arg(name, KeyspaceModel::typeName(value.type), locale.formattedDataSize(value.length)));
        m_text->setPlainText(shownValue(value.text));
        m_pages->setCurrentWidget(m_text);
        if (value.truncated)
            m_note->setText(tr("Showing the first %1 of %2 bytes.")
                                .arg(locale.toString(value.text.size()), locale.toString(value.length)));
    } else {
        m_header->setText(
            tr("%1 · %2 · %n elements", nullptr, int(value.length)).arg(name, KeyspaceModel::typeName(value.type)));
        const bool pairs = value.type == QLatin1String("hash") || value.type == QLatin1String("zset");
        if (pairs) {
            m_elements->setHorizontalHeaderLabels(value.type == QLatin1String("hash")
                                                      ? QStringList { tr("Field"), tr("Value") }
                                                      : QStringList { tr("Member"), tr("Score") });
            for (const auto &[first, second] : value.entries) {
                auto *a = new QStandardItem(shownValue(first).left(UntrustedText::BlockLimit));
                auto *b = new QStandardItem(shownValue(second).left(UntrustedText::BlockLimit));
                m_elements->appendRow({ a, b });
            }
        } else {
            m_elements->setHorizontalHeaderLabels(
                { value.type == QLatin1String("list") ? tr("Element (in order)") : tr("Member") });
            for (const QByteArray &item : value.items)
                m_elements->appendRow(new QStandardItem(shownValue(item).left(UntrustedText::BlockLimit)));
        }
        m_pages->setCurrentWidget(m_table);
        if (value.truncated)
            m_note->setText(tr("Showing %1 of %2 elements.")
                                .arg(locale.toString(m_elements->rowCount()), locale.toString(value.length)));
    }
    updateButtons();
}

bool KeyValueViewer::isEditing() const
{
    return !m_text->isReadOnly();
}

std::optional<std::pair<KeyspaceElement, QByteArray>> KeyValueViewer::currentElement() const
{
    const int row = m_table->currentIndex().row();
    if (row < 0 || m_pages->currentWidget() != m_table)
        return std::nullopt;
    KeyspaceElement element;
    element.type = m_value.type;
    if (m_value.type == QLatin1String("hash") || m_value.type == QLatin1String("zset")) {
        if (row >= m_value.entries.size())
            return std::nullopt;
        element.member = m_value.entries.at(row).first;
        return std::pair { element, m_value.entries.at(row).second };
    }
    if (row >= m_value.items.size())
        return std::nullopt;
    if (m_value.type == QLatin1String("list"))
        element.index = row; // the elements are read from the head, in order
    else
        element.member = m_value.items.at(row);
    return std::pair { element, m_value.items.at(row) };
}

void KeyValueViewer::beginEdit()
{
    m_editingElement = currentElement();
    const QByteArray before = m_editingElement ? m_editingElement->second : m_value.text;
    if (m_editingElement) {
        const KeyspaceElement &element = m_editingElement->first;
        const QString key = KeyspaceModel::displayName(m_key);
        const QString member = KeyspaceModel::displayName(element.member);
        m_header->setText(element.type == QLatin1String("hash") ? tr("The value of field %1 of %2").arg(member, key)
                              : element.type == QLatin1String("list")
                              ? tr("Element %1 of %2").arg(QLocale().toString(element.index), key)
                              : element.type == QLatin1String("zset") ? tr("The score of %1 in %2").arg(member, key)
                                                                      : tr("Member %1 of %2").arg(member, key));
        m_pages->setCurrentWidget(m_text);
    }
    m_text->setReadOnly(false);
    m_text->setPlainText(QString::fromUtf8(before));
    m_text->setFocus();
    updateButtons();
}

void KeyValueViewer::saveElement(const KeyspaceElement &element, const QByteArray &before, const QByteArray &edited)
{
    const QString name = KeyspaceModel::displayName(m_key);
    const QString member = KeyspaceModel::displayName(element.member);
    const QString position = QLocale().toString(element.index);
    // Whole sentences per kind of element, for the translators.
    QString question;
    QString done;
    if (element.type == QLatin1String("hash")) {
        question = tr("Store the new value of field %1 of %2 in %3's key/value store? The plugin reads it from now on.")
                       .arg(member, name, m_appId);
        done = tr("field %1 of %2 set").arg(member, name);
    } else if (element.type == QLatin1String("list")) {
        question = tr("Store the new element %1 of %2 in %3's key/value store? The plugin reads it from now on.")
                       .arg(position, name, m_appId);
        done = tr("element %1 of %2 set").arg(position, name);
    } else if (element.type == QLatin1String("zset")) {
        question = tr("Store the new score of %1 in %2 in %3's key/value store? The plugin reads it from now on.")
                       .arg(member, name, m_appId);
        done = tr("score of %1 in %2 set").arg(member, name);
    } else {
        question = tr("Rename member %1 of %2 in %3's key/value store? The plugin sees the new name from now on.")
                       .arg(member, name, m_appId);
        done = tr("member %1 of %2 renamed").arg(member, name);
    }
    Dialogs::confirm(window(), tr("Change a stored value"), question, tr("Store"), this,
                     [this, element, before, edited, done, appId = m_appId, key = m_key] {
                         if (!m_browser)
                             return;
                         m_browser->setElement(appId, key, element, before, edited, this,
                                               [this, appId, key, done](const QString &error) {
                                                   if (!error.isEmpty()) {
                                                       Q_EMIT failed(error);
                                                       return;
                                                   }
                                                   Q_EMIT changed(QStringLiteral("app.kv-set"), appId, done);
                                                   if (appId == m_appId && key == m_key)
                                                       showKey(appId, key);
                                               });
                     });
}

void KeyValueViewer::saveEdit()
{
    const QByteArray edited = m_text->toPlainText().toUtf8();
    if (m_editingElement) {
        saveElement(m_editingElement->first, m_editingElement->second, edited);
        return;
    }
    const QString name = KeyspaceModel::displayName(m_key);
    Dialogs::confirm(
        window(), tr("Change a stored value"),
        tr("Store the edited value of %1 in %2's key/value store? The plugin reads the new value from "
           "now on; its expiry stays as it is.")
            .arg(name, m_appId),
        tr("Store"), this, [this, edited, appId = m_appId, key = m_key, before = m_value.text] {
            if (!m_browser)
                return;
            m_browser->setString(appId, key, before, edited, this, [this, appId, key, edited](const QString &error) {
                if (!error.isEmpty()) {
                    Q_EMIT failed(error);
                    return;
                }
                Q_EMIT changed(QStringLiteral("app.kv-set"), appId,
                               tr("key %1 set (%2)")
                                   .arg(KeyspaceModel::displayName(key), QLocale().formattedDataSize(edited.size())));
                if (appId == m_appId && key == m_key)
                    showKey(appId, key);
            });
        });
}

void KeyValueViewer::removeKey()
{
    const QString name = KeyspaceModel::displayName(m_key);
    Dialogs::confirm(
        window(), tr("Delete a key"),
        tr("Delete %1 from %2's key/value store? What the plugin stored there is gone for good.").arg(name, m_appId),
        tr("Delete"), this, [this, appId = m_appId, key = m_key] {
            if (!m_browser)
                return;
            m_browser->remove(appId, key, this, [this, appId, key](const QString &error) {
                if (!error.isEmpty()) {
                    Q_EMIT failed(error);
                    return;
                }
                Q_EMIT changed(QStringLiteral("app.kv-delete"), appId,
                               tr("key %1 deleted").arg(KeyspaceModel::displayName(key)));
                if (appId == m_appId && key == m_key)
                    clear();
                Q_EMIT keyRemoved(key);
            });
        });
}

void KeyValueViewer::updateButtons()
{
    const bool shown = !m_key.isEmpty() && !m_loading && m_value.error.isEmpty();
    const bool editing = isEditing();
    // Only a whole string of plain text is edited: a cut-off or binary value
    // saved back from the viewer would lose what was not shown. Of a hash,
    // list, set or sorted set, the element in the table's current row.
    const bool isString = m_value.type == QLatin1String("string");
    const auto element = isString ? std::nullopt : currentElement();
    const bool editable = shown
        && (isString ? !m_value.truncated && editsLosslessly(m_value.text)
                     : element && element->second.size() <= ElementEditLimit && editsLosslessly(element->second));
    m_edit->setVisible(!editing);
    m_edit->setEnabled(editable);
    m_edit->setToolTip(shown && !editable && (isString || element)
                           ? tr("Only a text value shown in full, without hidden characters, can be edited here.")
                           : shown && !isString && !element ? tr("Select an element in the table to edit it.")
                                                            : QString());
    m_save->setVisible(editing);
    m_cancel->setVisible(editing);
    m_remove->setEnabled(shown && !editing);
}

QString KeyValueViewer::valueText() const
{
    return m_text->toPlainText();
}

QString KeyValueViewer::headerText() const
{
    return m_header->text();
}

QString KeyValueViewer::noteText() const
{
    return m_note->text();
}

int KeyValueViewer::tableRows() const
{
    return m_elements->rowCount();
}

} // namespace Dockmaster
