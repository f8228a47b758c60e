#include "models/tagsmodel.h"

#include "core/util/lookalike.h"
#include "core/util/untrustedtext.h"
#include "models/modelroles.h"

#include <QFont>
#include <QLocale>

#include <algorithm>

namespace Dockmaster {

void TagsModel::setTags(const QString &appId, QList<TagRecord> tags)
{
    std::stable_sort(tags.begin(), tags.end(),
                     [](const TagRecord &a, const TagRecord &b) { return a.createdAt > b.createdAt; });
    if (appId == m_appId && tags == m_tags)
        return;
    // A different app is a different list: a reset is the honest signal here.
    beginResetModel();
    m_appId = appId;
    m_tags = std::move(tags);
    m_visible = std::min<int>(BatchSize, int(m_tags.size()));
    endResetModel();
}

void TagsModel::setLiveShas(const QString &testSha, const QString &productionSha)
{
    m_testSha = testSha;
    m_productionSha = productionSha;
    if (m_visible > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_visible - 1, COUNT - 1));
}

bool TagsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_visible < m_tags.size();
}

void TagsModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const int more = std::min<int>(BatchSize, int(m_tags.size()) - m_visible);
    beginInsertRows({}, m_visible, m_visible + more - 1);
    m_visible += more;
    endInsertRows();
}

QString TagsModel::liveText(const TagRecord &tag) const
{
    QStringList live;
    if (!tag.sha.isEmpty() && tag.sha == m_testSha)
        live.append(environmentDisplayName(Environment::Test));
    if (!tag.sha.isEmpty() && tag.sha == m_productionSha)
        live.append(environmentDisplayName(Environment::Production));
    return live.join(QStringLiteral(", "));
}

QVariant TagsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TagRecord &tag = m_tags.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return Lookalike::line(tag.name, 80);
        case LiveColumn:
            return liveText(tag);
        case DateColumn:
            return tag.createdAt.isValid() ? QLocale().toString(tag.createdAt.toLocalTime(), QLocale::ShortFormat)
                                           : QString();
        case AuthorColumn:
            return UntrustedText::line(tag.author, 64);
        case ShaColumn:
            return tag.sha.left(8);
        case MessageColumn:
            // The first line, cut before any work on a message that may be a megabyte.
            return UntrustedText::line(tag.message.left(UntrustedText::LineLimit + 1).section(QLatin1Char('\n'), 0, 0));
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ShaColumn)
            return tag.sha;
        if (index.column() == MessageColumn)
            return UntrustedText::toolTip(tag.message);
        if (index.column() == NameColumn)
            return Lookalike::hasLookalikes(tag.name) ? UntrustedText::plainToolTip(Lookalike::note(tag.name))
                                                      : UntrustedText::toolTip(tag.name);
        break;
    case Qt::FontRole:
        if (!liveText(tag).isEmpty()) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Roles::RecordRole:
        return QVariant::fromValue(tag);
    case Roles::AppIdRole:
        return tag.appId;
    }
    return {};
}

QVariant TagsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Tag");
    case LiveColumn:
        return tr("Live in");
    case DateColumn:
        return tr("Date");
    case AuthorColumn:
        return tr("Author");
    case ShaColumn:
        return tr("SHA");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

} // namespace Dockmaster
