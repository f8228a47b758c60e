// Issue 25, section 3: a start with a warm cache does not read the platform
// again. Looking for apps a previous run left half-created used to read
// every app's allocation file from the inventory (one request each: 11,092
// at 10,000 apps); the sync has already read the inventory, so the offer
// comes from the statuses it read. A whole console (Shell) against the
// emulator: started once (cold), then again on the same profile (warm),
// where the half-created app is still offered and GitLab's API is asked a
// handful of times, none of them for an allocation file.

#include "sandbox/emulator/emulatorrepository.h"
#include "sandbox/emulator/emulatorstore.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/reliability/consoleprofile.h"
#include "views/mainwindow.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Dockmaster;

namespace {

constexpr int Apps = 40;
constexpr int SettleLimitMs = 120 * 1000;

// The "Unfinished app" question the console shows for appId, if shown.
QMessageBox *resumeOffer(const MainWindow *window, const QString &appId)
{
    for (QMessageBox *box : window->findChildren<QMessageBox *>()) {
        if (box->isVisible() && box->text().contains(appId))
            return box;
    }
    return nullptr;
}

} // namespace

class TestWarmStart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_gitlab = Test::startSeededGitLab(m_dir.filePath(QStringLiteral("gitlab")), Apps, &m_seed);
        QVERIFY(m_gitlab);
        QCOMPARE(m_seed.appIds.size(), Apps);
        // A previous run stopped while setting this app up.
        m_unfinished = m_seed.appIds.at(7);
        QVERIFY(markProvisioning(m_unfinished));
    }

    void cleanupTestCase() { m_gitlab.reset(); }

    void aWarmStartDoesNotReadEveryAllocation()
    {
        const ShellOptions options
            = Test::consoleOnProfile(m_dir.filePath(QStringLiteral("admin.ini")), QStringLiteral("admin"),
                                     m_gitlab->baseUrl(), m_seed.adminToken);
        {
            Shell cold(options);
            cold.start();
            QTRY_VERIFY_WITH_TIMEOUT(resumeOffer(cold.mainWindow(), m_unfinished), SettleLimitMs);
        }
        m_gitlab->clearRequestLog();
        Shell warm(options);
        warm.start();
        // Offered again: the inventory the warm start's sync read says so.
        QTRY_VERIFY_WITH_TIMEOUT(resumeOffer(warm.mainWindow(), m_unfinished), SettleLimitMs);
        QTest::qWait(3000); // whatever else the start does has had time to ask
        const int api = m_gitlab->requestCount(QString(), QStringLiteral("^/api/v4/"));
        const int allocations = m_gitlab->requestCount(QString(), QStringLiteral("allocations(%2F|/)"));
        qInfo("warm start of %d apps: %d API requests, %d for allocation files", Apps, api, allocations);
        QCOMPARE(allocations, 0);
        QVERIFY2(api < 20, qPrintable(QString::number(api)));
        // Only one offer for the one app left half-created.
        int offers = 0;
        for (const QString &appId : std::as_const(m_seed.appIds))
            offers += resumeOffer(warm.mainWindow(), appId) ? 1 : 0;
        QCOMPARE(offers, 1);
    }

private:
    // Sets the app's allocation in the inventory to "provisioning", as a run
    // stopped mid-way leaves it.
    bool markProvisioning(const QString &appId)
    {
        QMutexLocker lock(&m_gitlab->store().mutex());
        EmulatorProject *inventory = m_gitlab->store().projectByPath(QStringLiteral("plugins/ops/inventory"));
        if (!inventory)
            return false;
        EmulatorRepository repo(m_gitlab->store().repositoryPath(*inventory));
        const QString path = QStringLiteral("allocations/%1.json").arg(appId);
        const auto file = repo.file(QStringLiteral("main"), path);
        if (!file)
            return false;
        QJsonObject allocation = QJsonDocument::fromJson(file->content).object();
        allocation.insert(QStringLiteral("status"), QStringLiteral("provisioning"));
        const EmulatorRepository::Signature admin { QStringLiteral("Administrator"),
                                                    QStringLiteral("admin@example.test"),
                                                    QDateTime::currentDateTimeUtc() };
        return repo
            .commitTree(QStringLiteral("main"), QStringLiteral("main"), QStringLiteral("Set up ") + appId, admin,
                        { { path, QJsonDocument(allocation).toJson() } }, {}, nullptr)
            .has_value();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_gitlab;
    SandboxSeedResult m_seed;
    QString m_unfinished;
};

QTEST_MAIN(TestWarmStart)
#include "tst_warmstart.moc"
