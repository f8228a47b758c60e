#include "models/releaserequestsmodel.h"

#include "core/util/untrustedtext.h"
#include "models/modelroles.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace Dockmaster {

QString ReleaseRequestsModel::keyOf(const ReleaseRequest &request) const
{
    // Zero-padded so the string order equals the numeric order.
    return QStringLiteral("%1:%2")
        .arg(request.projectId, 12, 10, QLatin1Char('0'))
        .arg(request.iid, 12, 10, QLatin1Char('0'));
}

void ReleaseRequestsModel::setSlaHours(int hours)
{
    if (hours == m_slaHours)
        return;
    m_slaHours = hours;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, COUNT - 1));
}

void ReleaseRequestsModel::setReferenceTime(const QDateTime &now)
{
    m_now = now;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, AgeColumn), index(rowCount() - 1, StateColumn)); // ages, and approvals' ages
}

bool ReleaseRequestsModel::isOverdue(const ReleaseRequest &request) const
{
    return request.state == ReleaseState::Pending && request.createdAt.isValid()
        && request.createdAt.secsTo(m_now) > qint64(m_slaHours) * 3600;
}

QString ReleaseRequestsModel::ageText(qint64 seconds)
{
    if (seconds < 3600)
        return tr("%n min", nullptr, int(std::max<qint64>(0, seconds / 60)));
    if (seconds < 48 * 3600)
        return tr("%n h", nullptr, int(seconds / 3600));
    return tr("%n days", nullptr, int(seconds / 86400));
}

QString ReleaseRequestsModel::stateDisplayName(ReleaseState state)
{
    return enumText("Dockmaster::ReleaseRequestsModel", ReleaseStates, state);
}

QString ReleaseRequestsModel::stateText(const ReleaseRequest &request) const
{
    if (request.state != ReleaseState::Pending || request.approvalsRequired <= 1)
        return stateDisplayName(request.state);
    if (request.approvedBy.isEmpty()) // the label says so, but they named an older SHA
        return tr("Pending (earlier approvals were for an older version)");
    const QString names = UntrustedText::line(request.approvedBy.join(QStringLiteral(", ")), 80);
    const QString age = request.lastApprovalAt.isValid() ? ageText(request.lastApprovalAt.secsTo(m_now)) : QString();
    return age.isEmpty()
        ? tr("%1 of %2 approvals (by %3)").arg(request.approvedBy.size()).arg(request.approvalsRequired).arg(names)
        : tr("%1 of %2 approvals (by %3, %4 ago)")
              .arg(request.approvedBy.size())
              .arg(request.approvalsRequired)
              .arg(names, age);
}

QVariant ReleaseRequestsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReleaseRequest &request = itemAt(index.row());
    const bool production = request.environment == Environment::Production;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case AppColumn:
            return request.appId;
        case EnvironmentColumn:
            return environmentDisplayName(request.environment);
        case RefColumn:
            return UntrustedText::line(request.requestedRef, 80);
        case ShaColumn:
            return request.resolvedSha.left(8);
        case RequesterColumn:
            return UntrustedText::line(request.requester, 64);
        case AgeColumn:
            return request.createdAt.isValid() ? ageText(request.createdAt.secsTo(m_now)) : QString();
        case StateColumn:
            return stateText(request);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ShaColumn)
            return request.resolvedSha;
        if (isOverdue(request))
            return UntrustedText::plainToolTip(
                tr("Waiting longer than the approval SLA of %n hours", nullptr, m_slaHours));
        return UntrustedText::toolTip(request.title);
    case Qt::FontRole:
        if (production && index.column() == EnvironmentColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::ForegroundRole:
        if (production && index.column() == EnvironmentColumn)
            return QColor(0xc0, 0x39, 0x2b);
        break;
    case Qt::BackgroundRole:
        if (isOverdue(request))
            return QBrush(QColor(0xf3, 0x9c, 0x12, 60));
        break;
    case Roles::SortRole:
        if (index.column() == AgeColumn)
            return request.createdAt;
        if (index.column() == RefColumn)
            return request.requestedRef.toLower();
        if (index.column() == RequesterColumn)
            return request.requester.toLower();
        return data(index, Qt::DisplayRole).toString().toLower();
    case Roles::AppIdRole:
        return request.appId;
    case Roles::RecordRole:
        return QVariant::fromValue(request);
    case Roles::StatusRole:
        return enumKey(ReleaseStates, request.state);
    case Roles::EnvironmentRole:
        return environmentKey(request.environment);
    case Roles::OverdueRole:
        return isOverdue(request);
    case Roles::SearchTextRole:
        return QStringList { request.appId, request.requestedRef, request.resolvedSha, request.requester,
                             request.title }
            .join(QLatin1Char(' '))
            .toLower();
    }
    return {};
}

QVariant ReleaseRequestsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case AppColumn:
        return tr("App");
    case EnvironmentColumn:
        return tr("Environment");
    case RefColumn:
        return tr("Requested ref");
    case ShaColumn:
        return tr("SHA");
    case RequesterColumn:
        return tr("Requester");
    case AgeColumn:
        return tr("Age");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace Dockmaster
