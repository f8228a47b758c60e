// `dockmaster --check-profile NAME`: says what is missing, exit code 2, and
// never prints the token; with a profile and token it runs the connection
// check against the emulator: exit code 0 with only warnings, 1 on a failure.
#include "app/profilecheck.h"
#include "core/keychain/secretstore.h"
#include "core/profile/profilestore.h"
#include "tests/gitlab/gitlabtesthelpers.h"

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
    int m_runs = 0;

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

    // A GitLab (the emulator) where every line of the connection check passes.
    std::unique_ptr<GitLabEmulator> startGitLab(const QString &token)
    {
        auto emulator = std::make_unique<GitLabEmulator>(m_dir.filePath(QStringLiteral("gitlab%1").arg(++m_runs)));
        if (!emulator->start())
            return nullptr;
        emulator->setExternalUrl(emulator->baseUrl());
        const Test::EmulatorGroups groups = Test::addPlatformGroups(*emulator, QStringLiteral("plugins"));
        const qint64 owner = emulator->addUser(QStringLiteral("owner"), QStringLiteral("Owner"), false, token).id;
        QMutexLocker lock(&emulator->store().mutex());
        EmulatorStore &store = emulator->store();
        store.group(groups.root)->members.append(EmulatorMember { owner, 50, {} });
        const qint64 code = store.addProject(Test::appId(1), Test::appId(1), groups.apps).id;
        const qint64 ops = store.addProject(Test::appId(1), Test::appId(1), groups.ops).id;
        store.project(code)->jobTokenAllowlist.append(ops);
        return emulator;
    }

    Result checkAgainst(GitLabEmulator &emulator, const QString &name, const QString &token)
    {
        ProfileStore profiles(m_dir.filePath(name + QStringLiteral(".ini")));
        Profile profile = validProfile(name);
        profile.gitlabUrl = emulator.baseUrl(); // plain http is allowed on this computer
        profiles.save(profile);
        m_secrets.write(SecretStore::gitlabTokenKey(name), token);
        return check(profiles, name);
    }

    void completeProfilePassesWithoutShowingTheToken()
    {
        const QString token = QStringLiteral("glpat-secret-0123456789");
        const auto emulator = startGitLab(token);
        QVERIFY(emulator);
        const Result result = checkAgainst(*emulator, QStringLiteral("complete"), token);
        QVERIFY2(result.exitCode == ProfileCheck::Complete, qPrintable(result.out + result.err));
        QVERIFY(result.out.contains(emulator->baseUrl().toString()));
        QVERIFY2(result.out.contains(QStringLiteral("[ok] GitLab version: GitLab 17.5.0")), qPrintable(result.out));
        QVERIFY(!result.out.contains(QStringLiteral("[failed]")));
        QVERIFY(!result.out.contains(token));
        QVERIFY(!result.err.contains(token));
    }

    void warningsStillExitZero()
    {
        const QString token = QStringLiteral("glpat-warning-0123456789");
        const auto emulator = startGitLab(token);
        QVERIFY(emulator);
        emulator->setExternalUrl(QUrl(QStringLiteral("https://gitlab.internal.invalid")));
        const Result result = checkAgainst(*emulator, QStringLiteral("warning"), token);
        QVERIFY2(result.exitCode == ProfileCheck::Complete, qPrintable(result.out + result.err));
        QVERIFY2(result.out.contains(QStringLiteral("[warning] Pagination links")), qPrintable(result.out));
    }

    void aFailedLineExitsOne()
    {
        const QString token = QStringLiteral("glpat-failed-0123456789");
        const auto emulator = startGitLab(token);
        QVERIFY(emulator);
        emulator->setRunnerAvailable(false);
        const Result result = checkAgainst(*emulator, QStringLiteral("failed"), token);
        QCOMPARE(result.exitCode, ProfileCheck::CheckFailed);
        QVERIFY2(result.out.contains(QStringLiteral("[failed] Runners for the deploy jobs")), qPrintable(result.out));
        QVERIFY(result.out.contains(QStringLiteral("Fix: Register a runner")));
    }
};

QTEST_GUILESS_MAIN(TestProfileCheck)
#include "tst_profilecheck.moc"
