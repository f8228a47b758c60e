#include "models/applicationsmodel.h"

#include "core/domain/appstatus.h"
#include "core/util/untrustedtext.h"
#include "models/modelroles.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>
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

// The fallback that started first, if any environment is on its fallback.
const AppHealth *oldestFallback(const QList<AppHealth> &health)
{
    const AppHealth *oldest = nullptr;
    for (const AppHealth &environment : health) {
        if (environment.serving == ServingState::Fallback && (!oldest || environment.since < oldest->since))
            oldest = &environment;
    }
    return oldest;
}

} // namespace

void ApplicationsModel::setHealth(const QString &appId, const QList<AppHealth> &health)
{
    if (health.isEmpty())
        m_health.remove(appId);
    else
        m_health.insert(appId, health);
    const int row = rowOfKey(appId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, HealthColumn), index(row, HealthColumn));
}

void ApplicationsModel::setHealth(const QSet<QString> &appIds,
                                  const std::function<QList<AppHealth>(const QString &)> &healthOf)
{
    if (appIds.size() < 64) {
        for (const QString &appId : appIds)
            setHealth(appId, healthOf(appId));
        return;
    }
    for (const QString &appId : appIds) {
        const QList<AppHealth> health = healthOf(appId);
        if (health.isEmpty())
            m_health.remove(appId);
        else
            m_health.insert(appId, health);
    }
    refreshHealthColumn();
}

void ApplicationsModel::refreshHealthColumn()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, HealthColumn), index(rowCount() - 1, HealthColumn));
}

QString ApplicationsModel::healthText(const QList<AppHealth> &health, const QDateTime &now)
{
    if (health.isEmpty())
        return QString();
    if (const AppHealth *fallback = oldestFallback(health)) {
        QString text = tr("Fallback since %1 (%2)")
                           .arg(QLocale().toString(fallback->since.toLocalTime().time(), QLocale::ShortFormat),
                                durationText(fallback->since.secsTo(now)));
        if (health.size() > 1)
            text += QStringLiteral(" · ") + environmentDisplayName(fallback->environment);
        return text;
    }
    bool unknown = false;
    bool drift = false;
    bool byHand = false;
    for (const AppHealth &environment : health) {
        unknown = unknown || environment.serving == ServingState::Unknown;
        drift = drift || environment.codeDrift;
        byHand = byHand || environment.startedByHand;
    }
    if (unknown)
        return tr("Unknown");
    if (drift)
        return tr("Serving, not the approved version");
    return byHand ? tr("Serving, started outside the pipeline") : tr("Serving");
}

QString ApplicationsModel::statusDisplayName(const QString &status)
{
    // An unknown status (a newer console wrote it) is shown as it is.
    const auto known = enumFromKey(AppStatuses, status);
    return known ? enumText("Dockmaster::ApplicationsModel", AppStatuses, *known) : status;
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
        case HealthColumn:
            return healthText(m_health.value(app.id), QDateTime::currentDateTimeUtc());
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == HealthColumn) {
            const QList<AppHealth> health = m_health.value(app.id);
            if (health.isEmpty())
                return {};
            if (oldestFallback(health))
                return QColor(0xd9, 0x48, 0x2b);
            for (const AppHealth &environment : health) {
                if (environment.serving == ServingState::Unknown)
                    return QColor(Qt::gray);
                if (environment.codeDrift || environment.startedByHand)
                    return QColor(0xe0, 0xa0, 0x20);
            }
            return QColor(0x3a, 0xa5, 0x5d);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && !app.description.isEmpty())
            return UntrustedText::toolTip(app.description);
        if (index.column() == OwnerColumn)
            return UntrustedText::toolTip(app.owner);
        if (index.column() == DomainsColumn)
            return UntrustedText::toolTip(domainsOf(app).join(QLatin1Char('\n')));
        if (index.column() == HealthColumn) {
            QStringList lines;
            for (const AppHealth &environment : m_health.value(app.id)) {
                const QString state = environment.serving == ServingState::Serving ? tr("serving")
                    : environment.serving == ServingState::Fallback                ? tr("on fallback")
                                                                                   : tr("unknown");
                lines.append(
                    environment.reason.isEmpty()
                        ? tr("%1: %2").arg(environmentDisplayName(environment.environment), state)
                        : tr("%1: %2 (%3)")
                              .arg(environmentDisplayName(environment.environment), state, environment.reason));
            }
            return UntrustedText::toolTip(lines.join(QLatin1Char('\n')));
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && isAppStatus(app.status, AppStatus::Failed))
            return QColor(Qt::red);
        if (isAppStatus(app.status, AppStatus::Archived))
            return QPalette().color(QPalette::Disabled, QPalette::Text);
        break;
    case Roles::SortRole:
        if (index.column() == NameColumn)
            return app.name.toLower();
        if (index.column() == OwnerColumn)
            return app.owner.toLower();
        if (index.column() == HealthColumn) {
            // By how long the app has been on its fallback; then unknown, then serving.
            const QList<AppHealth> health = m_health.value(app.id);
            if (const AppHealth *fallback = oldestFallback(health))
                return fallback->since.secsTo(QDateTime::currentDateTimeUtc());
            for (const AppHealth &environment : health) {
                if (environment.serving == ServingState::Unknown)
                    return qint64(-1);
            }
            return qint64(health.isEmpty() ? -3 : -2);
        }
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
    case HealthColumn:
        return tr("Live health");
    }
    return {};
}

} // namespace Dockmaster
