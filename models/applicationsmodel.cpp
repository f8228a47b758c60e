#include "applicationsmodel.h"

#include "modelroles.h"
#include "util/untrustedtext.h"

#include <QColor>
#include <QPalette>

namespace Dockmaster {
namespace {

QStringList hostsOf(const AppRecord &app)
{
    QStringList hosts;
    for (const EnvironmentState &state : app.environments) {
        if (!state.host.isEmpty() && !hosts.contains(state.host))
            hosts.append(state.host);
    }
    return hosts;
}

QStringList domainsOf(const AppRecord &app)
{
    QStringList domains;
    for (const EnvironmentState &state : app.environments) {
        if (!state.domain.isEmpty())
            domains.append(state.domain);
    }
    return domains;
}

QStringList environmentKeysOf(const AppRecord &app)
{
    QStringList keys;
    for (const EnvironmentState &state : app.environments)
        keys.append(environmentKey(state.environment));
    return keys;
}

} // namespace

QString ApplicationsModel::statusDisplayName(const QString &status)
{
    if (status == QLatin1String("active"))
        return tr("Active");
    if (status == QLatin1String("provisioning"))
        return tr("Provisioning");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    if (status == QLatin1String("archived"))
        return tr("Archived");
    if (status == QLatin1String("test-only"))
        return tr("Test only");
    return status;
}

QString ApplicationsModel::versionText(const EnvironmentState *state)
{
    if (!state || state->liveSha.isEmpty())
        return tr("not deployed");
    const QString shortSha = state->liveSha.left(8);
    if (state->liveRef.isEmpty() || state->liveRef == state->liveSha)
        return shortSha;
    return state->liveRef + QStringLiteral(" (") + shortSha + QLatin1Char(')');
}

QVariant ApplicationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AppRecord &app = itemAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return app.id;
        case NameColumn:
            return UntrustedText::line(app.name, 80);
        case OwnerColumn:
            return UntrustedText::line(app.owner, 64);
        case StatusColumn:
            return statusDisplayName(app.status);
        case TestVersionColumn: // the live ref is a developer's tag name
            return UntrustedText::line(versionText(app.environment(Environment::Test)), 100);
        case ProductionVersionColumn:
            return UntrustedText::line(versionText(app.environment(Environment::Production)), 100);
        case HostColumn:
            return hostsOf(app).join(QStringLiteral(", "));
        case DomainsColumn:
            return domainsOf(app).join(QStringLiteral(", "));
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && !app.description.isEmpty())
            return UntrustedText::toolTip(app.description);
        if (index.column() == OwnerColumn)
            return UntrustedText::toolTip(app.owner);
        if (index.column() == DomainsColumn)
            return UntrustedText::toolTip(domainsOf(app).join(QLatin1Char('\n')));
        break;
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && app.status == QLatin1String("failed"))
            return QColor(Qt::red);
        if (app.status == QLatin1String("archived"))
            return QPalette().color(QPalette::Disabled, QPalette::Text);
        break;
    case Roles::SortRole:
        if (index.column() == NameColumn)
            return app.name.toLower();
        if (index.column() == OwnerColumn)
            return app.owner.toLower();
        return data(index, Qt::DisplayRole).toString().toLower();
    case Roles::AppIdRole:
        return app.id;
    case Roles::RecordRole:
        return QVariant::fromValue(app);
    case Roles::StatusRole:
        return app.status;
    case Roles::EnvironmentRole:
        return environmentKeysOf(app);
    case Roles::HostsRole:
        return hostsOf(app);
    case Roles::SearchTextRole:
        return QStringList { app.id, app.name, app.owner, app.description, domainsOf(app).join(QLatin1Char(' ')) }
            .join(QLatin1Char(' '))
            .toLower();
    }
    return {};
}

QVariant ApplicationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("ID");
    case NameColumn:
        return tr("Name");
    case OwnerColumn:
        return tr("Owner");
    case StatusColumn:
        return tr("Status");
    case TestVersionColumn:
        return tr("Test version");
    case ProductionVersionColumn:
        return tr("Production version");
    case HostColumn:
        return tr("Hosts");
    case DomainsColumn:
        return tr("Domains");
    }
    return {};
}

} // namespace Dockmaster
