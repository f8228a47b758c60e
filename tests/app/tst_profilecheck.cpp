// `dockmaster --check-profile NAME`: says what is missing, exit code 2, and
// never prints the token.
#include "app/profilecheck.h"
#include "core/keychain/secretstore.h"
#include "core/profile/profilestore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Dockmaster;

namespace {

Profile validProfile(const QString &name)
{
    Profile profile;
    profile.name = name;
    profile.gitlabUrl = QUrl(QStringLiteral("https://gitlab.example.com"));
    profile.testDomainSuffix = QStringLiteral("test.plugins.example.com");
    profile.productionDomainSuffix = QStringLiteral("plugins.example.com");
    return profile;
}

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestProfileCheck : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    SessionSecretStore m_secrets;

    Result check(ProfileStore &profiles, const QString &name)
    {
        Result result;
        QTextStream out(&result.out);
        QTextStream err(&result.err);
        ProfileCheck check(&profiles, &m_secrets, &out, &err);
        QSignalSpy finished(&check, &ProfileCheck::finished);
        check.start(name);
        if (finished.isEmpty() && !finished.wait(10000))
            return result;
        result.exitCode = finished.first().first().toInt();
        return result;
    }

private Q_SLOTS:
    void missingProfileIsNamedWithTheOnesThatExist()
    {
        ProfileStore profiles(m_dir.filePath(QStringLiteral("missing.ini")));
        Result none = check(profiles, QStringLiteral("production"));
        QCOMPARE(none.exitCode, ProfileCheck::Incomplete);
        QVERIFY(none.err.contains(QStringLiteral("no profile named \"production\"")));
        QVERIFY(none.err.contains(QStringLiteral("no profile exists yet")));

        profiles.save(validProfile(QStringLiteral("staging")));
        Result other = check(profiles, QStringLiteral("production"));
        QCOMPARE(other.exitCode, ProfileCheck::Incomplete);
        QVERIFY(other.err.contains(QStringLiteral("Profiles: staging.")));
        QVERIFY(other.out.isEmpty());
    }

    void refusedProfileSaysWhy()
    {
        ProfileStore profiles(m_dir.filePath(QStringLiteral("refused.ini")));
        Profile plain = validProfile(QStringLiteral("plain"));
        plain.gitlabUrl = QUrl(QStringLiteral("http://gitlab.example.com")); // plain http to another computer
        profiles.save(plain);
        const Result result = check(profiles, QStringLiteral("plain"));
        QCOMPARE(result.exitCode, ProfileCheck::Incomplete);
        QVERIFY(result.err.contains(QStringLiteral("was refused")));
    }

    void missingTokenIsReported()
    {
        ProfileStore profiles(m_dir.filePath(QStringLiteral("token.ini")));
        profiles.save(validProfile(QStringLiteral("production")));
        const Result result = check(profiles, QStringLiteral("production"));
        QCOMPARE(result.exitCode, ProfileCheck::Incomplete);
        QVERIFY(result.err.contains(QStringLiteral("No GitLab token")));
    }

    void completeProfilePassesWithoutShowingTheToken()
    {
        ProfileStore profiles(m_dir.filePath(QStringLiteral("complete.ini")));
        profiles.save(validProfile(QStringLiteral("complete")));
        const QString token = QStringLiteral("glpat-secret-0123456789");
        m_secrets.write(SecretStore::gitlabTokenKey(QStringLiteral("complete")), token);
        const Result result = check(profiles, QStringLiteral("complete"));
        QCOMPARE(result.exitCode, ProfileCheck::Complete);
        QVERIFY(result.out.contains(QStringLiteral("https://gitlab.example.com")));
        QVERIFY(!result.out.contains(token));
        QVERIFY(!result.err.contains(token));
    }
};

QTEST_GUILESS_MAIN(TestProfileCheck)
#include "tst_profilecheck.moc"
