#include "models/modelroles.h"
#include "models/releaserequestsfiltermodel.h"
#include "models/releaserequestsmodel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QTest>

using namespace Dockmaster;

namespace {

const QDateTime now(QDate(2026, 11, 25), QTime(12, 0), QTimeZone::UTC);

ReleaseRequest request(qint64 iid, Environment environment, int hoursOld, ReleaseState state = ReleaseState::Pending)
{
    ReleaseRequest r;
    r.projectId = 40;
    r.iid = iid;
    r.appId = QStringLiteral("app0000042");
    r.environment = environment;
    r.requestedRef = QStringLiteral("v2.%1.0").arg(iid);
    r.resolvedSha = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    r.requester = QStringLiteral("dev-dana");
    r.state = state;
    r.createdAt = now.addSecs(-hoursOld * 3600);
    return r;
}

} // namespace

class TestReleaseRequestsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void overdueRequestsAreFlaggedAgainstTheSla()
    {
        ReleaseRequestsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReferenceTime(now);
        model.setSlaHours(24);
        model.setItems({ request(1, Environment::Test, 2), request(2, Environment::Production, 30),
                         request(3, Environment::Production, 30, ReleaseState::Approved) });
        QVERIFY(!model.index(0, 0).data(Roles::OverdueRole).toBool());
        QVERIFY(model.index(1, 0).data(Roles::OverdueRole).toBool());
        QVERIFY(model.index(1, 0).data(Qt::BackgroundRole).isValid());
        QVERIFY(!model.index(2, 0).data(Roles::OverdueRole).toBool()); // only pending ones are overdue
        QCOMPARE(model.index(0, ReleaseRequestsModel::AgeColumn).data().toString(), QStringLiteral("2 h"));
        QCOMPARE(model.index(1, ReleaseRequestsModel::AgeColumn).data().toString(), QStringLiteral("30 h"));

        model.setSlaHours(48); // configurable: the highlight follows
        QVERIFY(!model.index(1, 0).data(Roles::OverdueRole).toBool());
    }

    void productionIsVisiblyDistinct()
    {
        ReleaseRequestsModel model;
        model.setItems({ request(1, Environment::Test, 1), request(2, Environment::Production, 1) });
        const QModelIndex test = model.index(0, ReleaseRequestsModel::EnvironmentColumn);
        const QModelIndex production = model.index(1, ReleaseRequestsModel::EnvironmentColumn);
        QCOMPARE(production.data().toString(), QStringLiteral("Production"));
        QVERIFY(production.data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!test.data(Qt::FontRole).isValid());
        QVERIFY(production.data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.index(1, ReleaseRequestsModel::ShaColumn).data().toString(), QStringLiteral("01234567"));
        QCOMPARE(model.index(1, ReleaseRequestsModel::ShaColumn).data(Qt::ToolTipRole).toString().size(), 40);
    }

    void filterAndSortOldestFirst()
    {
        ReleaseRequestsModel model;
        model.setReferenceTime(now);
        model.setItems({ request(1, Environment::Test, 1), request(2, Environment::Production, 50),
                         request(3, Environment::Test, 5) });
        ReleaseRequestsFilterModel filter;
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        filter.sort(ReleaseRequestsModel::AgeColumn, Qt::AscendingOrder);
        QCOMPARE(filter.index(0, ReleaseRequestsModel::RefColumn).data().toString(), QStringLiteral("v2.2.0"));
        QCOMPARE(filter.index(2, ReleaseRequestsModel::RefColumn).data().toString(), QStringLiteral("v2.1.0"));
        filter.setEnvironment(Environment::Test);
        QCOMPARE(filter.rowCount(), 2);
        filter.setSearchText(QStringLiteral("v2.3"));
        QCOMPARE(filter.rowCount(), 1);
    }
};

QTEST_MAIN(TestReleaseRequestsModel)
#include "tst_releaserequestsmodel.moc"
