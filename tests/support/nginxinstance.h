#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>

namespace Dockmaster::Test {

// A real nginx for tests, listening on 127.0.0.1: one process (no master, no
// daemon) whose configuration, pid, logs and temporary files all live under a
// prefix folder of the caller's, ended with the test even when the test
// crashes, and stopped in the destructor.
class NginxInstance final
{
public:
    NginxInstance() = default;
    ~NginxInstance();
    NginxInstance(const NginxInstance &) = delete;
    NginxInstance &operator=(const NginxInstance &) = delete;

    // A port nobody listens on at the moment of asking.
    static quint16 freePort();

    // Writes PREFIX/conf/nginx.conf with `http` inside its http block (after
    // the temporary paths) and starts nginx; true once it accepts on `port`.
    // Relative paths in `http` are nginx's: under PREFIX, or PREFIX/conf for
    // files such as certificates and password lists.
    bool start(const QString &prefix, const QByteArray &http, quint16 port, QString *error);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

private:
    QProcess m_process;
};

} // namespace Dockmaster::Test
