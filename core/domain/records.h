#pragma once

#include "core/domain/environment.h"
#include "core/domain/states.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// Plain value types for what GitLab knows and the cache mirrors. They carry no
// behaviour beyond identity so models, cache and sync can share them freely.
namespace Dockmaster {

// What runs (or should run) in one environment of an app.
struct EnvironmentState {
    Environment environment = Environment::Test;
    QString host;           // docker host name from the inventory
    QString domain;         // app<ID>.<suffix>
    int containerPort = 0;  // published port of the container on the host
    int fallbackPort = 0;   // host-local fallback site port
    QString liveRef;        // tag (or branch) that was approved
    QString liveSha;        // submodule pointer on the environment branch
    QString pipelineStatus; // GitLab status of the newest pipeline on the branch
    QDateTime deployedAt;
    QString dnsState; // "ok", "drift", "missing" or empty when unknown

    bool operator==(const EnvironmentState &) const = default;
};

struct HostRecord;

struct AppRecord {
    QString id; // "app0000042": unique, primary key everywhere
    QString name;
    QString owner;
    QString description;
    QString status; // "active", "provisioning", "failed", "archived"
    qint64 codeProjectId = 0;
    qint64 opsProjectId = 0;
    QString codeWebUrl;
    QString opsWebUrl;
    QList<EnvironmentState> environments;
    QDateTime updatedAt;

    const EnvironmentState *environment(Environment environment) const;
    // The inventory host `environment` runs on, among `hosts`; null when unknown.
    const HostRecord *hostIn(const QList<HostRecord> &hosts, Environment environment) const;
    bool operator==(const AppRecord &) const = default;
};

struct ReleaseRequest {
    qint64 projectId = 0; // repo A
    qint64 iid = 0;       // issue iid inside repo A
    QString appId;
    Environment environment = Environment::Test;
    QString title;
    QString requestedRef;
    QString resolvedSha;
    QString requester;
    ReleaseState state = ReleaseState::Pending;
    QString webUrl;
    QDateTime createdAt;
    QDateTime updatedAt;
    // Two-person rule: the admins whose recorded approvals of resolvedSha
    // count so far (oldest first), the newest one's time, and how many the
    // request's label says are needed (0: none recorded).
    QStringList approvedBy;
    QDateTime lastApprovalAt;
    int approvalsRequired = 0;

    bool operator==(const ReleaseRequest &) const = default;
};

struct TagRecord {
    QString appId;
    QString name;
    QString sha;
    QString message;
    QString author;
    QDateTime createdAt;

    bool operator==(const TagRecord &) const = default;
};

struct DeploymentRecord {
    QString appId;
    qint64 id = 0;
    Environment environment = Environment::Test;
    QString ref;
    QString sha;
    QString status;
    QString user;
    qint64 pipelineId = 0;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool operator==(const DeploymentRecord &) const = default;
};

struct PipelineRecord {
    QString appId;
    qint64 id = 0;
    QString ref;
    QString sha;
    QString status;
    QString webUrl;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool operator==(const PipelineRecord &) const = default;
};

// A docker host of the inventory, and where its Docker Engine API listens
// (unix:///run/docker.sock, tcp://addr:2375, or tcp://addr:2376 with TLS).
struct HostRecord {
    QString name;
    QString address;
    QString environment;
    QString dockerApi;

    bool operator==(const HostRecord &) const = default;
};

// One line of the local audit trail (every admin action also leaves a trace in GitLab).
struct AuditEntry {
    qint64 id = 0;
    QDateTime at;
    QString actor;
    QString action;
    QString appId;
    QString environment;
    QString detail;
    // Set for a row that must be written once whoever writes it again (a
    // resumed operation): the journal ignores a second row of the same origin.
    QString origin;

    bool operator==(const AuditEntry &) const = default;
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::AppRecord)
Q_DECLARE_METATYPE(Dockmaster::ReleaseRequest)
Q_DECLARE_METATYPE(Dockmaster::TagRecord)
Q_DECLARE_METATYPE(Dockmaster::DeploymentRecord)
Q_DECLARE_METATYPE(Dockmaster::PipelineRecord)
Q_DECLARE_METATYPE(Dockmaster::AuditEntry)
Q_DECLARE_METATYPE(Dockmaster::HostRecord)
