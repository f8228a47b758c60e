#include "core/domain/appstatus.h"
#include "core/domain/pipelinestatus.h"
#include "core/domain/states.h"
#include "core/provisioning/provisioner.h"

#include <QSet>
#include <QTest>

using namespace Dockmaster;

// The enum<->key tables: the keys are what the cache, the inventory and
// GitLab hold, so they must stay exactly today's strings.
class TestEnumKeys : public QObject
{
    Q_OBJECT

    template<typename Table> static void checkRoundTrip(const Table &table)
    {
        QSet<QString> keys;
        for (const auto &entry : table) {
            const QString key = enumKey(table, entry.value);
            QCOMPARE(key, QLatin1StringView(entry.key));
            QVERIFY(enumFromKey(table, key) == entry.value);
            QVERIFY2(!keys.contains(key), qPrintable(key));
            keys.insert(key);
        }
    }

    template<typename Table> static QStringList keysOf(const Table &table)
    {
        QStringList keys;
        for (const auto &entry : table)
            keys.append(QLatin1StringView(entry.key));
        return keys;
    }

private Q_SLOTS:
    void everyTableRoundTrips()
    {
        checkRoundTrip(ReleaseStates);
        checkRoundTrip(AppStatuses);
        checkRoundTrip(PipelineStatuses);
    }

    void storedKeysAreTodays()
    {
        QCOMPARE(keysOf(ReleaseStates),
                 (QStringList { QStringLiteral("pending"), QStringLiteral("approved"), QStringLiteral("deployed"),
                                QStringLiteral("failed"), QStringLiteral("rejected"), QStringLiteral("invalid") }));
        QCOMPARE(keysOf(AppStatuses),
                 (QStringList { QStringLiteral("provisioning"), QStringLiteral("active"), QStringLiteral("test-only"),
                                QStringLiteral("failed"), QStringLiteral("archived") }));
        QCOMPARE(Provisioner::stepKey(Provisioner::Step::CodeRepository), QStringLiteral("code-repository"));
        QCOMPARE(Provisioner::stepKey(Provisioner::Step::JobTokenAccess), QStringLiteral("job-token-access"));
    }

    void unknownTextIsNoValue()
    {
        QVERIFY(!enumFromKey(ReleaseStates, u"Pending")); // exact, case-sensitive
        QVERIFY(!enumFromKey(ReleaseStates, u""));
        QVERIFY(!enumFromKey(PipelineStatuses, u"some_new_status"));
        QVERIFY(!isFinished(u"some_new_status"));
        QVERIFY(!isUnfinished(u"some_new_status"));
        QVERIFY(hasStarted(u"some_new_status")); // read its log rather than miss it
        QVERIFY(isAppStatus(u"test-only", AppStatus::TestOnly));
        QVERIFY(!isAppStatus(u"retired", AppStatus::Archived));
    }

    void pipelineStatusesAreSortedOnce()
    {
        QVERIFY(isFinished(u"success") && isFinished(u"canceled") && !isFinished(u"canceling"));
        QVERIFY(isUnfinished(u"waiting_for_resource") && !isUnfinished(u"manual"));
        QVERIFY(isWaitingForRunner(u"pending") && !isWaitingForRunner(u"running"));
        QVERIFY(!hasStarted(u"scheduled") && hasStarted(u"running"));
    }

    void stepTitlesAreTranslatedText()
    {
        QCOMPARE(Provisioner::stepTitle(Provisioner::Step::Activate), QStringLiteral("Mark the app active"));
        for (Provisioner::Step step : Provisioner::createSteps())
            QVERIFY(!Provisioner::stepKey(step).isEmpty() && !Provisioner::stepTitle(step).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEnumKeys)
#include "tst_enumkeys.moc"
