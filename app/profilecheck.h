#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

class QTextStream;

namespace Dockmaster {

class ConnectionCheck;
class GitLabClient;
class ProfileStore;
class SecretStore;

// `dockmaster --check-profile NAME`: loads the profile as a start would and
// says what is missing (the profile itself, a field the settings dialog
// would refuse, the token in the keychain), without a window or a question.
// Then runs the connection check against the profile's GitLab and prints its
// checklist. Exit code 0 when every line is ok (or a warning), 1 when a line
// failed or could not be checked, 2 when the profile or token is missing.
class ProfileCheck final : public QObject
{
    Q_OBJECT
public:
    static constexpr int Complete = 0;
    static constexpr int CheckFailed = 1;
    static constexpr int Incomplete = 2;

    ProfileCheck(ProfileStore *profiles, SecretStore *secrets, QTextStream *out, QTextStream *err,
                 QObject *parent = nullptr);

    // Ends in finished(): at once for a missing or refused profile, after the
    // keychain answered when the token is missing, else after the check.
    void start(const QString &name);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void fail(const QString &message);
    void checkConnection(const QString &token);

    ProfileStore *m_profiles;
    SecretStore *m_secrets;
    QTextStream *m_out;
    QTextStream *m_err;
    QString m_name;
    QString m_summary;
    QUrl m_gitlabUrl;
    QString m_rootGroup;
    GitLabClient *m_client = nullptr;
    ConnectionCheck *m_check = nullptr;
    bool m_done = false;
};

// Runs the check on the user's profiles and keychain; returns the exit code.
int runProfileCheck(const QString &name);

} // namespace Dockmaster
