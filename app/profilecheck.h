#pragma once

#include <QObject>
#include <QString>

class QTextStream;

namespace Dockmaster {

class ProfileStore;
class SecretStore;

// `dockmaster --check-profile NAME`: loads the profile as a start would and
// says what is missing (the profile itself, a field the settings dialog
// would refuse, the token in the keychain), without a window or a question.
// Sends nothing to any server. Exit code 0 when complete, 2 when not.
class ProfileCheck final : public QObject
{
    Q_OBJECT
public:
    static constexpr int Complete = 0;
    static constexpr int Incomplete = 2;

    ProfileCheck(ProfileStore *profiles, SecretStore *secrets, QTextStream *out, QTextStream *err,
                 QObject *parent = nullptr);

    // Ends in finished(): at once for a missing or refused profile, after the
    // keychain answered otherwise.
    void start(const QString &name);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void fail(const QString &message);

    ProfileStore *m_profiles;
    SecretStore *m_secrets;
    QTextStream *m_out;
    QTextStream *m_err;
    QString m_name;
    QString m_summary;
    bool m_done = false;
};

// Runs the check on the user's profiles and keychain; returns the exit code.
int runProfileCheck(const QString &name);

} // namespace Dockmaster
