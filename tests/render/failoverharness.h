#pragma once

#include "core/render/configrenderer.h"
#include "core/render/renderinput.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <sys/types.h>

// The host side of a failover test: the rendered outer and fallback nginx
// sites in a real nginx, the rendered fallback pool in a real php-fpm, a TLS
// certificate, and a prober. The primary (what stands in for the container)
// belongs to each test.
namespace Dockmaster::FailoverHarness {

inline constexpr int connectTimeoutS = 1;
inline constexpr int readTimeoutS = 2;
inline constexpr int failTimeoutS = 3;

// A server started by the test in its own process group (setsid), so the
// master and its workers are signalled, and always killed, together.
class ServerProcess
{
public:
    ServerProcess(QString program, QStringList arguments, QProcessEnvironment environment = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    bool start();
    void signalGroup(int signal) const;
    void kill();
    pid_t pid() const { return m_pid; }

private:
    QString m_program;
    QStringList m_arguments;
    QProcessEnvironment m_environment;
    std::unique_ptr<QProcess> m_process;
    pid_t m_pid = 0;
};

struct Response {
    int status = 0;
    QByteArray body;
    QByteArray server;
    QByteArray location;
    QByteArray poweredBy;
    QString error;
    qint64 elapsedMs = 0;
};

quint16 freePort();
bool waitForPort(quint16 port, int timeoutMs = 5000);
bool writeText(const QString &path, const QByteArray &content);
QString findServer(const QString &name);
// A main nginx.conf with every path (pid, logs, temp) inside `prefix`, so it
// runs anywhere; workers run as www-data like on a Debian host.
QByteArray nginxMain(const QString &prefix, const QStringList &includes);
// Runs a short command and returns its exit code (-1 if it did not run).
int runCommand(const QString &program, const QStringList &arguments, QByteArray *output = nullptr,
               const QProcessEnvironment &environment = {}, int timeoutMs = 60000);

class FrontStack
{
public:
    FrontStack();
    ~FrontStack();

    // Renders with the given primary port and starts php-fpm and the front
    // nginx; returns an error text, empty on success.
    // `adjust` changes the app environment before it is checked and rendered.
    QString start(quint16 primaryPort, const std::function<void(AppEnvironmentSpec &)> &adjust = {});
    // Before start(): the app's code (paths under codes/; the default is a
    // page that reports the pool's confinement), and the variables the deploy
    // job appends to the fallback pool (env[NAME] = "value").
    void setAppCode(const QHash<QString, QByteArray> &files) { m_code = files; }
    void setPoolEnvironment(const QList<QPair<QString, QString>> &variables) { m_poolEnvironment = variables; }
    void stop();

    QString path(const QString &relative) const { return m_dir.filePath(relative); }
    const RenderInput &input() const { return *m_input; }
    QByteArray renderedFile(const QString &relativePath) const;

    Response get(const QString &url, const QByteArray &forwardedFor = {},
                 const QList<QPair<QByteArray, QByteArray>> &headers = {});
    Response front();
    // Polls until a response body starts with `prefix`; counts non-200
    // answers on the way into `errors`. Returns the time taken, -1 if never.
    qint64 waitForBody(const QByteArray &prefix, int *errors);

    quint16 httpPort() const { return m_httpPort; }
    quint16 httpsPort() const { return m_httpsPort; }
    quint16 fallbackPort() const { return m_fallbackPort; }

private:
    QTemporaryDir m_dir;
    QHash<QString, QByteArray> m_code;
    QList<QPair<QString, QString>> m_poolEnvironment;
    quint16 m_fallbackPort = 0;
    quint16 m_httpPort = 0;
    quint16 m_httpsPort = 0;
    std::optional<RenderInput> m_input;
    QList<RenderedFile> m_files;
    std::unique_ptr<ServerProcess> m_front;
    std::unique_ptr<ServerProcess> m_fpm;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace Dockmaster::FailoverHarness
