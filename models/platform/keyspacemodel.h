#pragma once

#include "core/platform/keyspacetypes.h"

#include <QAbstractTableModel>
#include <QSet>

namespace Dockmaster {

// Keys of one app's key/value namespace, in the order the store's SCAN gives
// them. The model holds the keys and the cursor; whoever owns the store's
// browser fetches: the view asks for more (fetchMore, as it scrolls), the
// model says which page it wants (pageWanted) and gets it back through
// addPage(). Pages of an app that is no longer shown are dropped.
class KeyspaceModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, ExpiresColumn, SizeColumn, COUNT };
    enum Role { KeyNameRole = Qt::UserRole + 1 }; // the key's bytes (QByteArray)

    using QAbstractTableModel::QAbstractTableModel;

    // Empties the model and starts over at the first page of `appId`.
    void restart(const QString &appId);
    // A fixed list (the largest keys): nothing more to fetch.
    void setKeys(const QString &appId, const QList<KeyspaceKey> &keys);
    void addPage(const QString &appId, const KeyspacePage &page);
    // After the key was deleted in the store.
    void removeKey(const QByteArray &name);

    QString appId() const { return m_appId; }
    bool isLoading() const { return m_loading; }
    bool isComplete() const { return m_complete; }
    QString error() const { return m_error; }
    KeyspaceKey keyAt(int row) const { return m_keys.value(row); }

    // A key name for one-line places: UTF-8 shown as text (hidden characters
    // revealed), other bytes as \xNN.
    static QString displayName(const QByteArray &name);
    // Stored bytes as text, before UntrustedText bounds and reveals them:
    // UTF-8 as it is; anything else with every byte outside printable ASCII
    // (and the line breaks and tabs named in `kept`) as \xNN.
    static QString bytesAsText(const QByteArray &bytes, QByteArrayView kept = {});
    // A type name as an admin reads it ("hash" -> "Hash").
    static QString typeName(const QString &type);
    // "no expiry", "45 s", "12 min", "3 h", "2 d".
    static QString expiryText(qint64 ttlSeconds);

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_keys.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : COUNT; }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    // Read the page of `appId` at `cursor`, then addPage().
    void pageWanted(const QString &appId, const QByteArray &cursor);
    // Loading began or ended, or a page failed (error()).
    void stateChanged();

private:
    QString m_appId;
    QList<KeyspaceKey> m_keys;
    QSet<QByteArray> m_names; // SCAN may name a key twice
    QByteArray m_cursor = "0";
    bool m_loading = false;
    bool m_complete = true;
    QString m_error;
};

} // namespace Dockmaster
