#pragma once

#include "tests/support/nginxinstance.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>
#include <memory>

namespace Dockmaster::Test {

// A real git smart-HTTP server for tests: nginx + fcgiwrap + git-http-backend
// on a free 127.0.0.1 port with basic auth (user oauth2, password token()),
// serving bare repositories it creates. Both processes are stopped by PID in
// the destructor, also when a test fails.
class GitHttpServer final
{
public:
    GitHttpServer();
    ~GitHttpServer();

    bool start(QString *error);
    // Creates group/<name>.git with one commit on branch holding files (path -> content).
    bool createRepository(const QString &name, const QString &branch, const QMap<QString, QByteArray> &files,
                          QString *error);
    // Commits a symbolic link at `path` pointing to `target` on top of branch
    // (as a hostile committer would push it).
    bool commitSymlink(const QString &name, const QString &branch, const QString &path, const QString &target,
                       QString *error);
    // Commits a gitlink (a submodule pointer) at `path` to `commit` on top of branch.
    bool commitGitlink(const QString &name, const QString &branch, const QString &path, const QString &commit,
                       QString *error);
    QUrl repositoryUrl(const QString &name) const;
    QString token() const { return QStringLiteral("glpat-TESTTOKEN123"); }
    // Runs git against the bare repository on disk (e.g. "show", "env/test:file").
    QByteArray git(const QString &name, const QStringList &arguments) const;

private:
    QString repositoryPath(const QString &name) const;
    // Pulls branch into the seed clone, lets `change` alter and stage it, commits and pushes.
    bool commitInSeed(const QString &name, const QString &branch, QString *error,
                      const std::function<bool(const QString &seed)> &change);
    static bool run(const QString &program, const QStringList &arguments, const QString &workDir, QString *error,
                    QByteArray *output = nullptr);

    QTemporaryDir m_root;
    quint16 m_port = 0;
    QProcess m_fcgiwrap;
    NginxInstance m_nginx;
};

} // namespace Dockmaster::Test
