#pragma once

#include "core/domain/environment.h"
#include "core/domain/records.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace Dockmaster {

// How release approvals behave; one per profile.
struct ApprovalOptions {
    QString rootGroup = QStringLiteral("plugins");
    // Folder for the management-repository clones (a "git" subfolder is made).
    // One ReleaseApprover per folder: two consoles never share a clone. Empty:
    // <QStandardPaths::CacheLocation>/approvals.
    QString cacheRoot;
    // Two-person rule: the approver must not be the requester.
    bool twoPersonRuleTest = false;
    bool twoPersonRuleProduction = true;
    // How many distinct admins must approve before the pointer moves. Every
    // approval but the last is recorded on the request (a note with a marker
    // and a release::approved-K-of-N label); the last one deploys.
    int productionApprovals = 2;
    int testApprovals = 1;
    // A production approval while the same version's test request is still
    // pending or failed: a warning on the outcome, or (true) a refusal.
    bool refuseProductionBeforeTest = false;
    // After a push, how long to look for its pipeline so the approval
    // comment can link it (the PipelineFollower keeps looking afterwards).
    int pipelineLookupAttempts = 8;
    int pipelineLookupDelayMs = 250;
    // How many environment-branch commits recover() and the race check read.
    int branchScanDepth = 200;

    int approvalsRequired(Environment environment) const
    {
        return std::max(1, environment == Environment::Production ? productionApprovals : testApprovals);
    }
    // The requester never counts as one of several approvers.
    bool requiresTwoPersons(Environment environment) const
    {
        return approvalsRequired(environment) > 1
            || (environment == Environment::Production ? twoPersonRuleProduction : twoPersonRuleTest);
    }
};

// What one admin action ended in. `message` is translated and names the
// current state whenever the action did not happen.
struct ReleaseOutcome {
    enum class Action { Approve, Reject, DeployTag, Rollback, Recover };
    enum class Kind {
        Succeeded,     // done (for Recover: bookkeeping of a half-done approval completed)
        RefusedByRule, // two-person rule, missing reason, request not pending/closed/edited, bad input
        LostRace,      // another admin approved or rejected first; currentState/actedBy say how
        Failed,        // GitLab or git failed; nothing or only part was done (message says which)
        Offline,       // GitLab unreachable: nothing was done and nothing is queued
    };

    Action action = Action::Approve;
    Kind kind = Kind::Failed;
    QString message;
    QString actor; // the admin who asked
    QString appId;
    Environment environment = Environment::Test;
    qint64 projectId = 0; // repo A (release requests)
    qint64 iid = 0;
    QString ref;        // requested ref, tag, or target
    QString targetSha;  // repo A commit the `codes` pointer moved to
    QString commit;     // repo AA commit that moved it
    QString opsProject; // "plugins/ops/app0000042": where its pipeline runs
    // Tag deploys and rollbacks: the id in the commit's Dockmaster-Operation
    // trailer, given before the push (ReleaseTrailers::newOperationId).
    QString operationId;
    qint64 pipelineId = 0;
    QString pipelineUrl;
    QString currentState; // release:: state after the action (pending, approved, rejected, ..., closed)
    QString actedBy;      // who approved/rejected first (LostRace) or originally (Recover)
    // Approve: the approvals of targetSha that count, this one included, and
    // how many are needed. Fewer than needed: recorded on the request, nothing
    // deployed (commit stays empty).
    int approvals = 0;
    int approvalsRequired = 0;
    QStringList approvers;    // who approved targetSha, oldest first (this admin last)
    QStringList acknowledged; // risk flags and unscanned files the admin ticked (stable English records)
    QString warning;          // translated; e.g. the test request of this version is still pending

    bool ok() const { return kind == Kind::Succeeded; }
    bool isPartialApproval() const
    {
        return kind == Kind::Succeeded && action == Action::Approve && commit.isEmpty() && approvals > 0
            && approvals < approvalsRequired;
    }
};

QString releaseActionName(ReleaseOutcome::Action action); // stable, for the audit log

// One commit of an environment branch, read as a deployment.
struct DeploymentHistoryEntry {
    QString commit; // repo AA
    QString codesSha;
    bool pointerMoved = false;
    QString author;
    QDateTime when;
    QString summary;
    QString approvedBy;     // trailers, when the commit came from Dockmaster
    QString releaseRequest; // "plugins/apps/app0000042#3"
    QString deployTag;
    QString rollbackTo;
    QString deploymentStatus; // GitLab deployment of that commit, when known
    qint64 pipelineId = 0;
};

// What a rollback to targetSha would do.
struct RollbackPlan {
    QString appId;
    Environment environment = Environment::Test;
    QString targetSha;
    QString liveSha;
    QString liveCommit;        // repo AA head of the environment branch
    bool targetExists = false; // false: the commit is gone from repo A (warn; the deploy would fail)
    QStringList warnings;      // translated
    struct UndoneCommit {
        QString id;
        QString title;
        QString author;
        QDateTime when;
    };
    QList<UndoneCommit> undoneCommits; // in the live version, not in the target (newest last)
    QStringList changedFiles;
    QString previousSuccessfulSha;         // the codes pointer of the previous successful deployment
    QList<DeploymentHistoryEntry> history; // newest first
};

// The answer to one RollbackPreflight call: a value, or why there is none.
template<typename T> struct PreflightResult {
    T value {};
    QString error; // translated, when failed
    bool failed = false;

    bool ok() const { return !failed; }
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::ReleaseOutcome)
Q_DECLARE_METATYPE(Dockmaster::RollbackPlan)
