#pragma once

#include "sandbox/emulator/httpmessage.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace Dockmaster {

// Serves git smart HTTP by running `git http-backend` as a CGI process per
// request; asynchronous, so the server thread never blocks on git.
class GitHttpBackend final : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const HttpResponse &)>;

    explicit GitHttpBackend(const QString &projectRoot, QObject *parent = nullptr);

    // `pathInfo` is "/<group>/<project>.git/<service path>"; `extraEnvironment`
    // reaches git and its hooks (the pre-receive hook reads the branch rules).
    void handle(const HttpRequest &request, const QString &pathInfo, const QString &remoteUser,
                const QHash<QString, QString> &extraEnvironment, Done done);
    static QString backendProgram();

private:
    QString m_projectRoot;
};

} // namespace Dockmaster
