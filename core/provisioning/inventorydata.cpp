#include "core/provisioning/inventorydata.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace Dockmaster {
namespace {

// The strings' context at run time. Not a free tr(): lupdate files a free
// function's tr() under the enclosing namespace, where no lookup finds it.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::InventoryData)
};

std::optional<QJsonObject> objectFrom(const QByteArray &json, QString *error, const QString &what)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = Text::tr("%1 is not valid JSON.").arg(what);
        return std::nullopt;
    }
    return document.object();
}

bool portRange(const QJsonValue &value, int *low, int *high)
{
    const QJsonArray range = value.toArray();
    if (range.size() != 2 || !range.at(0).isDouble() || !range.at(1).isDouble())
        return false;
    *low = range.at(0).toInt();
    *high = range.at(1).toInt();
    return *low >= 1 && *high <= 65535 && *low <= *high;
}

int port(const QJsonValue &value)
{
    const int p = value.toInt(-1);
    return p >= 1 && p <= 65535 ? p : 0;
}

QByteArray pretty(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

const QStringList RecordKeys { QStringLiteral("id"),
                               QStringLiteral("name"),
                               QStringLiteral("owner"),
                               QStringLiteral("description"),
                               QStringLiteral("status"),
                               QStringLiteral("fallback_mode"),
                               QStringLiteral("code_project"),
                               QStringLiteral("ops_project"),
                               QStringLiteral("code_project_id"),
                               QStringLiteral("ops_project_id"),
                               QStringLiteral("deploy_public_key"),
                               QStringLiteral("created_at"),
                               QStringLiteral("nonce"),
                               QStringLiteral("steps_done"),
                               QStringLiteral("environments") };

} // namespace

const InventoryHostSpec *InventoryConfig::host(const QString &name) const
{
    for (const InventoryHostSpec &h : hosts) {
        if (h.name == name)
            return &h;
    }
    return nullptr;
}

std::optional<InventoryConfig> InventoryConfig::parse(const QByteArray &json, QString *error)
{
    const auto root = objectFrom(json, error, QStringLiteral("hosts.json"));
    if (!root)
        return std::nullopt;
    InventoryConfig config;
    config.rootGroup = root->value(QLatin1StringView("root_group")).toString();
    const QJsonObject domains = root->value(QLatin1StringView("domains")).toObject();
    for (auto it = domains.begin(); it != domains.end(); ++it)
        config.domainSuffix.insert(it.key(), it.value().toString());
    for (const QJsonValue &value : root->value(QLatin1StringView("hosts")).toArray()) {
        const QJsonObject o = value.toObject();
        InventoryHostSpec h;
        h.name = o.value(QLatin1StringView("name")).toString();
        h.address = o.value(QLatin1StringView("address")).toString();
        h.environment = o.value(QLatin1StringView("environment")).toString();
        h.capacity = o.value(QLatin1StringView("capacity")).toInt(0);
        h.hostKey = o.value(QLatin1StringView("host_key")).toString();
        if (h.name.isEmpty()
            || !portRange(o.value(QLatin1StringView("container_ports")), &h.containerLow, &h.containerHigh)
            || !portRange(o.value(QLatin1StringView("fallback_ports")), &h.fallbackLow, &h.fallbackHigh)
            || h.capacity < 0) {
            *error = Text::tr("hosts.json has a host entry without a name, port ranges or capacity (%1).")
                         .arg(h.name.left(40));
            return std::nullopt;
        }
        config.hosts.append(h);
    }
    return config;
}

const AllocationPlacement *AllocationRecord::placement(const QString &environment) const
{
    for (const AllocationPlacement &p : placements) {
        if (p.environment == environment)
            return &p;
    }
    return nullptr;
}

QByteArray AllocationRecord::toJson() const
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("owner"), owner);
    o.insert(QStringLiteral("description"), description);
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("fallback_mode"), fallbackMode);
    o.insert(QStringLiteral("code_project"), codeProject);
    o.insert(QStringLiteral("ops_project"), opsProject);
    if (codeProjectId > 0)
        o.insert(QStringLiteral("code_project_id"), codeProjectId);
    if (opsProjectId > 0)
        o.insert(QStringLiteral("ops_project_id"), opsProjectId);
    if (!deployPublicKey.isEmpty())
        o.insert(QStringLiteral("deploy_public_key"), deployPublicKey);
    o.insert(QStringLiteral("created_at"), createdAt);
    o.insert(QStringLiteral("nonce"), nonce);
    o.insert(QStringLiteral("steps_done"), QJsonArray::fromStringList(stepsDone));
    QJsonObject environments;
    for (const AllocationPlacement &p : placements) {
        environments.insert(p.environment,
                            QJsonObject { { QStringLiteral("host"), p.host },
                                          { QStringLiteral("address"), p.address },
                                          { QStringLiteral("container_port"), p.containerPort },
                                          { QStringLiteral("fallback_port"), p.fallbackPort },
                                          { QStringLiteral("domain"), p.domain } });
    }
    o.insert(QStringLiteral("environments"), environments);
    return pretty(o);
}

std::optional<AllocationRecord> AllocationRecord::parse(const QByteArray &json, QString *error)
{
    const auto root = objectFrom(json, error, Text::tr("An allocation record"));
    if (!root)
        return std::nullopt;
    AllocationRecord r;
    r.id = root->value(QLatin1StringView("id")).toString();
    if (InventoryPlanning::appNumber(r.id) < 0) {
        *error = Text::tr("An allocation record has no valid app ID.");
        return std::nullopt;
    }
    r.name = root->value(QLatin1StringView("name")).toString();
    r.owner = root->value(QLatin1StringView("owner")).toString();
    r.description = root->value(QLatin1StringView("description")).toString();
    r.status = root->value(QLatin1StringView("status")).toString();
    r.fallbackMode = root->value(QLatin1StringView("fallback_mode")).toString();
    r.codeProject = root->value(QLatin1StringView("code_project")).toString();
    r.opsProject = root->value(QLatin1StringView("ops_project")).toString();
    r.codeProjectId = qint64(root->value(QLatin1StringView("code_project_id")).toDouble(0));
    r.opsProjectId = qint64(root->value(QLatin1StringView("ops_project_id")).toDouble(0));
    r.deployPublicKey = root->value(QLatin1StringView("deploy_public_key")).toString();
    r.createdAt = root->value(QLatin1StringView("created_at")).toString();
    r.nonce = root->value(QLatin1StringView("nonce")).toString();
    for (const QJsonValue &step : root->value(QLatin1StringView("steps_done")).toArray())
        r.stepsDone.append(step.toString());
    const QJsonObject environments = root->value(QLatin1StringView("environments")).toObject();
    for (auto it = environments.begin(); it != environments.end(); ++it) {
        const QJsonObject e = it.value().toObject();
        AllocationPlacement p;
        p.environment = it.key();
        p.host = e.value(QLatin1StringView("host")).toString();
        p.address = e.value(QLatin1StringView("address")).toString();
        p.containerPort = port(e.value(QLatin1StringView("container_port")));
        p.fallbackPort = port(e.value(QLatin1StringView("fallback_port")));
        p.domain = e.value(QLatin1StringView("domain")).toString();
        r.placements.append(p);
    }
    for (auto it = root->begin(); it != root->end(); ++it) {
        if (!RecordKeys.contains(it.key()))
            r.extra.insert(it.key(), it.value());
    }
    return r;
}

QByteArray HostLedger::toJson() const
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("host"), host);
    QJsonArray list;
    for (const HostLedgerEntry &e : entries) {
        list.append(QJsonObject { { QStringLiteral("app"), e.appId },
                                  { QStringLiteral("container_port"), e.containerPort },
                                  { QStringLiteral("fallback_port"), e.fallbackPort } });
    }
    o.insert(QStringLiteral("ports"), list);
    return pretty(o);
}

std::optional<HostLedger> HostLedger::parse(const QByteArray &json, QString *error)
{
    const auto root = objectFrom(json, error, Text::tr("A host port ledger"));
    if (!root)
        return std::nullopt;
    HostLedger ledger;
    ledger.host = root->value(QLatin1StringView("host")).toString();
    for (const QJsonValue &value : root->value(QLatin1StringView("ports")).toArray()) {
        const QJsonObject o = value.toObject();
        HostLedgerEntry e { o.value(QLatin1StringView("app")).toString(),
                            port(o.value(QLatin1StringView("container_port"))),
                            port(o.value(QLatin1StringView("fallback_port"))) };
        if (InventoryPlanning::appNumber(e.appId) < 0 || e.containerPort == 0 || e.fallbackPort == 0) {
            *error = Text::tr("The port ledger of host %1 has an unreadable entry.").arg(ledger.host.left(40));
            return std::nullopt;
        }
        ledger.entries.append(e);
    }
    for (auto it = root->begin(); it != root->end(); ++it) {
        if (it.key() != QLatin1String("host") && it.key() != QLatin1String("ports"))
            ledger.extra.insert(it.key(), it.value());
    }
    return ledger;
}

void HostUsage::add(const QString &appId, int containerPort, int fallbackPort)
{
    apps.insert(appId);
    if (containerPort > 0)
        containerPorts.insert(containerPort);
    if (fallbackPort > 0)
        fallbackPorts.insert(fallbackPort);
}

int HostUsage::freeSlots(const InventoryHostSpec &host) const
{
    auto freeIn = [](int low, int high, const QSet<int> &taken) {
        int used = 0;
        for (int p : taken)
            used += p >= low && p <= high ? 1 : 0;
        return (high - low + 1) - used;
    };
    return std::max(
        0,
        std::min({ host.capacity - int(apps.size()), freeIn(host.containerLow, host.containerHigh, containerPorts),
                   freeIn(host.fallbackLow, host.fallbackHigh, fallbackPorts) }));
}

namespace InventoryPlanning {

QString appIdFor(int number)
{
    return QStringLiteral("app%1").arg(number, 7, 10, QLatin1Char('0'));
}

int appNumber(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^app([0-9]{7})$"));
    const auto match = pattern.match(id);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

int firstFreePort(int low, int high, const QSet<int> &taken)
{
    for (int p = low; p <= high; ++p) {
        if (!taken.contains(p))
            return p;
    }
    return 0;
}

} // namespace InventoryPlanning
} // namespace Dockmaster
