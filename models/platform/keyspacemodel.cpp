#include "models/platform/keyspacemodel.h"

#include "core/util/untrustedtext.h"

#include <QLocale>
#include <QStringDecoder>

namespace Dockmaster {

void KeyspaceModel::restart(const QString &appId)
{
    beginResetModel();
    m_appId = appId;
    m_keys.clear();
    m_names.clear();
    m_cursor = "0";
    m_loading = false;
    m_complete = appId.isEmpty();
    m_error.clear();
    endResetModel();
    Q_EMIT stateChanged();
}

void KeyspaceModel::setKeys(const QString &appId, const QList<KeyspaceKey> &keys)
{
    beginResetModel();
    m_appId = appId;
    m_keys = keys;
    m_names.clear();
    for (const KeyspaceKey &key : keys)
        m_names.insert(key.name);
    m_loading = false;
    m_complete = true;
    m_error.clear();
    endResetModel();
    Q_EMIT stateChanged();
}

void KeyspaceModel::addPage(const QString &appId, const KeyspacePage &page)
{
    if (appId != m_appId || !m_loading)
        return; // a page for the app shown before, or after a restart
    m_loading = false;
    if (!page.error.isEmpty()) {
        // The cursor stays: fetching again retries the same page.
        m_error = page.error;
        Q_EMIT stateChanged();
        return;
    }
    m_error.clear();
    QList<KeyspaceKey> fresh;
    for (const KeyspaceKey &key : page.keys) {
        if (m_names.contains(key.name))
            continue;
        m_names.insert(key.name);
        fresh.append(key);
    }
    if (!fresh.isEmpty()) {
        beginInsertRows({}, int(m_keys.size()), int(m_keys.size() + fresh.size() - 1));
        m_keys += fresh;
        endInsertRows();
    }
    m_cursor = page.cursor;
    m_complete = page.atEnd();
    Q_EMIT stateChanged();
}

void KeyspaceModel::removeKey(const QByteArray &name)
{
    for (qsizetype row = 0; row < m_keys.size(); ++row) {
        if (m_keys.at(row).name != name)
            continue;
        beginRemoveRows({}, int(row), int(row));
        m_keys.removeAt(row);
        endRemoveRows();
        // Kept in m_names: a later page that still lists it does not bring it back.
        return;
    }
}

bool KeyspaceModel::canFetchMore(const QModelIndex &parent) const
{
    // After an error the view does not retry on every scroll: the admin does.
    return !parent.isValid() && !m_complete && !m_loading && m_error.isEmpty();
}

void KeyspaceModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_complete || m_loading)
        return;
    m_loading = true;
    m_error.clear();
    Q_EMIT stateChanged();
    Q_EMIT pageWanted(m_appId, m_cursor);
}

QString KeyspaceModel::bytesAsText(const QByteArray &bytes, QByteArrayView kept)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        return text;
    QString escaped;
    for (const char byte : bytes) {
        const auto c = static_cast<unsigned char>(byte);
        escaped += (c >= 0x20 && c < 0x7f) || kept.contains(byte)
            ? QString(QLatin1Char(byte))
            : QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    }
    return escaped;
}

QString KeyspaceModel::displayName(const QByteArray &name)
{
    return UntrustedText::line(bytesAsText(name));
}

QString KeyspaceModel::typeName(const QString &type)
{
    if (type == QLatin1String("string"))
        return tr("String");
    if (type == QLatin1String("hash"))
        return tr("Hash");
    if (type == QLatin1String("list"))
        return tr("List");
    if (type == QLatin1String("set"))
        return tr("Set");
    if (type == QLatin1String("zset"))
        return tr("Sorted set");
    if (type == QLatin1String("stream"))
        return tr("Stream");
    return UntrustedText::line(type, 40);
}

QString KeyspaceModel::expiryText(qint64 ttlSeconds)
{
    if (ttlSeconds < 0)
        return tr("no expiry");
    if (ttlSeconds < 60)
        return tr("%n s", nullptr, int(ttlSeconds));
    if (ttlSeconds < 3600)
        return tr("%n min", nullptr, int(ttlSeconds / 60));
    if (ttlSeconds < 86400)
        return tr("%n h", nullptr, int(ttlSeconds / 3600));
    return tr("%n d", nullptr, int(ttlSeconds / 86400));
}

QVariant KeyspaceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_keys.size())
        return {};
    const KeyspaceKey &key = m_keys.at(index.row());
    if (role == KeyNameRole)
        return key.name;
    if (role == Qt::TextAlignmentRole && (index.column() == SizeColumn || index.column() == ExpiresColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return role == Qt::ToolTipRole ? UntrustedText::toolTip(displayName(key.name)) : displayName(key.name);
    case TypeColumn:
        return typeName(key.type);
    case ExpiresColumn:
        return expiryText(key.ttlSeconds);
    case SizeColumn:
        return key.bytes < 0 ? tr("unknown") : QLocale().formattedDataSize(key.bytes);
    default:
        return {};
    }
}

QVariant KeyspaceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Key");
    case TypeColumn:
        return tr("Type");
    case ExpiresColumn:
        return tr("Expires in");
    case SizeColumn:
        return tr("Memory");
    default:
        return {};
    }
}

} // namespace Dockmaster
