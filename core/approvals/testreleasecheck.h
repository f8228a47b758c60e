#pragma once

#include "core/domain/states.h"
#include "core/gitlab/gitlaberror.h"

#include <QString>

#include <functional>

class QObject;

namespace Dockmaster {

class GitLabClient;

// Where the test release of the version a production request asks for
// stands: the newest test request of the same ref in the app's code project.
// Asked before the admin approves production (the confirmation shows it)
// and again by the approval itself.
struct TestReleaseCheck {
    enum class Status {
        Clear,     // the newest test request is neither pending nor failed, or there is none
        Pending,   // still pending (open)
        Failed,    // its deployment failed
        Unchecked, // GitLab did not answer: `error` says why
    };
    Status status = Status::Clear;
    bool found = false; // a test request of this version exists
    qint64 iid = 0;     // the newest one's
    ReleaseState state = ReleaseState::Pending;
    GitLabError error;    // Unchecked only
    QString message;      // translated: the state of the test request, or why it is not known
    bool refuses = false; // Pending or Failed, and the profile approves production only after test

    bool warns() const { return status == Status::Pending || status == Status::Failed; }
};

namespace TestRelease {

// GET the code project's test requests and decide for `ref`; `done` is
// called once on `context`'s thread unless `context` goes first.
void check(GitLabClient *client, const QString &codeProject, const QString &ref, bool refuseBeforeTest,
           QObject *context, std::function<void(const TestReleaseCheck &)> done);

} // namespace TestRelease

} // namespace Dockmaster
