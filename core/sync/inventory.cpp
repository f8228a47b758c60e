#include "core/sync/inventory.h"

#include "core/gitlab/releaserequestparser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Dockmaster {
namespace {

// The strings' context at run time. Not a free tr(): lupdate files a free
// function's tr() under the enclosing namespace, where no lookup finds it.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::Inventory)
};

bool optionalString(const QJsonObject &object, QLatin1StringView key, QString *out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString())
        return false;
    *out = value.toString();
    return true;
}

bool optionalInteger(const QJsonObject &object, QLatin1StringView key, qint64 max, qint64 *out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    if (number < 0 || number > double(max) || number != double(qint64(number)))
        return false;
    *out = qint64(number);
    return true;
}

std::optional<InventoryPlacement> placement(Environment environment, const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    InventoryPlacement p;
    p.environment = environment;
    qint64 containerPort = 0;
    qint64 fallbackPort = 0;
    if (!optionalString(object, QLatin1StringView("host"), &p.host)
        || !optionalString(object, QLatin1StringView("domain"), &p.domain)
        || !optionalInteger(object, QLatin1StringView("container_port"), 65535, &containerPort)
        || !optionalInteger(object, QLatin1StringView("fallback_port"), 65535, &fallbackPort))
        return std::nullopt;
    p.containerPort = int(containerPort);
    p.fallbackPort = int(fallbackPort);
    return p;
}

std::optional<InventoryAllocation> allocationFrom(const QJsonValue &value, QString *error)
{
    const QJsonObject object = value.toObject();
    InventoryAllocation app;
    const bool fieldsOk = value.isObject() && optionalString(object, QLatin1StringView("id"), &app.id)
        && optionalString(object, QLatin1StringView("name"), &app.name)
        && optionalString(object, QLatin1StringView("owner"), &app.owner)
        && optionalString(object, QLatin1StringView("description"), &app.description)
        && optionalString(object, QLatin1StringView("status"), &app.status)
        && optionalInteger(object, QLatin1StringView("code_project_id"), qint64(1) << 52, &app.codeProjectId)
        && optionalInteger(object, QLatin1StringView("ops_project_id"), qint64(1) << 52, &app.opsProjectId);
    if (!fieldsOk || !ReleaseRequestParser::isAppId(app.id)) {
        *error = Text::tr("The inventory has an app entry that cannot be read (%1).").arg(app.id.left(40));
        return std::nullopt;
    }
    const QJsonValue environments = object.value(QLatin1StringView("environments"));
    if (environments.isObject()) {
        const QJsonObject map = environments.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            const auto environment = environmentFromKey(it.key());
            const auto parsed = environment ? placement(*environment, it.value()) : std::nullopt;
            if (!parsed) {
                *error = Text::tr("The inventory entry of %1 has an unreadable environment.").arg(app.id);
                return std::nullopt;
            }
            app.placements.append(*parsed);
        }
    } else if (environments.isArray()) {
        for (const QJsonValue &entry : environments.toArray()) {
            const auto environment
                = environmentFromKey(entry.toObject().value(QLatin1StringView("environment")).toString());
            const auto parsed = environment ? placement(*environment, entry) : std::nullopt;
            if (!parsed) {
                *error = Text::tr("The inventory entry of %1 has an unreadable environment.").arg(app.id);
                return std::nullopt;
            }
            app.placements.append(*parsed);
        }
    } else if (!environments.isUndefined() && !environments.isNull()) {
        *error = Text::tr("The inventory entry of %1 has an unreadable environment.").arg(app.id);
        return std::nullopt;
    }
    return app;
}

} // namespace

std::optional<InventoryAllocation> Inventory::parseAllocation(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = Text::tr("The allocation is not valid JSON (%1).").arg(parseError.errorString());
        return std::nullopt;
    }
    return allocationFrom(document.object(), error);
}

QList<HostRecord> Inventory::hostRecords() const
{
    QList<HostRecord> records;
    records.reserve(hosts.size());
    for (const InventoryHost &host : hosts)
        records.append({ host.name, host.address, host.environment, host.dockerApi });
    return records;
}

std::optional<Inventory> Inventory::parse(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = Text::tr("The inventory is not valid JSON (%1).").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    Inventory inventory;

    const QJsonValue hosts = root.value(QLatin1StringView("hosts"));
    if (!hosts.isUndefined() && !hosts.isArray()) {
        *error = Text::tr("The inventory's \"hosts\" is not a list.");
        return std::nullopt;
    }
    for (const QJsonValue &value : hosts.toArray()) {
        const QJsonObject object = value.toObject();
        InventoryHost host;
        if (!value.isObject() || !optionalString(object, QLatin1StringView("name"), &host.name)
            || !optionalString(object, QLatin1StringView("address"), &host.address)
            || !optionalString(object, QLatin1StringView("environment"), &host.environment)
            || !optionalString(object, QLatin1StringView("docker_api"), &host.dockerApi) || host.name.isEmpty()) {
            *error = Text::tr("The inventory has a host entry that cannot be read.");
            return std::nullopt;
        }
        inventory.hosts.append(host);
    }

    const QJsonValue apps = root.contains(QLatin1StringView("apps")) ? root.value(QLatin1StringView("apps"))
                                                                     : root.value(QLatin1StringView("allocations"));
    if (!apps.isUndefined() && !apps.isArray()) {
        *error = Text::tr("The inventory's \"apps\" is not a list.");
        return std::nullopt;
    }
    for (const QJsonValue &value : apps.toArray()) {
        const auto app = allocationFrom(value, error);
        if (!app)
            return std::nullopt;
        inventory.allocations.append(*app);
    }
    return inventory;
}

} // namespace Dockmaster
