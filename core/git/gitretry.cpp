#include "core/git/gitretry.h"

#include "core/util/logging.h"
#include "core/util/redact.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QThread>

#include <git2/errors.h>

namespace Dockmaster {

GitRetry::GitRetry(const RetryPolicy &policy)
    : m_policy(policy)
{
}

GitRetry::Failure GitRetry::lastFailure()
{
    const git_error *error = git_error_last();
    if (!error || !error->message)
        return Failure::Final;
    return classify(error->klass, QString::fromUtf8(error->message));
}

GitRetry::Failure GitRetry::classify(int errorClass, const QString &message)
{
    // libgit2's HTTP transport: "unexpected http status code: 502".
    static const QRegularExpression status(QStringLiteral("status code: (\\d{3})"));
    const QRegularExpressionMatch match = status.match(message);
    if (match.hasMatch()) {
        const int code = match.captured(1).toInt();
        if (code == 429)
            return Failure::RateLimited;
        return code >= 500 ? Failure::ServerError : Failure::Final;
    }
    if (errorClass != GIT_ERROR_NET && errorClass != GIT_ERROR_OS && errorClass != GIT_ERROR_HTTP)
        return Failure::Final;
    // This computer's own disk failed: trying again at once fails the same way.
    for (const char *local : { "no space left on device", "read-only file system", "disk quota exceeded" }) {
        if (message.contains(QLatin1String(local), Qt::CaseInsensitive))
            return Failure::Final;
    }
    // Nothing reached the server: GitLab is unreachable, which the console
    // reports as offline instead of waiting here.
    const QString lower = message.toLower();
    if (lower.contains(QLatin1String("failed to connect")) || lower.contains(QLatin1String("failed to resolve"))
        || lower.contains(QLatin1String("connection refused")))
        return Failure::Final;
    return Failure::ConnectionBroken;
}

bool GitRetry::waitBeforeRetry(Failure failure, const QString &reason)
{
    int delayMs = 0;
    switch (failure) {
    case Failure::Final:
        return false;
    case Failure::RateLimited:
        if (m_rateLimitWaits >= m_policy.maxRateLimitWaits)
            return false;
        delayMs = m_policy.rateLimitWaitMs(m_rateLimitWaits++);
        break;
    case Failure::ServerError:
    case Failure::ConnectionBroken:
        if (m_attempts + 1 >= m_policy.maxAttempts)
            return false;
        delayMs = m_policy.backoffMs(m_attempts++);
        break;
    }
    qCInfo(lcGit).noquote() << "retrying in" << delayMs << "ms after:" << redacted(reason);
    const QDeadlineTimer deadline(delayMs);
    while (!deadline.hasExpired()) {
        if (QThread::currentThread()->isInterruptionRequested())
            return false;
        QThread::msleep(quint64(std::clamp<qint64>(deadline.remainingTime(), 1, 50)));
    }
    ++m_retries;
    return true;
}

} // namespace Dockmaster
