#include "tests/approvals/approvaltesthelpers.h"

#include <QSignalSpy>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define DOCKMASTER_HAVE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/lsan_interface.h>
#define DOCKMASTER_HAVE_LSAN 1
#endif
#endif

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

const QString Root = QStringLiteral("root");

// Nothing the approver allocated for its jobs may stay behind once it is gone
// and the client has dropped the callbacks of its dead context.
bool noLeaks()
{
#ifdef DOCKMASTER_HAVE_LSAN
    return __lsan_do_recoverable_leak_check() == 0;
#else
    return true; // only the sanitizer build can tell; CI runs it
#endif
}

} // namespace

// An approver destroyed while one of its jobs waits for GitLab or git (the
// profile changes, the window closes) frees every job: review §6.3.
class TestApproverLifetime : public QObject
{
    Q_OBJECT

private:
    ApprovalFixture m_fixture;
    std::unique_ptr<GitLabClient> m_client;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.start(2));
        m_client = m_fixture.client(m_fixture.emulator->adminToken());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_fixture.emulator.reset();
    }

    void destroyedBeforeAnOfflineRecoveryReports()
    {
        QTemporaryDir cache;
        auto approver = std::make_unique<ReleaseApprover>(m_client.get(), ApprovalFixture::options(cache.path()));
        approver->setOnline(false);
        approver->recover(Root); // answers on the next turn of the event loop
        approver.reset();
        QCoreApplication::processEvents();
        QVERIFY(noLeaks());
    }

    void destroyedWhileCompletingAnInterruptedApproval()
    {
        // A console pushed an approval commit and died before commenting.
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(1), 1, Environment::Test, QStringLiteral("v1.1.0"));
        QVERIFY(request.iid > 0);
        const QString ops = QStringLiteral("plugins/ops/") + request.appId;
        QVERIFY(!m_fixture.pushApprovalCommit(request, QStringLiteral("v1.1.0"), Root, m_fixture.emulator->adminToken())
                     .isEmpty());

        // The next start recovers it; the approver goes away mid-way.
        QTemporaryDir cache;
        auto approver = std::make_unique<ReleaseApprover>(m_client.get(), ApprovalFixture::options(cache.path()));
        QSignalSpy progress(approver.get(), &ReleaseApprover::progress);
        QSignalSpy recovered(approver.get(), &ReleaseApprover::recoveryFinished);
        // Holds the completion at its comment check, so the approver surely dies mid-way.
        const int fault = m_fixture.emulator->addFault(
            EmulatorFault::delay(QStringLiteral("/notes"), 3000, 1).onMethod(QStringLiteral("GET")));
        approver->recover(Root);
        // Emitted as the completion starts, before its GitLab calls are answered.
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), 20000);
        QVERIFY(recovered.isEmpty());
        approver.reset();
        // The client answers the calls in flight and drops their callbacks.
        QTRY_COMPARE_WITH_TIMEOUT(m_client->callsInFlight(), 0, 20000);
        m_fixture.emulator->removeFault(fault);
        QCoreApplication::processEvents();
        QVERIFY(noLeaks());
        QVERIFY(m_fixture.pipelinesSettle(ops, QStringLiteral("env/test")));
    }
};

QTEST_GUILESS_MAIN(TestApproverLifetime)
#include "tst_approverlifetime.moc"
