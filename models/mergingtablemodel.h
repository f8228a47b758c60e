#pragma once

#include <QAbstractTableModel>
#include <QList>

#include <algorithm>

namespace Dockmaster {

// A flat table of records kept sorted by a key. New data is merged row by
// row (insert, remove, dataChanged) rather than reset, so selection and
// scroll position survive every refresh.
template<typename Item> class MergingTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_items.size()); }
    const QList<Item> &items() const { return m_items; }
    const Item &itemAt(int row) const { return m_items.at(row); }

    int rowOfKey(const QString &key) const
    {
        const auto it = std::lower_bound(m_items.cbegin(), m_items.cend(), key,
                                         [this](const Item &item, const QString &k) { return keyOf(item) < k; });
        return it != m_items.cend() && keyOf(*it) == key ? int(it - m_items.cbegin()) : -1;
    }

    void setItems(QList<Item> incoming)
    {
        std::sort(incoming.begin(), incoming.end(),
                  [this](const Item &a, const Item &b) { return keyOf(a) < keyOf(b); });
        const int lastColumn = columnCount() - 1;
        qsizetype in = 0;
        int row = 0;
        while (row < m_items.size() || in < incoming.size()) {
            if (row >= m_items.size()) {
                beginInsertRows({}, row, row + int(incoming.size() - in) - 1);
                m_items.append(QList<Item>(incoming.cbegin() + in, incoming.cend()));
                endInsertRows();
                break;
            }
            if (in >= incoming.size()) {
                beginRemoveRows({}, row, int(m_items.size()) - 1);
                m_items.remove(row, m_items.size() - row);
                endRemoveRows();
                break;
            }
            const QString currentKey = keyOf(m_items.at(row));
            const QString incomingKey = keyOf(incoming.at(in));
            if (currentKey == incomingKey) {
                if (!(m_items.at(row) == incoming.at(in))) {
                    m_items[row] = incoming.at(in);
                    Q_EMIT dataChanged(index(row, 0), index(row, lastColumn));
                }
                ++row;
                ++in;
            } else if (currentKey < incomingKey) {
                beginRemoveRows({}, row, row);
                m_items.removeAt(row);
                endRemoveRows();
            } else {
                beginInsertRows({}, row, row);
                m_items.insert(row, incoming.at(in));
                endInsertRows();
                ++row;
                ++in;
            }
        }
    }

protected:
    virtual QString keyOf(const Item &item) const = 0;

private:
    QList<Item> m_items;
};

} // namespace Dockmaster
