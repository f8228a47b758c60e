#include "models/auditlogmodel.h"

#include "core/util/untrustedtext.h"
#include "models/modelroles.h"

#include <QLocale>

#include <limits>

namespace Dockmaster {

QString AuditLogModel::keyOf(const AuditEntry &entry) const
{
    const qint64 inverted = std::numeric_limits<qint64>::max() - entry.id;
    return QStringLiteral("%1").arg(inverted, 19, 10, QLatin1Char('0'));
}

QStringList AuditLogModel::knownActions()
{
    return { QStringLiteral("release.approve"), QStringLiteral("release.reject"),    QStringLiteral("deploy.tag"),
             QStringLiteral("deploy.rollback"), QStringLiteral("pipeline.finished"), QStringLiteral("release.recover"),
             QStringLiteral("config.commit"),   QStringLiteral("app.provision"),     QStringLiteral("app.archive"),
             QStringLiteral("dns.fix") };
}

QString AuditLogModel::actionDisplayName(const QString &action)
{
    if (action == QLatin1String("release.approve"))
        return tr("Approved release");
    if (action == QLatin1String("release.reject"))
        return tr("Rejected release");
    if (action == QLatin1String("deploy.tag"))
        return tr("Deployed tag");
    if (action == QLatin1String("deploy.rollback"))
        return tr("Rolled back");
    if (action == QLatin1String("pipeline.finished"))
        return tr("Pipeline finished");
    if (action == QLatin1String("release.recover"))
        return tr("Completed an interrupted approval");
    if (action == QLatin1String("config.commit"))
        return tr("Committed configuration");
    if (action == QLatin1String("app.provision"))
        return tr("Created app");
    if (action == QLatin1String("app.archive"))
        return tr("Archived app");
    if (action == QLatin1String("dns.fix"))
        return tr("Fixed DNS records");
    return action;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEntry &entry = itemAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case WhenColumn:
            return entry.at.isValid() ? QLocale().toString(entry.at.toLocalTime(), QLocale::ShortFormat) : QString();
        case ActorColumn:
            return UntrustedText::line(entry.actor, 64);
        case ActionColumn:
            return actionDisplayName(entry.action);
        case AppColumn:
            return UntrustedText::line(entry.appId, 64);
        case EnvironmentColumn: {
            const std::optional<Environment> environment = environmentFromKey(entry.environment);
            return environment ? environmentDisplayName(*environment) : entry.environment;
        }
        case DetailColumn:
            // Details quote third-party titles and refs.
            return UntrustedText::line(entry.detail, 300);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == DetailColumn)
            return UntrustedText::toolTip(entry.detail);
        if (index.column() == WhenColumn)
            return entry.at.toUTC().toString(Qt::ISODate);
        break;
    case Roles::RecordRole:
        return QVariant::fromValue(entry);
    case Roles::AppIdRole:
        return entry.appId;
    case Roles::EnvironmentRole:
        return entry.environment;
    case Roles::StatusRole:
        return entry.action;
    case Roles::SearchTextRole:
        return QStringList { entry.actor, entry.action,      actionDisplayName(entry.action),
                             entry.appId, entry.environment, entry.detail }
            .join(QLatin1Char(' '))
            .toLower();
    }
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhenColumn:
        return tr("When");
    case ActorColumn:
        return tr("Admin");
    case ActionColumn:
        return tr("Action");
    case AppColumn:
        return tr("App");
    case EnvironmentColumn:
        return tr("Environment");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

} // namespace Dockmaster
