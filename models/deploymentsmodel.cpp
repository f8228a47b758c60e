#include "models/deploymentsmodel.h"

#include "core/util/untrustedtext.h"
#include "models/modelroles.h"

#include <QColor>
#include <QLocale>

#include <limits>

namespace Dockmaster {

QString DeploymentsModel::keyOf(const DeploymentRecord &deployment) const
{
    const qint64 inverted = std::numeric_limits<qint64>::max() - deployment.id;
    return QStringLiteral("%1:%2").arg(inverted, 19, 10, QLatin1Char('0')).arg(deployment.appId);
}

QString DeploymentsModel::statusDisplayName(const QString &status)
{
    if (status == QLatin1String("success"))
        return tr("Succeeded");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    if (status == QLatin1String("running"))
        return tr("Running");
    if (status == QLatin1String("created"))
        return tr("Waiting");
    if (status == QLatin1String("canceled"))
        return tr("Canceled");
    return status;
}

QVariant DeploymentsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeploymentRecord &deployment = itemAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case EnvironmentColumn:
            return environmentDisplayName(deployment.environment);
        case WhenColumn:
            return deployment.createdAt.isValid()
                ? QLocale().toString(deployment.createdAt.toLocalTime(), QLocale::ShortFormat)
                : QString();
        case RefColumn:
            return UntrustedText::line(deployment.ref, 80);
        case ShaColumn:
            return deployment.sha.left(8);
        case UserColumn:
            return UntrustedText::line(deployment.user, 64);
        case StatusColumn:
            return statusDisplayName(deployment.status);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ShaColumn)
            return UntrustedText::toolTip(deployment.sha);
        if (index.column() == RefColumn)
            return UntrustedText::toolTip(deployment.ref);
        if (index.column() == UserColumn)
            return UntrustedText::toolTip(deployment.user);
        break;
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && deployment.status == QLatin1String("failed"))
            return QColor(0xc0, 0x39, 0x2b);
        if (index.column() == StatusColumn && deployment.status == QLatin1String("success"))
            return QColor(0x27, 0xae, 0x60);
        break;
    case Roles::RecordRole:
        return QVariant::fromValue(deployment);
    case Roles::EnvironmentRole:
        return environmentKey(deployment.environment);
    case Roles::StatusRole:
        return deployment.status;
    }
    return {};
}

QVariant DeploymentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EnvironmentColumn:
        return tr("Environment");
    case WhenColumn:
        return tr("When");
    case RefColumn:
        return tr("Ref");
    case ShaColumn:
        return tr("SHA");
    case UserColumn:
        return tr("By");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace Dockmaster
